import { freemailDomains } from '../link-platforms.ts';
import type { MailDetection } from '../mail-detection.ts';
import { quote } from '../phrases.ts';

// Money talk that a stranger on a personal mailbox has no business sending: sums, crypto, inheritances, gift
// cards, loans, "your order/receipt" from someone who is not a shop. Folded text.
const moneyTalk =
  /(\$|€|£|r\$|usd|eur)\s?\d{1,3}([.,]\d{3})+|\b\d{4,}(\.\d\d)?\s?(\$|€|usd)|\b\d{1,3}([.,]\d{3})+(\.\d\d)?\s?(\$|€|usd|eur|dollars|euros)\b|\b(bitcoin|btc|usdt|gift ?cards?|fundos|funds|donation|donativos?|heranca|inheritance|herencia|beneficiar\w*|crypto ?wallet|sale receipt|invoice (number|#)|order (number|#)|compra em analise|loans?|emprestimos?|investment|investimentos?)\b/;

export const detection: MailDetection = {
  id: 'sender.freemail-money-lure',
  title: 'Money talk from a personal mailbox',
  description:
    'The sender (or the Reply-To) is a free personal mailbox (Gmail, Outlook.com, Yahoo, iCloud…) while the message talks money: large sums, crypto, inheritances, donations, gift cards, loans, a "receipt" or "order". Companies bill from their own domains; scams (advance-fee, fake invoices with a number to call, crypto bait) come from throw-away personal mailboxes.',
  category: 'sender',
  maxWeight: 15,
  references: ['https://www.fbi.gov/how-we-can-help-you/scams-and-safety/common-frauds-and-scams/advance-fee-schemes', 'https://consumer.ftc.gov/articles/how-avoid-scam', 'https://attack.mitre.org/techniques/T1585/002/'],
  falsePositives: ['Private individuals and sole traders who really do sell or invoice from a personal mailbox; friends discussing money.'],
  gaps: ['Free mailbox providers outside the shipped list; money talk in an image or attachment.'],
  evaluate(m) {
    const fromFree = !!m.fromRegistrable && freemailDomains.has(m.fromDomain ?? '');
    const replyFree = m.replyToAddresses.find((a) => freemailDomains.has((a.split('@')[1] ?? '').toLowerCase()));
    if (!fromFree && !replyFree) return [];
    const hit = moneyTalk.exec(m.content);
    if (!hit) return [];
    const mailbox = fromFree ? m.fromAddress : replyFree;
    return [
      {
        weight: 15,
        evidence: `${fromFree ? 'sender' : 'Reply-To'} ${mailbox} is a free personal mailbox and the message talks money (${quote(hit[0])})`,
        plain: `it talks about money (${quote(hit[0], 30)}) but comes from a personal ${fromFree ? 'mailbox' : 'reply address'} (${mailbox}), not a company's`,
      },
    ];
  },
  cases: [
    {
      name: 'inheritance from Gmail',
      kind: 'true-positive',
      fires: true,
      mail: { from: 'Mrs Ada Obi <ada.obi1960@gmail.com>', text: 'I wish to donate the inheritance of USD 4,500,000 left by my late husband.' },
    },
    { name: 'money talk from a company domain', kind: 'true-negative', fires: false, mail: { from: 'Billing <billing@fabrikam.com>', text: 'Invoice number 4411: USD 1,250.00 due on 3 March.' } },
    {
      name: 'personal mailbox without money',
      kind: 'near-miss',
      fires: false,
      mail: { from: 'Marek <marek.dev@gmail.com>', text: 'The X310 loses lock above 6 GHz; the transaction log is attached.' },
    },
  ],
};
