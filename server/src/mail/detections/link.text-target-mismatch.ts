import { brandNamedIn, brands, foldForBrands, isBrandDomain, type Brand } from '../brands.ts';
import { documentPlatformNamedIn } from '../document-platforms.ts';
import type { DetectionHit, MailDetection } from '../mail-detection.ts';
import { fold } from '../mail-features.ts';
import { mainLabel } from '../lookalike.ts';
import { actionOrRewardWords } from '../lure-lexicon.ts';
import { espOf } from '../esp-platforms.ts';
import { quote } from '../phrases.ts';

// Click-tracking hosts of mail service providers: a newsletter's visible URL routed through one is normal.
const tracker = /(^|\.)(click|clicks|links?|track|trk|email|e|t|r|go|url\d*|ct|mail|news|info|em|elink|l)\.|sendgrid\.net$|mailchimp|list-manage\.com$|mcusercontent|hubspot|hs-sites|exacttarget|sfmc|mktomail|rs6\.net$|safelinks\.protection\.outlook\.com$|urldefense\.(com|proofpoint\.com)$|mimecast/;

/** The brand whose own domain `host` is, or null. */
function brandOfDomain(registrable: string, host: string): Brand | null {
  return brands.find((b) => isBrandDomain(b, registrable, host)) ?? null;
}

/**
 * Whether a link text naming a brand claims to take the reader to that brand: the brand alone (a logo, "Netflix"), or
 * with words to act or collect ("Log in to your Microsoft account", "500€ EDEKA-Gutschein"). A headline or product
 * name that merely mentions a brand ("Microsoft Office Tips") makes no such claim.
 */
function claimsBrand(text: string, brand: Brand): boolean {
  const folded = foldForBrands(text);
  if (actionOrRewardWords.test(fold(text))) return true;
  const rest = folded
    .replace(brand.pattern, ' ')
    .replace(/\[image:?|\]|logo|®|™|©/g, ' ')
    .replace(/[^\p{L}\p{N} ]+/gu, ' ')
    .trim();
  return rest === '' || rest.split(/\s+/).length <= 1;
}

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
    "Links through the sending platform's own redirect are not judged, unless the text shows a brand's domain the sender is not.",
  ],
  gaps: [
    'Text that describes a destination in words without naming a brand ("your invoice") is not compared.',
    'A brand merely mentioned in a headline or product name ("Microsoft Office Tips") is not taken as a claim.',
    "The sender's infrastructure comes from headers the sender writes (Return-Path, DKIM d=, relays): a phisher's own redirect on its own domain is excused like anyone's, unless the text shows a brand's domain.",
  ],
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
        // a redirect through the sender's own domains or the platform that sent the message hides nothing, unless the
        // text shows a brand's domain that the sender is not
        const ownPlatform = l.registrable === m.fromRegistrable || m.bulk.infrastructure.has(l.registrable);
        const shownBrand = brandOfDomain(shownReg, shown);
        const senderIsBrand = !!shownBrand && isBrandDomain(shownBrand, m.fromRegistrable, m.fromDomain);
        if (ownPlatform && (!shownBrand || senderIsBrand)) continue;
        const viaTracker = ownPlatform || tracker.test(l.host) || !!espOf(l.host, 'tracking');
        const sameName = mainLabel(shownReg) === mainLabel(l.registrable);
        hits.push({
          weight: viaTracker ? (shownBrand ? 12 : 8) : sameName ? 12 : 30,
          evidence: `link text shows ${shown} but the link goes to ${l.host}${ownPlatform ? " (the sender's own redirect, but the text shows " + shownBrand?.name + "'s domain)" : viaTracker ? ' (looks like a click tracker)' : ''}`,
          plain: `the link shown as ${quote(l.text)} really leads to ${l.registrable}, not ${shown}`,
          links: [l.url],
        });
        continue;
      }
      // a document platform named in the text is judged by link.document-platform-mismatch
      const brand = l.text.length <= 80 && !documentPlatformNamedIn(fold(l.text)) ? brandNamedIn(l.text) : null;
      if (
        brand &&
        brand.domains.length > 0 &&
        !isBrandDomain(brand, l.registrable, l.host) &&
        !tracker.test(l.host) &&
        l.registrable !== m.fromRegistrable &&
        !m.bulk.infrastructure.has(l.registrable) &&
        claimsBrand(l.text, brand)
      ) {
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
      name: 'bare brand logo linking elsewhere',
      kind: 'true-positive',
      fires: true,
      mail: { from: 'Jo <jo@example.org>', html: '<a href="https://nonpaint.example.shop/x"><img alt="Netflix" src="n.png"></a>' },
    },
    {
      name: "a brand's domain shown over the sender's own redirect",
      kind: 'true-positive',
      fires: true,
      mail: { from: 'Wallet <news@mailer.example.net>', html: '<a href="https://nts.mailer.example.net/c?d=1">https://trustwallet.com</a>' },
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
      name: "a newsletter's partner link through its own click tracker",
      kind: 'near-miss',
      fires: false,
      mail: {
        from: 'CNET <news@newsletter.example-online.com>',
        returnPath: 'bounce-123@newsletter.example-online.com',
        html: '<a href="https://clickthru.example-online.com/Click?q=1">www.example-hosting.com</a>',
      },
    },
    {
      name: 'a headline that mentions a brand',
      kind: 'near-miss',
      fires: false,
      mail: { from: 'Tips <tips@example-gnome.com>', html: '<a href="https://www.example-tomes.com/ms.htm">Microsoft Office Tips</a>' },
    },
    {
      name: 'shown domain and target share the registrable domain',
      kind: 'near-miss',
      fires: false,
      mail: { from: 'Jo <jo@example.org>', html: '<a href="https://files.ettus.com/manual/">ettus.com/manual</a> and <a href="https://learn.microsoft.com/x">Microsoft docs</a>' },
    },
  ],
};
