// A minimal RFC 822 rendering of a Graph message, for messages whose scenario carries no raw source.
import type { GraphMessage, GraphRecipient } from '@lantern/shared';

export interface MimeAttachment {
  name: string;
  contentType: string;
  contentBase64: string;
}

const addr = (r: GraphRecipient | null | undefined): string => {
  const a = r?.emailAddress.address ?? '';
  const n = r?.emailAddress.name;
  return n ? `"${n.replace(/["\\\r\n]/g, '')}" <${a}>` : `<${a}>`;
};

const headerSafe = (v: string): string => v.replace(/[\r\n]+/g, ' ');

function encodeWord(v: string): string {
  // RFC 2047 only when needed, so plain subjects stay readable.
  // eslint-disable-next-line no-control-regex
  return /^[\x20-\x7e]*$/.test(v) ? v : `=?utf-8?B?${Buffer.from(v, 'utf8').toString('base64')}?=`;
}

export function synthesiseMime(message: GraphMessage, attachments: MimeAttachment[] = []): string {
  const date = new Date(message.sentDateTime ?? message.receivedDateTime ?? 0).toUTCString().replace('GMT', '+0000');
  const headers: string[] = [];
  const provided = new Map((message.internetMessageHeaders ?? []).map((h) => [h.name.toLowerCase(), h.value]));
  // Received and authentication headers the scenario carries come first, as a real MTA would add them.
  for (const h of message.internetMessageHeaders ?? []) {
    if (['from', 'to', 'cc', 'subject', 'date', 'message-id', 'mime-version', 'content-type', 'content-transfer-encoding'].includes(h.name.toLowerCase())) continue;
    headers.push(`${headerSafe(h.name)}: ${headerSafe(h.value)}`);
  }
  headers.push(`From: ${headerSafe(provided.get('from') ?? addr(message.from ?? message.sender))}`);
  const to = (message.toRecipients ?? []).map(addr).join(', ');
  if (to) headers.push(`To: ${headerSafe(to)}`);
  const cc = (message.ccRecipients ?? []).map(addr).join(', ');
  if (cc) headers.push(`Cc: ${headerSafe(cc)}`);
  if (message.replyTo?.length) headers.push(`Reply-To: ${headerSafe(message.replyTo.map(addr).join(', '))}`);
  headers.push(`Subject: ${encodeWord(headerSafe(message.subject ?? ''))}`);
  headers.push(`Date: ${date}`);
  headers.push(`Message-ID: ${headerSafe(message.internetMessageId ?? `<${message.id}@lantern.sim>`)}`);
  headers.push('MIME-Version: 1.0');
  const bodyType = message.body?.contentType === 'html' ? 'text/html' : 'text/plain';
  const bodyPart = [`Content-Type: ${bodyType}; charset=utf-8`, 'Content-Transfer-Encoding: base64', '', wrap(Buffer.from(message.body?.content ?? message.bodyPreview ?? '', 'utf8').toString('base64'))];
  if (attachments.length === 0) return [...headers, ...bodyPart, ''].join('\r\n');
  const boundary = `lantern-sim-${message.id.replace(/[^A-Za-z0-9]/g, '').slice(0, 24)}`;
  const lines = [...headers, `Content-Type: multipart/mixed; boundary="${boundary}"`, '', `--${boundary}`, ...bodyPart];
  for (const a of attachments) {
    const name = a.name.replace(/["\r\n]/g, '');
    lines.push(`--${boundary}`, `Content-Type: ${a.contentType}; name="${name}"`, `Content-Disposition: attachment; filename="${name}"`, 'Content-Transfer-Encoding: base64', '', wrap(a.contentBase64));
  }
  lines.push(`--${boundary}--`, '');
  return lines.join('\r\n');
}

function wrap(b64: string): string {
  return b64.replace(/(.{76})/g, '$1\r\n');
}
