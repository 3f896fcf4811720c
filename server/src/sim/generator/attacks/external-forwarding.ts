// After an unusual sign-in, an inbox rule forwards mail about payments to a personal gmail.com address.
import type { GraphMessageRule } from '@lantern/shared';
import { APPS } from '../apps.ts';
import { reservePersona, type GeneratorContext } from '../generator-context.ts';
import { ruleId } from '../graph-ids.ts';
import type { Prng } from '../prng.ts';
import { STATUS, graphTime } from '../sign-in-factory.ts';
import { strangerDevice } from '../tenant-model.ts';
import { attackStart, attackerEndpoint, attackerSignIn } from './attack-support.ts';

const MINUTE = 60_000;

export function injectExternalForwarding(ctx: GeneratorContext, prng: Prng): boolean {
  const victim = reservePersona(ctx, () => prng.next(), (p) => p.stays.length === 1 && !p.commercialVpn);
  if (!victim) return false;
  const attacker = attackerEndpoint(ctx, prng, [victim]);
  const device = strangerDevice(prng);
  const t0 = attackStart(ctx, prng, 0.4, 0.85, 24 * 60 * MINUTE);
  const session = prng.guid();
  attackerSignIn(ctx, prng, victim, t0, APPS.officeHome, attacker, device.browser, { interactive: true, status: STATUS.success, correlationId: session });
  const tRule = t0 + prng.between(5, 90) * MINUTE;
  attackerSignIn(ctx, prng, victim, tRule - MINUTE, APPS.exchangeOnline, attacker, device.browser, { interactive: false, status: STATUS.success, correlationId: session });
  const mailboxName = `${victim.displayName.toLowerCase().replace(/[^a-z]/g, '.')}${prng.between(10, 99)}`;
  const current = ctx.builder.currentInboxRules(victim.id);
  const rule: GraphMessageRule = {
    id: ruleId(prng),
    displayName: prng.pick(['.', 'Forward', 'fw', '..']),
    sequence: current.length + 1,
    isEnabled: true,
    hasError: false,
    isReadOnly: false,
    conditions: { bodyOrSubjectContains: ['invoice', 'payment', 'wire', 'bank'] },
    actions: { forwardTo: [{ emailAddress: { name: mailboxName, address: `${mailboxName}@gmail.com` } }], stopProcessingRules: false },
  };
  ctx.builder.setInboxRules(victim.id, tRule, [...current, rule]);
  ctx.builder.addLabel({
    kind: 'attack',
    name: 'external-forwarding',
    userIds: [victim.id],
    start: graphTime(t0),
    end: graphTime(tRule),
    expectedModels: ['saas.unusual-credential-source', 'saas.anomalous-new-email-rule', 'saas.unusual-login-new-email-rule', 'saas.external-forwarding-rule'],
    attackerIp: attacker.ip,
  });
  return true;
}
