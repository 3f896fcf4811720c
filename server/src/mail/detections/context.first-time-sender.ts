import type { DetectionHit, MailDetection } from '../mail-detection.ts';

export const detection: MailDetection = {
  id: 'context.first-time-sender',
  title: 'First message from this sender',
  description: 'The sender has never written to this recipient, or to anyone in the organisation, before: most impersonation arrives from a new address.',
  category: 'context',
  maxWeight: 15,
  references: ['https://learn.microsoft.com/en-us/defender-office-365/anti-phishing-policies-about#first-contact-safety-tip', 'https://attack.mitre.org/techniques/T1566/'],
  falsePositives: ['Every genuine new contact (weighted low; it only matters alongside other signs).'],
  gaps: ['Silent when the caller supplies no sender history.', "Silent for the tenant's own domains: a colleague is not a first contact (a taken-over colleague is sender.compromised-account's case)."],
  evaluate(m, ctx) {
    const h = ctx.sender;
    if (!h) return [];
    const hits: DetectionHit[] = [];
    // A colleague is part of the organisation: "nobody here has heard from them" is never true of internal mail.
    const internal = m.fromDomain !== null && (ctx.tenantDomains ?? []).some((d) => d.toLowerCase() === m.fromDomain);
    if (internal) return hits;
    if (h.messagesToOrganisation === 0) {
      hits.push({ weight: 12, evidence: `first message from ${m.fromAddress} to anyone in the organisation`, plain: 'nobody in your organisation has received mail from this sender before' });
    } else if (h.messagesToRecipient === 0) {
      hits.push({ weight: 5, evidence: `first message from ${m.fromAddress} to this recipient (${h.messagesToOrganisation ?? '?'} to the organisation)`, plain: 'this is the first message this sender has sent you' });
    }
    return hits;
  },
  cases: [
    { name: 'never seen', kind: 'true-positive', fires: true, context: { sender: { messagesToRecipient: 0, messagesToOrganisation: 0 } }, mail: { from: 'A <a@example.org>' } },
    { name: 'regular correspondent', kind: 'true-negative', fires: false, context: { sender: { messagesToRecipient: 40, messagesToOrganisation: 300 } }, mail: { from: 'A <a@example.org>' } },
    { name: 'no history supplied', kind: 'near-miss', fires: false, mail: { from: 'A <a@example.org>' } },
    { name: 'a colleague writing for the first time', kind: 'near-miss', fires: false, context: { tenantDomains: ['contoso.com'], sender: { messagesToRecipient: 0, messagesToOrganisation: 0 } }, mail: { from: 'Ana <ana@contoso.com>' } },
  ],
};
