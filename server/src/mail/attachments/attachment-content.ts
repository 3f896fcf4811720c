// What reading an attachment's content found: its text, its links (each with where it came from) and findings.
import type { ParsedMail } from '../parsed-mail.ts';

/** Where a link found inside an attachment came from. */
export type AttachmentLinkOrigin =
  | 'pdf-annotation'
  | 'pdf-text'
  | 'qr-code'
  | 'ics'
  | 'html-attachment'
  | 'svg-attachment'
  | 'office-external-link'
  | 'office-hyperlink'
  | 'mobileconfig'
  | 'attached-message'
  | 'msg-attachment';

export interface AttachmentLink {
  href: string;
  /** What the reader sees, when anything ('' for a QR code). */
  text: string;
  origin: AttachmentLinkOrigin;
  /** Where inside the attachment, for the narrative: "page 1", "image2.png", "word/_rels/settings.xml.rels". */
  where: string;
  /** Names of the containers, outermost first (the attachment, then e.g. a file inside an attached message). */
  path: string[];
  /** The kind of container the link sits in, for the narrative: "PDF", "image", "Word document", "calendar invitation". */
  container: string;
  /** For links of an attached message's body: how that body held it (anchor, form, text). */
  source?: 'html-anchor' | 'html-area' | 'html-form' | 'text';
}

export type AttachmentFindingCode =
  | 'office-macros'
  | 'office-remote-template'
  | 'office-external-object'
  | 'office-dde'
  | 'html-auto-submit-form'
  | 'html-meta-refresh'
  | 'html-smuggling'
  | 'pdf-javascript'
  | 'pdf-launch-action'
  | 'pdf-embedded-file'
  | 'mobileconfig-profile'
  | 'ics-invitation'
  | 'msg-message';

export interface AttachmentFinding {
  code: AttachmentFindingCode;
  /** One sentence with the concrete evidence. */
  detail: string;
  path: string[];
}

/** Why analysis of (part of) an attachment stopped early. */
export type AnalysisLimitCode = 'size' | 'total-size' | 'pages' | 'images' | 'pixels' | 'nesting' | 'time' | 'zip-entries' | 'zip-inflated' | 'unreadable';

export interface AnalysisLimit {
  code: AnalysisLimitCode;
  detail: string;
  path: string[];
}

export interface AttachmentContent {
  /** What was opened: 'pdf', 'image', 'html', 'svg', 'ics', 'mobileconfig', 'ooxml', 'ole', 'msg', 'message'. */
  format: string;
  /** Readable text found (PDF text, an invitation's description, an attached message's body), bounded. */
  text: string;
  links: AttachmentLink[];
  findings: AttachmentFinding[];
  /** Limits that stopped analysis; an empty list means everything was read. */
  limits: AnalysisLimit[];
  /** Messages attached inside this one (message/rfc822, .eml, .msg), read recursively. */
  nested: NestedMessage[];
}

export interface NestedMessage {
  /** The attachment's name ('' when none). */
  name: string;
  /** 1 for a message attached to the delivered one, 2 for one attached inside that, and so on. */
  depth: number;
  /** The attached message, parsed through the same edge (its own attachments read within the same budget). */
  mail: ParsedMail;
}
