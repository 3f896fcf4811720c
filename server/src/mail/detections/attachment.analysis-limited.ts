import type { AnalysisLimit, AnalysisLimitCode } from '../attachments/attachment-content.ts';
import type { DetectionHit, MailDetection } from '../mail-detection.ts';
import type { ParsedMail } from '../parsed-mail.ts';

/** Points per limit: limits an attacker chooses to hide behind weigh more than limits ordinary mail reaches. */
const weights: Record<AnalysisLimitCode, number> = {
  nesting: 10,
  'zip-inflated': 10,
  'zip-entries': 8,
  unreadable: 3,
  time: 5,
  size: 3,
  'total-size': 3,
  pages: 1,
  images: 1,
  pixels: 1,
};
const passwordProtected = 10;

function limitsOf(mail: ParsedMail): AnalysisLimit[] {
  return [...mail.attachments.flatMap((a) => a.content?.limits ?? []), ...(mail.bodyContent?.limits ?? [])];
}

export const detection: MailDetection = {
  id: 'attachment.analysis-limited',
  title: 'Attachment analysis stopped at a limit',
  description:
    'Reading an attachment stopped at a size, page, pixel, nesting, archive or time limit, or the file could not be opened (a password-protected PDF): what lay beyond was not checked. Deep nesting, archive bombs and passwords are chosen by attackers to get past scanners; the rest is reported so the analyst knows what was not seen.',
  category: 'attachment',
  maxWeight: 15,
  references: ['https://attack.mitre.org/techniques/T1027/', 'https://attack.mitre.org/techniques/T1027/013/'],
  falsePositives: ['Large photos, long reports and password-protected statements that banks send on purpose.'],
  gaps: ['Counts only the limits of this engine; what is past a limit is not known to be harmful.'],
  evaluate(m) {
    const byCode = new Map<string, AnalysisLimit>();
    for (const l of limitsOf(m.mail)) if (!byCode.has(l.code + l.detail)) byCode.set(l.code + l.detail, l);
    const hits: DetectionHit[] = [];
    for (const l of byCode.values()) {
      const password = l.code === 'unreadable' && /password/.test(l.detail);
      const where = l.path.join(' → ');
      hits.push({
        weight: password ? passwordProtected : weights[l.code],
        evidence: `${l.code} limit on ${where}: ${l.detail}`,
        plain: password ? `the attachment ${where} is password-protected, so it could not be checked` : `part of the attachment ${where} could not be checked (${l.detail})`,
      });
    }
    return hits.sort((a, b) => b.weight - a.weight).slice(0, 5);
  },
  cases: [
    {
      name: 'PDF over the size limit',
      kind: 'true-positive',
      fires: true,
      mail: { attachments: [{ name: 'statement.pdf', contentType: 'application/pdf', content: '%PDF-1.7\n' + 'x'.repeat(400) }], attachmentLimits: { maxAttachmentBytes: 100 } },
    },
    { name: 'small text file', kind: 'true-negative', fires: false, mail: { attachments: [{ name: 'notes.txt', contentType: 'text/plain', content: 'hello' }] } },
    {
      name: 'invitation read within limits',
      kind: 'near-miss',
      fires: false,
      mail: { attachments: [{ name: 'meet.ics', contentType: 'text/calendar', content: 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Standup\r\nEND:VEVENT\r\nEND:VCALENDAR' }], attachmentLimits: { maxAttachmentBytes: 1000 } },
    },
  ],
};
