import { hostMatches, knownRedirectors, redirectParameters, shortenerHosts } from '../link-platforms.ts';
import { domainParts } from '../mail-features.ts';
import type { DetectionHit, MailDetection } from '../mail-detection.ts';

function embeddedTarget(url: string): string | null {
  try {
    const u = new URL(url);
    for (const [k, v] of u.searchParams) {
      if (!redirectParameters.includes(k.toLowerCase())) continue;
      const m = /^(?:https?:)?\/\/([^/?#:]+)/i.exec(v.trim());
      if (m?.[1]) return m[1].toLowerCase();
    }
  } catch {
    return null;
  }
  return null;
}

export const detection: MailDetection = {
  id: 'link.shortener-redirect',
  title: 'URL shortener or open redirect hides the destination',
  description:
    'Links through URL shorteners (bit.ly, tinyurl, …) or through open redirects on trusted sites (google.com/url?q=, ?redirect=https://other-site) whose final destination is on another domain.',
  category: 'link',
  maxWeight: 25,
  references: ['https://attack.mitre.org/techniques/T1566/002/', 'https://cwe.mitre.org/data/definitions/601.html'],
  falsePositives: ['Social-media and marketing mail that uses shorteners; single-sign-on links carrying a return URL to the same organisation.'],
  gaps: ['Shorteners not in the list, and redirect chains whose target is encoded (base64) rather than a plain URL.'],
  evaluate(m) {
    const hits: DetectionHit[] = [];
    const seen = new Set<string>();
    for (const l of m.links) {
      const short = hostMatches(shortenerHosts, l.host);
      if (short && !seen.has(short)) {
        seen.add(short);
        hits.push({ weight: 15, evidence: `link through the URL shortener ${short}: ${l.url}`, plain: `a link is hidden behind the URL shortener ${short}`, links: [l.url] });
        continue;
      }
      const target = embeddedTarget(l.url);
      const known = hostMatches(knownRedirectors, l.host, l.pathAndQuery);
      if (target && !seen.has(target)) {
        const tReg = domainParts(target).registrable;
        if (tReg === l.registrable || tReg === m.fromRegistrable) continue;
        seen.add(target);
        hits.push({
          weight: known ? 22 : 15,
          evidence: `link on ${l.host} redirects to ${target}`,
          plain: `a link passes through ${l.registrable} to send you on to ${tReg}`,
          links: [l.url],
        });
      }
    }
    return hits;
  },
  cases: [
    { name: 'google open redirect', kind: 'true-positive', fires: true, mail: { from: 'A <a@example.org>', html: '<a href="https://www.google.com/url?q=https://evil.example.top/login">Open</a>' } },
    { name: 'bit.ly link', kind: 'true-positive', fires: true, mail: { from: 'A <a@example.org>', text: 'Read it at https://bit.ly/3xYz' } },
    { name: 'plain link', kind: 'true-negative', fires: false, mail: { from: 'A <a@example.org>', text: 'https://example.org/page?id=4' } },
    { name: 'return URL to the same site', kind: 'near-miss', fires: false, mail: { from: 'A <a@example.org>', text: 'https://login.example.org/?next=https://www.example.org/home' } },
  ],
};
