// Subject normalisation for campaign matching: the same lure sent to many people differs in names, numbers,
// dates and reply prefixes ("RE: Invoice 4471 for Alice" ~ "Invoice 9921 for Bob").

const PREFIX = /^\s*((re|fw|fwd|aw|wg|tr|sv|vs|rv|antw)\s*(\[\d+\])?\s*:\s*|\[(external|ext|spam|suspicious|warning)[^\]]*\]\s*)+/i;

/** Bound on the subject length considered. */
export const MAX_SUBJECT = 512;

/**
 * Lower-case, strip reply/forward/external tags, replace numbers, e-mail addresses, hex ids and the recipient's
 * own names with placeholders, collapse punctuation and spaces.
 */
export function normaliseSubject(subject: string | null | undefined, recipientNames: readonly string[] = []): string {
  if (!subject) return '';
  let s = subject.slice(0, MAX_SUBJECT).normalize('NFKC');
  for (let i = 0; i < 4; i++) s = s.replace(PREFIX, '');
  s = s.toLowerCase();
  for (const raw of recipientNames) {
    for (const part of raw.toLowerCase().split(/[\s.@_-]+/)) {
      if (part.length >= 3) s = s.split(part).join(' <name> ');
    }
  }
  s = s
    .replace(/[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/g, ' <email> ')
    .replace(/\b[0-9a-f]{8,}\b/g, ' <id> ')
    .replace(/\d+([.,:/-]\d+)*/g, ' <n> ')
    .replace(/[^\p{L}\p{N}<>]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return s;
}
