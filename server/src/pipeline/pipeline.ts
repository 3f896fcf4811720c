// Runs the registered consumers over the ordered event log, each from its own offset. `drain()` runs them
// to the end of the log (tests and benches: no sleeping on the wall clock); `start()` adds a timer loop.
// An entry whose handler throws is recorded as a failure and the consumer moves on; the failure is retried
// with backoff on later passes and, after the policy's attempts, parked with its error where health shows
// it. Never silently dropped: a parked entry stays until someone retries it.
import type { Transaction } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Database } from '../store/database.ts';
import type { Store } from '../store/store.ts';
import { backoffMs, defaultRetryPolicy, type Consumer, type ConsumerWrites, type RetryPolicy } from './consumer.ts';
import type { LogEntry, LogEvent } from './log-event.ts';

/**
 * Who runs which consumer when several instances share the log (cluster/cluster.ts). Absent: this process runs
 * every consumer. Keys are `tenant:consumer:partition`.
 */
export interface ConsumerCoordination {
  /** Whether this instance holds the consumer's work now (taking it when free and fair). */
  claim(key: string, spread: boolean): Promise<boolean>;
  /** After a batch: whether to hand the work over (more than a fair share). */
  shouldYield(key: string, spread: boolean): boolean;
  release(key: string): Promise<void>;
}

export interface PipelineOptions {
  store: Store;
  clock: Clock;
  /** Part of every offset's key, so one database can later hold several tenants' work. */
  tenantId: string;
  /** Several instances: leases decide which instance runs (and commits for) which consumer. */
  coordination?: ConsumerCoordination;
  /** Failures (each also recorded in the store); never message content. */
  onError?: (err: unknown, context: { consumer: string; seq: number; attempts: number; parked: boolean }) => void;
}

export interface ConsumerHealth {
  name: string;
  partition: string;
  /** Last log position the consumer has committed. */
  offset: number;
  /** Entries of the log after the offset. */
  lag: number;
  retrying: number;
  parked: number;
  lastError: string | null;
}

export interface PipelineHealth {
  /** The last sequence number in the log. */
  head: number;
  consumers: ConsumerHealth[];
}

export interface ParkedEntry {
  consumer: string;
  seq: number;
  eventKind: string;
  eventId: string;
  attempts: number;
  error: string;
  firstFailedAt: string;
  lastFailedAt: string;
}

export interface Pipeline {
  register(consumer: Consumer): void;
  consumers(): readonly string[];
  /** One pass: each consumer runs its due retries and at most one batch. True when anything was read. */
  pump(): Promise<boolean>;
  /** Runs every consumer to the end of the log (and the retries due by the clock). */
  drain(): Promise<void>;
  /** Starts the timer loop (real milliseconds between passes when there was nothing to do). */
  start(idleMs?: number): void;
  /** Stops the loop, waits for the pass in progress and lets consumers write their last state. */
  stop(): Promise<void>;
  health(): Promise<PipelineHealth>;
  parked(consumer?: string): Promise<ParkedEntry[]>;
  /** Puts a parked entry back to be retried on the next pass (after the cause was fixed). */
  retryParked(consumer: string, seq: number): Promise<boolean>;
}

const MAX_ERROR = 2000;

function errorText(err: unknown): string {
  return (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).slice(0, MAX_ERROR);
}

interface Running {
  consumer: Consumer;
  /** This consumer's batches run one at a time; consumers run side by side. */
  chain: Promise<unknown>;
  timer: NodeJS.Timeout | null;
  partition: string;
  policy: RetryPolicy;
  batchSize: number;
  /** Next read position (last seq handed over or passed by); null until started. */
  position: number | null;
  /** Lease key (coordination) and whether this instance holds it now (commits are dropped otherwise). */
  key: string;
  holds: boolean;
}

export function createPipeline(options: PipelineOptions): Pipeline {
  const { store, clock, tenantId } = options;
  const db = store.db;
  const running: Running[] = [];
  let stopped = true;
  let loopIdleMs = 1_000;

  /** Serialises one consumer's work: its batches never overlap. */
  const serial = <T>(r: Running, fn: () => Promise<T>): Promise<T> => {
    const p = r.chain.then(fn, fn);
    r.chain = p.catch(() => undefined);
    return p;
  };

  const setOffset = async (trx: Transaction<Database>, r: Running, seq: number): Promise<void> => {
    const now = clock.now().toISOString();
    await trx
      .insertInto('consumer_offsets')
      .values({ tenant_id: tenantId, consumer: r.consumer.name, partition_key: r.partition, seq, updated_at: now })
      .onConflict((oc) => oc.columns(['tenant_id', 'consumer', 'partition_key']).doUpdateSet({ seq, updated_at: now }))
      .execute();
  };

  const storedOffset = async (r: Running): Promise<number> => {
    const row = await db
      .selectFrom('consumer_offsets')
      .select('seq')
      .where('tenant_id', '=', tenantId)
      .where('consumer', '=', r.consumer.name)
      .where('partition_key', '=', r.partition)
      .executeTakeFirst();
    return row ? Number(row.seq) : 0;
  };

  const failureWrite = (r: Running, entry: LogEntry, err: unknown, previous: number): ConsumerWrites => {
    const attempts = previous + 1;
    const parked = attempts >= r.policy.maxAttempts;
    const now = clock.now();
    const at = now.toISOString();
    const next = new Date(now.getTime() + backoffMs(r.policy, attempts)).toISOString();
    const error = errorText(err);
    options.onError?.(err, { consumer: r.consumer.name, seq: entry.seq, attempts, parked });
    const status = parked ? ('parked' as const) : ('retrying' as const);
    return async (trx) => {
      if (previous === 0) {
        await trx
          .insertInto('consumer_failures')
          .values({
            tenant_id: tenantId, consumer: r.consumer.name, seq: entry.seq, event_kind: entry.event.kind, event_id: entry.event.id,
            attempts, status, error, first_failed_at: at, last_failed_at: at, next_attempt_at: next,
          })
          .onConflict((oc) => oc.columns(['tenant_id', 'consumer', 'seq']).doUpdateSet({ attempts, status, error, last_failed_at: at, next_attempt_at: next }))
          .execute();
      } else {
        await trx
          .updateTable('consumer_failures')
          .set({ attempts, status, error, last_failed_at: at, next_attempt_at: next })
          .where('tenant_id', '=', tenantId)
          .where('consumer', '=', r.consumer.name)
          .where('seq', '=', entry.seq)
          .execute();
      }
    };
  };

  const commit = async (writes: readonly ConsumerWrites[], r: Running, offset: number | null): Promise<void> => {
    if (writes.length === 0 && offset === null) return;
    // A follower (an `everywhere` consumer without the lease) keeps its state in memory and writes nothing.
    if (!r.holds) return;
    await db.transaction().execute(async (trx) => {
      for (const w of writes) await w(trx);
      if (offset !== null) await setOffset(trx, r, offset);
    });
  };

  const accepts = (r: Running, e: LogEvent) => !r.consumer.accepts || r.consumer.accepts(e);

  /** Retries due failures of one consumer; true when any was attempted. */
  const runRetries = async (r: Running): Promise<boolean> => {
    const due = await db
      .selectFrom('consumer_failures')
      .select(['seq', 'attempts'])
      .where('tenant_id', '=', tenantId)
      .where('consumer', '=', r.consumer.name)
      .where('status', '=', 'retrying')
      .where('next_attempt_at', '<=', clock.now().toISOString())
      .orderBy('seq', 'asc')
      .limit(r.batchSize)
      .execute();
    for (const f of due) {
      const seq = Number(f.seq);
      const row = await db.selectFrom('events').select(['payload']).where('seq', '=', seq).executeTakeFirst();
      const clear: ConsumerWrites = async (trx) => {
        await trx.deleteFrom('consumer_failures').where('tenant_id', '=', tenantId).where('consumer', '=', r.consumer.name).where('seq', '=', seq).execute();
      };
      if (!row) {
        await commit([clear], r, null);
        continue;
      }
      const entry: LogEntry = { seq, event: JSON.parse(row.payload) as LogEvent };
      // a partition retries only its own entries (failures are keyed by consumer name and seq)
      if (r.partition !== '*' && !accepts(r, entry.event)) continue;
      try {
        const w = await r.consumer.handle(entry);
        await commit(w ? [w, clear] : [clear], r, null);
      } catch (err) {
        await commit([failureWrite(r, entry, err, f.attempts)], r, null);
      }
    }
    return due.length > 0;
  };

  /**
   * The lowest position of the consumers `r` follows (null: it follows none). With several instances, a followed
   * consumer this instance does not run is read at its committed offset (what it has written is what counts).
   */
  const ceiling = async (r: Running): Promise<number | null> => {
    let low: number | null = null;
    for (const name of r.consumer.follows ?? []) {
      const other = running.find((o) => o.consumer.name === name && o.partition === r.partition) ?? running.find((o) => o.consumer.name === name);
      if (!other) throw new Error(`consumer ${r.consumer.name} follows ${name}, which is not registered`);
      let p = other.position ?? 0;
      if (options.coordination && !other.consumer.everywhere && !other.holds) p = await storedOffset(other);
      if (low === null || p < low) low = p;
    }
    return low;
  };

  const runBatch = async (r: Running): Promise<boolean> => {
    const coordination = options.coordination;
    if (coordination) {
      const held = await coordination.claim(r.key, r.consumer.spread === true);
      if (held && !r.holds && !r.consumer.everywhere) r.position = null; // taken over: resume from the stored offset
      r.holds = held;
      if (!held && !r.consumer.everywhere) {
        r.position = null;
        return false;
      }
    }
    if (r.position === null) {
      const stored = await storedOffset(r);
      r.position = r.consumer.start ? await r.consumer.start(stored) : stored;
    }
    const busy = await runHeld(r);
    if (coordination && r.holds && coordination.shouldYield(r.key, r.consumer.spread === true)) {
      // Between batches nothing of this consumer is in flight: another instance may take it from its offset.
      await coordination.release(r.key);
      r.holds = false;
      r.position = null;
    }
    return busy;
  };

  const runHeld = async (r: Running): Promise<boolean> => {
    if (r.position === null) return false;
    const retried = r.holds ? await runRetries(r) : false;
    let batch = await store.readLog(r.position, r.batchSize);
    const limit = await ceiling(r);
    if (limit !== null) batch = batch.filter((e) => e.seq <= limit);
    if (batch.length === 0) {
      const w = r.consumer.tick ? await r.consumer.tick(r.position) : undefined;
      if (w) await commit([w], r, null);
      return retried;
    }
    const writes: ConsumerWrites[] = [];
    for (const entry of batch) {
      if (!accepts(r, entry.event)) continue;
      try {
        const w = await r.consumer.handle(entry);
        if (w) writes.push(w);
      } catch (err) {
        writes.push(failureWrite(r, entry, err, 0));
      }
    }
    const last = batch[batch.length - 1]!.seq;
    const after = r.consumer.afterBatch ? await r.consumer.afterBatch(last) : undefined;
    if (after) writes.push(after);
    await commit(writes, r, last);
    r.position = last;
    return true;
  };

  /** Every consumer runs one batch, side by side (a slow stage does not hold up the others). */
  const pass = async (): Promise<boolean> => {
    const busy = await Promise.all(running.map((r) => serial(r, () => runBatch(r))));
    return busy.some((b) => b);
  };

  const loop = (r: Running) => {
    if (stopped) return;
    void serial(r, () => runBatch(r))
      .then(
        (busy) => busy,
        (err: unknown) => {
          // The store failed (not a handler, whose failures are recorded): try again after a pause.
          options.onError?.(err, { consumer: r.consumer.name, seq: r.position ?? 0, attempts: 0, parked: false });
          return false;
        },
      )
      .then((busy) => {
        if (stopped) return;
        r.timer = setTimeout(() => loop(r), busy ? 0 : loopIdleMs);
        r.timer.unref();
      });
  };

  return {
    register(consumer) {
      if (running.some((r) => r.consumer.name === consumer.name && r.partition === (consumer.partition ?? '*'))) {
        throw new Error(`consumer ${consumer.name} is already registered`);
      }
      running.push({
        consumer,
        chain: Promise.resolve(),
        timer: null,
        partition: consumer.partition ?? '*',
        policy: consumer.retry ?? defaultRetryPolicy,
        batchSize: consumer.batchSize ?? 500,
        position: null,
        key: `${tenantId}:${consumer.name}:${consumer.partition ?? '*'}`,
        holds: !options.coordination,
      });
    },
    consumers: () => running.map((r) => r.consumer.name),
    pump: pass,
    async drain() {
      // Each pass moves every consumer by a batch; stop when a pass reads nothing.
      for (let i = 0; i < 1_000_000; i++) if (!(await pass())) return;
    },
    start(idleMs = 1_000) {
      if (!stopped) return;
      loopIdleMs = idleMs;
      stopped = false;
      for (const r of running) loop(r);
    },
    async stop() {
      stopped = true;
      for (const r of running) {
        if (r.timer) clearTimeout(r.timer);
        r.timer = null;
      }
      await Promise.all(
        running.map((r) =>
          serial(r, async () => {
            if (!r.consumer.stop || r.position === null) return;
            const w = await r.consumer.stop(r.position);
            if (w) await commit([w], r, null);
          }),
        ),
      );
    },
    async health() {
      const head = await store.logHead();
      const offsets = await db.selectFrom('consumer_offsets').select(['consumer', 'partition_key', 'seq']).where('tenant_id', '=', tenantId).execute();
      const failures = await db
        .selectFrom('consumer_failures')
        .select(['consumer', 'status', (eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.max('last_failed_at').as('last')])
        .where('tenant_id', '=', tenantId)
        .groupBy(['consumer', 'status'])
        .execute();
      const consumers: ConsumerHealth[] = [];
      for (const r of running) {
        const o = offsets.find((x) => x.consumer === r.consumer.name && x.partition_key === r.partition);
        const offset = o ? Number(o.seq) : 0;
        const mine = failures.filter((f) => f.consumer === r.consumer.name);
        const count = (s: string) => Number(mine.find((f) => f.status === s)?.n ?? 0);
        let lastError: string | null = null;
        if (mine.length > 0) {
          const latest = await db
            .selectFrom('consumer_failures')
            .select('error')
            .where('tenant_id', '=', tenantId)
            .where('consumer', '=', r.consumer.name)
            .orderBy('last_failed_at', 'desc')
            .limit(1)
            .executeTakeFirst();
          lastError = latest?.error ?? null;
        }
        consumers.push({ name: r.consumer.name, partition: r.partition, offset, lag: Math.max(0, head - offset), retrying: count('retrying'), parked: count('parked'), lastError });
      }
      return { head, consumers };
    },
    async parked(consumer) {
      let q = db.selectFrom('consumer_failures').selectAll().where('tenant_id', '=', tenantId).where('status', '=', 'parked');
      if (consumer !== undefined) q = q.where('consumer', '=', consumer);
      const rows = await q.orderBy('seq', 'asc').limit(1000).execute();
      return rows.map((r) => ({
        consumer: r.consumer, seq: Number(r.seq), eventKind: r.event_kind, eventId: r.event_id, attempts: r.attempts,
        error: r.error, firstFailedAt: r.first_failed_at, lastFailedAt: r.last_failed_at,
      }));
    },
    async retryParked(consumer, seq) {
      const res = await db
        .updateTable('consumer_failures')
        .set({ status: 'retrying', attempts: 0, next_attempt_at: clock.now().toISOString() })
        .where('tenant_id', '=', tenantId)
        .where('consumer', '=', consumer)
        .where('seq', '=', seq)
        .where('status', '=', 'parked')
        .executeTakeFirst();
      return Number(res.numUpdatedRows) > 0;
    },
  };
}
