// Phrase matching over folded text (lower case, accents removed): the first match, with a little context.
// An expression whose required words cannot occur in the text is not run (regex-prefilter.ts): same results, less time.
import { mayMatch } from './regex-prefilter.ts';

export function firstMatch(text: string, patterns: readonly RegExp[]): string | null {
  for (const p of patterns) {
    if (!mayMatch(p, text)) continue;
    const m = p.exec(text);
    if (m) return m[0].trim().slice(0, 80);
  }
  return null;
}

export function allMatches(text: string, patterns: readonly RegExp[], max = 5): string[] {
  const out: string[] = [];
  for (const p of patterns) {
    if (!mayMatch(p, text)) continue;
    const m = p.exec(text);
    if (m && !out.includes(m[0].trim())) out.push(m[0].trim().slice(0, 80));
    if (out.length >= max) break;
  }
  return out;
}

export function quote(s: string, max = 60): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return `'${t.length > max ? t.slice(0, max - 1) + '…' : t}'`;
}

/**
 * Distinct phrases matched anywhere in the text by any of the patterns (each pattern given with the `g` flag), up to
 * `max`: a lure that repeats itself in several different phrases ("herzlichen Glückwunsch … du hast gewonnen … ein
 * glücklicher Gewinner") says more than one that uses one phrase once.
 */
export function distinctMatches(text: string, globalPatterns: readonly RegExp[], max = 5): string[] {
  const out: string[] = [];
  for (const p of globalPatterns) {
    if (!p.global) throw new Error('distinctMatches: patterns need the g flag');
    p.lastIndex = 0;
    for (const m of text.matchAll(p)) {
      const t = m[0].trim().slice(0, 80);
      if (t && !out.includes(t)) out.push(t);
      if (out.length >= max) return out;
    }
  }
  return out;
}
