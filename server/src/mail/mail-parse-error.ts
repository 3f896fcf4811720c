/**
 * A message that could not be turned into a ParsedMail: not a message at all (no readable header block), or Graph JSON of
 * the wrong shape. parseMime no longer throws 'too-large' or 'timeout': it reads such a message in part and says so in
 * ParsedMail.shortfalls; the codes stay for callers that bound input themselves.
 */
export class MailParseError extends Error {
  constructor(
    message: string,
    readonly code: 'too-large' | 'timeout' | 'malformed' | 'invalid-graph-message',
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'MailParseError';
  }
}
