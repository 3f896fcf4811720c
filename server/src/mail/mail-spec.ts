// A compact, hand-written description of a message, turned into a ParsedMail through the real Graph edge.
// Detections keep their test cases as MailSpec data; tests and docs use it too.
import { newReadBudget, readMailAttachments, type AttachmentLimits } from './attachments/read-attachments.ts';
import { parseGraphMessage, parseMime } from './parse.ts';
import type { ParseShortfall } from './parse-limits.ts';
import type { ParsedMail } from './parsed-mail.ts';

export interface MailSpec {
  /** "Display Name <address@example.com>" or a bare address. */
  from?: string;
  replyTo?: string;
  to?: string;
  subject?: string;
  text?: string;
  html?: string;
  /** Value of the topmost Authentication-Results header. */
  auth?: string;
  returnPath?: string;
  /** Further raw headers (List-Unsubscribe, DKIM-Signature, Received…), in order. */
  headers?: Array<{ name: string; value: string }>;
  /** Entries in the From header when it held more than one (raw MIME can; Graph JSON cannot). */
  fromEntries?: number;
  attachments?: Array<{ name: string; contentType?: string; content: string; encoding?: 'utf8' | 'base64' }>;
  /** Limits for reading the attachments' content (readMailFromSpec only). */
  attachmentLimits?: Partial<AttachmentLimits>;
  /** Parse bounds the message went past (raw MIME only; a Graph message is read whole). */
  shortfalls?: ParseShortfall[];
  /** A body, the links or the attachments cut to their parse limit. */
  truncated?: boolean;
}

const specBytes = (a: NonNullable<MailSpec['attachments']>[number]): Buffer => Buffer.from(a.content, a.encoding === 'base64' ? 'base64' : 'utf8');

function recipient(s: string): { emailAddress: { name: string; address: string } } {
  const m = /^\s*(.*?)\s*<([^>]*)>\s*$/.exec(s);
  return m ? { emailAddress: { name: (m[1] ?? '').replace(/^"|"$/g, ''), address: m[2] ?? '' } } : { emailAddress: { name: '', address: s.trim() } };
}

export function mailFromSpec(spec: MailSpec): ParsedMail {
  const headers: Array<{ name: string; value: string }> = [];
  if (spec.auth) headers.push({ name: 'Authentication-Results', value: spec.auth });
  if (spec.returnPath) headers.push({ name: 'Return-Path', value: `<${spec.returnPath}>` });
  for (const h of spec.headers ?? []) headers.push(h);
  const mail = parseGraphMessage({
    id: 'spec',
    subject: spec.subject ?? null,
    from: spec.from ? recipient(spec.from) : null,
    replyTo: spec.replyTo ? [recipient(spec.replyTo)] : [],
    toRecipients: [recipient(spec.to ?? 'Alex Wilber <alex@contoso.com>')],
    body: spec.html !== undefined ? { contentType: 'html', content: spec.html } : { contentType: 'text', content: spec.text ?? '' },
    internetMessageHeaders: headers,
    attachments: (spec.attachments ?? []).map((a) => ({
      name: a.name,
      contentType: a.contentType ?? 'application/octet-stream',
      contentBytes: specBytes(a).toString('base64'),
    })),
  });
  if (spec.fromEntries !== undefined) mail.fromEntries = spec.fromEntries;
  if (spec.shortfalls) mail.shortfalls = spec.shortfalls.map((s) => ({ ...s }));
  if (spec.truncated !== undefined) mail.truncated = spec.truncated;
  return mail;
}

/** mailFromSpec, then the attachments' content read as parseMime reads it (PDF, QR codes, Office, invitations, ...). */
export async function readMailFromSpec(spec: MailSpec): Promise<ParsedMail> {
  const mail = mailFromSpec(spec);
  const inputs = (spec.attachments ?? []).map((a) => ({ name: a.name, declaredType: a.contentType ?? 'application/octet-stream', content: specBytes(a) }));
  await readMailAttachments(mail, inputs, {
    budget: newReadBudget(spec.attachmentLimits),
    depth: 0,
    edge: { parseMime: (raw, budget, depth) => parseMime(raw, {}, { budget, depth }), parseGraph: (m) => parseGraphMessage(m) },
  });
  return mail;
}
