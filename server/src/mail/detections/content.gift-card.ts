import type { MailDetection } from '../mail-detection.ts';
import { allMatches, quote } from '../phrases.ts';

const patterns: RegExp[] = [
  /\b(buy|purchase|get|pick up|send me|need) (some |a few |\d+ )?(itunes|apple|google play|amazon|steam|ebay|visa|vanilla|target|walmart|best buy)? ?gift ?cards?\b/,
  /\bgift ?cards?\b.{0,120}\b(scratch|codes?|pictures?|photos?|claim numbers?|pin)\b/,
  /\b(cartao|cartoes) (presente|de presente)\b.{0,80}\b(codigo|comprar)\b|\b(carte|cartes) cadeaux?\b.{0,80}\b(code|acheter)\b|\bgutschein(karte)?n?\b.{0,80}\b(code|kaufen)\b/,
];

export const detection: MailDetection = {
  id: 'content.gift-card',
  title: 'Gift-card request',
  description: 'Asks the reader to buy gift cards and send the codes: an impersonation scam with no legitimate business use.',
  category: 'content',
  maxWeight: 30,
  references: ['https://consumer.ftc.gov/articles/avoiding-and-reporting-gift-card-scams', 'https://www.fbi.gov/how-we-can-help-you/scams-and-safety/common-frauds-and-scams/business-email-compromise'],
  falsePositives: ['Retail marketing about gift cards (needs both the card and a code/purchase request to fire strongly).', 'HR mail about staff gift cards.'],
  gaps: ['Requests that move to SMS after a first "are you available?" message.'],
  evaluate(m) {
    const found = allMatches(m.content, patterns, 3);
    if (found.length === 0) return [];
    return [{ weight: found.length >= 2 ? 30 : 20, evidence: `gift-card phrases: ${found.map((f) => quote(f)).join(', ')}`, plain: `it asks about gift cards (${quote(found[0]!, 40)}), a common scam` }];
  },
  cases: [
    { name: 'buy gift cards and send codes', kind: 'true-positive', fires: true, mail: { text: 'I need you to purchase 5 Apple gift cards and send me pictures of the codes.' } },
    { name: 'unrelated', kind: 'true-negative', fires: false, mail: { text: 'See you at the lab.' } },
    { name: 'a card reader, not a gift card', kind: 'near-miss', fires: false, mail: { text: 'The SD card was not detected; I will buy a new card reader.' } },
  ],
};
