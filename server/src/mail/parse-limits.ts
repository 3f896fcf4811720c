/** Bounds on what one message may cost to parse. */
export interface ParseLimits {
  /** Raw message size; larger input is refused with MailParseError('too-large'). */
  maxBytes: number;
  /** Wall-clock limit for MIME parsing. */
  timeoutMs: number;
  /** HTML and text bodies are cut to this many characters before analysis. */
  maxBodyChars: number;
  maxLinks: number;
  maxAttachments: number;
  /** Headers of one name kept (Received, Authentication-Results). */
  maxHeaderRepeats: number;
}

export const defaultParseLimits: ParseLimits = {
  maxBytes: 25 * 1024 * 1024,
  timeoutMs: 10_000,
  maxBodyChars: 1_000_000,
  maxLinks: 500,
  maxAttachments: 50,
  maxHeaderRepeats: 50,
};
