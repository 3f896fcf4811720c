// The identity engine survives a restart: its state round-trips through a snapshot, and a pipeline stopped
// mid-stream (after more than 1,000 events and across a snapshot) and restarted on a new engine ends with
// exactly the incidents of an uninterrupted run. SQLite and PostgreSQL.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '@lantern/shared';
import { ManualClock } from '../../server/src/clock.ts';
import { IdentityEngine } from '../../server/src/identity/engine.ts';
import { scenarioToEvents } from '../../server/src/identity/scenario-events.ts';
import { identityConsumer } from '../../server/src/pipeline/identity-consumer.ts';
import { createPipeline } from '../../server/src/pipeline/pipeline.ts';
import { generateScenario } from '../../server/src/sim/generator/generate.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import type { Store, StoreConfig } from '../../server/src/store/store.ts';
import { TestDatabases } from '../store/test-databases.ts';

const databases = new TestDatabases();
afterAll(() => databases.cleanup());

let events: DomainEvent[];
let domains: string[];
let uninterrupted: IdentityEngine;

beforeAll(() => {
  const scenario = generateScenario({ users: 25, days: 14, seed: 41 });
  domains = scenario.tenant.domains;
  events = scenarioToEvents(scenario).events.filter((e) => e.kind !== 'message');
  uninterrupted = new IdentityEngine({ tenantDomains: domains });
  uninterrupted.ingest(events);
});

describe('identity engine snapshots', () => {
  it('has a scenario worth restarting: thousands of events and high-severity incidents', () => {
    expect(events.length).toBeGreaterThan(3_000);
    expect(uninterrupted.incidents().filter((i) => i.severity === 'high' || i.severity === 'critical').length).toBeGreaterThan(0);
  });

  it('continues from a snapshot exactly as the engine it was taken from', () => {
    const cut = Math.floor(events.length * 0.6);
    const a = new IdentityEngine({ tenantDomains: domains });
    a.ingest(events.slice(0, cut));
    const snapshot = JSON.parse(JSON.stringify(a.toSnapshot())) as ReturnType<IdentityEngine['toSnapshot']>;
    const b = IdentityEngine.fromSnapshot(snapshot, { tenantDomains: domains });
    expect(b.incidents()).toEqual(a.incidents());
    a.ingest(events.slice(cut));
    b.ingest(events.slice(cut));
    expect(b.incidents()).toEqual(a.incidents());
    expect(b.breaches()).toEqual(a.breaches());
    expect(b.stats).toEqual(a.stats);
    expect(b.incidents()).toEqual(uninterrupted.incidents());
  });

  it('refuses a snapshot of another version', () => {
    const snapshot = { ...new IdentityEngine().toSnapshot(), version: 99 } as unknown as ReturnType<IdentityEngine['toSnapshot']>;
    expect(() => IdentityEngine.fromSnapshot(snapshot)).toThrow(/version 99/);
  });
});

describe.each(['sqlite', 'postgres'] as const)('identity consumer restart on %s', (dialect) => {
  let config: StoreConfig;
  let store: Store;
  const clock = new ManualClock('2026-06-01T00:00:00Z');
  beforeEach(async () => {
    config = await databases.config(dialect);
    store = await openStore(config);
  });
  afterEach(async () => {
    await store.close();
  });

  /** Commits events as the pollers would: in chunks, each source's chunk separately (so not in time order). */
  async function ingest(list: readonly DomainEvent[]): Promise<void> {
    for (let i = 0; i < list.length; i += 400) {
      const chunk = list.slice(i, i + 400);
      await store.commit({ events: chunk.filter((e) => e.kind !== 'signIn') });
      await store.commit({ events: chunk.filter((e) => e.kind === 'signIn') });
    }
  }

  it('restarts mid-stream, after a snapshot, and ends with the incidents of an uninterrupted run', async () => {
    const half = Math.floor(events.length / 2);
    await ingest(events.slice(0, half));

    // First process: snapshots every 1,000 events; it dies (no stop(), no final snapshot) after two batches.
    const engine1 = new IdentityEngine({ tenantDomains: domains });
    const pipeline1 = createPipeline({ store, clock, tenantId: 't' });
    const consumer1 = identityConsumer({ engine: engine1, store, clock, tenantId: 't', snapshots: { events: 1_000, ms: 3_600_000 } });
    pipeline1.register({ ...consumer1, batchSize: 700 });
    await pipeline1.pump();
    await pipeline1.pump();
    await pipeline1.pump();
    expect(engine1.stats.events).toBeGreaterThan(1_000);
    const snap = await store.db.selectFrom('engine_snapshots').select(['seq', 'state']).executeTakeFirstOrThrow();
    const snapStats = (JSON.parse(snap.state) as { stats: { events: number; duplicates: number } }).stats;
    expect(Number(snap.seq)).toBeGreaterThan(1_000);
    // More was read and fed after the snapshot than it covers: a restart must replay that part.
    expect(consumer1.covered()).toBeGreaterThan(Number(snap.seq));

    // The rest of the tenant's events arrive while it is down.
    await ingest(events.slice(half));

    const engine2 = new IdentityEngine({ tenantDomains: domains });
    const pipeline2 = createPipeline({ store, clock, tenantId: 't' });
    const consumer2 = identityConsumer({ engine: engine2, store, clock, tenantId: 't' });
    pipeline2.register(consumer2);
    await pipeline2.drain();
    expect(consumer2.loadedFrom()).toBe(Number(snap.seq));
    // It did not rebuild from the start: it fed the engine only what the snapshot does not cover.
    const replayed = engine2.stats.events + engine2.stats.duplicates - snapStats.events - snapStats.duplicates;
    expect(replayed).toBe(events.length - Number(snap.seq));
    expect(engine2.incidents()).toEqual(uninterrupted.incidents());
    expect(engine2.breaches()).toEqual(uninterrupted.breaches());

    // A clean stop writes a last snapshot; the next start replays nothing and has the same incidents.
    await pipeline2.stop();
    const engine3 = new IdentityEngine({ tenantDomains: domains });
    const pipeline3 = createPipeline({ store, clock, tenantId: 't' });
    const consumer3 = identityConsumer({ engine: engine3, store, clock, tenantId: 't' });
    pipeline3.register(consumer3);
    await pipeline3.drain();
    expect(consumer3.loadedFrom()).toBe(await store.logHead());
    expect(engine3.incidents()).toEqual(uninterrupted.incidents());
  }, 120_000);

  it('rebuilds from the whole log, not the first 1,000 events, when there is no snapshot', async () => {
    await ingest(events);
    const engine = new IdentityEngine({ tenantDomains: domains });
    const pipeline = createPipeline({ store, clock, tenantId: 't' });
    const consumer = identityConsumer({ engine, store, clock, tenantId: 't' });
    pipeline.register(consumer);
    await pipeline.drain();
    expect(consumer.loadedFrom()).toBeNull();
    expect(engine.stats.events).toBe(uninterrupted.stats.events);
    expect(engine.incidents()).toEqual(uninterrupted.incidents());
  }, 120_000);
});
