// Sentence splitting for narratives (the pane's held list, digests). A sentence ends at . ! or ? (with any
// closing quotes or brackets) followed by whitespace or the end of the text: a dot inside an address, a domain,
// a URL, a version or a number (ana@contoso.test, micros0ft-verify.example, 3.5) is followed by a character,
// so it never ends a sentence. Nothing is dropped: joining the sentences with spaces gives the text back.

const BOUNDARY = /[.!?]+["'’”)\]]*(?=\s|$)/g;

/** The sentences of `text`, trimmed, in order; a text without a terminator is one sentence. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const m of text.matchAll(BOUNDARY)) {
    const end = m.index + m[0].length;
    const sentence = text.slice(start, end).trim();
    if (sentence) out.push(sentence);
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

/**
 * The first `count` whole sentences, within `maxChars` when possible: sentences are dropped from the end
 * rather than cut; a first sentence longer than `maxChars` is cut at a word and ends with an ellipsis.
 */
export function firstSentences(text: string, count: number, maxChars: number): string {
  const sentences = splitSentences(text).slice(0, Math.max(1, count));
  while (sentences.length > 1 && sentences.join(' ').length > maxChars) sentences.pop();
  const joined = sentences.join(' ');
  if (joined.length <= maxChars) return joined;
  const cut = joined.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxChars / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
