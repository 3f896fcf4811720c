// Cutting hostile MIME down to what the parser will accept: the addressing and authentication headers of an
// oversized header block, the parts before the part limit. Linear scans over the bytes (read as latin1, so
// every byte survives the round trip); the caller parses the result and flags the message as not fully read.
import type { ParseLimits, ParseShortfall } from './parse-limits.ts';

/** What the MIME splitter counts a header line for, at least (see @zone-eu/mailsplit's MimeNode#headerCost). */
const HEADER_LINE_MIN_COST = 64;
/** One kept header field is cut to this many characters. */
const MAX_KEPT_FIELD = 16_384;
const MAX_BOUNDARIES = 1000;

/** Headers kept from an oversized header block: who sent it, to whom, what it is, and how it was authenticated. */
const essentialHeaders: ReadonlySet<string> = new Set([
  'from', 'sender', 'reply-to', 'to', 'cc', 'subject', 'date', 'message-id', 'return-path', 'mime-version',
  'content-type', 'content-transfer-encoding', 'content-disposition', 'authentication-results', 'received',
]);

export interface Salvaged {
  raw: Buffer;
  shortfalls: ParseShortfall[];
}

const count = (n: number): string => n.toLocaleString('en-US');

function lineCost(line: string): number {
  return Math.max(line.length + 2, HEADER_LINE_MIN_COST);
}

/** The top header block and where the body starts (the whole input when no empty line ends the block). */
function splitHead(s: string): { head: string; body: string } {
  const m = /\r?\n\r?\n/.exec(s);
  if (!m) return { head: s, body: '' };
  return { head: s.slice(0, m.index), body: s.slice(m.index + m[0].length) };
}

function headCost(head: string): { cost: number; lines: number } {
  let cost = 0;
  let lines = 0;
  for (const line of head.split(/\r?\n/)) {
    cost += lineCost(line);
    lines++;
  }
  return { cost, lines };
}

/** Keeps the essential fields of a header block, each name at most maxHeaderRepeats times, within half the byte limit. */
function boundHead(head: string, lim: ParseLimits, where: string): { head: string; shortfall: ParseShortfall | null } {
  const { cost, lines } = headCost(head);
  if (cost <= lim.maxHeaderBytes) return { head, shortfall: null };
  const fields: string[] = [];
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && fields.length > 0) fields[fields.length - 1] += '\r\n' + line;
    else fields.push(line);
  }
  const kept: string[] = [];
  const perName = new Map<string, number>();
  const budget = Math.floor(lim.maxHeaderBytes / 2);
  let used = 0;
  for (const field of fields) {
    const colon = field.indexOf(':');
    const name = colon > 0 ? field.slice(0, colon).trim().toLowerCase() : '';
    if (!essentialHeaders.has(name)) continue;
    const seen = perName.get(name) ?? 0;
    if (seen >= lim.maxHeaderRepeats) continue;
    const value = field.length > MAX_KEPT_FIELD ? field.slice(0, MAX_KEPT_FIELD).replace(/\r?\n?[ \t]*$/, '') : field;
    const c = value.split(/\r?\n/).reduce((sum, l) => sum + lineCost(l), 0);
    if (used + c > budget) break;
    used += c;
    perName.set(name, seen + 1);
    kept.push(value);
  }
  return {
    head: kept.join('\r\n'),
    shortfall: {
      kind: 'header-bytes',
      detail: `${where} header block counts ${count(cost)} bytes in ${count(lines)} lines, over the limit of ${count(lim.maxHeaderBytes)}: kept ${kept.length} addressing and authentication headers of ${count(fields.length)}`,
    },
  };
}

function declaredBoundaries(s: string): Set<string> {
  const out = new Set<string>();
  const re = /boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))/gi;
  for (const m of s.matchAll(re)) {
    const b = m[1] ?? m[2];
    if (b) out.add(b);
    if (out.size >= MAX_BOUNDARIES) break;
  }
  return out;
}

/**
 * Cuts `raw` so the MIME parser accepts it: the top header block bounded (see boundHead), and the body cut before the
 * delimiter line of the first part past `maxParts`, or of a part whose own header block is over `maxHeaderBytes`.
 */
export function salvageMime(raw: Buffer, lim: ParseLimits): Salvaged {
  const s = raw.toString('latin1');
  const shortfalls: ParseShortfall[] = [];
  const split = splitHead(s);
  const top = boundHead(split.head, lim, 'the message');
  if (top.shortfall) shortfalls.push(top.shortfall);
  const body = split.body;
  const boundaries = declaredBoundaries(s);
  // nodes = the root + one per opening delimiter; one node is kept spare for an embedded message/rfc822
  const maxOpenings = Math.max(0, lim.maxParts - 2);
  let openings = 0;
  let cutAt = -1;
  let partHeadCost = -1; // ≥ 0 while inside a part's header block
  let partStart = 0;
  let pos = 0;
  while (pos < body.length) {
    const nl = body.indexOf('\n', pos);
    const end = nl === -1 ? body.length : nl;
    const line = body.slice(pos, end).replace(/\r$/, '');
    const lineStart = pos;
    pos = end + 1;
    if (partHeadCost >= 0) {
      if (line === '') partHeadCost = -1;
      else {
        partHeadCost += lineCost(line);
        if (partHeadCost > lim.maxHeaderBytes && cutAt === -1) {
          cutAt = partStart;
          shortfalls.push({ kind: 'header-bytes', detail: `the header block of MIME part ${count(openings)} is over the limit of ${count(lim.maxHeaderBytes)} bytes: that part and the rest of the message were not read` });
          break;
        }
      }
    }
    if (line.length < 3 || !line.startsWith('--')) continue;
    const candidate = line.slice(2).replace(/[ \t]+$/, '');
    if (boundaries.has(candidate)) {
      openings++;
      if (openings > maxOpenings && cutAt === -1) cutAt = lineStart;
      if (cutAt === -1) {
        partHeadCost = 0;
        partStart = lineStart;
      }
    }
  }
  if (openings > maxOpenings) {
    shortfalls.push({
      kind: 'parts',
      detail: `the message has at least ${count(openings + 1)} MIME parts, over the limit of ${count(lim.maxParts)}: parts after the first ${count(maxOpenings + 1)} were not read`,
    });
  }
  const keptBody = cutAt === -1 ? body : body.slice(0, cutAt);
  return { raw: Buffer.from(top.head + '\r\n\r\n' + keptBody, 'latin1'), shortfalls };
}

/** The top header block alone (bounded as in salvageMime), with an empty body. */
export function headerBlockOnly(raw: Buffer, lim: ParseLimits): Salvaged {
  const { head } = splitHead(raw.toString('latin1'));
  const top = boundHead(head, lim, 'the message');
  return { raw: Buffer.from(top.head + '\r\n\r\n', 'latin1'), shortfalls: top.shortfall ? [top.shortfall] : [] };
}
