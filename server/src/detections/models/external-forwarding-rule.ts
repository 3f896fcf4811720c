import { COLLEAGUES, dayAfter, hoursAfter, office, rule, ruleEvent } from '../case-builders.ts';
import { fmtTime } from '../evidence.ts';
import { defineModel, scoreInBand } from '../model.ts';
import { externalRecipients } from '../rule-suspicion.ts';

export const externalForwardingRule = defineModel({
  meta: {
    id: 'saas.external-forwarding-rule',
    title: 'Inbox rule forwarding mail outside the organisation',
    description:
      'A new or changed inbox rule forwards or redirects mail to an address outside the tenant\'s domains. Stronger when other users forward to the same address, or when the rule forwards everything.',
    severity: 'medium',
    mitre: [{ id: 'T1114.003', name: 'Email Collection: Email Forwarding Rule' }],
    references: [
      'https://attack.mitre.org/techniques/T1114/003/',
      'https://learn.microsoft.com/en-us/defender-office-365/outbound-spam-policies-external-email-forwarding',
    ],
    knownFalsePositives: ['Users forwarding to a personal mailbox (a policy question rather than an attack)', 'Forwarding to a partner or a subsidiary whose domain is not registered in the tenant'],
    knownGaps: ['Mailbox-level forwarding (forwardingSmtpAddress) and transport rules are not rules in the inbox and are not seen here'],
    eventKinds: ['inboxRule'],
  },
  params: { windowHours: 24 * 14, perOtherUser: 0.3, noConditionBonus: 0.3, base: 0.2 },
  evaluate(ctx, p) {
    const e = ctx.event;
    if (e.kind !== 'inboxRule' || e.change === 'deleted' || e.change === 'existing' || !e.rule.enabled) return null;
    const ext = externalRecipients(e.rule, ctx.tenant.domains);
    const old = e.previous && e.change === 'changed' ? new Set(externalRecipients(e.previous, ctx.tenant.domains)) : new Set<string>();
    const fresh = ext.filter((a) => !old.has(a));
    if (fresh.length === 0) return null;
    const reasons = [{ code: 'forward.external', text: `${e.upn}'s inbox rule ${JSON.stringify(e.rule.name)} (seen ${fmtTime(e.at)}) forwards mail outside the organisation to ${fresh.join(', ')}.` }];
    let strength = p.base;
    const others = new Set<string>();
    for (const a of fresh) for (const s of ctx.recent.sightings(`fwd:${a}`, ctx.now, p.windowHours)) if (s.userId !== e.userId) others.add(s.upn);
    if (others.size > 0) {
      strength += p.perOtherUser * others.size;
      reasons.push({ code: 'forward.shared-destination', text: `Other users forward to the same address: ${[...others].sort().join(', ')}.` });
    }
    if (!e.rule.hasConditions) {
      strength += p.noConditionBonus;
      reasons.push({ code: 'forward.everything', text: 'The rule has no condition: every message is forwarded.' });
    }
    return { score: scoreInBand('medium', strength), reasons, sources: fresh.map((a) => `fwd:${a}`) };
  },
  cases: () => [
    {
      name: 'every message forwarded to a free-mail address',
      kind: 'true-positive',
      history: office(),
      event: ruleEvent('alice', dayAfter(), rule({ name: 'fw', hasConditions: false, conditionTerms: [], moveToFolder: null, forwardTo: ['alice.backup@gmail.example'] })),
    },
    {
      name: 'forwarding to a colleague inside the tenant',
      kind: 'true-negative',
      history: office(),
      event: ruleEvent('alice', dayAfter(), rule({ moveToFolder: null, forwardTo: [`${COLLEAGUES[0]}@contoso.com`] })),
    },
    {
      name: 'forwarding to a subsidiary on a subdomain',
      kind: 'near-miss',
      history: office(),
      event: ruleEvent('alice', hoursAfter(dayAfter(), 1), rule({ moveToFolder: null, forwardTo: ['desk@emea.contoso.com'] })),
    },
    {
      name: 'forwarding everything to free mail, already in the mailbox when Lantern first saw it',
      kind: 'near-miss',
      history: office(),
      event: ruleEvent('alice', dayAfter(), rule({ name: 'fw', hasConditions: false, conditionTerms: [], moveToFolder: null, forwardTo: ['alice.backup@gmail.example'] }), 'existing'),
    },
  ],
});
