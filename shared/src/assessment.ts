// The mail assessment contract, shared by the scorer (server/src/mail), the API and the add-in.

export type MailVerdict = 'deliver' | 'tag' | 'lock-links' | 'hold';

export interface MailReason {
  /** Stable detection code, e.g. "link.text-target-mismatch". */
  code: string;
  /** Points this reason added to the score. */
  weight: number;
  /** A sentence with the concrete evidence. */
  text: string;
}

export interface AssessedLink {
  /** What the reader sees (anchor text, or the URL itself for bare links). */
  text: string;
  /** Where the link really goes. */
  url: string;
  host: string;
  risky: boolean;
  /** Why the link is risky, in plain words; null when it is not. */
  why: string | null;
}

export interface AssessedAttachment {
  name: string;
  /** Type detected from the content, not only the extension. */
  contentType: string;
  size: number;
  sha256: string;
  risky: boolean;
  why: string | null;
}

export interface MailAssessment {
  score: number;
  verdict: MailVerdict;
  reasons: MailReason[];
  /** Two or three plain sentences for the person who received the message. */
  userNarrative: string;
  /** Every reason with its evidence, for the security team. */
  analystNarrative: string;
  sender: { address: string | null; name: string | null; replyTo: string | null; authentication: string | null };
  subject: string | null;
  links: AssessedLink[];
  attachments: AssessedAttachment[];
}
