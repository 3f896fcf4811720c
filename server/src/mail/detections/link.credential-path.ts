import type { DetectionHit, MailDetection } from '../mail-detection.ts';

const credentialPath = /(^|[/_.-])(log-?in|sign-?in|signon|logon|verif(y|ication)|validate|auth(enticate)?|webscr|secure-?update|account-?(update|verify|recovery|restore|unlock)|password|passwd|unlock|reactivat|suspend|credential|wallet-?connect|recover(y)?|confirm(ation)?|owa|webmail|mfa|2fa|otp)([/_.?=&-]|\.php|\.html?|$)/;

export const detection: MailDetection = {
  id: 'link.credential-path',
  title: 'Link path asks for credentials',
  description: 'A link to another organisation whose path reads like a sign-in, verification or account-recovery page (/login, /verify, /webscr, /owa, /wallet-connect…).',
  category: 'link',
  maxWeight: 15,
  references: ['https://attack.mitre.org/techniques/T1566/002/', 'https://apwg.org/trendsreports/'],
  falsePositives: ['Password-reset and sign-in links from services the user really uses (links to the sender\'s own domain are ignored).'],
  gaps: ['Paths with opaque tokens only (/a/XyZ123) say nothing; the kit behind them is not fetched.'],
  evaluate(m) {
    for (const l of m.links) {
      if (l.registrable === m.fromRegistrable) continue;
      const match = credentialPath.exec(l.pathAndQuery);
      if (match) {
        const hit: DetectionHit = {
          weight: 12,
          evidence: `link path on ${l.host} looks like a credential page ('${match[0].replace(/[/_.?=&-]/g, ' ').trim()}'): ${l.url.slice(0, 200)}`,
          plain: `a link leads to a sign-in or verification page on ${l.registrable}`,
          links: [l.url],
        };
        return [hit];
      }
    }
    return [];
  },
  cases: [
    { name: 'login.php elsewhere', kind: 'true-positive', fires: true, mail: { from: 'A <a@example.org>', text: 'https://other-site.example.net/office/login.php' } },
    { name: 'document path', kind: 'true-negative', fires: false, mail: { from: 'A <a@example.org>', text: 'https://other.example.net/docs/manual.html' } },
    { name: 'sender links its own login page', kind: 'near-miss', fires: false, mail: { from: 'Bank <alerts@example-bank.com>', text: 'https://www.example-bank.com/login' } },
  ],
};
