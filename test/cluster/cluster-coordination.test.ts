// Two cluster members on one PostgreSQL test database (created and dropped), in one process but with a lease
// connection each, as two instances would have: a lease is held by one at a time and free once its holder is
// gone; spread work is shared out fairly; heartbeats list the instances with their work; the public health
// answer carries only counts.
import Fastify from 'fastify';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { HealthTracker, type SourceName } from '../../server/src/ingest/poller-health.ts';
import { createCluster, type Cluster } from '../../server/src/cluster/cluster.ts';
import { healthRoutes, type HealthResponse } from '../../server/src/routes/health.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import type { Store } from '../../server/src/store/store.ts';
import { TestDatabases } from '../store/test-databases.ts';

const silent = pino({ level: 'silent' });
const idle = (s: SourceName) => new HealthTracker(s).snapshot();
const dbs = new TestDatabases();
const stores: Store[] = [];
afterAll(async () => {
  for (const s of stores) await s.close();
  await dbs.cleanup();
});

async function member(url: string): Promise<Cluster> {
  const store = await openStore({ kind: 'postgres', url });
  stores.push(store);
  return createCluster({ store, tenantId: 't1', logger: silent, url, heartbeatMs: 200, staleMs: 1_000 });
}

describe('cluster coordination on PostgreSQL', () => {
  it('holds each lease in one instance, frees it when the holder goes, and spreads partitions fairly', async () => {
    const config = await dbs.config('postgres');
    if (config.kind !== 'postgres') throw new Error('expected PostgreSQL');
    const a = await member(config.url);
    const b = await member(config.url);
    await a.start();
    await b.start();
    try {
      // singleton work: whoever claims first holds it; the other is refused
      expect(await a.coordination.claim('t1:identity:*', false)).toBe(true);
      expect(await b.coordination.claim('t1:identity:*', false)).toBe(false);

      // two live instances: of four spread keys, each takes at most two
      await new Promise((r) => setTimeout(r, 500));
      expect(a.live()).toBe(2);
      expect(b.live()).toBe(2);
      const keys = ['t1:mail-scoring:1/4', 't1:mail-scoring:2/4', 't1:mail-scoring:3/4', 't1:mail-scoring:4/4'];
      const takenByA: string[] = [];
      for (const k of keys) if (await a.coordination.claim(k, true)) takenByA.push(k);
      expect(takenByA).toHaveLength(2);
      await new Promise((r) => setTimeout(r, 600)); // b's retry pause
      const takenByB: string[] = [];
      for (const k of keys) if (await b.coordination.claim(k, true)) takenByB.push(k);
      expect(takenByB.sort()).toEqual(keys.filter((k) => !takenByA.includes(k)).sort());

      // heartbeats list both with the work they hold
      await new Promise((r) => setTimeout(r, 400));
      const instances = await a.instances();
      expect(instances.map((i) => i.id).sort()).toEqual([a.instanceId, b.instanceId].sort());
      const ofA = instances.find((i) => i.id === a.instanceId)!;
      expect(ofA.jobs).toContain('consumer identity *');
      expect(ofA.jobs.filter((j) => j.startsWith('consumer mail-scoring'))).toHaveLength(2);

      // the public health answer has the counts, not the instances
      const app = Fastify({ logger: false });
      await app.register(healthRoutes, {
        health: () => ({ status: 'ok', sources: { signIns: idle('signIns'), directoryAudits: idle('directoryAudits'), inboxRules: idle('inboxRules'), messages: idle('messages') } }),
        cluster: () => a.instances(),
      });
      const res = await app.inject({ method: 'GET', url: '/api/health' });
      await app.close();
      const body = res.json<HealthResponse>();
      expect(body.cluster?.instanceCount).toBe(2);
      expect(body.cluster?.jobCount).toBe(instances.reduce((n, i) => n + i.jobs.length, 0));
      expect(body.cluster?.instances).toBeUndefined();

      // a goes away: its leases are free for b at once, and b may now hold every partition
      await a.leases.close();
      await new Promise((r) => setTimeout(r, 600));
      expect(await b.coordination.claim('t1:identity:*', false)).toBe(true);
      await a.stop();
      await new Promise((r) => setTimeout(r, 1_500)); // a's heartbeat is stale: b alone
      expect(b.live()).toBe(1);
      for (const k of takenByA) expect(await b.coordination.claim(k, true)).toBe(true);
    } finally {
      await a.stop();
      await b.stop();
    }
  }, 60_000);
});
