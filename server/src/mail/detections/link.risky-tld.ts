import { riskyTlds } from '../link-platforms.ts';
import type { DetectionHit, MailDetection } from '../mail-detection.ts';

export const detection: MailDetection = {
  id: 'link.risky-tld',
  title: 'Link on a top-level domain favoured by phishing',
  description: 'Links to domains under TLDs whose share of phishing and abuse far exceeds their share of legitimate mail (.top, .xyz, .life, .click, .shop, …).',
  category: 'link',
  maxWeight: 15,
  references: ['https://www.spamhaus.org/statistics/tlds/', 'https://apwg.org/trendsreports/'],
  falsePositives: ['Legitimate businesses on new gTLDs (.shop stores, .live streams).'],
  gaps: ['The list is static data; abuse moves between TLDs over time.'],
  evaluate(m) {
    const tlds = new Map<string, string>();
    for (const l of m.links) {
      if (l.isIp || l.registrable === m.fromRegistrable) continue;
      if (riskyTlds.has(l.suffix) && !tlds.has(l.suffix)) tlds.set(l.suffix, l.url);
    }
    const hits: DetectionHit[] = [];
    for (const [tld, url] of tlds) {
      hits.push({ weight: 10, evidence: `link on the .${tld} top-level domain: ${url}`, plain: `a link leads to a .${tld} site`, links: [url] });
    }
    return hits;
  },
  cases: [
    { name: '.top link', kind: 'true-positive', fires: true, mail: { from: 'A <a@example.org>', text: 'https://secure-update.top/a' } },
    { name: '.com link', kind: 'true-negative', fires: false, mail: { from: 'A <a@example.org>', text: 'https://example.com/a' } },
    { name: 'sender links its own .shop domain', kind: 'near-miss', fires: false, mail: { from: 'Shop <news@flowers.shop>', text: 'https://flowers.shop/sale' } },
  ],
};
