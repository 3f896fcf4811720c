// End to end: generated tenant → simulator (HTTPS, msal, Graph client) → pollers → store, polled in two steps.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent, TenantScenario } from '@lantern/shared';
import { ManualClock } from '../../server/src/clock.ts';
import { generateScenario } from '../../server/src/sim/generator/generate.ts';
import { startSimulator } from '../../server/src/sim/simulator.ts';
import type { RunningSimulator } from '../../server/src/sim/simulator.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import { ensureInstalledAt } from '../../server/src/store/installed-at.ts';
import type { Store } from '../../server/src/store/store.ts';
import { startIngestion } from '../../server/src/runtime/start-ingestion.ts';
import type { Ingestion } from '../../server/src/runtime/start-ingestion.ts';
import { actualOf, allEvents, endpointOf, expectedAt, graphFor, replayRules, silent, sortedMessages } from './ingest-fixtures.ts';

describe('ingestion end to end against the simulator', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-ingest-'));
  let scenario: TenantScenario;
  let clock: ManualClock;
  let sim: RunningSimulator;
  let store: Store;
  let ingestion: Ingestion;
  const heard: DomainEvent[] = [];
  const heardSignIns: DomainEvent[] = [];

  beforeAll(async () => {
    scenario = generateScenario({ users: 25, days: 4, seed: 11 });
    const mid = new Date((Date.parse(scenario.start) + Date.parse(scenario.end)) / 2).toISOString();
    clock = new ManualClock(mid);
    sim = await startSimulator({ scenario, clock, throttling: false });
    store = await openStore({ kind: 'sqlite', file: join(dir, 'lantern.db') });
    // Installed when the tenant's story starts, so everything it holds is new mail to Lantern.
    await ensureInstalledAt(store.db, new Date(scenario.start));
    ingestion = startIngestion({
      graph: graphFor(endpointOf(sim), { pageSize: 100, deltaPageSize: 7 }),
      store,
      clock,
      logger: silent,
      autoStart: false,
      signIns: { maxWindowMs: 12 * 3_600_000 },
    });
    ingestion.onEvents((events) => void heard.push(...events));
    ingestion.onEvents('signIn', (events) => void heardSignIns.push(...events));
  });

  afterAll(async () => {
    await ingestion.stop();
    await store.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores exactly what the tenant holds at mid-period, then at the end, with nothing twice', async () => {
    await ingestion.pollOnce();
    let actual = actualOf(await allEvents(store));
    let expected = expectedAt(scenario, clock.now().toISOString());
    expect(actual.signIns).toEqual(expected.signIns);
    expect(actual.securityInfo).toEqual(expected.securityInfo);
    expect(sortedMessages(actual.messages)).toEqual(sortedMessages(expected.messages));
    const midCount = (await allEvents(store)).length;

    clock.set(scenario.end);
    await ingestion.pollOnce();
    const events = await allEvents(store);
    actual = actualOf(events);
    expected = expectedAt(scenario, scenario.end);
    expect(actual.signIns).toEqual(expected.signIns);
    expect(actual.securityInfo).toEqual(expected.securityInfo);
    expect(sortedMessages(actual.messages)).toEqual(sortedMessages(expected.messages));
    expect(events.length).toBeGreaterThan(midCount);

    // Inbox rules: replaying the stored events gives each mailbox's current rule set.
    const replayed = replayRules(actual.rules);
    for (const u of scenario.users ?? []) {
      const now = sim.state.inboxRules(u.id).map((r) => r.id).sort();
      expect([...(replayed.get(u.id) ?? [])].sort()).toEqual(now);
    }

    // Subscribers heard each stored event once.
    expect(heard.map((e) => `${e.kind}:${e.id}`).sort()).toEqual(events.map((e) => `${e.kind}:${e.id}`).sort());
    expect(heardSignIns.length).toBe(actual.signIns.size);
    expect(heardSignIns.every((e) => e.kind === 'signIn')).toBe(true);

    const health = ingestion.health();
    expect(health.status).toBe('ok');
    expect(health.sources.signIns.records).toBe(actual.signIns.size);
    expect(health.sources.signIns.cursor).toBe(new Date(scenario.end).toISOString());
    expect(health.sources.messages.records).toBe([...actual.messages.values()].reduce((n, l) => n + l.length, 0));
    expect(health.sources.inboxRules.cursor).toMatch(/complete/);
    for (const s of Object.values(health.sources)) {
      expect(s.errors).toBe(0);
      expect(s.lastPollAt).not.toBeNull();
    }
  });

  it('a further poll with nothing new stores nothing and emits nothing', async () => {
    const before = (await allEvents(store)).length;
    const heardBefore = heard.length;
    await ingestion.pollOnce();
    expect((await allEvents(store)).length).toBe(before);
    expect(heard.length).toBe(heardBefore);
  });

  it('picks up a new rule and new mail on the next poll', async () => {
    const user = (scenario.users ?? [])[3];
    if (!user) throw new Error('scenario has too few users');
    clock.advance(3_600_000);
    const rules = sim.state.inboxRules(user.id);
    // Rules name folders by id; the event must carry the folder's display name.
    const target = sim.state.folders(user.id).find((f) => f.wellKnownName !== 'inbox' && f.displayName !== '');
    if (!target) throw new Error('mailbox has no folders');
    sim.state.setInboxRules(user.id, [
      ...rules,
      { id: 'rule-new-1', displayName: '.', sequence: 9, isEnabled: true, conditions: { bodyOrSubjectContains: ['invoice'] }, actions: { moveToFolder: target.id, markAsRead: true, stopProcessingRules: true } },
    ]);
    sim.state.addMessage({ userId: user.id, folder: 'inbox', message: { subject: 'fresh', internetMessageId: '<fresh-1@test>', from: { emailAddress: { address: 'x@example.test' } } } });
    clock.advance(1000);
    await ingestion.pollOnce();
    const events = await store.listEvents({ userId: user.id, from: new Date(clock.now().getTime() - 3_600_000).toISOString() });
    const created = events.filter((e) => e.kind === 'inboxRule' && e.change === 'created');
    expect(created.map((e) => (e.kind === 'inboxRule' ? e.rule.id : ''))).toEqual(['rule-new-1']);
    expect(created.map((e) => (e.kind === 'inboxRule' ? e.rule.moveToFolder : ''))).toEqual([target.displayName]);
    const mail = events.filter((e) => e.kind === 'message');
    expect(mail.map((e) => (e.kind === 'message' ? e.internetMessageId : null))).toEqual(['<fresh-1@test>']);
  });
});
