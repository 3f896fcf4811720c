// Identity engine restart: a generated tenant's identity events in a SQLite event log, the engine built
// from the whole log (what a restart without a snapshot costs), then a restart from its snapshot with the
// last hours of events arriving while it was down. Checks that both end with the incidents of one engine
// fed everything without interruption.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DomainEvent } from '@lantern/shared';
import { ManualClock } from '../clock.ts';
import { IdentityEngine } from '../identity/engine.ts';
import { scenarioToEvents } from '../identity/scenario-events.ts';
import { identityConsumer } from '../pipeline/identity-consumer.ts';
import { createPipeline } from '../pipeline/pipeline.ts';
import { generateScenario } from '../sim/generator/generate.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';

export interface RestartBenchOptions {
  users?: readonly number[];
  days?: number;
  seed?: number;
  /** Events of the last this-many hours arrive after the snapshot (default 6). */
  tailHours?: number;
  now?: () => number;
  onProgress?: (line: string) => void;
}

async function drainIdentity(store: Store, domains: readonly string[]): Promise<{ engine: IdentityEngine; ms: number; loadedFrom: number | null }> {
  const clock = new ManualClock('2030-01-01T00:00:00Z');
  const t0 = performance.now();
  const engine = new IdentityEngine({ tenantDomains: domains });
  const pipeline = createPipeline({ store, clock, tenantId: 'bench' });
  // Snapshots only when stopped: the figure is the cost of a restart, not of periodic snapshots.
  const consumer = identityConsumer({ engine, store, clock, tenantId: 'bench', snapshots: { events: Number.MAX_SAFE_INTEGER, ms: Number.MAX_SAFE_INTEGER } });
  pipeline.register(consumer);
  await pipeline.drain();
  const ms = performance.now() - t0;
  await pipeline.stop();
  return { engine, ms, loadedFrom: consumer.loadedFrom() };
}

export async function benchRestart(opts: RestartBenchOptions = {}): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  const days = opts.days ?? 30;
  const tailMs = (opts.tailHours ?? 6) * 3_600_000;
  for (const users of opts.users ?? [1000]) {
    const k = `${users}u.${days}d`;
    const dir = mkdtempSync(join(tmpdir(), 'lantern-restart-bench-'));
    try {
      const scenario = generateScenario({ users, days, seed: opts.seed ?? 11, mail: false });
      const events: DomainEvent[] = scenarioToEvents(scenario).events.filter((e) => e.kind !== 'message');
      const domains = scenario.tenant.domains;
      const cut = Date.parse(events[events.length - 1]!.at) - tailMs;
      const head = events.filter((e) => Date.parse(e.at) <= cut);
      const tail = events.slice(head.length);
      opts.onProgress?.(`${k}: ${events.length} identity events (${tail.length} after the snapshot)`);
      const store = await openStore({ kind: 'sqlite', file: join(dir, 'lantern.db') });
      try {
        let t0 = performance.now();
        for (let i = 0; i < head.length; i += 5000) await store.commit({ events: head.slice(i, i + 5000) });
        out[`${k}.events`] = events.length;
        out[`${k}.commitEventsPerSec`] = Math.round(head.length / ((performance.now() - t0) / 1000));

        // No snapshot yet: the engine is built from the whole log (paged, no 1,000-event limit).
        const full = await drainIdentity(store, domains);
        out[`${k}.restartWithoutSnapshotSec`] = Math.round(full.ms) / 1000;
        const row = await store.db.selectFrom('engine_snapshots').select(['state']).executeTakeFirstOrThrow();
        out[`${k}.snapshotMB`] = Math.round((row.state.length / 1048576) * 10) / 10;

        // The tail arrives while the process is down; the restart loads the snapshot and replays only it.
        for (let i = 0; i < tail.length; i += 5000) await store.commit({ events: tail.slice(i, i + 5000) });
        t0 = performance.now();
        const restarted = await drainIdentity(store, domains);
        out[`${k}.restartFromSnapshotSec`] = Math.round(restarted.ms) / 1000;
        out[`${k}.replayedAfterSnapshot`] = tail.length;

        const reference = new IdentityEngine({ tenantDomains: domains });
        reference.ingest(events);
        const same = JSON.stringify(restarted.engine.incidents()) === JSON.stringify(reference.incidents());
        out[`${k}.incidents`] = reference.incidents().length;
        out[`${k}.sameIncidentsAsUninterrupted`] = same ? 'yes' : 'NO';
        out[`${k}.peakRssMB`] = Math.round(process.memoryUsage().rss / 1048576);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}
