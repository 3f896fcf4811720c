// The event log and the consumer pipeline on SQLite and PostgreSQL: sequence numbers, offsets committed with
// the consumer's writes, resumption after a restart, retries with backoff and parking.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { SignInEvent } from '@lantern/shared';
import { ManualClock } from '../../server/src/clock.ts';
import type { Consumer } from '../../server/src/pipeline/consumer.ts';
import type { UserReportEvent } from '../../server/src/pipeline/log-event.ts';
import { createPipeline } from '../../server/src/pipeline/pipeline.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import type { Store, StoreConfig } from '../../server/src/store/store.ts';
import { TestDatabases } from '../store/test-databases.ts';

const databases = new TestDatabases();
afterAll(() => databases.cleanup());

function signIn(id: string, at: string): SignInEvent {
  return {
    id, kind: 'signIn', at, userId: 'u1', upn: 'u1@contoso.test', ip: '203.0.113.9', country: 'GB', city: 'London', state: null,
    lat: null, lon: null, appId: null, appName: 'Office 365', resourceName: null, clientApp: 'Browser', os: 'Windows', browser: 'Edge',
    deviceId: null, deviceName: null, interactive: true, success: true, errorCode: 0, failureReason: null, authProtocol: null,
    userAgent: null, riskLevel: null,
  };
}

const at = (i: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + i * 60_000).toISOString();

/** A consumer that records what it handled in a table of its own, through the offset's transaction. */
function recorder(name: string, seen: number[], failOn: Set<string> = new Set()): Consumer {
  return {
    name,
    batchSize: 7,
    retry: { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 60_000 },
    async handle(entry) {
      if (failOn.has(entry.event.id)) throw new Error(`cannot handle ${entry.event.id}`);
      seen.push(entry.seq);
      return async (trx) => {
        await trx.insertInto('pipeline_effects').values({ consumer: name, key: entry.event.id, at: entry.event.at }).execute();
      };
    },
  };
}

describe.each(['sqlite', 'postgres'] as const)('pipeline on %s', (dialect) => {
  let config: StoreConfig;
  let store: Store;
  const clock = new ManualClock('2026-02-01T00:00:00Z');
  beforeEach(async () => {
    config = await databases.config(dialect);
    store = await openStore(config);
  });
  afterEach(async () => {
    await store.close();
  });

  it('numbers events in commit order, once, and keeps its own events out of listEvents', async () => {
    await store.commit({ events: [signIn('a', at(2)), signIn('b', at(1))] });
    await store.commit({ events: [signIn('b', at(1)), signIn('c', at(0))] });
    const report: UserReportEvent = { kind: 'userReport', id: 'r1', at: at(3), userId: 'u1', upn: 'u1@contoso.test', reportId: 'r1' };
    await store.commit({ events: [report] });
    const log = await store.readLog(0, 100);
    expect(log.map((e) => [e.seq, e.event.id])).toEqual([[1, 'a'], [2, 'b'], [3, 'c'], [4, 'r1']]);
    expect(await store.logHead()).toBe(4);
    expect((await store.readLog(2, 1)).map((e) => e.event.id)).toEqual(['c']);
    expect((await store.listEvents({})).map((e) => e.id).sort()).toEqual(['a', 'b', 'c']);
    expect(await store.countEvents({})).toBe(3);
  });

  it('commits offsets with the consumer writes and resumes after a restart', async () => {
    await store.commit({ events: Array.from({ length: 20 }, (_, i) => signIn(`e${i}`, at(i))) });
    const first: number[] = [];
    const p1 = createPipeline({ store, clock, tenantId: 't1' });
    p1.register(recorder('rec', first));
    await p1.pump();
    await p1.pump();
    expect(first).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    // A new pipeline (a restarted process) resumes after the committed offset, never from the start.
    const second: number[] = [];
    const p2 = createPipeline({ store, clock, tenantId: 't1' });
    p2.register(recorder('rec', second));
    await p2.drain();
    expect(second).toEqual([15, 16, 17, 18, 19, 20]);
    const rows = await store.db.selectFrom('pipeline_effects').select('key').where('consumer', '=', 'rec').execute();
    expect(rows).toHaveLength(20);
    const h = await p2.health();
    expect(h.head).toBe(20);
    expect(h.consumers).toEqual([{ name: 'rec', partition: '*', offset: 20, lag: 0, retrying: 0, parked: 0, lastError: null }]);
    // Another tenant's offset is its own.
    const other: number[] = [];
    const p3 = createPipeline({ store, clock, tenantId: 't2' });
    p3.register(recorder('rec2', other));
    await p3.drain();
    expect(other).toHaveLength(20);
  });

  it('does not move the offset when the writes fail to commit', async () => {
    await store.commit({ events: [signIn('x', at(0)), signIn('y', at(1))] });
    const p = createPipeline({ store, clock, tenantId: 't1' });
    // Both entries write the same key: the batch's transaction fails, so neither the rows nor the offset land.
    p.register({
      name: 'dup',
      async handle() {
        return async (trx) => {
          await trx.insertInto('pipeline_effects').values({ consumer: 'dup', key: 'same', at: at(0) }).execute();
        };
      },
    });
    await expect(p.pump()).rejects.toThrow();
    const offsets = await store.db.selectFrom('consumer_offsets').selectAll().execute();
    expect(offsets).toEqual([]);
    expect(await store.db.selectFrom('pipeline_effects').selectAll().execute()).toEqual([]);
  });

  it('retries a failing entry with backoff, parks it after the last attempt, and shows it in health', async () => {
    await store.commit({ events: Array.from({ length: 5 }, (_, i) => signIn(`e${i}`, at(i))) });
    const seen: number[] = [];
    const failing = new Set(['e2']);
    const errors: { seq: number; attempts: number; parked: boolean }[] = [];
    const p = createPipeline({ store, clock, tenantId: 't1', onError: (_e, c) => errors.push({ seq: c.seq, attempts: c.attempts, parked: c.parked }) });
    p.register(recorder('rec', seen, failing));
    await p.drain();
    // The others are not held up behind the failure.
    expect(seen).toEqual([1, 2, 4, 5]);
    let h = (await p.health()).consumers[0]!;
    expect(h).toMatchObject({ offset: 5, retrying: 1, parked: 0 });
    expect(h.lastError).toContain('cannot handle e2');

    // Not due yet: nothing happens.
    await p.drain();
    expect(errors).toHaveLength(1);
    clock.advance(1_000);
    await p.drain();
    expect(errors.map((e) => e.attempts)).toEqual([1, 2]);
    // The second retry waits twice as long.
    clock.advance(1_000);
    await p.drain();
    expect(errors).toHaveLength(2);
    clock.advance(1_000);
    await p.drain();
    expect(errors.at(-1)).toEqual({ seq: 3, attempts: 3, parked: true });
    h = (await p.health()).consumers[0]!;
    expect(h).toMatchObject({ retrying: 0, parked: 1 });
    const parked = await p.parked('rec');
    expect(parked).toMatchObject([{ consumer: 'rec', seq: 3, eventKind: 'signIn', eventId: 'e2', attempts: 3 }]);
    expect(parked[0]!.error).toContain('cannot handle e2');

    // Parked entries are not retried by themselves; once the cause is fixed, retryParked replays it.
    clock.advance(3_600_000);
    await p.drain();
    expect(seen).toEqual([1, 2, 4, 5]);
    failing.clear();
    expect(await p.retryParked('rec', 3)).toBe(true);
    await p.drain();
    expect(seen).toEqual([1, 2, 4, 5, 3]);
    h = (await p.health()).consumers[0]!;
    expect(h).toMatchObject({ retrying: 0, parked: 0, lastError: null });
  });

  it('resumes a consumer from the position its start() returns', async () => {
    await store.commit({ events: Array.from({ length: 6 }, (_, i) => signIn(`e${i}`, at(i))) });
    const seen: number[] = [];
    const p = createPipeline({ store, clock, tenantId: 't1' });
    p.register({ ...recorder('snap', seen), start: async (stored) => Math.max(0, stored - 2) });
    await p.drain();
    const again: number[] = [];
    const p2 = createPipeline({ store, clock, tenantId: 't1' });
    p2.register({ name: 'snap', start: async (stored) => stored - 2, handle: async (e) => void again.push(e.seq) });
    await p2.drain();
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    expect(again).toEqual([5, 6]);
    // Every stored event has its place in the log.
    const n = await sql<{ n: number }>`select count(*) as n from events where seq is null`.execute(store.db);
    expect(Number(n.rows[0]!.n)).toBe(0);
  });
});
