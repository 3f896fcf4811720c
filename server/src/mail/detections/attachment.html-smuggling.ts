import type { DetectionHit, MailDetection } from '../mail-detection.ts';

const signs: Array<[RegExp, string]> = [
  [/\batob\s*\(/, 'decodes base64 at open time (atob)'],
  [/new\s+blob\s*\(|createobjecturl/, 'builds a file in the browser (Blob/createObjectURL)'],
  [/\.download\s*=|msSaveOrOpenBlob/i, 'triggers a download'],
  [/(window|document|top|self)\.location(\.href)?\s*=|location\.replace\s*\(|http-equiv\s*=\s*["']?refresh/, 'redirects to another page'],
  [/\beval\s*\(|\bunescape\s*\(|string\.fromcharcode|document\.write\s*\(/, 'runs obfuscated script'],
  [/type\s*=\s*["']?password/, 'contains a password field'],
  [/<form\b[^>]{0,300}action\s*=\s*["']?https?:/, 'posts a form to the internet'],
  [/fetch\s*\(\s*["']https?:|xmlhttprequest|\$\.(ajax|post)\s*\(/, 'sends data to the internet from script'],
];

export const detection: MailDetection = {
  id: 'attachment.html-smuggling',
  title: 'HTML or SVG attachment that smuggles a file or harvests credentials',
  description: 'An attached HTML or SVG file whose script assembles a download (atob + Blob), redirects, runs obfuscated code, or carries a sign-in form posting to the internet.',
  category: 'attachment',
  maxWeight: 40,
  references: ['https://attack.mitre.org/techniques/T1027/006/', 'https://www.microsoft.com/en-us/security/blog/2021/11/11/html-smuggling-surges-highly-evasive-loader-technique-increasingly-used-in-banking-malware-targeted-attacks/'],
  falsePositives: ['Saved web pages forwarded as attachments (they may contain scripts that redirect or write to the document).'],
  gaps: ['Only the first 64 KiB of the attachment is examined; heavily obfuscated script that hides these keywords.'],
  evaluate(m) {
    const hits: DetectionHit[] = [];
    for (const a of m.mail.attachments) {
      if (!a.scriptSample) continue;
      const found = signs.filter(([re]) => re.test(a.scriptSample)).map(([, what]) => what);
      if (found.length === 0) continue;
      hits.push({
        weight: found.length >= 2 ? 40 : 25,
        evidence: `attachment ${a.name || '(unnamed)'} (${a.detectedType}): ${found.join('; ')}`,
        plain: `the attached ${a.detectedType === 'image/svg+xml' ? 'image' : 'web page'} ${a.name || ''} ${found[0]}`.replace(/\s+/g, ' '),
        attachments: [a.sha256],
      });
    }
    return hits;
  },
  cases: [
    {
      name: 'atob + Blob smuggling',
      kind: 'true-positive',
      fires: true,
      mail: { attachments: [{ name: 'scan.html', contentType: 'text/html', content: '<html><script>var b=atob("UEsDBA==");var f=new Blob([b]);a.download="doc.zip"</script></html>' }] },
    },
    { name: 'static HTML receipt', kind: 'true-negative', fires: false, mail: { attachments: [{ name: 'receipt.html', contentType: 'text/html', content: '<html><body><table><tr><td>Total 12 EUR</td></tr></table></body></html>' }] } },
    { name: 'script in a plain text file', kind: 'near-miss', fires: false, mail: { attachments: [{ name: 'notes.txt', contentType: 'text/plain', content: 'use atob( to decode, then new Blob(' }] } },
  ],
};
