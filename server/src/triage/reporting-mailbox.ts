// Report intake from a reporting mailbox: users forward suspicious mail there, and Outlook's built-in Report
// button sends a message with the original attached as .eml (message/rfc822). The attachment is the reported
// message; the outer sender is the reporter.
import { simpleParser } from 'mailparser';
import type { MailAssessment } from '@lantern/shared';
import { parseMime } from '../mail/parse.ts';
import type { ParsedMail } from '../mail/parsed-mail.ts';
import type { ReportIntake, TriageResult, TriageService } from './triage-service.ts';

/** Bounds: the whole report message, and the attached original. */
export const MAX_REPORT_BYTES = 30 * 1024 * 1024;
export const MAX_ATTACHED_BYTES = 25 * 1024 * 1024;

export interface ExtractedReport {
  /** The reporter's address (outer From), lower-cased, or null. */
  reporter: string | null;
  /** The reported message's raw source. */
  original: Buffer;
}

export class ReportIntakeError extends Error {
  readonly reason: 'too-large' | 'no-attachment' | 'unknown-reporter';
  constructor(reason: ReportIntakeError['reason'], message: string) {
    super(message);
    this.name = 'ReportIntakeError';
    this.reason = reason;
  }
}

/** The first attached message (message/rfc822 or a .eml file) of a report; throws ReportIntakeError. */
export async function extractReportedMessage(raw: string | Buffer): Promise<ExtractedReport> {
  const size = typeof raw === 'string' ? Buffer.byteLength(raw) : raw.length;
  if (size > MAX_REPORT_BYTES) throw new ReportIntakeError('too-large', 'the report message is too large');
  const outer = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true });
  const from = outer.from?.value[0]?.address?.toLowerCase() ?? null;
  for (const a of outer.attachments) {
    const isMessage = a.contentType.toLowerCase() === 'message/rfc822' || /\.eml$/i.test(a.filename ?? '');
    if (!isMessage) continue;
    if (a.content.length > MAX_ATTACHED_BYTES) throw new ReportIntakeError('too-large', 'the attached message is too large');
    return { reporter: from, original: a.content };
  }
  throw new ReportIntakeError('no-attachment', 'the report carries no attached message (.eml)');
}

export interface ReportingMailboxIntakeDeps {
  triage: TriageService;
  /** The first-pass scorer (assessMail with the tenant's context and sender history). */
  assess(mail: ParsedMail): MailAssessment | Promise<MailAssessment>;
  /** The tenant user behind an address, or null for outsiders. */
  resolveUser(address: string): Promise<{ id: string; upn: string } | null>;
}

/**
 * Triage a message that arrived in the reporting mailbox. The reporter's own copy is found in the inbound
 * index by internetMessageId (so removal and undo reach it); otherwise the report stands on the attachment.
 */
export async function intakeFromReportingMailbox(
  deps: ReportingMailboxIntakeDeps,
  report: { id: string; raw: string | Buffer; receivedAt: string },
): Promise<TriageResult> {
  const { reporter, original } = await extractReportedMessage(report.raw);
  const user = reporter ? await deps.resolveUser(reporter) : null;
  if (!user) throw new ReportIntakeError('unknown-reporter', 'the report did not come from a user of this tenant');
  const parsed = await parseMime(original);
  const assessment = await deps.assess(parsed);
  const imid = parsed.messageId;
  const copy = imid ? (await deps.triage.index.findByInternetMessageId(imid)).find((m) => m.mailbox === user.id) : undefined;
  const intake: ReportIntake = {
    id: report.id,
    source: 'reporting-mailbox',
    reporterId: user.id,
    reporterUpn: user.upn,
    mailbox: user.id,
    messageId: copy?.messageId ?? `reported:${imid ?? report.id}`.slice(0, 512),
    internetMessageId: imid,
    receivedAt: copy?.receivedAt ?? parsed.date ?? null,
    reportedAt: report.receivedAt,
    assessment,
  };
  return deps.triage.triageReport(intake);
}
