// The inbox rule poller against the simulator: a mailbox's first snapshot is state (`existing`), not news.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxRuleEvent, TenantScenario } from '@lantern/shared';
import { ManualClock } from '../../server/src/clock.ts';
import { generateScenario } from '../../server/src/sim/generator/generate.ts';
import { startSimulator } from '../../server/src/sim/simulator.ts';
import type { RunningSimulator } from '../../server/src/sim/simulator.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import type { Store } from '../../server/src/store/store.ts';
import { startIngestion } from '../../server/src/runtime/start-ingestion.ts';
import type { Ingestion } from '../../server/src/runtime/start-ingestion.ts';
import { allEvents, endpointOf, graphFor, replayRules, silent } from './ingest-fixtures.ts';

describe('inbox rule poller: first snapshot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-rules-'));
  let scenario: TenantScenario;
  let clock: ManualClock;
  let sim: RunningSimulator;
  let store: Store;
  let ingestion: Ingestion;
  const heard: InboxRuleEvent[] = [];

  beforeAll(async () => {
    scenario = generateScenario({ users: 4, days: 2, seed: 5 });
    clock = new ManualClock(new Date((Date.parse(scenario.start) + Date.parse(scenario.end)) / 2).toISOString());
    sim = await startSimulator({ scenario, clock, throttling: false });
    store = await openStore({ kind: 'sqlite', file: join(dir, 'lantern.db') });
    ingestion = startIngestion({ graph: graphFor(endpointOf(sim)), store, clock, logger: silent, autoStart: false, sources: ['inboxRules'] });
    ingestion.onEvents((events) => {
      for (const e of events) if (e.kind === 'inboxRule') heard.push(e);
    });
  });

  afterAll(async () => {
    await ingestion.stop();
    await store.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function ruleEvents(userId: string): Promise<InboxRuleEvent[]> {
    return (await allEvents(store)).filter((e): e is InboxRuleEvent => e.kind === 'inboxRule' && e.userId === userId);
  }

  it('reports a rule present before the first sweep as existing, and a rule added later as created', async () => {
    const user = (scenario.users ?? [])[1];
    if (!user) throw new Error('scenario has too few users');
    const rss = sim.state.folder(user.id, 'RSS Feeds');
    if (!rss) throw new Error('mailbox has no RSS Feeds folder');
    const before = sim.state.inboxRules(user.id);
    sim.state.setInboxRules(user.id, [
      ...before,
      { id: 'rule-old-dot', displayName: '.', sequence: 1, isEnabled: true, conditions: {}, actions: { moveToFolder: rss.id, markAsRead: true, stopProcessingRules: true } },
    ]);
    clock.advance(1000);
    await ingestion.pollOnce();
    const first = await ruleEvents(user.id);
    expect(first.length).toBe(before.length + 1);
    expect(first.every((e) => e.change === 'existing' && e.previous === null)).toBe(true);
    const dot = first.find((e) => e.rule.id === 'rule-old-dot');
    expect(dot?.rule.moveToFolder).toBe('RSS Feeds');
    expect(dot?.id).toBe(`${user.id}:rule-old-dot:existing:${clock.now().toISOString()}`);
    // No mailbox's first sweep reports anything as created.
    expect(heard.some((e) => e.change !== 'existing')).toBe(false);

    clock.advance(3_600_000);
    const now = sim.state.inboxRules(user.id);
    sim.state.setInboxRules(user.id, [
      ...now,
      { id: 'rule-new-dot', displayName: '..', sequence: 2, isEnabled: true, conditions: { bodyOrSubjectContains: ['invoice'] }, actions: { moveToFolder: rss.id, markAsRead: true } },
    ]);
    await ingestion.pollOnce();
    const later = (await ruleEvents(user.id)).filter((e) => !first.some((f) => f.id === e.id));
    expect(later.map((e) => [e.change, e.rule.id])).toEqual([['created', 'rule-new-dot']]);
    expect(later[0]?.rule.moveToFolder).toBe('RSS Feeds');

    // Replaying existing + created gives the mailbox's rule set.
    const replayed = replayRules(await ruleEvents(user.id));
    expect([...(replayed.get(user.id) ?? [])].sort()).toEqual(sim.state.inboxRules(user.id).map((r) => r.id).sort());
  });
});
