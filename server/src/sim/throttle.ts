// Graph's throttling as Lantern meets it: Outlook resources are limited per mailbox (10,000 requests per
// 10 minutes and 4 concurrent requests), identity reports (audit logs) per tenant (a few requests per
// 10 seconds). Windows run on the wall clock, not the scenario clock.
import type { Clock } from '../clock.ts';

export interface ThrottlingOptions {
  /** Requests per mailbox per window (Graph: 10,000 per 10 minutes). */
  mailboxRequests: number;
  mailboxWindowMs: number;
  /** Concurrent requests per mailbox (Graph: 4). */
  mailboxConcurrency: number;
  /** Audit-log requests per tenant per window (Graph: 5 per 10 s). */
  identityReportRequests: number;
  identityReportWindowMs: number;
}

export const GRAPH_THROTTLING: ThrottlingOptions = {
  mailboxRequests: 10_000,
  mailboxWindowMs: 600_000,
  mailboxConcurrency: 4,
  identityReportRequests: 5,
  identityReportWindowMs: 10_000,
};

export type ThrottleScope = { kind: 'mailbox'; mailbox: string } | { kind: 'identityReport' } | { kind: 'none' };

export type Admission = { ok: true; release: () => void } | { ok: false; retryAfterSeconds: number; reason: string };

export class Throttle {
  readonly #opts: ThrottlingOptions;
  readonly #windows = new Map<string, number[]>();
  readonly #inFlight = new Map<string, number>();

  constructor(
    options: Partial<ThrottlingOptions>,
    private readonly clock: Clock,
  ) {
    this.#opts = { ...GRAPH_THROTTLING, ...options };
  }

  /** Admits a request now, or says how long to wait. A successful admission must be released. */
  admit(scope: ThrottleScope): Admission {
    if (scope.kind === 'none') return { ok: true, release: () => undefined };
    const now = this.clock.now().getTime();
    const [key, limit, windowMs] =
      scope.kind === 'mailbox' ? [`mbx:${scope.mailbox}`, this.#opts.mailboxRequests, this.#opts.mailboxWindowMs] : ['identity', this.#opts.identityReportRequests, this.#opts.identityReportWindowMs];
    const log = (this.#windows.get(key) ?? []).filter((t) => t > now - windowMs);
    this.#windows.set(key, log);
    if (log.length >= limit) {
      const oldest = log[0] ?? now;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)), reason: scope.kind === 'mailbox' ? 'ApplicationThrottled: MailboxRequests' : 'ApplicationThrottled: IdentityReports' };
    }
    if (scope.kind === 'mailbox') {
      const busy = this.#inFlight.get(key) ?? 0;
      if (busy >= this.#opts.mailboxConcurrency) return { ok: false, retryAfterSeconds: 1, reason: 'ApplicationThrottled: MailboxConcurrency' };
      this.#inFlight.set(key, busy + 1);
    }
    log.push(now);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released || scope.kind !== 'mailbox') return;
        released = true;
        this.#inFlight.set(key, (this.#inFlight.get(key) ?? 1) - 1);
      },
    };
  }
}
