// Kill a Lantern process (SIGKILL) at random points while its pipeline consumes the event log, restart it,
// and check what every stage after ingestion promised: each inbound message scored, each held message moved
// exactly once (counted at the simulator), the identity engine back to the incidents of an uninterrupted
// run, and nothing parked.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent, Incident, TenantScenario } from '@lantern/shared';
import { ManualClock } from '../../server/src/clock.ts';
import { IdentityEngine } from '../../server/src/identity/engine.ts';
import { startIngestion } from '../../server/src/runtime/start-ingestion.ts';
import { generateScenario } from '../../server/src/sim/generator/generate.ts';
import { startSimulator, type RunningSimulator } from '../../server/src/sim/simulator.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import { ensureInstalledAt } from '../../server/src/store/installed-at.ts';
import { endpointOf, graphFor, silent } from '../ingest/ingest-fixtures.ts';
import { runKillableChild } from '../ingest/kill-child.ts';
import { countMovesInto } from '../../server/src/sim/move-counter.ts';

const CHILD = resolve(import.meta.dirname, 'fixtures/pipeline-child.ts');

function runChild(configFile: string, killAfterMs: number | null): Promise<{ killed: boolean; incidents: Incident[] | null }> {
  return runKillableChild<{ incidents: Incident[] }>(CHILD, configFile, killAfterMs).then((r) => (r.killed ? { killed: true, incidents: null } : { killed: false, incidents: r.result?.incidents ?? null }));
}

describe('pipeline consumers across SIGKILL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-consumer-crash-'));
  let scenario: TenantScenario;
  let sim: RunningSimulator;
  /** Real moves per message (immutable id) at the simulator. */
  const moves = new Map<string, number>();
  const dbFile = join(dir, 'lantern.db');
  let identityEvents: DomainEvent[] = [];

  beforeAll(async () => {
    scenario = generateScenario({ users: 20, days: 10, seed: 5 });
    sim = await startSimulator({ scenario, clock: new ManualClock(scenario.end), throttling: false });
    countMovesInto(sim.state, moves);
    // Ingestion fills a first store; the test's log is that store's events in time order, so any batch
    // boundaries after a restart feed the identity engine the same sequence as an uninterrupted run.
    const polled = await openStore({ kind: 'sqlite', file: join(dir, 'polled.db') });
    // Lantern was installed before the scenario's mail arrived: all of it is new mail to act on.
    await ensureInstalledAt(polled.db, new Date(scenario.start));
    const ingestion = startIngestion({ graph: graphFor(endpointOf(sim)), store: polled, clock: new ManualClock(scenario.end), logger: silent, autoStart: false });
    await ingestion.pollOnce();
    await ingestion.stop();
    const all: DomainEvent[] = [];
    for (const kind of ['signIn', 'securityInfo', 'inboxRule', 'message'] as const) all.push(...(await polled.listEvents({ kind, limit: 100_000 })));
    await polled.close();
    all.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.id < b.id ? -1 : 1));
    const store = await openStore({ kind: 'sqlite', file: dbFile });
    for (let i = 0; i < all.length; i += 1000) await store.commit({ events: all.slice(i, i + 1000) });
    await store.close();
    identityEvents = all.filter((e) => e.kind !== 'message');
  }, 120_000);

  afterAll(async () => {
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('scores every message once, moves none twice and rebuilds the same incidents after repeated SIGKILLs', async () => {
    const config = join(dir, 'child.json');
    writeFileSync(config, JSON.stringify({ endpoint: endpointOf(sim), dbFile, now: scenario.end, tenantId: scenario.tenant.id, domains: scenario.tenant.domains }));
    let seed = 20261202;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let kills = 0;
    // Killed at random points while it drains; each run resumes from what the last one committed, so the work left
    // shrinks: later kills come sooner, and the loop stops once three runs died mid-way (or the work ran out).
    for (let run = 0; run < 10 && kills < 3; run++) {
      const r = await runChild(config, Math.round(100 + next() * (kills === 0 ? 2500 : 900)));
      if (r.killed) kills++;
    }
    expect(kills).toBeGreaterThanOrEqual(2);
    const final = await runChild(config, null);
    expect(final.killed).toBe(false);

    // The same incidents as one engine fed the whole log without interruption.
    const reference = new IdentityEngine({ tenantDomains: scenario.tenant.domains });
    reference.ingest(identityEvents);
    expect(reference.incidents().length).toBeGreaterThan(0);
    expect(final.incidents).toEqual(JSON.parse(JSON.stringify(reference.incidents())));

    const store = await openStore({ kind: 'sqlite', file: dbFile });
    try {
      // Every consumer at the end of the log, nothing waiting for a retry, nothing parked.
      const head = await store.logHead();
      const offsets = await store.db.selectFrom('consumer_offsets').select(['consumer', 'seq']).execute();
      expect(offsets.map((o) => o.consumer).sort()).toEqual(['identity', 'incident-notifications', 'mail-scoring', 'report-triage', 'triage-index']);
      for (const o of offsets) expect(Number(o.seq)).toBe(head);
      expect(await store.db.selectFrom('consumer_failures').selectAll().execute()).toEqual([]);

      // Every inbound message of the log has its assessment.
      const inbound = (await store.listEvents({ kind: 'message', limit: 100_000 })).filter((e) => e.kind === 'message' && e.folder.toLowerCase() === 'inbox');
      const mail = store.db.withTables<{ mail_assessments: { user_id: string; message_id: string }; mail_actions: { user_id: string; action: string; actor: string; message_id_before: string } }>();
      const assessed = await mail.selectFrom('mail_assessments').select(['user_id', 'message_id']).execute();
      const have = new Set(assessed.map((a) => `${a.user_id}|${a.message_id}`));
      const missing = inbound.filter((e) => e.kind === 'message' && !have.has(`${e.userId}|${e.messageId}`));
      expect(missing).toEqual([]);

      // Lantern held some mail, each message moved once at the simulator and recorded once.
      const holds = await mail.selectFrom('mail_actions').select(['user_id', 'message_id_before']).where('action', '=', 'hold').where('actor', '=', 'lantern').execute();
      expect(holds.length).toBeGreaterThan(0);
      const perMessage = new Map<string, number>();
      for (const h of holds) perMessage.set(h.message_id_before, (perMessage.get(h.message_id_before) ?? 0) + 1);
      expect([...perMessage.values()].every((n) => n === 1)).toBe(true);
      expect(moves.size).toBe(perMessage.size);
      expect([...moves.values()].every((n) => n === 1)).toBe(true);
    } finally {
      await store.close();
    }
  }, 300_000);
});
