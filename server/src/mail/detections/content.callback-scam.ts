import type { MailDetection } from '../mail-detection.ts';
import { freemailDomains } from '../link-platforms.ts';
import { allMatches, quote } from '../phrases.ts';

// North American numbers, international +NN numbers, and Brazilian/Iberian toll-free 0800 / 0300 / 900 numbers
const phone = /(\+?1[\s.-]?)?\(?\b[2-9]\d{2}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b|\+\d{1,3}[\s.-]?\(?\d{2,4}\)?[\s.-]?\d{3,4}[\s.-]?\d{3,4}|\b0[38]00[\s.-]?\d{3}[\s.-]?\d{4}\b/;
const callToAction = /\b(call|dial|contact|reach|phone|ring|ligue|llame|appelez|rufen sie|bel)\b[^.\n]{0,80}\b(support|billing|helpline|help desk|team|us|toll[- ]free|number|at|on|central|atendimento|seguranca|soporte|servicio|kundenservice|klantenservice|service client)\b/;
const transaction: RegExp[] = [
  /\byour (recent )?(order|purchase|subscription|invoice|payment|renewal|membership|plan|transaction)\b/,
  /\b(auto-?renew(al|ed)?|renewed (successfully|automatically)|has been (charged|debited|deducted|renewed|processed))\b/,
  /\b(refund|cancel(l)?ation|dispute|unauthori[sz]ed (charge|transaction|purchase))\b/,
  /\b(amount|total|subtotal|invoice (number|no|#))\b[^\n]{0,20}(r\$|[$€£])\s?\d/,
  // the same moves in Portuguese, Spanish, German, French and Dutch: a purchase or transfer "under review" in the
  // reader's name, an amount, and "if you do not recognise it"
  /\b(compra|transacao|pagamento|pix|transferencia|fatura|assinatura|pedido|cargo|pago|bestellung|zahlung|abbuchung|commande|paiement|prelevement|bestelling|betaling)s? (em analise|pendente|aprovad[ao]|realizad[ao]|confirmad[ao]|processad[ao]|en revision|pendiente|aprobad[ao]|realizad[ao]|in prufung|ausstehend|en attente|en cours de verification|in behandeling)\b/,
  /\b(no valor de|por (un )?(valor|importe) de|im wert von|d'un montant de|ter waarde van)\b[^\n]{0,10}(r\$|[$€£]|\d)/,
  /\b(caso (nao|voce nao) (reconheca|tenha (feito|realizado))|si no (reconoce|realizo)|wenn sie (diese|die) (zahlung|bestellung|abbuchung) nicht|si vous n'?(etes|avez) pas (a l'origine|effectue)|als u (deze|de) (betaling|bestelling) niet)\b/,
];

export const detection: MailDetection = {
  id: 'content.callback-scam',
  title: 'Fake invoice asking the reader to phone',
  description:
    'A purchase, renewal or charge the reader did not make, with a phone number to call to cancel or dispute it ("callback phishing" / telephone-oriented attack delivery): the call leads to remote-access software or card theft.',
  category: 'content',
  maxWeight: 35,
  references: ['https://consumer.ftc.gov/articles/how-spot-avoid-and-report-tech-support-scams', 'https://attack.mitre.org/techniques/T1566/004/'],
  falsePositives: ['Genuine order confirmations that print a customer-service number (weighted higher only from free mailboxes or with several transaction phrases).'],
  gaps: ['Numbers in images or attached PDFs are not read.'],
  evaluate(m) {
    const ph = phone.exec(m.content);
    if (!ph || !callToAction.test(m.content)) return [];
    const found = allMatches(m.content, transaction, 4);
    if (found.length < 2) return [];
    const free = m.fromRegistrable != null && freemailDomains.has(m.fromRegistrable);
    return [
      {
        weight: free || found.length >= 3 ? 35 : 20,
        evidence: `transaction phrases ${found.map((f) => quote(f, 40)).join(', ')} with a number to call (${ph[0].trim()})${free ? ', sent from a free mailbox' : ''}`,
        plain: `it describes a charge or renewal and asks you to phone ${ph[0].trim()}, a known scam`,
      },
    ];
  },
  cases: [
    {
      name: 'fake renewal from gmail',
      kind: 'true-positive',
      fires: true,
      mail: { from: 'Billing <billing.desk.77@gmail.com>', subject: 'Order Confirmation', text: 'Your subscription has been renewed. Amount: $399.99. If you did not make this payment call our billing support team at +1 (845) 666-0539 to cancel.' },
    },
    {
      name: 'Portuguese purchase under review with a toll-free number',
      kind: 'true-positive',
      fires: true,
      mail: { from: 'Alerta <alerta.seguro.931@gmail.com>', subject: 'Aviso importante', text: 'Compra em analise no valor de R$1.599,99 em LOJA-BR. Caso nao reconheca, ligue para a central de seguranca: 0800-400-8033.' },
    },
    { name: 'no phone number', kind: 'true-negative', fires: false, mail: { text: 'Your order has shipped.' } },
    { name: 'signature with a phone number', kind: 'near-miss', fires: false, mail: { text: 'Thanks for your order of the B210 board. Regards, Jim, call me at +1 (845) 666-0539.' } },
  ],
};
