// What each poller reports for /api/health: when it last ran, where it stands, and what went wrong.
export type SourceName = 'signIns' | 'directoryAudits' | 'inboxRules' | 'messages';

export const SOURCE_NAMES: readonly SourceName[] = ['signIns', 'directoryAudits', 'inboxRules', 'messages'];

/** idle: waiting for its next run; polling: running; error: the last run failed; licence-required: the
 * tenant lacks the licence the source needs (sign-ins: Entra ID P1/P2); stopped: ingestion was stopped. */
export type PollerState = 'idle' | 'polling' | 'error' | 'licence-required' | 'stopped';

export interface PollerHealth {
  state: PollerState;
  /** When the last run started (ingestion clock, ISO). */
  lastPollAt: string | null;
  /** When a run last completed without error. */
  lastSuccessAt: string | null;
  /** When the last run that completed without error started: everything the source had by then is stored. */
  completeThrough: string | null;
  /** The source's committed cursor, summarised for people. */
  cursor: string | null;
  /** Events stored (new ones only; re-read duplicates are not counted). */
  records: number;
  /** Records skipped as invalid or unusable. */
  skipped: number;
  errors: number;
  lastError: string | null;
  /** Throttled answers met (429/503/504, outer or inside a $batch). */
  throttled: number;
  /**
   * Mailbox sources only (absent for the others), as of the last run: users found without a mailbox
   * (skipped until the user list is read again), shared mailboxes (read like the others), and room or
   * equipment mailboxes (skipped: nobody reads their mail, and Exchange handles their meeting requests).
   */
  mailboxes?: MailboxCounts;
}

export interface MailboxCounts {
  noMailbox: number;
  shared: number;
  resource: number;
}

const MAX_ERROR_TEXT = 500;

export class HealthTracker {
  readonly source: SourceName;
  #h: PollerHealth = {
    state: 'idle',
    lastPollAt: null,
    lastSuccessAt: null,
    completeThrough: null,
    cursor: null,
    records: 0,
    skipped: 0,
    errors: 0,
    lastError: null,
    throttled: 0,
  };

  constructor(source: SourceName) {
    this.source = source;
  }

  started(at: Date): void {
    this.#h.state = 'polling';
    this.#h.lastPollAt = at.toISOString();
  }

  succeeded(at: Date): void {
    this.#h.state = 'idle';
    this.#h.lastSuccessAt = at.toISOString();
    this.#h.completeThrough = this.#h.lastPollAt;
  }

  failed(message: string, licenceRequired = false): void {
    this.#h.state = licenceRequired ? 'licence-required' : 'error';
    this.error(message);
  }

  /** An error that did not stop the run (one mailbox, one record's enrichment). */
  error(message: string): void {
    this.#h.errors++;
    this.#h.lastError = message.slice(0, MAX_ERROR_TEXT);
  }

  stored(n: number): void {
    this.#h.records += n;
  }

  skipped(n: number): void {
    this.#h.skipped += n;
  }

  throttled(): void {
    this.#h.throttled++;
  }

  mailboxes(counts: MailboxCounts): void {
    this.#h.mailboxes = { ...counts };
  }

  cursor(summary: string | null): void {
    this.#h.cursor = summary;
  }

  stopped(): void {
    this.#h.state = 'stopped';
  }

  snapshot(): PollerHealth {
    return { ...this.#h, ...(this.#h.mailboxes ? { mailboxes: { ...this.#h.mailboxes } } : {}) };
  }
}
