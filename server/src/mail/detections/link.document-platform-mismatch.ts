import { documentPlatformNamedIn, documentPlatforms, isPlatformHost, type DocumentPlatform } from '../document-platforms.ts';
import type { DetectionHit, MailDetection } from '../mail-detection.ts';
import { fold, type LinkFeature } from '../mail-features.ts';
import { quote } from '../phrases.ts';

// Click-tracking and link-rewriting hosts: a newsletter naming a platform and routing clicks through one is normal.
const tracker = /(^|\.)(click|clicks|links?|track|trk|email|e|t|r|go|url\d*|ct|mail|news|info|em|elink|l)\.|sendgrid\.net$|mailchimp|list-manage\.com$|mcusercontent|hubspot|hs-sites|exacttarget|sfmc|mktomail|rs6\.net$|safelinks\.protection\.outlook\.com$|urldefense\.(com|proofpoint\.com)$|mimecast/;

// A call to action that says nothing about where it goes ("Click Here", "View Document", "Review and sign").
const callToAction = /^(click( here)?|tap here|here|(click here to |please )?(view|open|review|access|download|see|read|sign|preview|get)( and sign)?( (the|your|shared|new))?( (document|documents|file|files|folder|message|pdf|presentation|proposal|invoice|contract|agreement|attachment|now|here|online|it))?|review (and|&) sign|clique aqui|acesse( aqui)?|abrir( documento)?|ver documento|haga clic aqui|cliquez ici|hier klicken|dokument (ansehen|offnen))$/;

// Words that make a platform's name a claim that something is shared there, within a short window around it.
const shareContext = /\b(shar(e|ed|es|ing)|sent you|uploaded|invited|presentation|document|file|folder|envelope|review|sign(ed|ature)?|view|open|access|download|compartilh\w*|partag\w*|geteilt)\b/;

function cta(text: string): boolean {
  const t = fold(text).trim().replace(/[.!:>»→\s]+$/, '');
  return t.length > 0 && t.length <= 40 && callToAction.test(t);
}

/** The first platform named in the body next to sharing words, with the phrase as evidence. */
function bodyClaim(content: string): { platform: DocumentPlatform; phrase: string } | null {
  const bounded = content.slice(0, 20_000);
  for (const platform of documentPlatforms) {
    const re = new RegExp(platform.pattern.source, 'g');
    let m: RegExpExecArray | null;
    let n = 0;
    while ((m = re.exec(bounded)) && n++ < 20) {
      const from = Math.max(0, m.index - 80);
      const window = bounded.slice(from, m.index + m[0].length + 40);
      if (shareContext.test(window)) return { platform, phrase: window.replace(/\s+/g, ' ').trim() };
    }
  }
  return null;
}

export const detection: MailDetection = {
  id: 'link.document-platform-mismatch',
  title: 'The message names a document platform, the link goes elsewhere',
  description:
    "The subject, sender name, link text or a sharing sentence names a document platform (Prezi, DocuSign, SharePoint, OneDrive, Dropbox, Google Docs, Adobe, WeTransfer…) while the link that should open the document leads to a different platform or domain: the lure borrows one platform's trust and sends the reader to another.",
  category: 'link',
  maxWeight: 30,
  references: [
    'https://attack.mitre.org/techniques/T1566/002/',
    'https://attack.mitre.org/techniques/T1608/005/',
    'https://www.cisa.gov/news-events/news/avoiding-social-engineering-and-phishing-attacks',
  ],
  falsePositives: [
    'A person who writes "I put it on Dropbox" and then links somewhere else (links to the sender\'s own domain, tenant and trusted domains and click trackers are ignored).',
    'Platforms that change their link domains (the data in document-platforms.ts needs keeping up to date).',
  ],
  gaps: [
    'Only the platforms in the list; a claim made only in an image is not read.',
    'A lure that points to the platform it names (a real Prezi hosting a link onwards) is left to link.file-sharing-stepping-stone.',
  ],
  evaluate(m, ctx) {
    const own = new Set([...(ctx.tenantDomains ?? []), ...(ctx.trustedDomains ?? [])].map((d) => d.toLowerCase()));
    if (m.fromRegistrable) own.add(m.fromRegistrable);
    const judged = (l: LinkFeature): boolean => l.source !== 'text' && !own.has(l.registrable) && !own.has(l.host) && !tracker.test(l.host);
    const hit = (platform: DocumentPlatform, l: LinkFeature, weight: number, where: string): DetectionHit => ({
      weight,
      evidence: `${where} names ${platform.name}, but the link ${quote(l.text)} goes to ${l.host}`,
      plain: `the link behind ${quote(l.text)} leads to ${l.registrable}, not ${platform.name} as the text says`,
      links: [l.url],
    });
    // 1. The link's own text names a platform it does not go to.
    for (const l of m.links) {
      if (!judged(l) || l.textHost || l.text.length > 80) continue;
      const named = documentPlatformNamedIn(fold(l.text));
      if (named && !isPlatformHost(named, l.host, l.registrable)) return [hit(named, l, 30, `link text ${quote(l.text)}`)];
    }
    const actions = m.links.filter((l) => judged(l) && !l.textHost && cta(l.text));
    if (actions.length === 0) return [];
    // 2. The subject or sender name presents a platform's share; a generic call to action goes elsewhere.
    const header = documentPlatformNamedIn(fold(`${m.mail.subject ?? ''} ${m.fromName}`));
    if (header) {
      const l = actions.find((a) => !isPlatformHost(header, a.host, a.registrable));
      if (l && !actions.some((a) => isPlatformHost(header, a.host, a.registrable))) return [hit(header, l, 30, 'the subject or sender name')];
    }
    // 3. A sentence in the body says the document is shared on a platform.
    const claim = bodyClaim(m.content);
    if (claim && !actions.some((a) => isPlatformHost(claim.platform, a.host, a.registrable))) {
      const l = actions[0]!;
      return [hit(claim.platform, l, 25, `the text (${quote(claim.phrase, 90)})`)];
    }
    return [];
  },
  cases: [
    {
      name: "'Click Here' to DocSend while the text says Prezi",
      kind: 'true-positive',
      fires: true,
      mail: {
        from: 'Priya Natarajan <priya@contoso.com>',
        subject: 'Budget draft - please review',
        html: '<p>Priya has shared a document with you via Prezi.</p><p><b>Budget draft.pdf</b></p><p><a href="https://docsend.com/view/k2m9x">Click Here</a></p>',
      },
    },
    {
      name: 'link text names OneDrive, target is another domain',
      kind: 'true-positive',
      fires: true,
      mail: { from: 'Jo <jo@example.org>', html: '<p>Your file is ready.</p><a href="https://files-preview.example.net/d/77">Open in OneDrive</a>' },
    },
    {
      name: 'DocuSign envelope in the subject, button goes elsewhere',
      kind: 'true-positive',
      fires: true,
      mail: { from: 'DocuSign <dse@notify-esign.example.net>', subject: 'Complete with DocuSign: Contract.pdf', html: '<a href="https://esign-portal.example.com/s/1">Review Document</a>' },
    },
    {
      name: 'Dropbox share whose button goes to Dropbox',
      kind: 'true-negative',
      fires: false,
      mail: { from: 'Sam <sam@example.org>', subject: 'Sam shared "Plans" with you', html: '<p>Sam shared a folder with you on Dropbox.</p><a href="https://www.dropbox.com/scl/fo/abc">View folder</a>' },
    },
    {
      name: 'SharePoint named, link to the tenant intranet',
      kind: 'near-miss',
      fires: false,
      context: { tenantDomains: ['contoso.com'] },
      mail: { from: 'Ana <ana@fabrikam.com>', html: '<p>The file is on our SharePoint as discussed.</p><a href="https://intranet.contoso.com/projects">Open</a>' },
    },
    {
      name: 'Google Docs mentioned, descriptive link to a code host',
      kind: 'near-miss',
      fires: false,
      mail: { from: 'Dev <dev@example.org>', html: '<p>I shared the notes in Google Docs last week; the patch is <a href="https://github.com/org/repo/pull/12">pull request 12</a>.</p>' },
    },
  ],
};
