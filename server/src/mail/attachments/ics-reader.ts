// Calendar invitations (.ics, RFC 5545): the event's summary, description and location as text, and every link
// an attendee could follow (URL, ATTACH, links written in DESCRIPTION or LOCATION, X-ALT-DESC HTML).
import { extractHtmlLinks } from '../html-links.ts';
import { extractTextLinks } from '../text-links.ts';
import type { AttachmentFinding, AttachmentLink } from './attachment-content.ts';

export interface IcsReading {
  text: string;
  links: AttachmentLink[];
  findings: AttachmentFinding[];
}

interface ContentLine {
  name: string;
  params: string;
  value: string;
}

const maxLines = 5000;

/** Unfolds (CRLF + space/tab continues a line) and splits content lines; bounded. */
export function icsLines(source: string): ContentLine[] {
  const unfolded = source.replace(/\r?\n[ \t]/g, '');
  const lines: ContentLine[] = [];
  for (const line of unfolded.split(/\r?\n/, maxLines)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const head = line.slice(0, colon);
    const semi = head.indexOf(';');
    lines.push({ name: (semi === -1 ? head : head.slice(0, semi)).trim().toUpperCase(), params: semi === -1 ? '' : head.slice(semi + 1), value: line.slice(colon + 1) });
  }
  return lines;
}

const unescapeText = (v: string): string => v.replace(/\\[nN]/g, '\n').replace(/\\([,;\\])/g, '$1');

export function looksLikeIcs(head: string): boolean {
  return /^\s*BEGIN:VCALENDAR/i.test(head);
}

export function readIcs(source: string, path: string[], maxLinks: number, maxTextChars: number): IcsReading {
  const lines = icsLines(source.slice(0, 2_000_000));
  const text: string[] = [];
  const links: AttachmentLink[] = [];
  const add = (href: string, label: string, where: string): void => {
    if (links.length < maxLinks && !links.some((l) => l.href === href)) links.push({ href, text: label, origin: 'ics', where, path, container: 'calendar invitation' });
  };
  let organizer = '';
  let summary = '';
  for (const l of lines) {
    const value = unescapeText(l.value);
    if (l.name === 'SUMMARY') summary = value;
    if (l.name === 'SUMMARY' || l.name === 'DESCRIPTION' || l.name === 'LOCATION' || l.name === 'COMMENT') {
      text.push(value);
      for (const t of extractTextLinks(value, maxLinks)) add(t.href, t.text, l.name.toLowerCase());
    } else if (l.name === 'URL' || (l.name === 'ATTACH' && /^https?:/i.test(l.value))) add(l.value.trim(), '', l.name.toLowerCase());
    else if (l.name === 'X-ALT-DESC' && /FMTTYPE=text\/html/i.test(l.params)) for (const h of extractHtmlLinks(value, maxLinks)) add(h.href, h.text, 'description');
    else if (l.name === 'ORGANIZER') organizer = value.replace(/^mailto:/i, '');
  }
  const findings: AttachmentFinding[] = [];
  if (lines.some((l) => l.name === 'BEGIN' && /^VEVENT$/i.test(l.value.trim())))
    findings.push({ code: 'ics-invitation', detail: `a calendar invitation${summary ? ` '${summary.slice(0, 100)}'` : ''}${organizer ? ` from ${organizer.slice(0, 200)}` : ''}`, path });
  return { text: text.join('\n').slice(0, maxTextChars), links, findings };
}
