import type { DetectionHit, MailDetection } from '../mail-detection.ts';
import type { LinkFeature, MailFeatures } from '../mail-features.ts';

const credentialPath = /(^|[/_.-])(log-?in|sign-?in|signon|logon|verif(y|ication)|validate|auth(enticate)?|webscr|secure-?update|account-?(update|verify|recovery|restore|unlock)|password|passwd|unlock|reactivat|suspend|credential|wallet-?connect|recover(y)?|confirm(ation)?|owa|webmail|mfa|2fa|otp)([/_.?=&-]|\.php|\.html?|$)/;
// pictures, styles and scripts are not pages anyone signs in to
const staticResource = /\.(png|gif|jpe?g|webp|svg|ico|css|js|woff2?|ttf|bmp)$/;
// a newsletter's own subscription pages ("confirm your unsubscription")
const subscriptionPage = /unsubscri|opt-?out|optout|(email|mail|subscription|communication)-?prefer|manage-?(subscription|preferences)/;

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The paths to judge: the link's own path, and the path of any URL carried in its query (a redirect's destination). */
function pathsOf(l: LinkFeature): string[] {
  let u: URL;
  try {
    u = new URL(l.url);
  } catch {
    return [];
  }
  const paths = [decode(u.pathname).toLowerCase()];
  for (const v of u.searchParams.values()) {
    if (!/^https?:\/\//i.test(v)) continue;
    try {
      paths.push(decode(new URL(v).pathname).toLowerCase());
    } catch {
      // not a URL after all
    }
  }
  // tracking redirects that carry the destination in the path: /L0/https:%2F%2Fexample.com%2Flogin
  const inner = /\/(https?:\/\/.+)$/i.exec(decode(u.pathname));
  if (inner?.[1]) {
    try {
      paths.push(decode(new URL(inner[1]).pathname).toLowerCase());
    } catch {
      // not a URL after all
    }
  }
  return paths;
}

function massMailFromItsPlatform(m: MailFeatures): boolean {
  const kinds = new Set(m.bulk.marks.map(([k]) => k));
  return m.bulk.isBulk && !m.bulk.authFailed && (kinds.has('unsubscribe') || kinds.has('platform') || kinds.has('mailer'));
}

export const detection: MailDetection = {
  id: 'link.credential-path',
  title: 'Link path asks for credentials',
  description:
    "A link to another organisation whose path (or the path of the page a redirect carries) reads like a sign-in, verification or account-recovery page (/login, /verify, /webscr, /owa, /wallet-connect…). Links on the sender's own domains and sending infrastructure, pictures and subscription pages are not judged.",
  category: 'link',
  maxWeight: 15,
  references: ['https://attack.mitre.org/techniques/T1566/002/', 'https://apwg.org/trendsreports/'],
  falsePositives: [
    "Password-reset and sign-in links from services the user really uses (links to the sender's own domains are ignored).",
    "A newsletter's \"manage your subscription\" sign-in link on a partner domain (weighted low in mass mail sent through a mailing platform).",
  ],
  gaps: ['Paths with opaque tokens only (/a/XyZ123) say nothing; the kit behind them is not fetched.', 'Words in query values (other than carried URLs) are not read: too many tracking tokens spell words by chance.'],
  evaluate(m) {
    const bulk = massMailFromItsPlatform(m);
    for (const l of m.links) {
      if (l.registrable === m.fromRegistrable || m.bulk.infrastructure.has(l.registrable)) continue;
      for (const path of pathsOf(l)) {
        if (staticResource.test(path) || subscriptionPage.test(path)) continue;
        const match = credentialPath.exec(path);
        if (!match) continue;
        const word = match[0].replace(/[/_.?=&-]/g, ' ').trim();
        const hit: DetectionHit = {
          weight: bulk ? 6 : 12,
          evidence: `link path on ${l.host} looks like a credential page ('${word}')${bulk ? ' in mass mail sent through a mailing platform' : ''}: ${l.url.slice(0, 200)}`,
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
    {
      name: 'tracking redirect carrying a sign-in page',
      kind: 'true-positive',
      fires: true,
      mail: { from: 'A <a@example.org>', text: 'https://t.example-tracker.net/r?u=https%3A%2F%2Fsecure-portal.example.top%2Fsignin%2F' },
    },
    { name: 'document path', kind: 'true-negative', fires: false, mail: { from: 'A <a@example.org>', text: 'https://other.example.net/docs/manual.html' } },
    { name: 'sender links its own login page', kind: 'near-miss', fires: false, mail: { from: 'Bank <alerts@example-bank.com>', text: 'https://www.example-bank.com/login' } },
    {
      name: 'unsubscribe confirmation page of a newsletter',
      kind: 'near-miss',
      fires: false,
      mail: { from: 'News <news@example-news.com>', text: 'https://info.example-mkt.com/Unsubscribe-Confirm.html?mkt_unsubscribe=1' },
    },
    {
      name: 'a picture under /owa/',
      kind: 'near-miss',
      fires: false,
      mail: { from: 'A <a@example.org>', html: '<a href="https://r2.res.example.net/owa/prem/images/zip_16x16.png">icon</a>' },
    },
    {
      name: 'words spelt by chance in a tracking token',
      kind: 'near-miss',
      fires: false,
      mail: { from: 'A <a@example.org>', text: 'https://nts.example-mailer.com/p/cl?data=HXQi4x/recover/Vk' },
    },
    {
      name: "a link on the sending platform's own tracking domain",
      kind: 'near-miss',
      fires: false,
      mail: {
        from: 'Shop <news@shop.example.com>',
        headers: [
          { name: 'List-Unsubscribe', value: '<mailto:unsub@shop.example.com>' },
          { name: 'DKIM-Signature', value: 'v=1; a=rsa-sha256; d=sendgrid.net; s=smtpapi; h=from' },
        ],
        text: 'https://u123.ct.sendgrid.net/ls/click/login?upn=abc',
      },
    },
  ],
};
