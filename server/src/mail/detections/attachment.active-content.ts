import type { AttachmentFindingCode } from '../attachments/attachment-content.ts';
import type { DetectionHit, MailDetection } from '../mail-detection.ts';

/** Findings that make a document fetch or run something when it is opened, with their points. */
const risky: Partial<Record<AttachmentFindingCode, { weight: number; what: string }>> = {
  'office-remote-template': { weight: 35, what: 'loads a template from the internet when opened (remote template injection)' },
  'office-external-object': { weight: 25, what: 'loads content from outside the file when opened' },
  'office-dde': { weight: 30, what: 'holds a DDE field that can run a command' },
  'pdf-launch-action': { weight: 30, what: 'can start a program when opened' },
  'pdf-javascript': { weight: 10, what: 'carries script' },
  'pdf-embedded-file': { weight: 10, what: 'hides another file inside it' },
  'html-auto-submit-form': { weight: 25, what: 'sends a form to the internet by itself when opened' },
};

export const detection: MailDetection = {
  id: 'attachment.active-content',
  title: 'Document that fetches or runs content when opened',
  description:
    'Office documents with a remote template, external OLE objects or frames, or DDE fields; PDFs with Launch actions, JavaScript or embedded files; HTML attachments whose form submits itself. These load a payload or send data as soon as the file is opened.',
  category: 'attachment',
  maxWeight: 40,
  references: ['https://attack.mitre.org/techniques/T1221/', 'https://attack.mitre.org/techniques/T1559/002/', 'https://attack.mitre.org/techniques/T1204/002/'],
  falsePositives: ['Corporate templates on an intranet server; PDF forms that compute totals with script; PDF portfolios.'],
  gaps: ['PDF JavaScript inside compressed object streams is seen only through annotation actions; encrypted documents are not opened.'],
  evaluate(m) {
    const hits: DetectionHit[] = [];
    for (const a of m.mail.attachments) {
      for (const f of a.content?.findings ?? []) {
        const r = risky[f.code];
        if (!r) continue;
        hits.push({ weight: r.weight, evidence: `${f.path.join(' → ')}: ${f.detail}`, plain: `the attachment ${f.path.join(' → ')} ${r.what}`, attachments: [a.sha256] });
      }
    }
    return hits.sort((x, y) => y.weight - x.weight).slice(0, 3);
  },
  cases: [
    {
      name: 'self-submitting HTML form',
      kind: 'true-positive',
      fires: true,
      mail: { attachments: [{ name: 'pay.html', contentType: 'text/html', content: '<html><body onload="document.forms[0].submit()"><form action="https://c.example.top/p"></form></body></html>' }] },
    },
    { name: 'plain HTML receipt', kind: 'true-negative', fires: false, mail: { attachments: [{ name: 'receipt.html', contentType: 'text/html', content: '<html><body><p>Total 12 EUR</p></body></html>' }] } },
    {
      name: 'form that waits for the reader',
      kind: 'near-miss',
      fires: false,
      mail: { attachments: [{ name: 'survey.html', contentType: 'text/html', content: '<html><body><form action="https://survey.example.org/s"><button>Send</button></form></body></html>' }] },
    },
  ],
};
