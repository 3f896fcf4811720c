// A named durable consumer of the event log: a name (with a partition key, so several instances can later
// share the work), a handler, a batch size and a retry policy. The pipeline commits the consumer's offset in
// one transaction with the writes its handler returns; effects outside the store must be idempotent (keyed by
// the event), so a crash anywhere means at-least-once delivery with exactly-once effects.
import type { Transaction } from 'kysely';
import type { Database } from '../store/database.ts';
import type { LogEntry, LogEvent } from './log-event.ts';

/** Store writes a handler wants committed together with the consumer's offset. */
export type ConsumerWrites = (trx: Transaction<Database>) => Promise<void>;

export interface RetryPolicy {
  /** Attempts before an entry is parked (including the first). */
  maxAttempts: number;
  /** Delay before the second attempt; doubled after each failure, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 5_000, maxDelayMs: 10 * 60_000 };

/** Delay before attempt `attempts + 1`, after `attempts` failures. */
export function backoffMs(policy: RetryPolicy, attempts: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
}

export interface Consumer {
  readonly name: string;
  /** Partition of the log this instance consumes ('*' = all; one tenant's work may later be split by key). */
  readonly partition?: string;
  /** Entries to hand over; others are passed by (the offset still moves past them). Default: all. */
  accepts?(event: LogEvent): boolean;
  /**
   * Called once before the first batch with the stored offset; returns where to resume (a stateful consumer
   * such as the identity engine loads its snapshot and returns the earlier position the snapshot covers).
   */
  start?(storedOffset: number): Promise<number>;
  /** Handles one entry; may return store writes to commit with the offset. Throw to have it retried. */
  handle(entry: LogEntry): Promise<ConsumerWrites | void>;
  /** Called after each batch (handled or not), before the offset commits: extra writes (a snapshot). */
  afterBatch?(lastSeq: number): Promise<ConsumerWrites | void>;
  /** Called on a pass that found no new entries for it (time-based work: a buffer released by a watermark). */
  tick?(lastSeq: number): Promise<ConsumerWrites | void>;
  /** Consumers whose results this one reads: it never reads past their position (they run first in a pass). */
  follows?: readonly string[];
  /** Called when the pipeline stops, after its last batch: final writes (a last snapshot). */
  stop?(lastSeq: number): Promise<ConsumerWrites | void>;
  batchSize?: number;
  retry?: RetryPolicy;
  /**
   * Several instances (coordination): the consumer runs in every instance, in memory, but only the one holding
   * its lease commits its offset and writes (the identity engine: every instance that scores mail needs the
   * incidents; one writes the snapshots).
   */
  everywhere?: boolean;
  /** Several instances: one of a consumer's partitions, shared out fairly among the instances. */
  spread?: boolean;
}
