// What every poller shares: its dependencies, and committing events with their cursor and state in one
// transaction before telling subscribers about the newly stored events.
import type { Logger } from 'pino';
import type { DomainEvent } from '@lantern/shared';
import type { Clock } from '../clock.ts';
import type { GraphApi, GraphUserSummary } from '../graph/graph-api.ts';
import type { CommitBatch, CommitResult, Store } from '../store/store.ts';
import type { HealthTracker, SourceName } from './poller-health.ts';

export interface PollerContext {
  /** Graph, reporting throttling into this poller's health. */
  graph: GraphApi;
  store: Store;
  clock: Clock;
  logger: Logger;
  health: HealthTracker;
  /** Called with the events a commit newly stored (after the commit). */
  emit(events: DomainEvent[]): Promise<void>;
  /** The mailboxes to read (inbox rules, messages). */
  users(): Promise<GraphUserSummary[]>;
  /** True once ingestion is stopping: finish the current step and return. */
  stopping(): boolean;
}

export interface Poller {
  readonly source: SourceName;
  /** One run: fetch what is new, commit it, advance the cursor. Throws only when the whole run failed. */
  poll(): Promise<void>;
  /** The committed cursor, summarised for health. */
  describeCursor(): Promise<string | null>;
}

/** Commits a batch atomically, counts and emits what was newly stored. */
export async function commitAndEmit(ctx: PollerContext, batch: CommitBatch): Promise<CommitResult> {
  const result = await ctx.store.commit(batch);
  ctx.health.stored(result.inserted.length);
  if (result.inserted.length > 0) await ctx.emit(result.inserted);
  return result;
}

/** Logs and counts records a normaliser rejected; logs at most a few per call to keep logs readable. */
export function reportSkipped(ctx: PollerContext, errors: readonly string[], context: Record<string, unknown>): void {
  if (errors.length === 0) return;
  ctx.health.skipped(errors.length);
  for (const e of errors.slice(0, 5)) ctx.logger.warn({ source: ctx.health.source, ...context, reason: e }, 'skipped an invalid Graph record');
  if (errors.length > 5) ctx.logger.warn({ source: ctx.health.source, ...context, more: errors.length - 5 }, 'skipped more invalid Graph records');
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
