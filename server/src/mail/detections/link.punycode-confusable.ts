import type { DetectionHit, MailDetection } from '../mail-detection.ts';

const latin = /[a-z]/i;
const nonLatinLetter = /[\u0370-\u03ff\u0400-\u04ff\u0500-\u052f\u0530-\u058f\u13a0-\u13ff\u0250-\u02af]/;

export const detection: MailDetection = {
  id: 'link.punycode-confusable',
  title: 'Internationalised or confusable host name',
  description:
    'A link whose host is punycode (xn--) or mixes Latin letters with look-alike Cyrillic/Greek letters in one label: the classic homograph attack (аpple.com with a Cyrillic а).',
  category: 'link',
  maxWeight: 30,
  references: ['https://www.unicode.org/reports/tr39/', 'https://www.xudongz.com/blog/2017/idn-phishing/'],
  falsePositives: ['Genuine internationalised domains (German umlauts, Chinese or Cyrillic sites) in mail from those communities: weighted lower than mixed-script labels.'],
  gaps: ['Whole-script confusables (a label entirely in Cyrillic that reads as Latin) are only caught as punycode, not as a specific brand imitation.'],
  evaluate(m) {
    const hits: DetectionHit[] = [];
    const seen = new Set<string>();
    for (const l of m.links) {
      if (seen.has(l.host) || !l.host.split('.').some((x) => x.startsWith('xn--'))) continue;
      seen.add(l.host);
      const mixed = l.hostUnicode.split('.').some((label) => latin.test(label) && nonLatinLetter.test(label));
      hits.push({
        weight: mixed ? 30 : 15,
        evidence: `link host ${l.hostUnicode} is punycode ${l.host}${mixed ? ' and mixes Latin with look-alike letters' : ''}`,
        plain: `a link's address ${l.hostUnicode} uses look-alike characters`,
        links: [l.url],
      });
    }
    return hits;
  },
  cases: [
    { name: 'Cyrillic a in apple', kind: 'true-positive', fires: true, mail: { from: 'A <a@example.org>', html: '<a href="https://\u0430pple.com/id">Apple ID</a>' } },
    { name: 'ASCII host', kind: 'true-negative', fires: false, mail: { from: 'A <a@example.org>', text: 'https://apple.com/' } },
    { name: 'xn in a path, not the host', kind: 'near-miss', fires: false, mail: { from: 'A <a@example.org>', text: 'https://example.org/xn--test' } },
  ],
};
