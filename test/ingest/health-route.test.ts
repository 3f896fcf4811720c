// /api/health on a Fastify instance of its own, fed by a real ingestion runtime.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/src/clock.ts';
import { generateScenario } from '../../server/src/sim/generator/generate.ts';
import { startSimulator } from '../../server/src/sim/simulator.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import { startIngestion } from '../../server/src/runtime/start-ingestion.ts';
import { healthRoutes } from '../../server/src/routes/health.ts';
import { DEGRADED_AFTER_RUNS } from '../../server/src/ingest/poller-health.ts';
import type { HealthResponse } from '../../server/src/routes/health.ts';
import { MAX_BATCH_ITEM_ATTEMPTS } from '../../server/src/graph/create-graph-api.ts';
import { endpointOf, graphFor, silent } from './ingest-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'lantern-health-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('GET /api/health', () => {
  it('reports each source before and after a poll, and 503 once stopped', async () => {
    const scenario = generateScenario({ users: 5, days: 1, seed: 8 });
    const clock = new ManualClock(scenario.end);
    const sim = await startSimulator({ scenario, clock, throttling: false });
    const store = await openStore({ kind: 'sqlite', file: join(dir, 'h.db') });
    const ingestion = startIngestion({ graph: graphFor(endpointOf(sim)), store, clock, logger: silent, autoStart: false });
    const app = Fastify({ logger: false });
    await app.register(healthRoutes, { health: () => ingestion.health() });
    try {
      let res = await app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(200);
      let body = res.json<HealthResponse>();
      expect(body.status).toBe('ok');
      expect(Object.keys(body.sources).sort()).toEqual(['directoryAudits', 'inboxRules', 'messages', 'signIns']);
      expect(body.sources.signIns.lastPollAt).toBeNull();

      await ingestion.pollOnce();
      res = await app.inject({ method: 'GET', url: '/api/health' });
      body = res.json<HealthResponse>();
      expect(body.sources.signIns.records).toBe((scenario.signIns ?? []).length);
      // The public answer has no cursor (it may name users or URLs); ingestion keeps it for the details.
      expect(body.sources.signIns.cursor).toBeUndefined();
      expect(ingestion.health().sources.signIns.cursor).toBe(new Date(scenario.end).toISOString());
      expect(body.sources.signIns.lastPollAt).toBe(new Date(scenario.end).toISOString());
      expect(body.sources.inboxRules.state).toBe('idle');
      // Mailbox sources say how many mailboxes they skip or treat apart; the others have no such counts.
      expect(body.sources.messages.mailboxes).toEqual({ noMailbox: 0, shared: 0, resource: 0 });
      expect(body.sources.signIns.mailboxes).toBeUndefined();

      await ingestion.stop();
      res = await app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json<HealthResponse>().status).toBe('stopped');
    } finally {
      await app.close();
      await store.close();
      await sim.close();
    }
  });

  it('is degraded while some mailboxes fail on every run, though each run finishes, and ok once they recover', async () => {
    const scenario = generateScenario({ users: 5, days: 1, seed: 8 });
    const stuck = (scenario.users ?? []).slice(0, 2);
    if (stuck.length < 2) throw new Error('scenario has too few users');
    const clock = new ManualClock(scenario.end);
    // Two mailboxes' rules answer 500 inside the $batch on every attempt (each item is tried MAX_BATCH_ITEM_ATTEMPTS
    // times a sweep) of the first three sweeps.
    const script = stuck.map((u) => ({ fault: { kind: 'status' as const, status: 500 as const }, path: `/users/${u.id}/mailFolders/inbox/messageRules`, times: DEGRADED_AFTER_RUNS * MAX_BATCH_ITEM_ATTEMPTS }));
    const sim = await startSimulator({ scenario, clock, throttling: false, faults: { script } });
    const store = await openStore({ kind: 'sqlite', file: join(dir, 'stuck.db') });
    const graph = graphFor(endpointOf(sim), { sleep: async () => {}, maxBatchItemWaitMs: Number.MAX_SAFE_INTEGER });
    const ingestion = startIngestion({ graph, store, clock, logger: silent, autoStart: false, sources: ['inboxRules'] });
    const app = Fastify({ logger: false });
    await app.register(healthRoutes, { health: () => ingestion.health() });
    try {
      for (let run = 1; run <= DEGRADED_AFTER_RUNS; run++) {
        clock.advance(60_000);
        await ingestion.pollOnce();
        const body = (await app.inject({ method: 'GET', url: '/api/health' })).json<HealthResponse>();
        expect(body.status).toBe(run < DEGRADED_AFTER_RUNS ? 'ok' : 'degraded');
      }
      const body = (await app.inject({ method: 'GET', url: '/api/health' })).json<HealthResponse>();
      expect(body.sources.inboxRules).toMatchObject({ state: 'degraded', failingMailboxes: 2 });
      expect(body.sources.inboxRules.failingMailboxIds).toBeUndefined();
      expect(ingestion.health().sources.inboxRules.failingMailboxIds).toEqual(stuck.map((u) => u.id).sort());

      clock.advance(60_000);
      await ingestion.pollOnce();
      const after = (await app.inject({ method: 'GET', url: '/api/health' })).json<HealthResponse>();
      expect(after.status).toBe('ok');
      expect(after.sources.inboxRules).toMatchObject({ state: 'idle', failingMailboxes: 0 });
    } finally {
      await ingestion.stop();
      await app.close();
      await store.close();
      await sim.close();
    }
  });
});
