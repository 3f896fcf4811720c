// The IO boundaries of triage: the mailbox module (holds and stored assessments), the reporter notifier
// (Graph sendMail) and identity signals (open takeover incidents). Real adapters live beside the service;
// tests pass the same real adapters over the simulator.
import type { MailAssessment } from '@lantern/shared';

export interface StoredCopy {
  messageId: string;
  internetMessageId: string | null;
  receivedAt: string | null;
  assessment: MailAssessment;
}

export interface TriageMailbox {
  /** The stored first-pass assessment of a copy, without touching Graph; null when never assessed. */
  storedAssessment(mailbox: string, messageId: string): Promise<StoredCopy | null>;
  /** Moves the copy to the hidden held folder (idempotent). `created` is false when it was already held. */
  hold(mailbox: string, messageId: string, actor: string, scored: { score: number; verdict: string }): Promise<{ holdId: string; messageId: string; created: boolean }>;
  /** Undoes a hold: the copy goes back to its folder. False when the hold no longer exists or was released. */
  release(holdId: string, actor: string): Promise<boolean>;
  /**
   * Puts a reported copy that triage found safe back in the Inbox (add-in reports moved to Junk Email), once.
   * Optional: adapters without a mailbox to move in (evaluation) leave it out.
   */
  restoreReported?(reportId: string, actor: string): Promise<boolean>;
  /** Marks the mailbox module's own report row (add-in reports) with triage's status. */
  setReportStatus(reportId: string, status: string): Promise<void>;
}

export interface ReporterNotifier {
  /** A plain message to the reporter (the report's outcome). */
  notify(reporter: { id: string; upn: string }, subject: string, text: string): Promise<void>;
}

export interface CompromiseSignal {
  /** True when the account behind this address has an open identity incident at `at`. */
  isCompromised(address: string, at: string): Promise<boolean>;
}

/** The triage core could not reach the mailbox or store; carries what it was doing. */
export class TriageError extends Error {
  readonly context: Record<string, string>;
  constructor(message: string, context: Record<string, string>, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TriageError';
    this.context = context;
  }
}
