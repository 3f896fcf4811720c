/** A message that could not be turned into a ParsedMail: too large, timed out, or not a message at all. */
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
