// Ingestion benchmarks, end to end through HTTPS (msal-node token, Graph JS client) against the tenant
// simulator:
//  - sign-ins ingested and stored per second for a generated tenant (default 1,000 users, 30 days), into
//    SQLite and into PostgreSQL;
//  - one inbox-rule sweep of a generated 10,000-user tenant with the simulator's Graph throttling on:
//    HTTP requests used (target: one $batch per 20 mailboxes) and wall time.
// Run: `npm run bench -- ingest` (or `node bin/lantern.mjs bench ingest`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { ManualClock } from '../clock.ts';
import { createGraphApi } from '../graph/create-graph-api.ts';
import type { GraphApi } from '../graph/graph-api.ts';
import { startIngestion } from '../runtime/start-ingestion.ts';
import { generateScenario } from '../sim/generator/generate.ts';
import { SIM_CLIENT_ID, SIM_CLIENT_SECRET, startSimulator } from '../sim/simulator.ts';
import type { RunningSimulator } from '../sim/simulator.ts';
import { openStore } from '../store/open-store.ts';
import type { StoreConfig } from '../store/store.ts';

export interface IngestBenchOptions {
  /** Tenant for the sign-in benchmark (default 1,000 users, 30 days). */
  users?: number;
  days?: number;
  /** Mailboxes in the inbox-rule sweep (default 10,000). */
  sweepUsers?: number;
  /** PostgreSQL for the second sign-in run (default the local test database); null skips it. */
  databaseUrl?: string | null;
  seed?: number;
}

const silent = pino({ level: 'silent' });

function graphFor(sim: RunningSimulator, onRequest?: () => void): GraphApi {
  return createGraphApi({
    graphUrl: sim.graphUrl,
    credentials: { authority: sim.authority, knownAuthorities: [sim.knownAuthority], clientId: SIM_CLIENT_ID, credential: { kind: 'secret', secret: SIM_CLIENT_SECRET } },
    caPem: sim.caPem,
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

export async function benchIngest(opts: IngestBenchOptions): Promise<Record<string, number | string>> {
  const users = opts.users ?? 1000;
  const days = opts.days ?? 30;
  const sweepUsers = opts.sweepUsers ?? 10_000;
  const seed = opts.seed ?? 1;
  const databaseUrl = opts.databaseUrl === undefined ? 'postgres://postgres@127.0.0.1:5432/test' : opts.databaseUrl;
  const out: Record<string, number | string> = {};
  const dir = mkdtempSync(join(tmpdir(), 'lantern-ingest-bench-'));

  try {
    // 1. Sign-ins per second, SQLite then PostgreSQL.
    const scenario = generateScenario({ users, days, seed, mail: false });
    const lookbackMs = Date.parse(scenario.end) - Date.parse(scenario.start) + 86_400_000;
    out['tenant'] = `${users} users, ${days} days, ${scenario.signIns?.length ?? 0} sign-ins`;
    const sim = await startSimulator({ scenario, clock: new ManualClock(scenario.end), throttling: false });
    try {
      const lite = await signInRun(sim, { kind: 'sqlite', file: join(dir, 'bench.db') }, scenario.end, lookbackMs);
      out['signIns.sqlite.stored'] = lite.stored;
      out['signIns.sqlite.seconds'] = Number(lite.seconds.toFixed(2));
      out['signIns.sqlite.perSecond'] = Math.round(lite.stored / lite.seconds);
      out['signIns.sqlite.httpRequests'] = lite.requests;
      if (databaseUrl) {
        const schema = `lantern_bench_${process.pid}`;
        try {
          const r = await signInRun(sim, { kind: 'postgres', url: databaseUrl, schema }, scenario.end, lookbackMs);
          out['signIns.postgres.stored'] = r.stored;
          out['signIns.postgres.seconds'] = Number(r.seconds.toFixed(2));
          out['signIns.postgres.perSecond'] = Math.round(r.stored / r.seconds);
        } catch (err) {
          out['signIns.postgres'] = `not measured: ${err instanceof Error ? err.message : String(err)}`;
        } finally {
          const c = new pg.Client({ connectionString: databaseUrl });
          await c.connect().then(
            async () => {
              await c.query(`drop schema if exists "${schema}" cascade`);
              await c.end();
            },
            () => undefined,
          );
        }
      }
    } finally {
      await sim.close();
    }

    // 2. One inbox-rule sweep of many mailboxes, with Graph's throttling simulated.
    const big = generateScenario({ users: sweepUsers, days: 1, seed, mail: false });
    const sweepSim = await startSimulator({ scenario: big, clock: new ManualClock(big.end), throttling: {} });
    try {
      const store = await openStore({ kind: 'sqlite', file: join(dir, 'sweep.db') });
      try {
        const ingestion = startIngestion({ graph: graphFor(sweepSim), store, clock: new ManualClock(big.end), logger: silent, autoStart: false, sources: ['inboxRules'] });
        // The user list is read first and not counted: the sweep itself is what is measured.
        const pre = await graphFor(sweepSim).listUsers();
        sweepSim.resetStats();
        const t0 = performance.now();
        await ingestion.pollOnce('inboxRules');
        const seconds = (performance.now() - t0) / 1000;
        const stats = sweepSim.stats();
        const h = ingestion.health().sources.inboxRules;
        await ingestion.stop();
        const usersCalls = stats.byRoute['GET /users'] ? Object.values(stats.byRoute['GET /users']).reduce((a, b) => a + b, 0) : 0;
        const batches = stats.byRoute['POST /$batch'] ? Object.values(stats.byRoute['POST /$batch']).reduce((a, b) => a + b, 0) : 0;
        out['sweep.mailboxes'] = pre.users.length;
        out['sweep.seconds'] = Number(seconds.toFixed(2));
        out['sweep.httpRequests'] = stats.httpRequests;
        out['sweep.httpRequests.userList'] = usersCalls;
        out['sweep.httpRequests.note'] = 'first sweep: rule $batches plus folder-list $batches for rules naming folders; user list read once';
        out['sweep.batches'] = batches;
        out['sweep.mailboxesPerBatch'] = Number((pre.users.length / Math.max(1, batches)).toFixed(2));
        out['sweep.innerRequests'] = stats.batchedRequests;
        out['sweep.throttled'] = stats.throttled;
        out['sweep.ruleEventsStored'] = h.records;
        out['sweep.errors'] = h.errors;
        // A second sweep: the steady state, with every mailbox's folders already known.
        sweepSim.resetStats();
        const again = startIngestion({ graph: graphFor(sweepSim), store, clock: new ManualClock(big.end), logger: silent, autoStart: false, sources: ['inboxRules'] });
        const t1 = performance.now();
        await again.pollOnce('inboxRules');
        const steady = sweepSim.stats();
        await again.stop();
        out['sweep2.seconds'] = Number(((performance.now() - t1) / 1000).toFixed(2));
        out['sweep2.httpRequests'] = steady.httpRequests;
        out['sweep2.batches'] = steady.byRoute['POST /$batch'] ? Object.values(steady.byRoute['POST /$batch']).reduce((a, b) => a + b, 0) : 0;
        out['sweep2.throttled'] = steady.throttled;
      } finally {
        await store.close();
      }
    } finally {
      await sweepSim.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
