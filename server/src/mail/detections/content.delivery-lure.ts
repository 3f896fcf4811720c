import type { MailDetection } from '../mail-detection.ts';
import { lurePatterns } from '../lure-lexicon.ts';
import { allMatches, quote } from '../phrases.ts';

// a fee, customs duty or payment asked for the parcel: the point of the lure
const feeAsked = /\b(fee|charge|duty|customs|gebuhr\w*|zoll\w*|kosten|frais|douane|tasas?|aduana|taxa\w*|alfandega|tass[ae]|dogana|spese|douanekosten|betal\w*|pagamento|pago|payment|zahlung)\b/;

export const detection: MailDetection = {
  id: 'content.delivery-lure',
  title: 'A parcel held or undelivered, with something to do',
  description:
    'A parcel, shipment or order said to be undeliverable, held at customs or awaiting a fee or confirmation of the address: the delivery lure behind most parcel-fee and card-harvesting scams. Phrases are composed from the lure lexicon (parcel nouns near failed-delivery or fee claims) in English, German, Dutch, French, Spanish, Portuguese and Italian.',
  category: 'content',
  maxWeight: 25,
  references: ['https://www.ncsc.gov.uk/collection/phishing-scams', 'https://attack.mitre.org/techniques/T1566/'],
  falsePositives: ['Real carrier notices of a failed delivery or duty to pay (check the sender and the links: carriers link to their own domains).'],
  gaps: ['Lures carried in an image or an attachment; languages outside the lexicon.'],
  evaluate(m) {
    const found = allMatches(m.content, lurePatterns.deliveryProblem, 2);
    if (found.length === 0) return [];
    const fee = found.some((f) => feeAsked.test(f));
    return [
      {
        weight: fee ? 25 : 20,
        evidence: `delivery-lure phrases: ${found.map((f) => quote(f)).join(', ')}${fee ? ' (a fee or payment is asked for)' : ''}`,
        plain: `it says a parcel of yours is held or undelivered (${quote(found[0]!, 50)})`,
      },
    ];
  },
  cases: [
    { name: 'customs fee in Portuguese', kind: 'true-positive', fires: true, mail: { subject: 'Correios', text: 'Sua encomenda está retida na alfândega. Pague a taxa de importação para liberar.' } },
    { name: 'German failed delivery', kind: 'true-positive', fires: true, mail: { subject: 'DHL', text: 'Ihr Paket konnte nicht zugestellt werden. Bitte bestätigen Sie die Lieferadresse.' } },
    { name: 'Italian customs', kind: 'true-positive', fires: true, mail: { subject: 'Spedizione', text: 'Il tuo pacco è trattenuto in dogana: paga le spese di spedizione.' } },
    { name: 'order shipped', kind: 'true-negative', fires: false, mail: { subject: 'Your order has shipped', text: 'Your order 1234 is on its way and should arrive on Tuesday.' } },
    { name: 'a package of software that failed to build', kind: 'near-miss', fires: false, mail: { text: 'The uhd package failed to build on Fedora; the delivery of the fix is planned for 4.6.' } },
  ],
};
