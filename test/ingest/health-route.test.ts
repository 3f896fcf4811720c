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
import type { HealthResponse } from '../../server/src/routes/health.ts';
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
      expect(body.sources.signIns.cursor).toBe(new Date(scenario.end).toISOString());
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
});
