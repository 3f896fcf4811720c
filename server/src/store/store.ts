// The store ingestion commits to: events (unique per kind), cursors and snapshots, written together in one
// transaction so a cursor never runs ahead of the events it covers. Kysely over SQLite or PostgreSQL.
import type { Kysely, Migration, Transaction } from 'kysely';
import type { DomainEvent, EventKind } from '@lantern/shared';
import type { LogEntry, LogEvent } from '../pipeline/log-event.ts';
import type { Database } from './database.ts';

export type StoreConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string };

export interface SnapshotWrite {
  source: string;
  key: string;
  /** JSON-serialisable state; null deletes the snapshot. */
  value: unknown;
}

export interface CommitBatch<E extends LogEvent = DomainEvent> {
  /** Events to append to the log (each gets the next sequence number unless already stored). */
  events?: readonly E[];
  /** Cursor values by source; null deletes the cursor. */
  cursors?: Readonly<Record<string, string | null>>;
  snapshots?: readonly SnapshotWrite[];
}

export interface CommitResult<E extends LogEvent = DomainEvent> {
  /** The events this commit stored (those not already present), in batch order. */
  inserted: E[];
  /** Events of the batch that were already stored (or repeated within the batch). */
  duplicates: number;
}

export interface EventQuery {
  kind?: EventKind;
  userId?: string;
  /** Inclusive lower bound on `at` (ISO). */
  from?: string;
  /** Exclusive upper bound on `at` (ISO). */
  to?: string;
  /** At most this many (default 1,000, at most 100,000). */
  limit?: number;
  order?: 'asc' | 'desc';
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** The Kysely instance, for modules that own tables of their own (added through migrations). */
  readonly db: Kysely<Database>;
  /**
   * Atomically: insert events (ignoring those already stored) at the end of the log, set cursors, set
   * snapshots, and run `within` (other writes that must commit or fail with them, e.g. a report row).
   */
  commit<E extends LogEvent = DomainEvent>(batch: CommitBatch<E>, within?: (trx: Transaction<Database>) => Promise<void>): Promise<CommitResult<E>>;
  /** Log entries with a sequence number above `afterSeq`, in order (at most `limit`, default 500). */
  readLog(afterSeq: number, limit?: number): Promise<LogEntry[]>;
  /** The highest sequence number handed out (0 for an empty log). */
  logHead(): Promise<number>;
  getCursor(source: string): Promise<string | null>;
  /** Every cursor whose source starts with `prefix`. */
  listCursors(prefix: string): Promise<Map<string, string>>;
  /** The stored snapshot, parsed from JSON; the caller validates its shape. */
  getSnapshot(source: string, key: string): Promise<unknown>;
  getSnapshots(source: string, keys: readonly string[]): Promise<Map<string, unknown>>;
  /** Which of `ids` are already stored for `kind`. */
  existingEventIds(kind: EventKind, ids: readonly string[]): Promise<Set<string>>;
  /** Domain events only (not Lantern's own log events such as reports). */
  listEvents(query: EventQuery): Promise<DomainEvent[]>;
  countEvents(query: Omit<EventQuery, 'limit' | 'order'>): Promise<number>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** Migrations of other modules, merged with the core ones (names must not collide). */
  migrations?: Readonly<Record<string, Migration>>;
  /** Source of `stored_at`/`updated_at` times; defaults to the system clock. */
  clock?: { now(): Date };
}
