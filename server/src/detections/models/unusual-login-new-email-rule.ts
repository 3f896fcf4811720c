import { dayAfter, hoursAfter, nearby, office, places, rule, ruleEvent, signIn } from '../case-builders.ts';
import { fmtHours, fmtTime, placeOf } from '../evidence.ts';
import { defineModel, scoreInBand } from '../model.ts';
import { defaultRuleSuspicion, ruleSuspicion } from '../rule-suspicion.ts';

export const unusualLoginNewEmailRule = defineModel({
  meta: {
    id: 'saas.unusual-login-new-email-rule',
    title: 'New inbox rule shortly after an unusual sign-in',
    description:
      'An inbox rule that moves, deletes or forwards mail appears within days of a successful sign-in from a source unusual for the user and rare in the organisation.',
    severity: 'high',
    mitre: [
      { id: 'T1564.008', name: 'Hide Artifacts: Email Hiding Rules' },
      { id: 'T1078.004', name: 'Valid Accounts: Cloud Accounts' },
    ],
    references: [
      'https://www.microsoft.com/en-us/security/blog/2022/07/12/from-cookie-theft-to-bec-attackers-use-aitm-phishing-sites-as-entry-point-to-further-financial-fraud/',
      'https://www.microsoft.com/en-us/security/blog/2023/06/08/detecting-and-mitigating-a-multi-stage-aitm-phishing-and-bec-campaign/',
    ],
    knownFalsePositives: ['A traveller who tidies their mailbox while abroad'],
    knownGaps: ['Rules created more than the window after the sign-in (patient attackers) are left to saas.anomalous-new-email-rule'],
    eventKinds: ['inboxRule'],
  },
  params: { ...defaultRuleSuspicion, windowHours: 72, minLocation: 35, minRulePoints: 15, fullRulePoints: 80 },
  evaluate(ctx, p) {
    const e = ctx.event;
    if (e.kind !== 'inboxRule' || e.change === 'deleted' || e.change === 'existing' || !e.rule.enabled) return null;
    const prior = ctx.recent.unusualWithin(e.userId, ctx.now, p.windowHours).filter((u) => u.location >= p.minLocation);
    if (prior.length === 0) return null;
    const s = ruleSuspicion(e.rule, e.change === 'changed' ? e.previous : null, p);
    if (s.points < p.minRulePoints) return null;
    const u = prior.reduce((a, b) => (b.location > a.location ? b : a));
    const strength = 0.6 * Math.min(1, (s.points - p.minRulePoints) / (p.fullRulePoints - p.minRulePoints)) + 0.4 * Math.min(1, (u.location - p.minLocation) / 50);
    return {
      score: scoreInBand('high', strength),
      reasons: [
        {
          code: 'rule.after-unusual-sign-in',
          text: `${e.upn} ${e.change === 'created' ? 'created' : 'changed'} the inbox rule ${JSON.stringify(e.rule.name)} (seen ${fmtTime(e.at)}), ${fmtHours(ctx.now - u.t)} after a sign-in from ${placeOf(u, u.asnOrg)}${u.evidence.length > 0 ? `: ${u.evidence.join('; ')}` : ''}.`,
        },
        ...s.reasons,
      ],
      sources: u.ip ? [`ip:${u.ip}`] : [],
    };
  },
  cases: () => {
    const login = signIn('alice', dayAfter(14, 9), places.lagos);
    const hidden = rule({ name: '..', hasConditions: true, conditionTerms: ['invoice', 'payment'], moveToFolder: 'Conversation History', markAsRead: true });
    return [
      { name: 'hidden invoice rule three hours after a sign-in from Lagos', kind: 'true-positive', history: [...office(), login], event: ruleEvent('alice', hoursAfter(login.at, 3), hidden) },
      {
        name: 'the same rule after a sign-in from home',
        kind: 'true-negative',
        history: [...office(), signIn('alice', dayAfter(14, 9), nearby(places.paris, 0))],
        event: ruleEvent('alice', dayAfter(14, 12), hidden),
      },
      { name: 'a plain newsletter rule after the sign-in from Lagos', kind: 'near-miss', history: [...office(), login], event: ruleEvent('alice', hoursAfter(login.at, 3), rule()) },
      {
        name: 'the hidden rule already in the mailbox when Lantern first saw it, after the sign-in from Lagos',
        kind: 'near-miss',
        history: [...office(), login],
        event: ruleEvent('alice', hoursAfter(login.at, 3), hidden, 'existing'),
      },
    ];
  },
});
