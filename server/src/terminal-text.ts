// The one way untrusted text (mail subjects, user and rule names, incident text: anything an outsider can write)
// leaves for a terminal or a plain-text log. Control characters (C0, DEL, C1: ANSI colours, OSC title changes, CR/LF
// that forge a new line) and invisible formatting characters (bidi overrides, zero-width, line separators) are shown
// as escapes, never passed through; the text is cut to a length and, by default, quoted.

export interface TerminalTextOptions {
  /** Characters (code points) kept before '…'; 120 unless told. */
  max?: number;
  /** Wrap in double quotes (escaping '"'); true unless told. Unquoted text still escapes '\'. */
  quote?: boolean;
}

// C0 (tab, CR, LF included), DEL, C1, and the invisible formatting characters of Unicode that reorder or hide text
// eslint-disable-next-line no-control-regex
const unsafe = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function escapeChar(ch: string): string {
  const c = ch.charCodeAt(0);
  return c <= 0xff ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u{${c.toString(16)}}`;
}

/** `value` made safe to print: escaped, truncated and quoted; '(none)' for null or undefined. */
export function terminalText(value: string | null | undefined, options: TerminalTextOptions = {}): string {
  if (value === null || value === undefined) return '(none)';
  const max = options.max ?? 120;
  const quote = options.quote ?? true;
  let out = '';
  let count = 0;
  let cut = false;
  for (const ch of value) {
    if (count >= max) {
      cut = true;
      break;
    }
    count++;
    if (ch === '\\') out += '\\\\';
    else if (quote && ch === '"') out += '\\"';
    else if (unsafe.test(ch)) out += escapeChar(ch);
    else out += ch;
  }
  if (cut) out += '…';
  return quote ? `"${out}"` : out;
}
