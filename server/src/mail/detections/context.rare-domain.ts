import type { MailDetection } from '../mail-detection.ts';

export const detection: MailDetection = {
  id: 'context.rare-domain',
  title: "Sender's domain is rare in the organisation's mail",
  description: 'The sender\'s registrable domain has sent the organisation no, or almost no, mail over the history window: new and rarely seen domains carry most phishing.',
  category: 'context',
  maxWeight: 12,
  references: ['https://unit42.paloaltonetworks.com/newly-registered-domains-malicious-abuse-by-bad-actors/', 'https://attack.mitre.org/techniques/T1583/001/'],
  falsePositives: ['New suppliers and customers.'],
  gaps: ['Silent without context.sender.domainMessagesToOrganisation; domain age is not looked up (no network).'],
  evaluate(m, ctx) {
    const n = ctx.sender?.domainMessagesToOrganisation;
    if (n === undefined) return [];
    if (n === 0) return [{ weight: 10, evidence: `no earlier mail from ${m.fromRegistrable} to the organisation`, plain: `your organisation has never received mail from ${m.fromRegistrable}` }];
    const total = ctx.sender?.organisationInboundTotal;
    if (n < 3 && (total === undefined || total > 1000)) return [{ weight: 5, evidence: `only ${n} earlier message(s) from ${m.fromRegistrable} to the organisation`, plain: `mail from ${m.fromRegistrable} is rare in your organisation` }];
    return [];
  },
  cases: [
    { name: 'never seen domain', kind: 'true-positive', fires: true, context: { sender: { domainMessagesToOrganisation: 0 } }, mail: { from: 'A <a@new-domain.example>' } },
    { name: 'common domain', kind: 'true-negative', fires: false, context: { sender: { domainMessagesToOrganisation: 5000, organisationInboundTotal: 90000 } }, mail: { from: 'A <a@example.org>' } },
    { name: 'a few earlier messages in a small tenant', kind: 'near-miss', fires: false, context: { sender: { domainMessagesToOrganisation: 4, organisationInboundTotal: 800 } }, mail: { from: 'A <a@example.org>' } },
  ],
};
