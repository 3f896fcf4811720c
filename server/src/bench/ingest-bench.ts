// Ingestion benchmarks, end to end through HTTPS (msal-node token, Graph JS client) against the tenant
// simulator:
//  - sign-ins ingested and stored per second for a generated tenant (default 1,000 users, 30 days), into
//    SQLite and into PostgreSQL;
//  - Lantern's side alone (normalise + commit in pages of 1,000, no HTTP), to tell it from the simulator's;
//  - one inbox-rule sweep of a generated 10,000-user tenant with the simulator's Graph throttling on:
//    HTTP requests used (target: one $batch per 20 mailboxes) and wall time.
// Run: `npm run bench -- ingest` (or `node bin/lantern.mjs bench ingest`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import type { DomainEvent } from '@lantern/shared';
import { ManualClock } from '../clock.ts';
import type { GraphApi } from '../graph/graph-api.ts';
import { startIngestion } from '../runtime/start-ingestion.ts';
import { generateScenario } from '../sim/generator/generate.ts';
import { startSimulator } from '../sim/simulator.ts';
import type { RunningSimulator } from '../sim/simulator.ts';
import type { SimStatsSnapshot } from '../sim/sim-stats.ts';
import { normaliseSignIn } from '../ingest/normalise.ts';
import { openStore } from '../store/open-store.ts';
import type { StoreConfig } from '../store/store.ts';
import { simulatorGraphApi } from '../sim/simulator-graph-api.ts';

export interface IngestBenchOptions {
  /** Tenant for the sign-in benchmark (default 1,000 users, 30 days). */
  users?: number;
  days?: number;
  /** Mailboxes in the inbox-rule sweep (default 10,000). */
  sweepUsers?: number;
  /** PostgreSQL for the second sign-in run (default the local test database); null skips it. */
  databaseUrl?: string | null;
  seed?: number;
  /** Which measurements to run (default both). */
  parts?: readonly ('signIns' | 'sweep' | 'store')[];
}

const silent = pino({ level: 'silent' });

function graphFor(sim: RunningSimulator, onRequest?: () => void): GraphApi {
  return simulatorGraphApi(sim, {
    logger: silent,
    ...(onRequest ? { observer: { onRequest } } : {}),
  });
}

async function signInRun(sim: RunningSimulator, config: StoreConfig, end: string, lookbackMs: number): Promise<{ stored: number; seconds: number; requests: number }> {
  const store = await openStore(config);
  let requests = 0;
  try {
    const clock = new ManualClock(end);
    const ingestion = startIngestion({
      graph: graphFor(sim, () => requests++),
      store,
      clock,
      logger: silent,
      autoStart: false,
      sources: ['signIns'],
      signIns: { initialLookbackMs: lookbackMs },
    });
    const t0 = performance.now();
    await ingestion.pollOnce('signIns');
    const seconds = (performance.now() - t0) / 1000;
    const h = ingestion.health().sources.signIns;
    await ingestion.stop();
    if (h.state !== 'stopped' && h.state !== 'idle') throw new Error(`sign-in ingestion failed: ${h.lastError ?? h.state}`);
    return { stored: await store.countEvents({ kind: 'signIn' }), seconds, requests };
  } finally {
    await store.close();
  }
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
    await c.query(`drop schema if exists "${schema}" cascade`);
  } catch {
    // best effort
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** Sign-ins of a generated tenant, ingested once into SQLite and once into PostgreSQL. */
async function benchSignIns(users: number, days: number, seed: number, databaseUrl: string | null, dir: string, out: Record<string, number | string>): Promise<void> {
  const scenario = generateScenario({ users, days, seed, mail: false });
  const lookbackMs = Date.parse(scenario.end) - Date.parse(scenario.start) + 86_400_000;
  out['tenant'] = `${users} users, ${days} days, ${scenario.signIns?.length ?? 0} sign-ins`;
  const sim = await startSimulator({ scenario, clock: new ManualClock(scenario.end), throttling: false });
  try {
    const lite = await signInRun(sim, { kind: 'sqlite', file: join(dir, 'bench.db') }, scenario.end, lookbackMs);
    out['signIns.sqlite.stored'] = lite.stored;
    out['signIns.sqlite.seconds'] = Number(lite.seconds.toFixed(2));
    out['signIns.sqlite.perSecond'] = Math.round(lite.stored / lite.seconds);
    out['signIns.httpRequests'] = lite.requests;
    if (!databaseUrl) return;
    const schema = `lantern_bench_${process.pid}`;
    try {
      const r = await signInRun(sim, { kind: 'postgres', url: databaseUrl, schema }, scenario.end, lookbackMs);
      out['signIns.postgres.stored'] = r.stored;
      out['signIns.postgres.seconds'] = Number(r.seconds.toFixed(2));
      out['signIns.postgres.perSecond'] = Math.round(r.stored / r.seconds);
    } catch (err) {
      out['signIns.postgres'] = `not measured: ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      await dropSchema(databaseUrl, schema);
    }
  } finally {
    await sim.close();
  }
}

/** Lantern's side alone: normalise the tenant's sign-ins and commit them in pages of 1,000 (no HTTP). */
async function benchStore(users: number, days: number, seed: number, databaseUrl: string | null, dir: string, out: Record<string, number | string>): Promise<void> {
  const scenario = generateScenario({ users, days, seed, mail: false });
  const t0 = performance.now();
  const events: DomainEvent[] = [];
  for (const raw of scenario.signIns ?? []) {
    const n = normaliseSignIn(raw);
    if (n.ok) events.push(n.value);
  }
  out['store.normalisePerSecond'] = Math.round(events.length / ((performance.now() - t0) / 1000));
  const configs: [string, StoreConfig][] = [['sqlite', { kind: 'sqlite', file: join(dir, 'store-only.db') }]];
  const schema = `lantern_bench_store_${process.pid}`;
  if (databaseUrl) configs.push(['postgres', { kind: 'postgres', url: databaseUrl, schema }]);
  for (const [name, config] of configs) {
    try {
      const store = await openStore(config);
      try {
        const t1 = performance.now();
        for (let i = 0; i < events.length; i += 1000) await store.commit({ events: events.slice(i, i + 1000), cursors: { signIns: String(i) } });
        out[`store.${name}.commitPerSecond`] = Math.round(events.length / ((performance.now() - t1) / 1000));
      } finally {
        await store.close();
      }
    } catch (err) {
      out[`store.${name}`] = `not measured: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
  if (databaseUrl) await dropSchema(databaseUrl, schema);
}

function routeCount(stats: SimStatsSnapshot, route: string): number {
  const r = stats.byRoute[route];
  return r ? Object.values(r).reduce((a, b) => a + b, 0) : 0;
}

/** One inbox-rule sweep of many mailboxes with Graph's throttling simulated, then a second (steady-state) one. */
async function benchSweep(sweepUsers: number, seed: number, dir: string, out: Record<string, number | string>): Promise<void> {
  const big = generateScenario({ users: sweepUsers, days: 1, seed, mail: false });
  const sim = await startSimulator({ scenario: big, clock: new ManualClock(big.end), throttling: {} });
  const store = await openStore({ kind: 'sqlite', file: join(dir, 'sweep.db') });
  try {
    // The user list is read first and not counted: the sweep itself is what is measured.
    const pre = await graphFor(sim).listUsers();
    for (const [label, note] of [
      ['sweep', 'first sweep: rule $batches plus folder-list $batches for rules naming folders not seen before'],
      ['sweep2', 'second sweep: folders known, one $batch per 20 mailboxes'],
    ] as const) {
      const ingestion = startIngestion({ graph: graphFor(sim), store, clock: new ManualClock(big.end), logger: silent, autoStart: false, sources: ['inboxRules'] });
      sim.resetStats();
      const t0 = performance.now();
      await ingestion.pollOnce('inboxRules');
      const seconds = (performance.now() - t0) / 1000;
      const stats = sim.stats();
      const h = ingestion.health().sources.inboxRules;
      await ingestion.stop();
      const batches = routeCount(stats, 'POST /$batch');
      out[`${label}.note`] = note;
      out[`${label}.mailboxes`] = pre.users.length;
      out[`${label}.seconds`] = Number(seconds.toFixed(2));
      out[`${label}.httpRequests`] = stats.httpRequests;
      out[`${label}.httpRequests.userList`] = routeCount(stats, 'GET /users');
      out[`${label}.batches`] = batches;
      out[`${label}.mailboxesPerBatch`] = Number((pre.users.length / Math.max(1, batches)).toFixed(2));
      out[`${label}.innerRequests`] = stats.batchedRequests;
      out[`${label}.throttled`] = stats.throttled;
      out[`${label}.ruleEventsStored`] = h.records;
      out[`${label}.errors`] = h.errors;
    }
  } finally {
    await store.close();
    await sim.close();
  }
}

export async function benchIngest(opts: IngestBenchOptions): Promise<Record<string, number | string>> {
  const parts = new Set(opts.parts ?? ['signIns', 'store', 'sweep']);
  const databaseUrl = opts.databaseUrl === undefined ? 'postgres://postgres@127.0.0.1:5432/test' : opts.databaseUrl;
  const out: Record<string, number | string> = {};
  const dir = mkdtempSync(join(tmpdir(), 'lantern-ingest-bench-'));
  try {
    if (parts.has('signIns')) await benchSignIns(opts.users ?? 1000, opts.days ?? 30, opts.seed ?? 1, databaseUrl, dir, out);
    if (parts.has('store')) await benchStore(opts.users ?? 1000, opts.days ?? 30, opts.seed ?? 1, databaseUrl, dir, out);
    if (parts.has('sweep')) await benchSweep(opts.sweepUsers ?? 10_000, opts.seed ?? 1, dir, out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
