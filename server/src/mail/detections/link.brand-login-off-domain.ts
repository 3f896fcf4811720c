import { brands, foldForBrands, isBrandDomain } from '../brands.ts';
import type { DetectionHit, MailDetection } from '../mail-detection.ts';

const loginish = /\b(log ?in|sign ?in|signon|logon|verif\w*|auth\w*|account\w*|secure|update|password|webscr|owa|wallet|recover\w*|unlock|billing)\b/;
// brand names that are also common words are only matched in the host name, not the path
const hostOnly = new Set(['Webmail', 'Chase', 'UPS', 'Zoom', 'Adobe', 'Steam', 'Google', 'Apple', 'Ledger', "Lowe's", 'Hilton']);

export const detection: MailDetection = {
  id: 'link.brand-login-off-domain',
  title: "A known brand's login page on an unrelated domain",
  description:
    'A link whose host name or path names a well-known brand together with sign-in words ("microsoft-login-verify.com", "example.net/office365/login.php") while the domain is not one of that brand\'s.',
  category: 'link',
  maxWeight: 30,
  references: ['https://attack.mitre.org/techniques/T1566/002/', 'https://www.microsoft.com/en-us/security/blog/topic/phishing/'],
  falsePositives: ['Resellers and partners that carry a brand name in their domain ("contoso-microsoft-partner.com").'],
  gaps: ['Kits that reveal the brand only after the page loads are not seen (no fetching).'],
  evaluate(m) {
    for (const l of m.links) {
      const hostText = foldForBrands(l.host.replace(/[.-]/g, ' '));
      const pathText = foldForBrands(l.pathAndQuery.replace(/[/._?=&-]/g, ' '));
      for (const brand of brands) {
        if (brand.domains.length === 0) continue;
        const inHost = brand.pattern.test(hostText);
        const inPath = !hostOnly.has(brand.name) && brand.pattern.test(pathText);
        if (!inHost && !inPath) continue;
        if (isBrandDomain(brand, l.registrable, l.host)) continue;
        if (!loginish.test(inHost ? hostText + ' ' + pathText : pathText)) continue;
        if (m.fromRegistrable && l.registrable === m.fromRegistrable && !inHost) continue;
        const hit: DetectionHit = {
          weight: 25,
          evidence: `link ${l.url.slice(0, 160)} names ${brand.name} in its ${inHost ? 'host' : 'path'} with sign-in words, but ${l.registrable} is not a ${brand.name} domain`,
          plain: `a link imitates a ${brand.name} sign-in page but leads to ${l.registrable}`,
          links: [l.url],
        };
        return [hit];
      }
    }
    return [];
  },
  cases: [
    { name: 'office365 login on another domain', kind: 'true-positive', fires: true, mail: { from: 'A <a@example.org>', text: 'https://cdn.example.net/office365/login.php?u=1' } },
    { name: 'real Microsoft login', kind: 'true-negative', fires: false, mail: { from: 'A <a@example.org>', text: 'https://login.microsoftonline.com/common/oauth2' } },
    { name: 'brand named without sign-in words', kind: 'near-miss', fires: false, mail: { from: 'A <a@example.org>', text: 'https://blog.example.net/2024/why-we-moved-to-microsoft-teams' } },
  ],
};
