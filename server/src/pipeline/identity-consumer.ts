// The identity engine as a consumer of the event log. The engine lives in memory; its durable position is
// its latest snapshot (engine state + the log position it covers, written in one transaction). On start it
// loads that snapshot and replays only what came after it, in pages, however long the log.
//
// Sources are polled separately, so the log is in commit order, not event-time order: entries wait in a
// buffer until the watermark (every identity source has completed a run past them) and are then fed to the
// engine in time order. A snapshot covers the log up to just before the oldest entry still waiting, so
// nothing is skipped after a restart; entries replayed twice are dropped by the engine's own dedupe.
import type { DomainEvent } from '@lantern/shared';
import type { Clock } from '../clock.ts';
import type { IdentityEngine } from '../identity/engine.ts';
import { ENGINE_SNAPSHOT_VERSION, type EngineSnapshot } from '../identity/engine-snapshot.ts';
import type { Store } from '../store/store.ts';
import type { Consumer, ConsumerWrites } from './consumer.ts';
import type { LogEntry } from './log-event.ts';

export const IDENTITY_CONSUMER = 'identity';

export interface SnapshotPolicy {
  /** Snapshot after this many events fed to the engine since the last one... */
  events: number;
  /** ...or this long (by the injected clock) since the last one, when anything was fed. */
  ms: number;
}

export const defaultSnapshotPolicy: SnapshotPolicy = { events: 50_000, ms: 15 * 60_000 };

export interface IdentityConsumerOptions {
  engine: IdentityEngine;
  store: Store;
  clock: Clock;
  tenantId: string;
  /**
   * Event time up to which every identity source is complete (entries at or before it are released in
   * time order); null = not yet known (hold everything). Omitted: each batch is released as it comes.
   */
  watermark?: () => string | null;
  /** Largest number of entries held back; beyond it the oldest are released regardless (default 200,000). */
  maxBuffered?: number;
  snapshots?: SnapshotPolicy;
  /** Called after the engine has taken new events (for announcements; its own effects must be idempotent). */
  onIngested?: (engine: IdentityEngine) => void;
  /** Where snapshot load problems go; the engine then rebuilds from the start of the log. */
  onWarning?: (message: string, context: Record<string, unknown>) => void;
}

export interface IdentityConsumer extends Consumer {
  /** The log position the engine has taken everything up to (what a snapshot now would cover). */
  covered(): number;
  /** Entries waiting for the watermark. */
  buffered(): number;
  /** Releases everything buffered (shutdown, or a test without pollers). */
  flush(): void;
  /** Loaded at start: the snapshot's position, or null when the engine rebuilt from the start. */
  loadedFrom(): number | null;
}

const byTimeThenSeq = (a: LogEntry, b: LogEntry) => (a.event.at < b.event.at ? -1 : a.event.at > b.event.at ? 1 : a.seq - b.seq);

export function identityConsumer(options: IdentityConsumerOptions): IdentityConsumer {
  const { engine, store, clock, tenantId } = options;
  const policy = options.snapshots ?? defaultSnapshotPolicy;
  const max = options.maxBuffered ?? 200_000;
  let buffer: LogEntry[] = [];
  let sorted = true;
  /** Highest position read. */
  let read = 0;
  let sinceSnapshot = 0;
  let lastSnapshotAt = clock.now().getTime();
  let lastSnapshotSeq = 0;
  let loaded: number | null = null;

  const covered = () => {
    let low = read + 1;
    for (const e of buffer) if (e.seq < low) low = e.seq;
    return low - 1;
  };

  const feed = (entries: LogEntry[]) => {
    if (entries.length === 0) return;
    engine.ingest(entries.map((e) => e.event as DomainEvent));
    sinceSnapshot += entries.length;
    options.onIngested?.(engine);
  };

  const release = (all: boolean) => {
    if (buffer.length === 0) return;
    if (!sorted) {
      buffer.sort(byTimeThenSeq);
      sorted = true;
    }
    let n = buffer.length;
    if (!all && options.watermark) {
      const mark = options.watermark();
      n = 0;
      if (mark !== null) while (n < buffer.length && buffer[n]!.event.at <= mark) n++;
      if (buffer.length - n > max) n = buffer.length - max;
    }
    const out = buffer.slice(0, n);
    buffer = buffer.slice(n);
    feed(out);
  };

  const snapshotWrite = (): ConsumerWrites | undefined => {
    const seq = covered();
    if (seq <= lastSnapshotSeq && sinceSnapshot === 0) return undefined;
    const state = JSON.stringify(engine.toSnapshot());
    const takenAt = clock.now().toISOString();
    sinceSnapshot = 0;
    lastSnapshotAt = clock.now().getTime();
    lastSnapshotSeq = seq;
    return async (trx) => {
      await trx
        .insertInto('engine_snapshots')
        .values({ tenant_id: tenantId, consumer: IDENTITY_CONSUMER, seq, version: ENGINE_SNAPSHOT_VERSION, taken_at: takenAt, state })
        .onConflict((oc) => oc.columns(['tenant_id', 'consumer']).doUpdateSet({ seq, version: ENGINE_SNAPSHOT_VERSION, taken_at: takenAt, state }))
        .execute();
    };
  };

  return {
    name: IDENTITY_CONSUMER,
    batchSize: 5_000,
    // The engine does not fail on data it cannot use (it skips it); a throw here is a bug worth parking.
    retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
    accepts: (e) => e.kind === 'signIn' || e.kind === 'securityInfo' || e.kind === 'inboxRule',
    async start() {
      const row = await store.db
        .selectFrom('engine_snapshots')
        .select(['seq', 'version', 'state'])
        .where('tenant_id', '=', tenantId)
        .where('consumer', '=', IDENTITY_CONSUMER)
        .executeTakeFirst();
      if (row && row.version === ENGINE_SNAPSHOT_VERSION) {
        try {
          engine.restore(JSON.parse(row.state) as EngineSnapshot);
          loaded = Number(row.seq);
        } catch (err) {
          options.onWarning?.('the identity engine snapshot could not be loaded; rebuilding from the start of the log', { err: err instanceof Error ? err.message : String(err) });
        }
      } else if (row) {
        options.onWarning?.('the identity engine snapshot is of another version; rebuilding from the start of the log', { version: row.version });
      }
      read = loaded ?? 0;
      lastSnapshotSeq = read;
      lastSnapshotAt = clock.now().getTime();
      return read;
    },
    async handle(entry) {
      buffer.push(entry);
      sorted = false;
    },
    async afterBatch(lastSeq) {
      read = lastSeq;
      release(false);
      if (sinceSnapshot >= policy.events || (sinceSnapshot > 0 && clock.now().getTime() - lastSnapshotAt >= policy.ms)) return snapshotWrite();
      return undefined;
    },
    async tick() {
      // The watermark may have moved without new entries (a poller's run found nothing new).
      if (buffer.length === 0) return undefined;
      release(false);
      if (sinceSnapshot > 0 && clock.now().getTime() - lastSnapshotAt >= policy.ms) return snapshotWrite();
      return undefined;
    },
    async stop() {
      // Entries still waiting for the watermark stay out of the snapshot: it covers only what precedes them.
      return snapshotWrite();
    },
    covered,
    buffered: () => buffer.length,
    flush: () => release(true),
    loadedFrom: () => loaded,
  };
}
