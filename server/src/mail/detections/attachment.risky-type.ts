import type { DetectionHit, MailDetection } from '../mail-detection.ts';
import type { ParsedAttachment } from '../parsed-mail.ts';

interface Risk {
  weight: number;
  what: string;
}

const byExtension: Array<[RegExp, Risk]> = [
  [/\.(exe|scr|com|pif|bat|cmd|msi|msix|appx|dll|cpl|jar|ps1|vbs|vbe|js|jse|wsf|wsh|hta|lnk|reg|url|chm|xll|iqy|slk|one|application|appref-ms)$/, { weight: 40, what: 'an executable or script' }],
  [/\.(iso|img|vhd|vhdx|udf)$/, { weight: 35, what: 'a disk image (used to slip malware past Mark-of-the-Web)' }],
  [/\.(html?|shtml|xhtml|mht|mhtml)$/, { weight: 25, what: 'an HTML file (opens a local page that can carry a fake sign-in form or smuggle a download)' }],
  [/\.svg$/, { weight: 25, what: 'an SVG image (can carry script and links)' }],
  [/\.(docm|xlsm|pptm|dotm|xltm|xlam|ppam|potm|sldm)$/, { weight: 30, what: 'a macro-enabled Office document' }],
  [/\.(zip|rar|7z|gz|tgz|tar|ace|arj|cab|z|xz|bz2|lzh|uue)$/, { weight: 8, what: 'an archive' }],
];

const byContent: Array<[RegExp, Risk]> = [
  [/^application\/x-msdownload$/, { weight: 40, what: 'a Windows executable' }],
  [/^application\/x-ms-shortcut$/, { weight: 40, what: 'a Windows shortcut' }],
  [/^application\/x-iso9660-image$/, { weight: 35, what: 'a disk image' }],
  [/^text\/html$/, { weight: 25, what: 'an HTML file' }],
  [/^image\/svg\+xml$/, { weight: 25, what: 'an SVG image' }],
];

const innerRisky = /\.(exe|scr|com|pif|bat|cmd|msi|js|jse|vbs|vbe|wsf|hta|lnk|iso|img|vhdx?|html?|svg|docm|xlsm|jar|ps1|one)$/i;

function assess(a: ParsedAttachment): { risk: Risk; detail: string } | null {
  const name = a.name.toLowerCase();
  let best: { risk: Risk; detail: string } | null = null;
  const consider = (risk: Risk, detail: string): void => {
    if (!best || risk.weight > best.risk.weight) best = { risk, detail };
  };
  for (const [re, risk] of byExtension) if (re.test(name)) consider(risk, `named ${a.name}`);
  for (const [re, risk] of byContent) if (re.test(a.detectedType)) consider(risk, `content is ${a.detectedType}`);
  if (a.hasMacros) consider({ weight: 30, what: 'an Office document with macros' }, 'carries a VBA project');
  if (a.encrypted) consider({ weight: 30, what: 'a password-protected archive or document (scanners cannot look inside)' }, 'entries are encrypted');
  const inner = a.archiveEntries.find((e) => innerRisky.test(e));
  if (inner) consider({ weight: 35, what: `an archive holding ${inner}` }, `archive entry ${inner}`);
  const declaredExt = /\.(pdf|docx?|xlsx?|jpe?g|png|txt)$/.exec(name)?.[1];
  if (declaredExt && /^(application\/x-msdownload|text\/html|image\/svg\+xml|application\/x-iso9660-image|application\/x-ms-shortcut)$/.test(a.detectedType))
    consider({ weight: 40, what: `a ${a.detectedType} disguised as .${declaredExt}` }, `named ${a.name} but content is ${a.detectedType}`);
  return best;
}

export const detection: MailDetection = {
  id: 'attachment.risky-type',
  title: 'Attachment of a type used for malware or HTML smuggling',
  description:
    'Executables and scripts, disk images (ISO/IMG/VHD), HTML and SVG files, macro-enabled Office documents, password-protected archives, archives holding any of these, and files whose content does not match their name.',
  category: 'attachment',
  maxWeight: 45,
  references: ['https://attack.mitre.org/techniques/T1566/001/', 'https://attack.mitre.org/techniques/T1027/006/', 'https://attack.mitre.org/techniques/T1553/005/'],
  falsePositives: ['Engineers exchanging scripts or archives of logs; HTML e-mail receipts forwarded as attachments; encrypted archives sent on purpose with the password by phone.'],
  gaps: ['Nested archives beyond the first level, RAR/7z entry names, and encrypted Office documents detected only through the OLE EncryptedPackage stream.'],
  evaluate(m) {
    const hits: DetectionHit[] = [];
    for (const a of m.mail.attachments) {
      if (a.inline && a.detectedType.startsWith('image/') && a.detectedType !== 'image/svg+xml') continue;
      const r = assess(a);
      if (!r) continue;
      hits.push({ weight: r.risk.weight, evidence: `attachment ${a.name || '(unnamed)'} (${a.detectedType}, ${a.size} bytes, sha256 ${a.sha256.slice(0, 16)}…): ${r.detail}`, plain: `the attachment ${a.name || '(unnamed)'} is ${r.risk.what}`, attachments: [a.sha256] });
    }
    return hits.sort((x, y) => y.weight - x.weight).slice(0, 3);
  },
  cases: [
    { name: 'HTML attachment', kind: 'true-positive', fires: true, mail: { text: 'See attached remittance', attachments: [{ name: 'Remittance.htm', contentType: 'text/html', content: '<html><body>Payment</body></html>' }] } },
    { name: 'exe named pdf', kind: 'true-positive', fires: true, mail: { attachments: [{ name: 'invoice.pdf', content: 'TVqQAAMAAAAEAAAA', encoding: 'base64' }] } },
    { name: 'real PDF', kind: 'true-negative', fires: false, mail: { attachments: [{ name: 'manual.pdf', contentType: 'application/pdf', content: '%PDF-1.7\n1 0 obj' }] } },
    { name: 'text file with a script-like name part', kind: 'near-miss', fires: false, mail: { attachments: [{ name: 'build.js.txt', contentType: 'text/plain', content: 'console.log(1)' }] } },
  ],
};
