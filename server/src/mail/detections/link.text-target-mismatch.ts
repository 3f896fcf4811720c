import { brandNamedIn, isBrandDomain } from '../brands.ts';
import { documentPlatformNamedIn } from '../document-platforms.ts';
import type { DetectionHit, MailDetection } from '../mail-detection.ts';
import { fold } from '../mail-features.ts';
import { mainLabel } from '../lookalike.ts';
import { quote } from '../phrases.ts';

// Click-tracking hosts of mail service providers: a newsletter's visible URL routed through one is normal.
const tracker = /(^|\.)(click|clicks|links?|track|trk|email|e|t|r|go|url\d*|ct|mail|news|info|em|elink|l)\.|sendgrid\.net$|mailchimp|list-manage\.com$|mcusercontent|hubspot|hs-sites|exacttarget|sfmc|mktomail|rs6\.net$|safelinks\.protection\.outlook\.com$|urldefense\.(com|proofpoint\.com)$|mimecast/;


export const detection: MailDetection = {
  id: 'link.text-target-mismatch',
  title: 'Link text shows one place, the link goes to another',
  description:
    'The visible text of a link is itself a URL or domain whose registrable domain differs from the real target, or names a brand whose domains the target is not on.',
  category: 'link',
  maxWeight: 35,
  references: ['https://attack.mitre.org/techniques/T1566/002/', 'https://www.cisa.gov/news-events/news/avoiding-social-engineering-and-phishing-attacks'],
  falsePositives: [
    'Newsletters that show their own URL but route clicks through a tracking domain (weighted low when the target looks like a click tracker).',
    'Security gateways that rewrite links (Safe Links, URL Defense) in forwarded mail.',
  ],
  gaps: ['Text that describes a destination in words without naming a brand ("your invoice") is not compared.'],
  evaluate(m) {
    const hits: DetectionHit[] = [];
    const seenPairs = new Set<string>();
    for (const l of m.links) {
      if (l.source === 'text') continue;
      if (l.textHost) {
        const shown = l.textHost;
        const shownParts = shown.split('.');
        const shownReg = l.registrable && shown.endsWith(l.registrable) ? l.registrable : shownParts.slice(-2).join('.');
        if (shown === l.host || shown.endsWith('.' + l.registrable) || shown === l.registrable || l.host.endsWith('.' + shown)) continue;
        if (shownReg === l.registrable) continue;
        const pair = `${shownReg}>${l.registrable}`;
        if (seenPairs.has(pair)) continue;
        seenPairs.add(pair);
        const viaTracker = tracker.test(l.host) || l.registrable === m.fromRegistrable;
        const sameName = mainLabel(shownReg) === mainLabel(l.registrable);
        hits.push({
          weight: viaTracker ? 8 : sameName ? 12 : 30,
          evidence: `link text shows ${shown} but the link goes to ${l.host}${viaTracker ? ' (looks like a click tracker)' : ''}`,
          plain: `the link shown as ${quote(l.text)} really leads to ${l.registrable}, not ${shown}`,
          links: [l.url],
        });
        continue;
      }
      // a document platform named in the text is judged by link.document-platform-mismatch
      const brand = l.text.length <= 80 && !documentPlatformNamedIn(fold(l.text)) ? brandNamedIn(l.text) : null;
      if (brand && brand.domains.length > 0 && !isBrandDomain(brand, l.registrable, l.host) && !tracker.test(l.host) && l.registrable !== m.fromRegistrable) {
        hits.push({
          weight: 20,
          evidence: `link text ${quote(l.text)} names ${brand.name} but the link goes to ${l.host}`,
          plain: `the link behind ${quote(l.text)} leads to ${l.registrable}, not ${brand.name} as the text says`,
          links: [l.url],
        });
      }
    }
    return hits;
  },
  cases: [
    {
      name: 'URL shown differs from target',
      kind: 'true-positive',
      fires: true,
      mail: { from: 'IT <it@example.org>', html: '<p>Sign in at <a href="https://login.evil-example.top/ms">https://login.microsoftonline.com</a></p>' },
    },
    {
      name: 'brand named in link text, target elsewhere',
      kind: 'true-positive',
      fires: true,
      mail: { from: 'Jo <jo@example.org>', html: '<a href="https://paypal-resolution.example.net/case">Open PayPal case</a>' },
    },
    {
      name: 'URL shown is the target',
      kind: 'true-negative',
      fires: false,
      mail: { from: 'Jo <jo@example.org>', html: '<a href="https://www.example.com/docs">www.example.com/docs</a>' },
    },
    {
      name: 'Safe Links wrapper around the link the text shows',
      kind: 'near-miss',
      fires: false,
      mail: { from: 'Jo <jo@example.org>', html: '<a href="https://nam02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fgithub.com%2FEttusResearch%2Fuhd&data=05">https://github.com/EttusResearch/uhd</a>' },
    },
    {
      name: 'shown domain and target share the registrable domain',
      kind: 'near-miss',
      fires: false,
      mail: { from: 'Jo <jo@example.org>', html: '<a href="https://files.ettus.com/manual/">ettus.com/manual</a> and <a href="https://learn.microsoft.com/x">Microsoft docs</a>' },
    },
  ],
};
