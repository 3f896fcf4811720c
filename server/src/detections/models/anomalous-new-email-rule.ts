import { dayAfter, office, rule, ruleEvent } from '../case-builders.ts';
import { fmtTime } from '../evidence.ts';
import { defineModel, scoreInBand } from '../model.ts';
import { defaultRuleSuspicion, ruleSuspicion } from '../rule-suspicion.ts';

export const anomalousNewEmailRule = defineModel({
  meta: {
    id: 'saas.anomalous-new-email-rule',
    title: 'New or changed inbox rule with suspicious properties',
    description:
      'An inbox rule that hides, deletes or diverts mail (RSS Feeds, Conversation History, Archive, Deleted Items, Junk; delete; mark as read), matches security or finance words, has a name without words or no condition at all: the classic business-email-compromise rule that keeps the victim from seeing replies and warnings.',
    severity: 'medium',
    mitre: [
      { id: 'T1564.008', name: 'Hide Artifacts: Email Hiding Rules' },
      { id: 'T1114.003', name: 'Email Collection: Email Forwarding Rule' },
    ],
    references: [
      'https://www.microsoft.com/en-us/security/blog/2023/06/08/detecting-and-mitigating-a-multi-stage-aitm-phishing-and-bec-campaign/',
      'https://attack.mitre.org/techniques/T1564/008/',
      'https://learn.microsoft.com/en-us/defender-xdr/alert-grading-playbook-inbox-manipulation-rules',
    ],
    knownFalsePositives: ['Tidy users who file newsletters into Archive and mark them read', 'Security teams filtering phishing-simulation reports'],
    knownGaps: ['Rules created through transport rules or EWS without a mailbox snapshot in between are only seen at the next sweep', 'Rules on folders other than the inbox are not swept'],
    eventKinds: ['inboxRule'],
  },
  params: { ...defaultRuleSuspicion, minPoints: 35, fullPoints: 90, firstRuleBonus: 5 },
  evaluate(ctx, p) {
    const e = ctx.event;
    if (e.kind !== 'inboxRule' || e.change === 'deleted' || e.change === 'existing' || !e.rule.enabled) return null;
    const s = ruleSuspicion(e.rule, e.change === 'changed' ? e.previous : null, p);
    if (s.reasons.length === 0) return null;
    let points = s.points;
    const reasons = [
      { code: 'rule.summary', text: `${e.upn} ${e.change === 'created' ? 'created' : 'changed'} the inbox rule ${JSON.stringify(e.rule.name)} (seen ${fmtTime(e.at)}).` },
      ...s.reasons,
    ];
    if ((ctx.user?.rulesCreated ?? 0) === 0) {
      points += p.firstRuleBonus;
      reasons.push({ code: 'rule.first-for-user', text: `${e.upn} had not created an inbox rule before.` });
    }
    if (points < p.minPoints) return null;
    return { score: scoreInBand('medium', (points - p.minPoints) / (p.fullPoints - p.minPoints)), reasons, sources: [] };
  },
  cases: () => [
    {
      name: 'rule named "." moving everything to RSS Feeds and marking it read',
      kind: 'true-positive',
      history: office(),
      event: ruleEvent('alice', dayAfter(), rule({ name: '.', hasConditions: false, conditionTerms: [], moveToFolder: 'RSS Feeds', markAsRead: true, stopProcessing: true })),
    },
    {
      name: 'newsletters filed into a Newsletters folder',
      kind: 'true-negative',
      history: office(),
      event: ruleEvent('alice', dayAfter(), rule()),
    },
    {
      name: 'newsletters archived and marked read',
      kind: 'near-miss',
      history: office(),
      event: ruleEvent('alice', dayAfter(), rule({ moveToFolder: 'Archive', markAsRead: true })),
    },
    {
      name: 'the "." rule already in the mailbox when Lantern first saw it',
      kind: 'near-miss',
      history: office(),
      event: ruleEvent('alice', dayAfter(), rule({ name: '.', hasConditions: false, conditionTerms: [], moveToFolder: 'RSS Feeds', markAsRead: true, stopProcessing: true }), 'existing'),
    },
  ],
});
