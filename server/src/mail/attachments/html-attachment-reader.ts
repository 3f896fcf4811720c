// HTML and SVG attachments (and the HTML body's embedded images): links, script redirects, forms that submit
// themselves, and data: images handed on for QR decoding.
import { extractHtmlLinks } from '../html-links.ts';
import type { AttachmentFinding, AttachmentLink, AttachmentLinkOrigin } from './attachment-content.ts';

export interface HtmlReading {
  links: AttachmentLink[];
  findings: AttachmentFinding[];
  /** Decoded data: images (base64), for the QR decoder; at most `maxImages`. */
  dataImages: Buffer[];
}

const redirect = /(?:location(?:\.href)?\s*=|location\.(?:replace|assign)\s*\(|window\.open\s*\()\s*["'`](https?:\/\/[^"'`\s]{1,2000})/gi;
const metaRefresh = /<meta\b[^>]{0,500}http-equiv\s*=\s*["']?refresh[^>]{0,500}content\s*=\s*["'][^"']*url\s*=\s*([^"'\s>]{1,2000})/gi;
const svgHref = /<a\b[^>]{0,2000}?(?:xlink:)?href\s*=\s*["']([^"']{1,2000})["']/gi;
const dataImage = /data:image\/(?:png|jpe?g|gif|bmp);base64,([a-z0-9+/=\s]{100,4000000})/gi;
const autoSubmit = /\.submit\s*\(\s*\)|onload\s*=\s*["'][^"']{0,200}submit/i;

export function readHtmlAttachment(html: string, path: string[], origin: AttachmentLinkOrigin, container: string, maxLinks: number, maxImages: number): HtmlReading {
  const links: AttachmentLink[] = [];
  const add = (href: string, text: string, where: string): void => {
    if (links.length < maxLinks && !links.some((l) => l.href === href)) links.push({ href, text, origin, where, path, container });
  };
  for (const l of extractHtmlLinks(html, maxLinks)) add(l.href, l.text, l.source === 'html-form' ? 'a form' : 'a link');
  if (origin === 'svg-attachment') for (const m of html.matchAll(svgHref)) add(m[1]!, '', 'a link');
  for (const m of html.matchAll(redirect)) add(m[1]!, '', 'a script redirect');
  for (const m of html.matchAll(metaRefresh)) add(m[1]!, '', 'a meta refresh');
  const findings: AttachmentFinding[] = [];
  if (/<form\b/i.test(html) && autoSubmit.test(html)) findings.push({ code: 'html-auto-submit-form', detail: `the ${container} submits a form by itself when opened`, path });
  const dataImages: Buffer[] = [];
  for (const m of html.matchAll(dataImage)) {
    if (dataImages.length >= maxImages) break;
    dataImages.push(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'));
  }
  return { links, findings, dataImages };
}
