/** Bounds on what one message may cost to parse. Past a bound the message is read in part and flagged, never dropped. */
export interface ParseLimits {
  /** Raw message size; only the first maxBytes bytes of a larger message are read (a 'bytes' shortfall). */
  maxBytes: number;
  /** Wall-clock limit for MIME parsing; past it only the header block is read (a 'timeout' shortfall). */
  timeoutMs: number;
  /** HTML and text bodies are cut to this many characters before analysis. */
  maxBodyChars: number;
  maxLinks: number;
  maxAttachments: number;
  /** Headers of one name kept (Received, Authentication-Results). */
  maxHeaderRepeats: number;
  /** MIME parts (every node, the root and multipart containers included); parts past it are not read (a 'parts' shortfall). */
  maxParts: number;
  /**
   * Bytes of one header block, counting every line as at least 64 bytes as the MIME splitter does. A larger block is
   * cut down to its addressing and authentication headers (a 'header-bytes' shortfall).
   */
  maxHeaderBytes: number;
}

export const defaultParseLimits: ParseLimits = {
  maxBytes: 25 * 1024 * 1024,
  timeoutMs: 10_000,
  maxBodyChars: 1_000_000,
  maxLinks: 500,
  maxAttachments: 50,
  maxHeaderRepeats: 50,
  maxParts: 1000,
  maxHeaderBytes: 1024 * 1024,
};

/** Which bound a message went past. */
export type ParseShortfallKind = 'bytes' | 'parts' | 'header-bytes' | 'timeout' | 'structure';

/** A bound the message went past: what was read is scored, the rest was not checked. */
export interface ParseShortfall {
  kind: ParseShortfallKind;
  /** For the analyst: the concrete numbers, e.g. "1,003 MIME parts, over the limit of 1,000; parts after 998 not read". */
  detail: string;
}
