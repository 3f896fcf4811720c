// Where sign-ins come from: beta (interactive and non-interactive, beta fields) where the tenant allows it,
// v1.0 otherwise, with health naming what is missing and /api/health listing the models that cannot run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import type { SignInEvent } from '@lantern/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/src/clock.ts';
import { generateScenario } from '../../server/src/sim/generator/generate.ts';
import { startSimulator, type SimulatorOptions } from '../../server/src/sim/simulator.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import { startIngestion } from '../../server/src/runtime/start-ingestion.ts';
import type { SignInApiSetting } from '../../server/src/ingest/sign-in-poller.ts';
import { healthRoutes, type HealthResponse } from '../../server/src/routes/health.ts';
import { allEvents, endpointOf, graphFor, silent } from './ingest-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'lantern-sign-in-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scenario = generateScenario({ users: 8, days: 2, seed: 21, attacks: [{ kind: 'device-code', count: 1 }] });
const interactiveIds = new Set(scenario.signIns!.filter((s) => s.isInteractive !== false).map((s) => s.id));

async function ingestOnce(name: string, sim: Partial<SimulatorOptions>, api?: SignInApiSetting) {
  const clock = new ManualClock(scenario.end);
  const running = await startSimulator({ scenario, clock, throttling: false, ...sim });
  const store = await openStore({ kind: 'sqlite', file: join(dir, `${name}.db`) });
  const ingestion = startIngestion({
    graph: graphFor(endpointOf(running), { pageSize: 100, sleep: async () => {} }),
    store,
    clock,
    logger: silent,
    autoStart: false,
    sources: ['signIns'],
    signIns: { maxWindowMs: 24 * 3_600_000, ...(api ? { api } : {}) },
  });
  const app = Fastify({ logger: false });
  await app.register(healthRoutes, { health: () => ingestion.health() });
  try {
    await ingestion.pollOnce();
    const signIns = (await allEvents(store)).filter((e): e is SignInEvent => e.kind === 'signIn');
    const health = (await app.inject({ method: 'GET', url: '/api/health' })).json<HealthResponse>();
    const detailsReason = ingestion.health().sources.signIns.signInData?.reason ?? null;
    const requests = running.stats();
    await ingestion.stop();
    return { signIns, health, detailsReason, requests };
  } finally {
    await app.close();
    await store.close();
    await running.close();
  }
}

describe('the sign-in source', () => {
  it('reads interactive and non-interactive sign-ins from beta, with the device-code flow visible', async () => {
    const { signIns, health } = await ingestOnce('beta', {});
    expect(new Set(signIns.map((s) => s.id))).toEqual(new Set(scenario.signIns!.map((s) => s.id)));
    expect(signIns.some((s) => !s.interactive)).toBe(true);
    expect(signIns.some((s) => s.authProtocol === 'deviceCode')).toBe(true);
    expect(health.sources.signIns.signInData).toEqual({ api: 'beta', missing: [] });
    expect(health.models?.cannotRun).toEqual([]);
  });

  it('falls back to v1.0 when the tenant refuses beta, and health names what is missing and which models cannot run', async () => {
    const { signIns, health, detailsReason } = await ingestOnce('refused', { betaAvailable: false });
    expect(new Set(signIns.map((s) => s.id))).toEqual(interactiveIds);
    expect(signIns.every((s) => s.interactive && s.authProtocol === null)).toBe(true);
    expect(health.sources.signIns.state).toBe('idle');
    expect(health.sources.signIns.signInData?.api).toBe('v1.0');
    expect(health.sources.signIns.signInData?.missing).toEqual(['nonInteractiveSignIns', 'signInEventTypes', 'authenticationProtocol', 'sessionId', 'uniqueTokenIdentifier', 'userAgent']);
    // The public answer carries no error text; the details say why.
    expect(health.sources.signIns.signInData).not.toHaveProperty('reason');
    expect(detailsReason).toMatch(/^beta refused: .*400/);
    expect(health.models?.cannotRun).toEqual([{ id: 'saas.device-code-sign-in', missing: ['authenticationProtocol'] }]);
  });

  it('reads v1.0 only when configured so, without asking beta', async () => {
    // Beta refused by the simulator: a request to it would show as a 400 and as the reason.
    const { signIns, health, detailsReason, requests } = await ingestOnce('v1', { betaAvailable: false }, 'v1.0');
    expect(new Set(signIns.map((s) => s.id))).toEqual(interactiveIds);
    expect(health.sources.signIns.signInData?.api).toBe('v1.0');
    expect(detailsReason).toBe('configured to read v1.0 only');
    expect(Object.values(requests.byRoute).some((statuses) => (statuses[400] ?? 0) > 0)).toBe(false);
    expect(health.models?.cannotRun.map((m) => m.id)).toEqual(['saas.device-code-sign-in']);
  });

  it('does not fall back when beta is only throttled: the throttled run waits and reads beta', async () => {
    const { signIns, health } = await ingestOnce('throttled', { faults: { script: [{ fault: { kind: 'status', status: 429, retryAfterSeconds: 1 }, path: '/auditLogs/signIns', times: 2 }] } });
    expect(new Set(signIns.map((s) => s.id))).toEqual(new Set(scenario.signIns!.map((s) => s.id)));
    expect(health.sources.signIns.signInData?.api).toBe('beta');
    expect(health.sources.signIns.throttled).toBeGreaterThan(0);
  });
});
