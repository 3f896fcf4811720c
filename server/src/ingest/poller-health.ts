// What each poller reports for /api/health: when it last ran, where it stands, and what went wrong.
export type SourceName = 'signIns' | 'directoryAudits' | 'inboxRules' | 'messages';

export const SOURCE_NAMES: readonly SourceName[] = ['signIns', 'directoryAudits', 'inboxRules', 'messages'];

/** idle: waiting for its next run; polling: running; error: the last run failed; degraded: runs finish, but
 * the source has failed several runs in a row, or some mailboxes fail on every run; licence-required: the
 * tenant lacks the licence the source needs (sign-ins: Entra ID P1/P2); stopped: ingestion was stopped. */
export type PollerState = 'idle' | 'polling' | 'error' | 'degraded' | 'licence-required' | 'stopped';

/** Runs in a row a mailbox must fail (or the source must fail) before the source is degraded. */
export const DEGRADED_AFTER_RUNS = 3;

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
  /** Runs in a row that failed as a whole (0 after a run that completed). */
  consecutiveFailures: number;
  /** Runs in a row that met errors, whole-run failures included (0 after a clean run). */
  consecutiveRunsWithErrors: number;
  /** Mailboxes that failed on each of the last DEGRADED_AFTER_RUNS runs or more. */
  failingMailboxes: number;
  /** Their ids (user object ids), for people allowed to see them; at most 100. */
  failingMailboxIds: string[];
  /**
   * Mailbox sources only (absent for the others), as of the last run: users found without a mailbox
   * (skipped until the user list is read again), shared mailboxes (read like the others), and room or
   * equipment mailboxes (skipped: nobody reads their mail, and Exchange handles their meeting requests).
   */
  mailboxes?: MailboxCounts;
  /**
   * Sign-ins only: which Graph version they are read from and what that version lacks (empty on beta):
   * 'nonInteractiveSignIns' and beta's fields ('authenticationProtocol', 'sessionId', ...). `reason` says why
   * (configured, or beta's refusal), for the details only.
   */
  signInData?: SignInDataHealth;
}

export interface SignInDataHealth {
  api: 'beta' | 'v1.0';
  missing: string[];
  reason: string | null;
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
    consecutiveFailures: 0,
    consecutiveRunsWithErrors: 0,
    failingMailboxes: 0,
    failingMailboxIds: [],
  };
  /** Mailboxes that failed in the run under way. */
  #failedThisRun = new Set<string>();
  #errorsThisRun = 0;
  /** Mailbox → runs in a row it failed (ended runs only). */
  #streaks = new Map<string, number>();
  readonly #degradedAfter: number;

  constructor(source: SourceName, degradedAfterRuns = DEGRADED_AFTER_RUNS) {
    this.source = source;
    this.#degradedAfter = Math.max(1, degradedAfterRuns);
  }

  started(at: Date): void {
    this.#h.state = 'polling';
    this.#h.lastPollAt = at.toISOString();
    this.#failedThisRun.clear();
    this.#errorsThisRun = 0;
  }

  succeeded(at: Date): void {
    this.#h.consecutiveFailures = 0;
    this.#endRun();
    const stuck = this.#h.failingMailboxes > 0 || this.#h.consecutiveRunsWithErrors >= this.#degradedAfter;
    this.#h.state = stuck ? 'degraded' : 'idle';
    this.#h.lastSuccessAt = at.toISOString();
    this.#h.completeThrough = this.#h.lastPollAt;
  }

  failed(message: string, licenceRequired = false): void {
    this.#h.consecutiveFailures++;
    this.error(message);
    this.#endRun();
    this.#h.state = licenceRequired ? 'licence-required' : 'error';
  }

  /** An error that did not stop the run (one mailbox, one record's enrichment); `mailbox`: whose (user id). */
  error(message: string, mailbox?: string): void {
    this.#h.errors++;
    this.#h.lastError = message.slice(0, MAX_ERROR_TEXT);
    this.#errorsThisRun++;
    if (mailbox !== undefined) this.#failedThisRun.add(mailbox);
  }

  /** Runs in a row this mailbox has failed, counting the run under way if it failed there. */
  failingRuns(mailbox: string): number {
    return (this.#streaks.get(mailbox) ?? 0) + (this.#failedThisRun.has(mailbox) ? 1 : 0);
  }

  /** Whether the source needs attention: its last run failed, or runs finish with mailboxes stuck. */
  unhealthy(): boolean {
    return this.#h.state === 'error' || this.#h.state === 'licence-required' || this.#h.state === 'degraded';
  }

  #endRun(): void {
    this.#h.consecutiveRunsWithErrors = this.#errorsThisRun > 0 ? this.#h.consecutiveRunsWithErrors + 1 : 0;
    this.#errorsThisRun = 0;
    const next = new Map<string, number>();
    for (const m of this.#failedThisRun) next.set(m, (this.#streaks.get(m) ?? 0) + 1);
    this.#streaks = next;
    this.#failedThisRun.clear();
    const failing = [...next].filter(([, n]) => n >= this.#degradedAfter).map(([m]) => m).sort();
    this.#h.failingMailboxes = failing.length;
    this.#h.failingMailboxIds = failing.slice(0, 100);
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

  signInData(data: SignInDataHealth): void {
    this.#h.signInData = { ...data, missing: [...data.missing] };
  }

  cursor(summary: string | null): void {
    this.#h.cursor = summary;
  }

  stopped(): void {
    this.#h.state = 'stopped';
  }

  snapshot(): PollerHealth {
    return {
      ...this.#h,
      failingMailboxIds: [...this.#h.failingMailboxIds],
      ...(this.#h.mailboxes ? { mailboxes: { ...this.#h.mailboxes } } : {}),
      ...(this.#h.signInData ? { signInData: { ...this.#h.signInData, missing: [...this.#h.signInData.missing] } } : {}),
    };
  }
}
