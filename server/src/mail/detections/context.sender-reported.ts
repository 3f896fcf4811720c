import type { MailDetection } from '../mail-detection.ts';

export const detection: MailDetection = {
  id: 'context.sender-reported',
  title: 'Sender was reported as phishing before',
  description: "Users in the organisation reported earlier messages from this sender as phishing; an analyst's confirmation weighs more than a lone report.",
  category: 'context',
  maxWeight: 45,
  references: ['https://learn.microsoft.com/en-us/defender-office-365/submissions-user-reported-messages-custom-mailbox', 'https://attack.mitre.org/techniques/T1566/'],
  falsePositives: ['Legitimate bulk senders that users report as spam rather than phishing.'],
  gaps: ['Silent without context.sender report counts.'],
  evaluate(m, ctx) {
    const h = ctx.sender;
    if (!h) return [];
    if ((h.confirmedPhish ?? 0) > 0) return [{ weight: 45, evidence: `${h.confirmedPhish} earlier message(s) from ${m.fromAddress} confirmed as phishing by an analyst`, plain: 'earlier messages from this sender were confirmed as phishing' }];
    if ((h.phishReports ?? 0) > 0) return [{ weight: h.phishReports! >= 3 ? 25 : 15, evidence: `${h.phishReports} earlier report(s) of ${m.fromAddress} as phishing`, plain: 'colleagues reported earlier messages from this sender as phishing' }];
    return [];
  },
  cases: [
    { name: 'confirmed phish sender', kind: 'true-positive', fires: true, context: { sender: { confirmedPhish: 2 } }, mail: { from: 'A <a@example.org>' } },
    { name: 'clean history', kind: 'true-negative', fires: false, context: { sender: { phishReports: 0, confirmedPhish: 0 } }, mail: { from: 'A <a@example.org>' } },
    { name: 'no history supplied', kind: 'near-miss', fires: false, mail: { from: 'A <a@example.org>' } },
  ],
};
