// Device-code phishing: the victim enters the attacker's code at microsoft.com/devicelogin; the token is
// issued to a public client (Azure CLI) polling from the attacker's server, which then reads mail.
import { APPS } from '../apps.ts';
import { reservePersona, type GeneratorContext } from '../generator-context.ts';
import type { Prng } from '../prng.ts';
import { STATUS, graphTime, makeSignIn } from '../sign-in-factory.ts';
import { strangerDevice } from '../tenant-model.ts';
import { attackStart, attackerEndpoint, attackerSignIn } from './attack-support.ts';

const MINUTE = 60_000;

export function injectDeviceCode(ctx: GeneratorContext, prng: Prng): boolean {
  const victim = reservePersona(ctx, () => prng.next(), (p) => p.stays.length === 1 && !p.commercialVpn);
  if (!victim) return false;
  const attacker = attackerEndpoint(ctx, prng, [victim]);
  const device = strangerDevice(prng);
  const t0 = attackStart(ctx, prng, 0.4, 0.85, 24 * 60 * MINUTE);
  const session = prng.guid();
  ctx.builder.addSignIn(t0, () => ({
    ...makeSignIn(prng.guid(), victim, {
      t: t0,
      app: APPS.azureCli,
      endpoint: attacker,
      device: device.app,
      clientAppUsed: 'Mobile Apps and Desktop clients',
      interactive: true,
      status: STATUS.success,
      correlationId: session,
    }),
    authenticationProtocol: 'deviceCode',
  }));
  let last = t0;
  for (let i = 0; i < prng.between(4, 10); i++) {
    const t = t0 + prng.between(1, 180) * MINUTE;
    last = Math.max(last, t);
    attackerSignIn(ctx, prng, victim, t, APPS.azureCli, attacker, device.app, { interactive: false, status: STATUS.success, clientAppUsed: 'Mobile Apps and Desktop clients', correlationId: session });
  }
  ctx.builder.addLabel({
    kind: 'attack',
    name: 'device-code',
    userIds: [victim.id],
    start: graphTime(t0),
    end: graphTime(last),
    expectedModels: ['saas.device-code-sign-in', 'saas.unusual-credential-source'],
    attackerIp: attacker.ip,
  });
  return true;
}
