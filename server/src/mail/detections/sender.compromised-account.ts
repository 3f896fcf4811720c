import type { MailDetection } from '../mail-detection.ts';

// Points per incident severity: high and critical incidents are enough to hold the message on their own.
const weightBySeverity: Record<string, number> = { critical: 70, high: 65, medium: 45, low: 30 };

export const detection: MailDetection = {
  id: 'sender.compromised-account',
  title: "The sender's account is in an open account-takeover incident",
  description:
    "Identity detection has an open incident saying the sending account is compromised (sign-in with stolen credentials, new MFA method, hidden inbox rule…). Mail from a taken-over mailbox passes SPF, DKIM and DMARC and comes from a known colleague, so nothing in the message itself looks foreign: the tenant's own knowledge is the strongest signal there is.",
  category: 'sender',
  maxWeight: 70,
  references: [
    'https://attack.mitre.org/techniques/T1534/',
    'https://attack.mitre.org/techniques/T1078/004/',
    'https://learn.microsoft.com/en-us/defender-office-365/responding-to-a-compromised-email-account',
  ],
  falsePositives: [
    "Ordinary mail the colleague sent while the incident is open (the incident, not the message, is judged); an incident that is a false alarm holds the colleague's mail until an analyst closes it.",
  ],
  gaps: [
    'Silent without context.senderAccount: the caller must look the sender up in identity detection (createMailScorer takes a SenderCompromiseLookup).',
    'Partner accounts outside the tenant are only covered when identity detection knows them.',
  ],
  evaluate(m, ctx) {
    const acct = ctx.senderAccount;
    if (!acct?.compromised) return [];
    const severity = (acct.severity ?? '').toLowerCase();
    const weight = weightBySeverity[severity] ?? 50;
    const incident = acct.incidentId ? `incident ${acct.incidentId}` : 'an open incident';
    return [
      {
        weight,
        evidence: `identity detection has ${incident}${severity ? ` (${severity})` : ''} for ${m.fromAddress ?? 'the sender'}${acct.since ? `, compromised since ${acct.since}` : ''}: the message may come from the attacker`,
        plain: `the sender's account (${m.fromAddress ?? 'unknown'}) is under investigation as taken over by an attacker (${incident}), so this message may not come from them`,
      },
    ];
  },
  cases: [
    {
      name: 'colleague with a high-severity takeover incident',
      kind: 'true-positive',
      fires: true,
      context: { tenantDomains: ['contoso.com'], senderAccount: { compromised: true, incidentId: 'INC-2041', severity: 'high', since: '2025-03-03T08:10:00Z' } },
      mail: { from: 'Priya Natarajan <priya@contoso.com>', subject: 'Budget draft', text: 'Please see the draft.' },
    },
    {
      name: 'colleague with no incident',
      kind: 'true-negative',
      fires: false,
      context: { tenantDomains: ['contoso.com'] },
      mail: { from: 'Priya Natarajan <priya@contoso.com>', subject: 'Budget draft', text: 'Please see the draft.' },
    },
    {
      name: 'account looked up and found clean',
      kind: 'near-miss',
      fires: false,
      context: { tenantDomains: ['contoso.com'], senderAccount: { compromised: false } },
      mail: { from: 'Priya Natarajan <priya@contoso.com>', subject: 'Budget draft', text: 'Please see the draft.' },
    },
  ],
};
