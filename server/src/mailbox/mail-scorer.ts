// What the mailbox module needs from mail analysis: turn a parsed message plus what Lantern knows about its
// sender and the tenant into a MailAssessment. The real scorer (createMailScorer in mail-scorer-default.ts)
// builds the mail module's MailContext and calls assessMail.
import type { MailAssessment } from '@lantern/shared';
import type { ParsedMail } from '../mail/parsed-mail.ts';
import type { SenderFacts } from './mailbox-repository.ts';

export interface ScoringFacts {
  /** When the message arrived (ISO), or null. */
  receivedAt: string | null;
  /** The recipient's address (lower-cased), or null. */
  recipient: string | null;
  /** Tenant-wide history of the sender's address and domain before this message. */
  sender: SenderFacts;
}

export type MailScorer = (mail: ParsedMail, facts: ScoringFacts) => MailAssessment;
