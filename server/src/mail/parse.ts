// The edge of the mail engine: raw RFC 822 (mailparser) or Graph message JSON in, one ParsedMail out.
import { simpleParser, type AddressObject, type Attachment } from 'mailparser';
import { parseAuthenticationResults } from './authentication-results.ts';
import { bulkHeaders } from './bulk-headers.ts';
import { inspectAttachment, type AttachmentInput } from './attachment-inspection.ts';
import { newReadBudget, readMailAttachments, type AttachmentLimits, type ReadBudget } from './attachments/read-attachments.ts';
import { extractHtmlLinks } from './html-links.ts';
import { htmlToText } from './html-text.ts';
import { MailParseError } from './mail-parse-error.ts';
import { headerBlockOnly, salvageMime } from './mime-salvage.ts';
import { defaultParseLimits, type ParseLimits, type ParseShortfall } from './parse-limits.ts';
import type { MailAddress, ParsedLink, ParsedMail } from './parsed-mail.ts';
import { parseReceived } from './received-hop.ts';
import { stripControlCharacters } from './strip-control-characters.ts';
import { extractTextLinks } from './text-links.ts';

export type { ParseLimits, ParseShortfall } from './parse-limits.ts';
export { defaultParseLimits } from './parse-limits.ts';
export type { ParsedMail } from './parsed-mail.ts';
export { MailParseError } from './mail-parse-error.ts';

interface Header {
  name: string;
  value: string;
}

export function toMailAddress(address: string | null | undefined, name: string | null | undefined): MailAddress {
  const a = typeof address === 'string' ? stripControlCharacters(address).replace(/\s+/g, '').toLowerCase().slice(0, 320) : '';
  const at = a.lastIndexOf('@');
  return {
    address: a && at > 0 ? a : a || null,
    name: stripControlCharacters(name ?? '').replace(/\s+/g, ' ').trim().slice(0, 200),
    domain: at > 0 && at < a.length - 1 ? a.slice(at + 1).replace(/[>\]]+$/, '') : null,
  };
}

function addressesOf(obj: AddressObject | AddressObject[] | undefined, max = 100): MailAddress[] {
  if (!obj) return [];
  const list = Array.isArray(obj) ? obj : [obj];
  const out: MailAddress[] = [];
  for (const o of list) {
    for (const v of o.value ?? []) {
      if (out.length >= max) return out;
      if (v.group) for (const g of v.group) out.push(toMailAddress(g.address, g.name));
      else out.push(toMailAddress(v.address, v.name));
    }
  }
  return out;
}

function angleAddress(value: string): string | null {
  const m = /<([^<>\s]*)>/.exec(value) ?? /([^\s<>]+@[^\s<>]+)/.exec(value);
  const a = m?.[1] ? stripControlCharacters(m[1]).trim().toLowerCase() : '';
  return a ? a.slice(0, 320) : null;
}

interface Bodies {
  html: string;
  text: string;
}

function assemble(
  origin: ParsedMail['origin'],
  headers: Header[],
  parts: {
    subject: string | null;
    from: MailAddress | null;
    fromEntries: number;
    sender: MailAddress | null;
    replyTo: MailAddress[];
    to: MailAddress[];
    cc: MailAddress[];
    date: string | null;
    messageId: string | null;
  },
  bodies: Bodies,
  attachments: AttachmentInput[],
  limits: ParseLimits,
  warnings: string[],
  shortfalls: ParseShortfall[],
): ParsedMail {
  let truncated = false;
  const cut = (s: string): string => {
    if (s.length > limits.maxBodyChars) {
      truncated = true;
      return s.slice(0, limits.maxBodyChars);
    }
    return s;
  };
  const html = cut(bodies.html);
  const htmlText = html ? htmlToText(html, limits.maxBodyChars) : '';
  const text = cut(bodies.text) || htmlText;
  const links: ParsedLink[] = [];
  if (html) {
    const found = extractHtmlLinks(html, limits.maxLinks + 1);
    if (found.length > limits.maxLinks) truncated = true;
    links.push(...found.slice(0, limits.maxLinks));
  }
  const seen = new Set(links.map((l) => l.href));
  for (const l of extractTextLinks(bodies.text ? text : '', limits.maxLinks)) {
    if (links.length >= limits.maxLinks) {
      truncated = true;
      break;
    }
    if (!seen.has(l.href)) {
      seen.add(l.href);
      links.push(l);
    }
  }
  const byName = (n: string): string[] =>
    headers.filter((h) => h.name === n).slice(0, limits.maxHeaderRepeats).map((h) => h.value);
  const returnPathRaw = byName('return-path')[0];
  if (attachments.length > limits.maxAttachments) truncated = true;
  const oneLine = (v: string | null, max: number): string | null => (v === null ? null : stripControlCharacters(v).slice(0, max));
  return {
    origin,
    ...parts,
    subject: oneLine(parts.subject, 1000),
    messageId: oneLine(parts.messageId, 500),
    sender: parts.sender && parts.from && parts.sender.address === parts.from.address ? null : parts.sender,
    returnPath: returnPathRaw ? angleAddress(returnPathRaw) : null,
    authentication: byName('authentication-results').map(parseAuthenticationResults),
    received: byName('received').map(parseReceived),
    bulk: bulkHeaders(byName),
    text,
    html,
    htmlText,
    links: links.map((l) => ({ ...l, text: stripControlCharacters(l.text) })),
    attachments: attachments.slice(0, limits.maxAttachments).map((a) => inspectAttachment({ ...a, name: stripControlCharacters(a.name) })),
    truncated,
    warnings,
    shortfalls,
  };
}

function unfold(line: string): Header | null {
  const colon = line.indexOf(':');
  if (colon <= 0) return null;
  return {
    name: line.slice(0, colon).trim().toLowerCase(),
    value: line.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ').trim().slice(0, 16384),
  };
}

function attachmentName(a: Attachment): string {
  return typeof a.filename === 'string' ? a.filename.slice(0, 255) : '';
}

const str = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);

type SimpleParsed = Awaited<ReturnType<typeof simpleParser>>;

const HEADER_ONLY_TIMEOUT_MS = 2000;

/** One mailparser run within the time limit; rejects with MailParseError('timeout'), or with mailparser's own error. */
async function runParser(raw: Buffer, lim: ParseLimits, timeoutMs: number): Promise<SimpleParsed> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new MailParseError(`parsing took longer than ${timeoutMs} ms`, 'timeout')), timeoutMs);
  });
  try {
    return await Promise.race([
      simpleParser(raw, {
        skipHtmlToText: true,
        skipTextToHtml: true,
        skipTextLinks: true,
        skipImageLinks: true,
        maxHtmlLengthToParse: lim.maxBodyChars,
        checksumAlgo: false,
        maxChildNodes: lim.maxParts,
        maxHeadSize: lim.maxHeaderBytes,
      }),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** mailparser's splitter refuses a message past maxChildNodes or maxHeadSize with an error coded EMAXLEN. */
const isLimitError = (err: unknown): boolean => err instanceof Error && 'code' in err && err.code === 'EMAXLEN';
const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err)).slice(0, 200);

/**
 * Offline reading for corpus evaluation and training: the wall-clock bounds (MIME parse time, attachment time budget)
 * are operational safety nets, so here they are generous, and a figure or a trained model does not depend on how busy
 * the machine was. Every other bound (bytes, parts, pages, pixels, nesting) is the same as in live scoring.
 */
export const OFFLINE_PARSE_LIMITS: Partial<ParseLimits> = { timeoutMs: 120_000 };
export const OFFLINE_READ_OPTIONS: MimeReadOptions = { attachments: { timeBudgetMs: 120_000 } };

/** How parseMime reads attachments' content (PDF text and links, QR codes, Office, calendar, attached messages). */
export interface MimeReadOptions {
  /** Limits for reading attachments, or false to skip reading them (type, hash and name are still inspected). */
  attachments?: Partial<AttachmentLimits> | false;
  /** Shared by a message and the messages attached inside it; made fresh for the delivered message. */
  budget?: ReadBudget;
  /** Nesting depth of this message (0 for the delivered one). */
  depth?: number;
  /** Filled in with the time spent, for benchmarks and logs. */
  timings?: { mimeMs: number; attachmentsMs: number };
}

/**
 * Parses raw RFC 822 MIME, then reads its attachments' content within their own limits and time budget.
 * Hostile input fails closed: a message past a bound (size, MIME parts, header block, parse time) or one the MIME
 * parser gives up on is read in part (the first bytes, the first parts, the essential headers, or the header block
 * alone) and returned with `shortfalls` saying what was not read; the attachments that were read are still read.
 * Rejects with MailParseError only when not even a header block could be read ('malformed'). At most three parser
 * runs, each bounded by limits.timeoutMs (the run on a header block alone by at least 2 s).
 */
export async function parseMime(raw: Buffer | string, limits: Partial<ParseLimits> = {}, options: MimeReadOptions = {}): Promise<ParsedMail> {
  const t0 = performance.now();
  const lim: ParseLimits = { ...defaultParseLimits, ...limits };
  let input = typeof raw === 'string' ? Buffer.from(raw) : raw;
  if (input.length === 0) throw new MailParseError('empty message', 'malformed');
  const shortfalls: ParseShortfall[] = [];
  if (input.length > lim.maxBytes) {
    const lastLine = input.lastIndexOf(0x0a, lim.maxBytes - 1);
    shortfalls.push({ kind: 'bytes', detail: `the message is ${input.length.toLocaleString('en-US')} bytes, over the limit of ${lim.maxBytes.toLocaleString('en-US')}: only the first part of it was read` });
    input = input.subarray(0, lastLine > 0 ? lastLine + 1 : lim.maxBytes);
  }
  let parsed: SimpleParsed;
  try {
    parsed = await runParser(input, lim, lim.timeoutMs);
  } catch (first) {
    parsed = await partialParse(input, lim, first, shortfalls);
  }
  let mail: ParsedMail;
  let inputs: AttachmentInput[];
  try {
    inputs = attachmentInputs(parsed);
    mail = normaliseParsed(parsed, lim, inputs, shortfalls);
  } catch (err) {
    if (err instanceof MailParseError) throw err;
    // mailparser hands back odd shapes for hostile input; a bug in normalising one message must not crash the caller
    throw new MailParseError(`malformed MIME: ${errorText(err)}`.slice(0, 300), 'malformed', err);
  }
  const t1 = performance.now();
  if (options.attachments !== false && mail.attachments.length + (mail.html.includes('data:image/') ? 1 : 0) > 0) {
    const budget = options.budget ?? newReadBudget(options.attachments ?? {});
    await readMailAttachments(mail, inputs, {
      budget,
      depth: options.depth ?? 0,
      edge: {
        parseMime: (nested, b, depth) => parseMime(nested, limits, { budget: b, depth }),
        parseGraph: (message) => parseGraphMessage(message, limits),
      },
    }).catch((err: unknown) => {
      // reading attachments is best effort: the message itself parsed, and is scored on what was read
      mail.warnings.push(`attachments could not be read: ${err instanceof Error ? err.name : 'error'}`);
    });
  }
  if (options.timings) {
    options.timings.mimeMs += t1 - t0;
    options.timings.attachmentsMs += performance.now() - t1;
  }
  return mail;
}

function attachmentInputs(parsed: SimpleParsed): AttachmentInput[] {
  return (parsed.attachments ?? []).map((a) => ({
    name: attachmentName(a),
    declaredType: str(a.contentType, 'application/octet-stream').slice(0, 200),
    content: Buffer.isBuffer(a.content) ? a.content : Buffer.alloc(0),
    inline: a.contentDisposition === 'inline' && !!a.contentId && !a.filename,
  }));
}

/**
 * After the full parse failed: the salvaged message (essential headers, parts before the limit) when a parser limit
 * was hit, else (or when that fails too) the header block alone. Adds what was not read to `shortfalls`.
 */
async function partialParse(input: Buffer, lim: ParseLimits, first: unknown, shortfalls: ParseShortfall[]): Promise<SimpleParsed> {
  if (isLimitError(first)) {
    const salvaged = salvageMime(input, lim);
    if (salvaged.shortfalls.length > 0) {
      try {
        const parsed = await runParser(salvaged.raw, lim, lim.timeoutMs);
        shortfalls.push(...salvaged.shortfalls);
        return parsed;
      } catch {
        // still refused: fall back to the header block alone
      }
    }
  }
  const headOnly = headerBlockOnly(input, lim);
  try {
    // a bounded header block parses in milliseconds; its own time limit keeps a tiny timeoutMs from refusing it too
    const parsed = await runParser(headOnly.raw, lim, Math.max(lim.timeoutMs, HEADER_ONLY_TIMEOUT_MS));
    shortfalls.push(...headOnly.shortfalls);
    const why =
      first instanceof MailParseError && first.code === 'timeout'
        ? { kind: 'timeout' as const, detail: `parsing took longer than ${lim.timeoutMs} ms: only the header block was read` }
        : { kind: 'structure' as const, detail: `the MIME structure could not be read (${errorText(first)}): only the header block was read` };
    shortfalls.push(why);
    return parsed;
  } catch (err) {
    const cause = first instanceof MailParseError ? first : err;
    throw new MailParseError(`malformed MIME: ${errorText(first)}`.slice(0, 300), 'malformed', cause);
  }
}

function normaliseParsed(parsed: SimpleParsed, lim: ParseLimits, attachments: AttachmentInput[], shortfalls: ParseShortfall[]): ParsedMail {
  const headers: Header[] = [];
  for (const h of parsed.headerLines ?? []) {
    const u = typeof h.line === 'string' ? unfold(h.line) : null;
    if (u) headers.push(u);
  }
  const looksLikeMail = headers.some((h) => ['from', 'subject', 'received', 'to', 'date', 'message-id', 'mime-version', 'content-type'].includes(h.name));
  if (!looksLikeMail) throw new MailParseError('no message headers found', 'malformed');
  const fromList = addressesOf(parsed.from, 10);
  const from = fromList.find((a) => a.address) ?? fromList[0] ?? null;
  const senderHeader = headers.find((h) => h.name === 'sender');
  const senderAddr = senderHeader ? angleAddress(senderHeader.value) : null;
  const warnings: string[] = [];
  if (parsed.textConversionError) warnings.push('an HTML part could not be converted to text');
  // A single-part message whose body is not text shows up as an attachment in mailparser; keep it so.
  return assemble(
    'mime',
    headers,
    {
      subject: typeof parsed.subject === 'string' ? parsed.subject.slice(0, 1000) : null,

      from,
      fromEntries: fromList.length,
      sender: senderAddr ? toMailAddress(senderAddr, '') : null,
      replyTo: addressesOf(parsed.replyTo, 10),
      to: addressesOf(parsed.to),
      cc: addressesOf(parsed.cc),
      date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : null,
      messageId: parsed.messageId?.slice(0, 500) ?? null,
    },
    { html: typeof parsed.html === 'string' ? parsed.html : '', text: parsed.text ?? '' },
    attachments,
    lim,
    warnings,
    shortfalls,
  );
}

// ---- Graph JSON -------------------------------------------------------------------------------------

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optString(obj: Record<string, unknown>, key: string, path: string): string | null {
  const v = obj[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new MailParseError(`invalid Graph message: ${path}${key} must be a string`, 'invalid-graph-message');
  return v;
}

function graphRecipient(v: unknown, path: string): MailAddress | null {
  if (v === undefined || v === null) return null;
  if (!isObject(v) || !isObject(v.emailAddress)) throw new MailParseError(`invalid Graph message: ${path} must be { emailAddress: {...} }`, 'invalid-graph-message');
  return toMailAddress(optString(v.emailAddress, 'address', path + '.emailAddress.'), optString(v.emailAddress, 'name', path + '.emailAddress.'));
}

function graphRecipients(v: unknown, path: string): MailAddress[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new MailParseError(`invalid Graph message: ${path} must be an array`, 'invalid-graph-message');
  return v.slice(0, 500).map((r, i) => graphRecipient(r, `${path}[${i}]`)).filter((r): r is MailAddress => r !== null);
}

/**
 * Normalises a Graph message (GET /users/{id}/messages/{id}?$select=...,internetMessageHeaders,body, optionally
 * $expand=attachments). Validates the JSON here; throws MailParseError('invalid-graph-message') on a wrong shape.
 */
export function parseGraphMessage(raw: unknown, limits: Partial<ParseLimits> = {}): ParsedMail {
  const lim: ParseLimits = { ...defaultParseLimits, ...limits };
  if (!isObject(raw)) throw new MailParseError('invalid Graph message: not an object', 'invalid-graph-message');
  const headers: Header[] = [];
  const ih = raw.internetMessageHeaders;
  if (ih !== undefined && ih !== null) {
    if (!Array.isArray(ih)) throw new MailParseError('invalid Graph message: internetMessageHeaders must be an array', 'invalid-graph-message');
    for (const [i, h] of ih.slice(0, 1000).entries()) {
      if (!isObject(h) || typeof h.name !== 'string' || typeof h.value !== 'string')
        throw new MailParseError(`invalid Graph message: internetMessageHeaders[${i}] must be { name, value }`, 'invalid-graph-message');
      headers.push({ name: h.name.trim().toLowerCase(), value: h.value.replace(/\r?\n[ \t]+/g, ' ').trim().slice(0, 16384) });
    }
  }
  let html = '';
  let text = '';
  const body = raw.body;
  if (body !== undefined && body !== null) {
    if (!isObject(body) || (body.contentType !== 'html' && body.contentType !== 'text') || typeof body.content !== 'string')
      throw new MailParseError("invalid Graph message: body must be { contentType: 'html' | 'text', content: string }", 'invalid-graph-message');
    if (body.contentType === 'html') html = body.content;
    else text = body.content;
  }
  const attachments: AttachmentInput[] = [];
  const atts = raw.attachments;
  if (atts !== undefined && atts !== null) {
    if (!Array.isArray(atts)) throw new MailParseError('invalid Graph message: attachments must be an array', 'invalid-graph-message');
    for (const [i, a] of atts.slice(0, lim.maxAttachments + 1).entries()) {
      if (!isObject(a)) throw new MailParseError(`invalid Graph message: attachments[${i}] must be an object`, 'invalid-graph-message');
      const bytes = optString(a, 'contentBytes', `attachments[${i}].`);
      attachments.push({
        name: (optString(a, 'name', `attachments[${i}].`) ?? '').slice(0, 255),
        declaredType: (optString(a, 'contentType', `attachments[${i}].`) ?? 'application/octet-stream').slice(0, 200),
        content: bytes ? Buffer.from(bytes.slice(0, Math.ceil((lim.maxBytes * 4) / 3)), 'base64') : Buffer.alloc(0),
        inline: a.isInline === true,
      });
    }
  }
  const from = graphRecipient(raw.from, 'from');
  return assemble(
    'graph',
    headers,
    {
      subject: optString(raw, 'subject', '')?.slice(0, 1000) ?? null,
      from,
      fromEntries: from ? 1 : 0,
      sender: graphRecipient(raw.sender, 'sender'),
      replyTo: graphRecipients(raw.replyTo, 'replyTo').slice(0, 10),
      to: graphRecipients(raw.toRecipients, 'toRecipients'),
      cc: graphRecipients(raw.ccRecipients, 'ccRecipients'),
      date: optString(raw, 'receivedDateTime', '') ?? optString(raw, 'sentDateTime', ''),
      messageId: optString(raw, 'internetMessageId', '')?.slice(0, 500) ?? null,
    },
    { html, text },
    attachments,
    lim,
    [],
    [],
  );
}

/**
 * The message as Graph describes it (subject, sender, recipients, internetMessageHeaders, no body), for a message whose
 * MIME source could not be read at all: it is scored on that, with `shortfall` saying why nothing else was read.
 * Never throws: a Graph object of the wrong shape gives an empty message with the shortfall.
 */
export function mailFromGraphMetadata(raw: unknown, shortfall: ParseShortfall, limits: Partial<ParseLimits> = {}): ParsedMail {
  let mail: ParsedMail;
  try {
    mail = parseGraphMessage(isObject(raw) ? { ...raw, body: null, attachments: null } : {}, limits);
  } catch {
    mail = parseGraphMessage({}, limits);
  }
  return { ...mail, shortfalls: [...mail.shortfalls, shortfall] };
}
