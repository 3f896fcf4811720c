// The one normalised message every mail detection reads, whether it came from raw MIME or Graph JSON.
import type { AttachmentContent } from './attachments/attachment-content.ts';
import type { ParseShortfall } from './parse-limits.ts';

export interface MailAddress {
  /** Lower-cased address, or null when the header held none that parsed. */
  address: string | null;
  /** Display name as shown to the reader ('' when absent). */
  name: string;
  /** Lower-cased domain part of the address (Unicode, as written), or null. */
  domain: string | null;
}

export type AuthResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror' | 'policy' | 'other';

export interface AuthenticationResults {
  /** The authserv-id at the head of the header ('' when the stamping server wrote none, as Exchange Online does). */
  authservId: string;
  spf: AuthResult | null;
  dkim: AuthResult | null;
  dmarc: AuthResult | null;
  /** Microsoft's composite authentication (Exchange Online only). */
  compauth: AuthResult | null;
  /** compauth reason code, e.g. "001" (implicit fail) or "905" (complex routing). */
  compauthReason: string | null;
  /** header.from domain as the stamping server saw it. */
  headerFrom: string | null;
  /** smtp.mailfrom as the stamping server saw it. */
  mailFrom: string | null;
  /** header.d of every DKIM signature the stamping server found valid (dkim=pass), lower case. */
  dkimPassDomains: string[];
}

export interface ReceivedHop {
  /** The `from` host (HELO or reverse DNS) as written, or null. */
  from: string | null;
  /** The `by` host, or null. */
  by: string | null;
  /** First IP literal found in the hop, or null. */
  ip: string | null;
}

export interface ParsedLink {
  /** What the reader sees: the anchor text (tags stripped), "[image: alt]" for image links, or the URL for bare links. */
  text: string;
  /** The target as written (entities decoded). */
  href: string;
  /** Where the link came from. */
  source: 'html-anchor' | 'html-area' | 'html-form' | 'text';
}

export interface ParsedAttachment {
  /** File name as declared ('' when none). */
  name: string;
  /** Content type declared by the sender. */
  declaredType: string;
  /** Content type detected from the first bytes (magic numbers), falling back to the declared type. */
  detectedType: string;
  size: number;
  sha256: string;
  /** True for an archive whose entries are encrypted (ZIP general-purpose flag, 7z/RAR headers marked encrypted). */
  encrypted: boolean;
  /** True when the bytes carry an Office VBA project (vbaProject.bin in OOXML, or a _VBA_PROJECT stream in OLE). */
  hasMacros: boolean;
  /** Names of the entries of a ZIP archive (first 200), for archives. */
  archiveEntries: string[];
  /** For HTML and SVG attachments: the first 64 KiB of their text, lower-cased; '' otherwise. */
  scriptSample: string;
  /** Inline (cid:) part rather than a real attachment. */
  inline: boolean;
  /** What reading the content found (text, links with their origin, findings, limits hit); absent when not read. */
  content?: AttachmentContent;
}

/** How the message was mass-mailed, from its headers (absent headers are null or empty). */
export interface BulkHeaders {
  /** List-Unsubscribe (RFC 2369) as written, bounded; null when absent. */
  listUnsubscribe: string | null;
  /** List-Unsubscribe-Post (RFC 8058), normally "List-Unsubscribe=One-Click"; null when absent. */
  listUnsubscribePost: string | null;
  listId: string | null;
  /** Precedence header, lower case ("bulk", "list", "junk"), or null. */
  precedence: string | null;
  /** Feedback-ID, set by large sending platforms for mailbox providers' feedback loops, or null. */
  feedbackId: string | null;
  /** d= of every DKIM-Signature header, lower case, as claimed by the sender (not verified here). */
  dkimDomains: string[];
  /** X-Mailer (or User-Agent) as written, or null. */
  mailer: string | null;
}

export interface ParsedMail {
  /** Where this came from, for the analyst. */
  origin: 'mime' | 'graph';
  subject: string | null;
  /** The first From mailbox that has an address (or the first entry when none has one). */
  from: MailAddress | null;
  /** How many entries the From header held; more than one (often a name-only entry) is a spoofing trick. */
  fromEntries: number;
  /** The Sender header when it differs from From (on-behalf-of), or null. */
  sender: MailAddress | null;
  replyTo: MailAddress[];
  returnPath: string | null;
  to: MailAddress[];
  cc: MailAddress[];
  date: string | null;
  messageId: string | null;
  /** Every Authentication-Results header, topmost (added last, by the receiving side) first. */
  authentication: AuthenticationResults[];
  /** Received hops, topmost first. */
  received: ReceivedHop[];
  /** List-Unsubscribe, DKIM signing domains and other marks of mass mailing. */
  bulk: BulkHeaders;
  /** Plain text body (from text/plain, or derived from the HTML), bounded. */
  text: string;
  /** HTML body, bounded; '' when there is none. */
  html: string;
  /** Visible text of the HTML body (tags, styles and scripts removed), bounded; '' without HTML. */
  htmlText: string;
  links: ParsedLink[];
  attachments: ParsedAttachment[];
  /** True when a body, the links or the attachments were cut to stay inside the parse limits. */
  truncated: boolean;
  /**
   * Bounds the message went past (size, MIME parts, header block, parse time, structure): only part of it was read,
   * so a clean score means nothing. Empty for a message read in full. See message.not-fully-checked.
   */
  shortfalls: ParseShortfall[];
  /** Non-fatal problems met while parsing (malformed parts), for the analyst. */
  warnings: string[];
  /** QR codes in images embedded in the HTML body (data: URIs), when attachment reading ran. */
  bodyContent?: AttachmentContent;
}
