// Every anchor, image-map area and form target of an HTML body, with the text the reader sees. Linear scan.
import { decodeHtmlEntities, fragmentText, htmlToText } from './html-text.ts';
import type { ParsedLink } from './parsed-mail.ts';

const maxTagLength = 8192;

/** Reads one attribute's value from a tag's source text (already bounded), or null. */
const attributePatterns = new Map<string, RegExp>();

export function readAttribute(tag: string, name: string): string | null {
  let re = attributePatterns.get(name);
  if (!re) {
    re = new RegExp(`[\\s"'/]${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>"']+))`, 'i');
    attributePatterns.set(name, re);
  }
  const m = re.exec(tag);
  if (!m) return null;
  return decodeHtmlEntities((m[2] ?? m[3] ?? m[4] ?? '').trim());
}

export function extractHtmlLinks(html: string, maxLinks: number): ParsedLink[] {
  const lower = html.toLowerCase();
  const links: ParsedLink[] = [];
  let pos = 0;
  while (links.length < maxLinks) {
    const lt = lower.indexOf('<', pos);
    if (lt === -1) break;
    const gt = lower.indexOf('>', lt);
    if (gt === -1) break;
    pos = gt + 1;
    const c1 = lower.charCodeAt(lt + 1);
    // fast reject: only <a, <area, <form
    if (c1 !== 97 /* a */ && c1 !== 102 /* f */) continue;
    const tag = html.slice(lt, Math.min(gt + 1, lt + maxTagLength));
    const nameMatch = /^<([a-z]+)[\s/>]/i.exec(tag);
    const tagName = nameMatch?.[1]?.toLowerCase();
    if (tagName === 'a') {
      const href = readAttribute(tag, 'href');
      if (!href) continue;
      const close = lower.indexOf('</a', gt);
      const innerEnd = close === -1 ? Math.min(html.length, gt + 1 + 2000) : Math.min(close, gt + 1 + 20000);
      const inner = html.slice(gt + 1, innerEnd);
      let text = /<(style|script)/i.test(inner) ? htmlToText(inner, 300).replace(/\s+/g, ' ').trim() : fragmentText(inner, 300);
      if (!text) {
        const img = /<img\b[^>]{0,4000}>/i.exec(inner.slice(0, 8000));
        const alt = img ? readAttribute(img[0], 'alt') : null;
        text = img ? `[image${alt ? ': ' + alt.slice(0, 100) : ''}]` : '';
      }
      links.push({ text, href, source: 'html-anchor' });
      if (close !== -1 && close > pos) {
        // keep scanning inside the anchor too (nested anchors are malformed but exist); just move on
      }
    } else if (tagName === 'area') {
      const href = readAttribute(tag, 'href');
      if (href) links.push({ text: readAttribute(tag, 'alt') ?? '[image map]', href, source: 'html-area' });
    } else if (tagName === 'form') {
      const action = readAttribute(tag, 'action');
      if (action) links.push({ text: '[form]', href: action, source: 'html-form' });
    }
  }
  return links;
}
