// Reads what attachments hold, within one budget per message: PDFs, images (QR codes), HTML and SVG, calendar
// invitations, configuration profiles, Office documents (OOXML and OLE), and attached messages (.eml, .msg),
// which are parsed through the same edge and read recursively up to the nesting limit.
import type { ParsedAttachment, ParsedMail } from '../parsed-mail.ts';
import type { AnalysisLimit, AttachmentContent, AttachmentLink, NestedMessage } from './attachment-content.ts';
import { defaultAttachmentLimits, type AttachmentLimits } from './attachment-limits.ts';
import { imageDimensions } from './image-dimensions.ts';
import { looksLikeIcs, readIcs } from './ics-reader.ts';
import { readHtmlAttachment } from './html-attachment-reader.ts';
import { looksLikeMobileconfig, readMobileconfig } from './mobileconfig-reader.ts';
import { readOle, type OutlookMessage } from './ole-reader.ts';
import { readOoxml } from './ooxml-reader.ts';
import { readPdf } from './pdf-reader.ts';
import { decodeQrInImage, qrCandidate, scanRequest, zxingReader } from './qr-reader.ts';
import { BudgetExpired, limit, ReadBudget, withinBudget } from './read-budget.ts';

export type { AttachmentLimits } from './attachment-limits.ts';
export { defaultAttachmentLimits } from './attachment-limits.ts';
export { ReadBudget } from './read-budget.ts';

/** The bytes of one attachment, as the edge received them. */
export interface AttachmentBytes {
  name: string;
  declaredType: string;
  content: Buffer;
}

/** How attached messages become ParsedMail: supplied by the parsing edge, so this module does not import it. */
export interface MailEdge {
  /** Parses raw MIME of an attached message at `depth`, reading its own attachments within `budget`. */
  parseMime(raw: Buffer, budget: ReadBudget, depth: number): Promise<ParsedMail>;
  /** Parses a Graph-shaped message (used for Outlook .msg files), without reading attachments. */
  parseGraph(message: unknown): ParsedMail;
}

export interface ReadContext {
  budget: ReadBudget;
  /**
   * Whether this message's images are worth decoding for QR codes: a QR lure asks the reader to scan, or carries
   * (almost) no clickable link. Mail with many links and no scan request (newsletters, photo threads) is not decoded.
   */
  decodeImages?: boolean;
  /** Depth of the message whose attachments these are: 0 for the delivered message. */
  depth: number;
  edge: MailEdge;
}

export function newReadBudget(limits: Partial<AttachmentLimits> = {}, now?: () => number): ReadBudget {
  return new ReadBudget({ ...defaultAttachmentLimits, ...limits }, now);
}

const emptyContent = (format: string): AttachmentContent => ({ format, text: '', links: [], findings: [], limits: [], nested: [] });

const decodableImage = /^image\/(png|jpeg|gif|bmp|webp)$/;
const isOoxml = (a: ParsedAttachment): boolean =>
  a.detectedType.startsWith('application/vnd.openxmlformats') || (a.detectedType === 'application/zip' && a.archiveEntries.includes('[Content_Types].xml'));

/** Order of reading: everything but images first, then images, squarest first (QR codes are square). */
function readingOrder(mail: ParsedMail, inputs: AttachmentBytes[]): number[] {
  const squareness = (i: number): number => {
    const d = imageDimensions(inputs[i]!.content);
    return d && d.width > 0 && d.height > 0 ? Math.abs(Math.log(d.width / d.height)) : 10;
  };
  const indices = mail.attachments.map((_, i) => i).filter((i) => i < inputs.length);
  const images = indices.filter((i) => decodableImage.test(mail.attachments[i]!.detectedType));
  const rest = indices.filter((i) => !images.includes(i));
  const sq = new Map(images.map((i) => [i, squareness(i)]));
  return [...rest, ...images.sort((a, b) => sq.get(a)! - sq.get(b)!)];
}

/**
 * Reads every attachment of `mail` (whose `attachments[i]` was inspected from `inputs[i]`), setting each one's
 * `content`, and reads data: images of the HTML body into `mail.bodyContent`. Never throws for hostile input:
 * what could not be read is reported as an AnalysisLimit.
 */
export async function readMailAttachments(mail: ParsedMail, inputs: AttachmentBytes[], context: ReadContext): Promise<void> {
  const ctx: ReadContext = { ...context, decodeImages: context.decodeImages ?? worthDecodingImages(mail) };
  for (const i of readingOrder(mail, inputs)) {
    const att = mail.attachments[i]!;
    const path = [att.name || '(unnamed)'];
    if (ctx.budget.expired()) {
      const c = emptyContent('none');
      c.limits.push(limit('time', `not read: the ${ctx.budget.limits.timeBudgetMs} ms budget for this message's attachments was spent`, path));
      att.content = c;
      continue;
    }
    try {
      const c = await readAttachment(att, inputs[i]!.content, path, ctx);
      if (c) att.content = c;
    } catch (err) {
      const c = emptyContent('none');
      c.limits.push(
        err instanceof BudgetExpired
          ? limit('time', `reading stopped: the ${ctx.budget.limits.timeBudgetMs} ms budget for this message's attachments was spent`, path)
          : limit('unreadable', `could not be read (${err instanceof Error ? err.name : 'error'})`, path),
      );
      att.content = c;
    }
  }
  if (ctx.decodeImages && mail.html.includes('data:image/')) {
    const body = emptyContent('html-body');
    const html = readHtmlAttachment(mail.html, ['message body'], 'html-attachment', 'message body', 0, ctx.budget.limits.maxImagesDecoded);
    for (const img of html.dataImages) await decodeImage(img, ['message body'], 'an image in the message body', 'message body', ctx, body).catch(() => undefined);
    if (body.links.length > 0 || body.limits.length > 0) mail.bodyContent = body;
  }
}

const maxLinksForImageDecoding = 2;

function worthDecodingImages(mail: ParsedMail): boolean {
  return mail.links.length <= maxLinksForImageDecoding || scanRequest.test(mail.subject ?? '') || scanRequest.test(mail.text.slice(0, 20_000)) || scanRequest.test(mail.htmlText.slice(0, 20_000));
}

async function decodeImage(bytes: Buffer, path: string[], where: string, container: string, ctx: ReadContext, into: AttachmentContent): Promise<void> {
  const candidate = qrCandidate(bytes, ctx.budget.limits);
  if (!candidate.decode) {
    if (candidate.limited) into.limits.push(limit('pixels', `${where} was not checked for a QR code: ${candidate.why}`, path));
    return;
  }
  if (!ctx.budget.takeImage()) {
    into.limits.push(limit('images', `${where} was not checked for a QR code: ${ctx.budget.limits.maxImagesDecoded} images already decoded for this message`, path));
    return;
  }
  await ctx.budget.excluding(zxingReader);
  for (const text of await withinBudget(ctx.budget, decodeQrInImage(bytes))) {
    if (into.links.length >= ctx.budget.limits.maxLinks) break;
    into.links.push({ href: text, text: '', origin: 'qr-code', where, path, container });
  }
}

async function readAttachment(att: ParsedAttachment, bytes: Buffer, path: string[], ctx: ReadContext): Promise<AttachmentContent | null> {
  const lim = ctx.budget.limits;
  const head = bytes.toString('utf8', 0, Math.min(bytes.length, 4096));
  const name = att.name.toLowerCase();
  const type = att.detectedType;
  const format =
    type === 'application/pdf'
      ? 'pdf'
      : decodableImage.test(type)
        ? 'image'
        : type === 'text/html'
          ? 'html'
          : type === 'image/svg+xml'
            ? 'svg'
            : looksLikeIcs(head) || /\.ics$/.test(name) || /^(text\/calendar|application\/ics)$/.test(att.declaredType)
              ? 'ics'
              : looksLikeMobileconfig(name, head)
                ? 'mobileconfig'
                : isOoxml(att)
                  ? 'ooxml'
                  : type === 'application/x-ole-storage'
                    ? 'ole'
                    : type === 'message/rfc822' || att.declaredType === 'message/rfc822' || /\.eml$/.test(name)
                      ? 'message'
                      : null;
  if (!format) return null;
  const content = emptyContent(format);
  if (bytes.length > lim.maxAttachmentBytes) {
    content.limits.push(limit('size', `not opened: ${bytes.length} bytes is over the ${lim.maxAttachmentBytes}-byte limit`, path));
    return content;
  }
  if (!ctx.budget.takeBytes(bytes.length)) {
    content.limits.push(limit('total-size', `not opened: this message's attachments already used the ${lim.maxTotalBytes}-byte allowance`, path));
    return content;
  }
  switch (format) {
    case 'pdf': {
      const r = await readPdf(bytes, path, ctx.budget);
      Object.assign(content, { text: r.text, links: r.links, findings: r.findings, limits: r.limits });
      break;
    }
    case 'image':
      if (!ctx.decodeImages || (att.inline && bytes.length < 2048)) return null;
      await decodeImage(bytes, path, 'the image', 'image', ctx, content);
      if (content.links.length === 0 && content.limits.length === 0) return null;
      break;
    case 'html':
    case 'svg': {
      const r = readHtmlAttachment(bytes.toString('utf8', 0, Math.min(bytes.length, 2_000_000)), path, format === 'svg' ? 'svg-attachment' : 'html-attachment', format === 'svg' ? 'SVG image' : 'web page', lim.maxLinks, lim.maxImagesDecoded);
      content.links.push(...r.links);
      content.findings.push(...r.findings);
      for (const img of r.dataImages) await decodeImage(img, path, `an image inside the attached ${format === 'svg' ? 'SVG image' : 'web page'}`, format === 'svg' ? 'SVG image' : 'web page', ctx, content);
      break;
    }
    case 'ics': {
      const r = readIcs(bytes.toString('utf8'), path, lim.maxLinks, lim.maxTextChars);
      Object.assign(content, { text: r.text, links: r.links, findings: r.findings });
      break;
    }
    case 'mobileconfig': {
      const r = readMobileconfig(bytes, path, lim.maxLinks);
      Object.assign(content, { text: r.text, links: r.links, findings: r.findings });
      break;
    }
    case 'ooxml': {
      const r = readOoxml(bytes, path, lim);
      Object.assign(content, { links: r.links, findings: r.findings, limits: r.limits });
      break;
    }
    case 'ole': {
      const r = readOle(bytes, path, 50, lim.maxAttachmentBytes);
      content.findings.push(...r.findings);
      if (r.message) {
        content.format = 'msg';
        await readNested(outlookToGraph(r.message), r.message.attachments, att.name, path, ctx, content);
      }
      break;
    }
    case 'message':
      await readNested(bytes, [], att.name, path, ctx, content);
      break;
  }
  return content;
}

function outlookToGraph(m: OutlookMessage): unknown {
  return {
    subject: m.subject,
    from: m.senderEmail || m.senderName ? { emailAddress: { name: m.senderName, address: m.senderEmail } } : null,
    body: m.bodyHtml ? { contentType: 'html', content: m.bodyHtml } : { contentType: 'text', content: m.body },
    attachments: m.attachments.map((a) => ({ name: a.name, contentType: 'application/octet-stream', contentBytes: a.content.toString('base64') })),
  };
}

/** An attached message: raw MIME (read through parseMime) or a .msg already shaped as Graph JSON. */
async function readNested(
  source: Buffer | unknown,
  msgAttachments: Array<{ name: string; content: Buffer }>,
  name: string,
  path: string[],
  ctx: ReadContext,
  into: AttachmentContent,
): Promise<void> {
  const depth = ctx.depth + 1;
  if (depth > ctx.budget.limits.maxNestingDepth) {
    into.limits.push(limit('nesting', `an attached message nested ${depth} deep was not opened (limit ${ctx.budget.limits.maxNestingDepth})`, path));
    return;
  }
  let mail: ParsedMail;
  if (Buffer.isBuffer(source)) mail = await withinBudget(ctx.budget, ctx.edge.parseMime(source, ctx.budget, depth));
  else {
    mail = ctx.edge.parseGraph(source);
    const inputs = msgAttachments.slice(0, mail.attachments.length).map((a) => ({ name: a.name, declaredType: 'application/octet-stream', content: a.content }));
    await readMailAttachments(mail, inputs, { ...ctx, depth });
  }
  const nested: NestedMessage = { name, depth, mail };
  into.nested.push(nested);
  const lim = ctx.budget.limits;
  into.text = [mail.subject ?? '', mail.text || mail.htmlText].join('\n').slice(0, lim.maxTextChars);
  const sender = mail.from?.address ?? mail.from?.name ?? 'an unknown sender';
  const add = (l: AttachmentLink): void => {
    if (into.links.length < lim.maxLinks) into.links.push(l);
  };
  for (const l of mail.links) add({ href: l.href, text: l.text, origin: into.format === 'msg' ? 'msg-attachment' : 'attached-message', where: `the body of the message from ${sender}`, path, container: 'message', source: l.source });
  for (const a of mail.attachments) {
    if (!a.content) continue;
    for (const l of a.content.links) add({ ...l, path: [...path, ...l.path] });
    into.findings.push(...a.content.findings.map((f) => ({ ...f, path: [...path, ...f.path] })));
    into.limits.push(...a.content.limits.map((x): AnalysisLimit => ({ ...x, path: [...path, ...x.path] })));
  }
  for (const l of mail.bodyContent?.links ?? []) add({ ...l, path: [...path, ...l.path] });
}
