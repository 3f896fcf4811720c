// A minimal RFC 822 rendering of a Graph message, for messages whose scenario carries no raw source.
import type { GraphInternetMessageHeader, GraphMessage, GraphRecipient } from '@lantern/shared';

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

const MAX_HEADER_BYTES = 256 * 1024;

/** The header section of an RFC 822 message, unfolded, in order (bounded to 256 KiB). */
export function parseMimeHeaders(mime: string): GraphInternetMessageHeader[] {
  const head = mime.slice(0, MAX_HEADER_BYTES);
  const end = head.search(/\r?\n\r?\n/);
  const lines = (end < 0 ? head : head.slice(0, end)).split(/\r?\n/);
  const headers: GraphInternetMessageHeader[] = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && headers.length > 0) {
      const last = headers[headers.length - 1] as GraphInternetMessageHeader;
      last.value += ` ${line.trim()}`;
      continue;
    }
    const i = line.indexOf(':');
    if (i <= 0) continue;
    headers.push({ name: line.slice(0, i).trim(), value: line.slice(i + 1).trim() });
  }
  return headers;
}

function decodeWords(v: string): string {
  return v.replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_, _charset: string, enc: string, text: string) => {
    try {
      if (enc.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
      return Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))), 'latin1').toString('utf8');
    } catch {
      return text;
    }
  });
}

function parseAddresses(v: string): GraphRecipient[] {
  return v
    .split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const m = /^(.*?)\s*<([^>]+)>$/.exec(part);
      const name = m ? decodeWords((m[1] ?? '').replace(/^"|"$/g, '').trim()) : '';
      return { emailAddress: { name: name || null, address: (m ? m[2] : part)?.trim() ?? null } };
    });
}

/** Graph message fields a raw message determines (what Exchange would show for it). */
export function messageFieldsFromMime(mime: string): Partial<GraphMessage> {
  const headers = parseMimeHeaders(mime);
  const get = (name: string): string | undefined => headers.find((h) => h.name.toLowerCase() === name)?.value;
  const out: Partial<GraphMessage> = { internetMessageHeaders: headers };
  const subject = get('subject');
  if (subject !== undefined) out.subject = decodeWords(subject);
  const from = get('from');
  if (from) out.from = out.sender = parseAddresses(from)[0] ?? null;
  const to = get('to');
  if (to) out.toRecipients = parseAddresses(to);
  const cc = get('cc');
  if (cc) out.ccRecipients = parseAddresses(cc);
  const replyTo = get('reply-to');
  if (replyTo) out.replyTo = parseAddresses(replyTo);
  const id = get('message-id');
  if (id) out.internetMessageId = id;
  const date = get('date');
  if (date && !Number.isNaN(Date.parse(date))) out.sentDateTime = new Date(date).toISOString().replace(/\.\d{3}Z$/, 'Z');
  out.hasAttachments = /^content-disposition:\s*attachment/im.test(mime.slice(0, 4 * 1024 * 1024));
  return out;
}
