// Bare URLs written in plain text (http, https and www. forms).
import type { ParsedLink } from './parsed-mail.ts';

const urlPattern = /\b(?:https?:\/\/|www\.)[^\s<>"'`{}|\\^\[\]]{1,2048}/gi;

export function extractTextLinks(text: string, maxLinks: number): ParsedLink[] {
  const links: ParsedLink[] = [];
  for (const m of text.matchAll(urlPattern)) {
    if (links.length >= maxLinks) break;
    const url = m[0].replace(/[.,;:!?)\]>'"]+$/, '');
    links.push({ text: url, href: url, source: 'text' });
  }
  return links;
}
