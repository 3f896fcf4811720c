// URLs written in plain text: http, https and www. forms, and the other schemes mail clients make clickable or that
// open a local program (file:, search-ms:, ms-msdt:, ms-officecmd:, ms-word:, javascript:, data:, mailto:, tel:, …).
import type { ParsedLink } from './parsed-mail.ts';

const webPattern = /\b(?:https?:\/\/|www\.)[^\s<>"'`{}|\\^[\]]{1,2048}/gi;
// Other schemes, each in the form a clickable link takes: file: and smb: with // or \\, data: with a media type,
// javascript:/vbscript: with a call or assignment, search: with a query. Prose ("File:2920", "Search:the archive",
// "JavaScript:the good parts") does not match. Backslashes are allowed (UNC paths in file: and search-ms: targets).
const tail = `[^\\s<>"'\`{}|^[\\]]{0,2048}`;
const otherPattern = new RegExp(
  '(?<![\\w.+-])(?:' +
    [
      `(?:file|smb):(?:\\/\\/|\\\\\\\\)${tail}`,
      `(?:ftp|mailto|tel|sms|callto|search-ms|itms-services|ms-[a-z0-9-]{2,40}):(?=[^\\s<>"'\`])${tail}`,
      `search:(?=query=)${tail}`,
      `(?:javascript|vbscript):[\\w.$]{1,200}[(=]${tail}`,
      `data:[a-z]+\\/[a-z0-9.+-]+[;,]${tail}`,
    ].join('|') +
    ')',
  'gi',
);

function clean(url: string): string {
  return url.replace(/[.,;:!?)\]>'"]+$/, '');
}

/** Links in `text`, in order of appearance, at most `maxLinks`. */
export function extractTextLinks(text: string, maxLinks: number): ParsedLink[] {
  const found: Array<{ at: number; url: string }> = [];
  for (const m of text.matchAll(webPattern)) {
    if (found.length >= maxLinks) break;
    found.push({ at: m.index, url: clean(m[0]) });
  }
  let others = 0;
  for (const m of text.matchAll(otherPattern)) {
    if (others >= maxLinks) break;
    // a scheme name inside a web URL's path or query ("https://x.example/?u=file:…") belongs to that URL
    if (found.some((f) => f.at < m.index && m.index < f.at + f.url.length)) continue;
    found.push({ at: m.index, url: clean(m[0]) });
    others++;
  }
  found.sort((a, b) => a.at - b.at);
  return found.slice(0, maxLinks).map((f) => ({ text: f.url, href: f.url, source: 'text' }));
}
