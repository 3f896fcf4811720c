import type { MailDetection } from '../mail-detection.ts';
import { lurePatterns } from '../lure-lexicon.ts';
import { allMatches, quote } from '../phrases.ts';

const patterns: RegExp[] = [
  /\b(new|updated|changed?|different) (bank|banking|account|payment|remittance|wire) (details|information|info|account|instructions)\b/,
  /\b(change|update) (of|to|in) (our|the|my) (bank|banking|payment|remittance) (details|account|information)\b/,
  /\b(wire|bank) transfer (today|urgently|immediately|now)\b|\b(outstanding|overdue|unpaid|pending) (invoice|payment)s?\b/,
  /\b(iban|swift|routing number|sort code)\b.{0,80}\b(new|updated|changed|below)\b/,
  /\b(process|make|arrange) (a|an|the) (urgent|quick|immediate) (payment|wire|transfer)\b|\bpayroll (direct deposit|account) (change|update)\b|\b(update|change) (my|the) direct deposit\b/,
  /\b(novos dados bancarios|nova conta bancaria|alteracao (de|dos) dados bancarios|boleto (vencido|em aberto|atualizado))\b/,
  /\b(nouvelles coordonnees bancaires|changement de rib|nouveau rib)\b|\b(neue bankverbindung|geanderte bankdaten)\b|\b(nuevos datos bancarios|cambio de cuenta bancaria)\b/,
];

// and the lexicon's payment-redirection phrases in English, German, Dutch, French, Spanish, Portuguese and Italian
patterns.push(...lurePatterns.paymentChange);

export const detection: MailDetection = {
  id: 'content.payment-change',
  title: 'Payment or bank-detail change request',
  description: 'Requests to pay to new bank details, settle an overdue invoice by wire, or change payroll direct deposit: the core of business e-mail compromise and invoice fraud.',
  category: 'content',
  maxWeight: 25,
  references: ['https://www.fbi.gov/how-we-can-help-you/scams-and-safety/common-frauds-and-scams/business-email-compromise', 'https://attack.mitre.org/techniques/T1534/'],
  falsePositives: ['Genuine supplier notices of changed bank details (verify by phone on a known number).', 'Accounts-payable reminders about overdue invoices.'],
  gaps: ['Requests phrased without these stock phrases; attachments (invoices as PDF) are not read.'],
  evaluate(m) {
    const found = allMatches(m.content, patterns, 3);
    if (found.length === 0) return [];
    return [{ weight: found.length >= 2 ? 25 : 18, evidence: `payment-change phrases: ${found.map((f) => quote(f)).join(', ')}`, plain: `it asks for a payment or a change of bank details (${quote(found[0]!, 40)})` }];
  },
  cases: [
    { name: 'new bank details', kind: 'true-positive', fires: true, mail: { subject: 'Invoice 3321', text: 'Please note our new bank details below and process the outstanding invoice today.' } },
    { name: 'Italian new IBAN', kind: 'true-positive', fires: true, mail: { subject: 'Fattura', text: 'Vi comunichiamo le nuove coordinate bancarie per il pagamento.' } },
    { name: 'unrelated', kind: 'true-negative', fires: false, mail: { text: 'The new board arrived, thanks.' } },
    { name: 'invoice mentioned without a change', kind: 'near-miss', fires: false, mail: { text: 'I attached the invoice for last month as usual.' } },
  ],
};
