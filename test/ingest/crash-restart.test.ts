// Kill the ingestion process (SIGKILL) at random points, restart it, and check that the store ends up with
// exactly the tenant's events: nothing lost, nothing stored twice.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantScenario } from '@lantern/shared';
import { ManualClock } from '../../server/src/clock.ts';
import { generateScenario } from '../../server/src/sim/generator/generate.ts';
import { startSimulator } from '../../server/src/sim/simulator.ts';
import type { RunningSimulator } from '../../server/src/sim/simulator.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import { ensureInstalledAt } from '../../server/src/store/installed-at.ts';
import type { IngestionHealth } from '../../server/src/runtime/start-ingestion.ts';
import { actualOf, allEvents, endpointOf, expectedAt, replayRules, sortedMessages } from './ingest-fixtures.ts';
import { runKillableChild } from './kill-child.ts';

const CHILD = resolve(import.meta.dirname, 'fixtures/ingest-child.ts');

interface RunResult {
  killed: boolean;
  health: IngestionHealth | null;
}

/** Runs the child; with `killAfterMs`, SIGKILLs it that long after it starts polling. */
function runChild(configFile: string, killAfterMs: number | null): Promise<RunResult> {
  return runKillableChild<{ health: IngestionHealth }>(CHILD, configFile, killAfterMs).then((r) => (r.killed ? { killed: true, health: null } : { killed: false, health: r.result?.health ?? null }));
}

describe('crash and restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-crash-'));
  let scenario: TenantScenario;
  let sim: RunningSimulator;

  beforeAll(async () => {
    scenario = generateScenario({ users: 20, days: 3, seed: 23 });
    sim = await startSimulator({ scenario, clock: new ManualClock(scenario.end), throttling: false });
  });
  afterAll(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses nothing and stores nothing twice across repeated SIGKILLs', async () => {
    const dbFile = join(dir, 'lantern.db');
    // Installed when the tenant's story starts, so everything it holds is new mail to Lantern.
    const setup = await openStore({ kind: 'sqlite', file: dbFile });
    await ensureInstalledAt(setup.db, new Date(scenario.start));
    await setup.close();
    // A fixed sequence of kill points (ms after polling starts), so failures reproduce.
    let seed = 20261127;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let kills = 0;
    for (let run = 0; run < 4; run++) {
      const configFile = join(dir, `run-${run}.json`);
      // Each run's clock differs, so rule-change events of different runs would get different ids if a
      // sweep's events and snapshots were ever committed apart.
      writeFileSync(configFile, JSON.stringify({ endpoint: endpointOf(sim), dbFile, now: new Date(Date.parse(scenario.end) + run * 1000).toISOString() }));
      const r = await runChild(configFile, Math.round(50 + next() * 1200));
      if (r.killed) kills++;
    }
    expect(kills).toBeGreaterThanOrEqual(3);

    // Let it finish, then once more to show a clean restart adds nothing.
    const finalConfig = join(dir, 'final.json');
    writeFileSync(finalConfig, JSON.stringify({ endpoint: endpointOf(sim), dbFile, now: new Date(Date.parse(scenario.end) + 60_000).toISOString() }));
    const first = await runChild(finalConfig, null);
    expect(first.health?.status).toBe('ok');
    const second = await runChild(finalConfig, null);
    for (const s of Object.values(second.health?.sources ?? {})) expect(s.records).toBe(0);

    const store = await openStore({ kind: 'sqlite', file: dbFile });
    try {
      const events = await allEvents(store);
      const actual = actualOf(events);
      const expected = expectedAt(scenario, scenario.end);
      expect(actual.signIns).toEqual(expected.signIns);
      expect(actual.securityInfo).toEqual(expected.securityInfo);
      expect(sortedMessages(actual.messages)).toEqual(sortedMessages(expected.messages));
      // No message stored twice (under two ids): every internetMessageId once per mailbox.
      for (const [, ids] of actual.messages) expect(new Set(ids).size).toBe(ids.length);
      // Rule events replay to each mailbox's current rules, with no rule created twice.
      const replayed = replayRules(actual.rules);
      for (const u of scenario.users ?? []) expect([...(replayed.get(u.id) ?? [])].sort()).toEqual(sim.state.inboxRules(u.id).map((r) => r.id).sort());
    } finally {
      await store.close();
    }
  }, 180_000);
});
