import { freeHostingSuffixes, hostMatches } from '../link-platforms.ts';
import type { DetectionHit, MailDetection } from '../mail-detection.ts';

export const detection: MailDetection = {
  id: 'link.free-hosting',
  title: 'Link to a free web-hosting or app platform',
  description:
    'Links to pages on platforms where anyone can publish under the platform domain (Firebase, Cloudflare Pages/Workers, Netlify, Vercel, GitHub Pages, Azure/Google/AWS storage, IPFS gateways, site builders): phishing kits are hosted there for the borrowed reputation and TLS.',
  category: 'link',
  maxWeight: 25,
  references: ['https://attack.mitre.org/techniques/T1608/005/', 'https://attack.mitre.org/techniques/T1583/006/'],
  falsePositives: ['Legitimate small projects and status pages hosted on these platforms; developer mail linking to GitHub Pages.'],
  gaps: ['Custom domains in front of these platforms look like any other domain.'],
  evaluate(m) {
    const hits: DetectionHit[] = [];
    const seen = new Set<string>();
    for (const l of m.links) {
      const hit = hostMatches(freeHostingSuffixes, l.host);
      if (!hit || seen.has(l.host)) continue;
      if (m.fromDomain && (m.fromDomain === l.host || m.fromDomain.endsWith('.' + l.host))) continue;
      seen.add(l.host);
      hits.push({
        weight: hit === 'github.io' || hit === 'gitlab.io' ? 8 : 20,
        evidence: `link to ${l.host}, hosted on the free platform ${hit}`,
        plain: `a link leads to a page on ${hit}, where anyone can publish a site`,
        links: [l.url],
      });
    }
    return hits;
  },
  cases: [
    { name: 'firebase page', kind: 'true-positive', fires: true, mail: { from: 'A <a@example.org>', html: '<a href="https://secure-login-5b2.web.app/">Verify</a>' } },
    { name: 'ordinary domain', kind: 'true-negative', fires: false, mail: { from: 'A <a@example.org>', html: '<a href="https://example.org/">Home</a>' } },
    { name: 'firebase documentation on google.com', kind: 'near-miss', fires: false, mail: { from: 'A <a@example.org>', text: 'see https://firebase.google.com/docs/hosting' } },
  ],
};
