// Password spray: one hosting IP tries a common password against many accounts (50126), a few minutes
// apart; one account with that password lets it in.
import { APPS } from '../apps.ts';
import type { GeneratorContext } from '../generator-context.ts';
import type { Prng } from '../prng.ts';
import { STATUS, graphTime } from '../sign-in-factory.ts';
import { strangerDevice } from '../tenant-model.ts';
import { attackStart, attackerEndpoint, attackerSignIn } from './attack-support.ts';

const MINUTE = 60_000;

export function injectPasswordSpray(ctx: GeneratorContext, prng: Prng): boolean {
  // Sprays hit whoever is in the address list, except the other attacks' victims (whose "first
  // sign-in from a new country" must stay first); generate.ts injects sprays after the other attacks.
  // Users without any role come first, so hard cases stay clean where the tenant is big enough.
  const attacked = ctx.builder.attackedUserIds();
  const free = ctx.personas.filter((p) => !ctx.reserved.has(p.index));
  const others = ctx.personas.filter((p) => ctx.reserved.has(p.index) && !attacked.has(p.id));
  const wanted = prng.between(20, 60);
  const targets = prng.sample(free, wanted);
  if (targets.length < wanted) targets.push(...prng.sample(others, wanted - targets.length));
  if (targets.length === 0) return false;
  const attacker = attackerEndpoint(ctx, prng, targets.slice(0, 5));
  const device = strangerDevice(prng);
  const t0 = attackStart(ctx, prng, 0.3, 0.85, 12 * 60 * MINUTE);
  let t = t0;
  const unreserved = targets.filter((p) => !ctx.reserved.has(p.index));
  const breached = unreserved.length > 0 ? prng.pick(unreserved) : null;
  if (breached) ctx.reserved.add(breached.index);
  for (const target of targets) {
    const status = target === breached ? STATUS.success : STATUS.invalidPassword;
    attackerSignIn(ctx, prng, target, t, APPS.exchangeOnline, attacker, device.browser, { interactive: true, status, clientAppUsed: 'Authenticated SMTP' });
    t += prng.between(10, 120) * 1000;
  }
  ctx.builder.addLabel({
    kind: 'attack',
    name: 'password-spray',
    userIds: targets.map((p) => p.id),
    start: graphTime(t0),
    end: graphTime(t),
    expectedModels: ['saas.password-spray', 'saas.unusual-credential-source'],
    attackerIp: attacker.ip,
  });
  return true;
}
