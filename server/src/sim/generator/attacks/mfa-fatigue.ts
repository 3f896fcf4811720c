// MFA fatigue: the attacker has the password and sends push after push (500121, denied) until the user
// approves one.
import { APPS } from '../apps.ts';
import { reservePersona, type GeneratorContext } from '../generator-context.ts';
import type { Prng } from '../prng.ts';
import { STATUS, graphTime } from '../sign-in-factory.ts';
import { strangerDevice } from '../tenant-model.ts';
import { attackStart, attackerEndpoint, attackerSignIn } from './attack-support.ts';

const MINUTE = 60_000;

export function injectMfaFatigue(ctx: GeneratorContext, prng: Prng): boolean {
  const victim = reservePersona(ctx, () => prng.next(), (p) => p.stays.length === 1 && !p.commercialVpn && p.phone !== null);
  if (!victim) return false;
  const attacker = attackerEndpoint(ctx, prng, [victim]);
  const device = strangerDevice(prng);
  const t0 = attackStart(ctx, prng, 0.4, 0.85, 24 * 60 * MINUTE);
  let t = t0;
  const denials = prng.between(8, 25);
  for (let i = 0; i < denials; i++) {
    attackerSignIn(ctx, prng, victim, t, APPS.officeHome, attacker, device.browser, { interactive: true, status: STATUS.mfaDenied });
    t += prng.between(40, 240) * 1000;
  }
  attackerSignIn(ctx, prng, victim, t, APPS.officeHome, attacker, device.browser, { interactive: true, status: STATUS.success });
  const session = prng.guid();
  for (let i = 0; i < 3; i++) {
    attackerSignIn(ctx, prng, victim, t + prng.between(1, 30) * MINUTE, APPS.exchangeOnline, attacker, device.browser, { interactive: false, status: STATUS.success, correlationId: session });
  }
  ctx.builder.addLabel({
    kind: 'attack',
    name: 'mfa-fatigue',
    userIds: [victim.id],
    start: graphTime(t0),
    end: graphTime(t + 30 * MINUTE),
    expectedModels: ['saas.mfa-fatigue', 'saas.unusual-credential-source'],
    attackerIp: attacker.ip,
  });
  return true;
}
