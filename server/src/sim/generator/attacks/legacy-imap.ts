// Legacy protocol abuse: IMAP4 sign-ins (basic authentication, no MFA) from a hosting IP, a few failures
// then a success, and a mailbox sync.
import type { GraphDeviceDetail } from '@lantern/shared';
import { APPS } from '../apps.ts';
import { reservePersona, type GeneratorContext } from '../generator-context.ts';
import type { Prng } from '../prng.ts';
import { STATUS, graphTime } from '../sign-in-factory.ts';
import { attackStart, attackerEndpoint, attackerSignIn } from './attack-support.ts';

const MINUTE = 60_000;
const NO_DEVICE: GraphDeviceDetail = { deviceId: '', displayName: '', operatingSystem: '', browser: '', isCompliant: false, isManaged: false, trustType: '' };

export function injectLegacyImap(ctx: GeneratorContext, prng: Prng): boolean {
  const victim = reservePersona(ctx, () => prng.next(), (p) => p.stays.length === 1 && !p.commercialVpn);
  if (!victim) return false;
  const attacker = attackerEndpoint(ctx, prng, [victim]);
  const t0 = attackStart(ctx, prng, 0.4, 0.85, 24 * 60 * MINUTE);
  let t = t0;
  for (let i = 0; i < prng.between(1, 4); i++) {
    attackerSignIn(ctx, prng, victim, t, APPS.exchangeImap, attacker, NO_DEVICE, { interactive: true, status: STATUS.invalidPassword, clientAppUsed: 'IMAP4' });
    t += prng.between(5, 60) * 1000;
  }
  for (let i = 0; i < prng.between(5, 15); i++) {
    attackerSignIn(ctx, prng, victim, t, APPS.exchangeImap, attacker, NO_DEVICE, { interactive: true, status: STATUS.success, clientAppUsed: 'IMAP4' });
    t += prng.between(1, 20) * MINUTE;
  }
  ctx.builder.addLabel({
    kind: 'attack',
    name: 'legacy-imap',
    userIds: [victim.id],
    start: graphTime(t0),
    end: graphTime(t),
    expectedModels: ['saas.legacy-protocol-sign-in', 'saas.unusual-credential-source'],
    attackerIp: attacker.ip,
  });
  return true;
}
