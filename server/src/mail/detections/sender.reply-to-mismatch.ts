import { freemailDomains } from '../link-platforms.ts';
import type { MailDetection } from '../mail-detection.ts';

export const detection: MailDetection = {
  id: 'sender.reply-to-mismatch',
  title: 'Replies go somewhere else than the sender',
  description: 'The Reply-To address is on a different domain than From, especially a free mailbox: answers (and the conversation the scam needs) go to the attacker.',
  category: 'sender',
  maxWeight: 20,
  references: ['https://attack.mitre.org/techniques/T1566/', 'https://www.fbi.gov/how-we-can-help-you/scams-and-safety/common-frauds-and-scams/business-email-compromise'],
  falsePositives: [
    'Mailing lists that rewrite From to the list and set Reply-To to the author (DMARC mitigation).',
    'Marketing platforms and ticketing systems that set a support Reply-To.',
  ],
  gaps: ['A Reply-To on the same domain as a spoofed From is not flagged here (authentication covers it).'],
  evaluate(m) {
    if (!m.fromRegistrable || m.replyToRegistrables.length === 0) return [];
    const other = m.replyToRegistrables.find((d) => d !== m.fromRegistrable);
    if (!other) return [];
    const free = freemailDomains.has(other) && !freemailDomains.has(m.fromRegistrable);
    return [
      {
        weight: free ? 15 : 8,
        evidence: `Reply-To ${m.replyToAddresses.join(', ')} is on ${other}, From is on ${m.fromRegistrable}${free ? ' (replies go to a free mailbox)' : ''}`,
        plain: `replies would go to ${other}, not to the sender's ${m.fromRegistrable}`,
      },
    ];
  },
  cases: [
    { name: 'corporate From, gmail Reply-To', kind: 'true-positive', fires: true, mail: { from: 'Payroll <payroll@example-corp.com>', replyTo: 'payroll.dept@gmail.com' } },
    { name: 'no Reply-To', kind: 'true-negative', fires: false, mail: { from: 'A <a@example.org>' } },
    { name: 'Reply-To on another host of the same organisation', kind: 'near-miss', fires: false, mail: { from: 'A <a@example.org>', replyTo: 'support@help.example.org' } },
  ],
};
