// Failed authentication, counted per client address: after `max` refused tokens within `timeWindowMs`, the
// address is answered 429 before any token is looked at, until its window ends. It runs before
// authentication, so guessing or replaying tokens costs the caller, not the verifier.
import type { Clock } from '../clock.ts';

export interface FailedAuthLimit {
  /** Refused authentications allowed per address and window (default 30). */
  max: number;
  /** Window length in milliseconds (default one minute). */
  timeWindowMs: number;
  /** Addresses remembered at most; the oldest are forgotten first (default 10,000). */
  maxAddresses?: number;
}

export const DEFAULT_FAILED_AUTH_LIMIT: FailedAuthLimit = { max: 30, timeWindowMs: 60_000, maxAddresses: 10_000 };

interface Window {
  start: number;
  failures: number;
}

export class FailedAuthLimiter {
  readonly #limit: Required<FailedAuthLimit>;
  readonly #clock: Clock;
  readonly #windows = new Map<string, Window>();

  constructor(limit: FailedAuthLimit, clock: Clock) {
    this.#limit = { maxAddresses: DEFAULT_FAILED_AUTH_LIMIT.maxAddresses ?? 10_000, ...limit };
    this.#clock = clock;
  }

  #current(address: string): Window | null {
    const w = this.#windows.get(address);
    if (!w) return null;
    if (this.#clock.now().getTime() - w.start >= this.#limit.timeWindowMs) {
      this.#windows.delete(address);
      return null;
    }
    return w;
  }

  /** Seconds until the address may try again, or 0 when it is not blocked. */
  blockedFor(address: string): number {
    const w = this.#current(address);
    if (!w || w.failures < this.#limit.max) return 0;
    const left = w.start + this.#limit.timeWindowMs - this.#clock.now().getTime();
    return Math.max(1, Math.ceil(left / 1000));
  }

  /** Records one refused authentication from the address. */
  fail(address: string): void {
    const w = this.#current(address);
    if (w) {
      w.failures += 1;
      return;
    }
    if (this.#windows.size >= this.#limit.maxAddresses) {
      const oldest = this.#windows.keys().next();
      if (!oldest.done) this.#windows.delete(oldest.value);
    }
    this.#windows.set(address, { start: this.#clock.now().getTime(), failures: 1 });
  }

  get max(): number {
    return this.#limit.max;
  }
}
