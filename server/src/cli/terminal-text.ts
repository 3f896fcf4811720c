// Mail-derived text (subjects, sender names and addresses) printed to a terminal: an attacker writes it, so
// control characters (C0, DEL, C1: escape sequences that move the cursor, retitle the window or hide text)
// and Unicode bidirectional controls and invisible formatting characters (which reorder or hide what is
// shown) are replaced, whitespace collapses to single spaces, and the text is cut to `max` characters.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

export function terminalText(value: string | null | undefined, max = 80): string {
  if (value === null || value === undefined) return '';
  const clean = value.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  const chars = [...clean];
  return chars.length > max ? `${chars.slice(0, Math.max(1, max - 1)).join('')}…` : clean;
}
