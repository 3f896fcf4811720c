// Inbox rule sweeps under every fault the simulator injects: a rule that did not change is never reported
// created, deleted or changed, whatever Graph does to the sweep that reads it (issue #14, finding 3).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { InboxRuleEvent } from '@lantern/shared';
import { ManualClock } from '../../server/src/clock.ts';
import type { ScriptedFault } from '../../server/src/sim/faults.ts';
import { generateScenario } from '../../server/src/sim/generator/generate.ts';
import { startSimulator } from '../../server/src/sim/simulator.ts';
import type { RunningSimulator } from '../../server/src/sim/simulator.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import { startIngestion } from '../../server/src/runtime/start-ingestion.ts';
import type { Ingestion } from '../../server/src/runtime/start-ingestion.ts';
import type { Store } from '../../server/src/store/store.ts';
import { allEvents, endpointOf, graphFor, silent } from './ingest-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'lantern-rule-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Rig {
  sim: RunningSimulator;
  store: Store;
  ingestion: Ingestion;
  clock: ManualClock;
  userId: string;
  rssId: string;
  close(): Promise<void>;
}

const RULES = (u: string): RegExp => new RegExp(`^/users/${u}/mailFolders/inbox/messageRules$`);
const FOLDERS = (u: string): RegExp => new RegExp(`^/users/${u}/mailFolders$`);

/** A tenant whose second user has two rules, one moving mail to "RSS Feeds"; `faults` picks requests of that user. */
async function rig(name: string, faults: (userId: string) => ScriptedFault[], withFolderRule = true): Promise<Rig> {
  const scenario = generateScenario({ users: 4, days: 1, seed: 21 });
  const user = (scenario.users ?? [])[1];
  if (!user) throw new Error('scenario has too few users');
  const clock = new ManualClock(scenario.end);
  const sim = await startSimulator({ scenario, clock, throttling: false, faults: { script: faults(user.id) } });
  const rss = sim.state.folder(user.id, 'RSS Feeds');
  if (!rss) throw new Error('mailbox has no RSS Feeds folder');
  sim.state.setInboxRules(user.id, [
    { id: 'rule-keep', displayName: 'Newsletters', sequence: 1, isEnabled: true, conditions: { senderContains: ['news'] }, actions: { markAsRead: true } },
    ...(withFolderRule ? [{ id: 'rule-dot', displayName: '.', sequence: 2, isEnabled: true, conditions: {}, actions: { moveToFolder: rss.id, markAsRead: true } }] : []),
  ]);
  const store = await openStore({ kind: 'sqlite', file: join(dir, `${name}.db`) });
  // Retries do not sleep for real: the faults, not the waits, are under test.
  const graph = graphFor(endpointOf(sim), { sleep: () => Promise.resolve() });
  const ingestion = startIngestion({ graph, store, clock, logger: silent, autoStart: false, sources: ['inboxRules'] });
  return {
    sim, store, ingestion, clock, userId: user.id, rssId: rss.id,
    async close() {
      await ingestion.stop();
      await store.close();
      await sim.close();
    },
  };
}

async function ruleEvents(store: Store): Promise<InboxRuleEvent[]> {
  return (await allEvents(store)).filter((e): e is InboxRuleEvent => e.kind === 'inboxRule');
}

async function sweep(r: Rig): Promise<void> {
  r.clock.advance(60_000);
  await r.ingestion.pollOnce();
}

/** A $batch item answered 429/503/504 is asked again this many times in all before it counts as failed. */
const BATCH_ROUNDS = 8;

/** Sweep 1 clean; sweep 2 meets the fault `times` times (the user's rules request is its second); then clean. */
const ruleFaults: [string, ScriptedFault['fault'], number][] = [
  ['a 503 the $batch retries away', { kind: 'status', status: 503, retryAfterSeconds: 1 }, 2],
  ['a 503 storm that outlasts the retries', { kind: 'status', status: 503 }, BATCH_ROUNDS],
  ['a 504', { kind: 'status', status: 504 }, 1],
  ['a 500', { kind: 'status', status: 500 }, 1],
  ['a 502 on two sweeps running', { kind: 'status', status: 502 }, 2],
  ['a 429', { kind: 'status', status: 429, retryAfterSeconds: 1 }, 2],
  ['a 429 storm that outlasts the retries', { kind: 'status', status: 429 }, BATCH_ROUNDS],
  ['an empty page carrying @odata.nextLink', { kind: 'empty-page' }, 1],
  ['empty pages, one after another', { kind: 'empty-page' }, 3],
  ['a malformed JSON body', { kind: 'malformed-json' }, 1],
  ['a slow answer', { kind: 'slow', ms: 50 }, 1],
];

describe('inbox rule sweep under Graph faults', () => {
  it.each(ruleFaults)('reports no phantom rule event when the rules read meets %s', async (name, fault, times) => {
    const r = await rig(name.replace(/\W+/g, '-'), (u) => [{ fault, path: RULES(u), after: 1, times }]);
    try {
      await sweep(r);
      const first = await ruleEvents(r.store);
      expect(first.filter((e) => e.userId === r.userId).map((e) => [e.change, e.rule.id]).sort()).toEqual([['existing', 'rule-dot'], ['existing', 'rule-keep']]);
      await sweep(r);
      await sweep(r);
      expect(r.sim.stats().faults).toBeGreaterThan(0);
      const later = (await ruleEvents(r.store)).filter((e) => !first.some((f) => f.id === e.id));
      expect(later.map((e) => `${e.change} ${e.rule.id}`)).toEqual([]);
      // A real change after the faults is still seen, with its folder's name.
      r.sim.state.setInboxRules(r.userId, [
        ...r.sim.state.inboxRules(r.userId),
        { id: 'rule-new', displayName: '..', sequence: 3, isEnabled: true, conditions: { bodyOrSubjectContains: ['invoice'] }, actions: { moveToFolder: r.rssId } },
      ]);
      await sweep(r);
      const news = (await ruleEvents(r.store)).filter((e) => !first.some((f) => f.id === e.id));
      expect(news.map((e) => [e.change, e.rule.id, e.rule.moveToFolder])).toEqual([['created', 'rule-new', 'RSS Feeds']]);
    } finally {
      await r.close();
    }
  });

  const folderFaults: [string, ScriptedFault['fault'], number][] = [
    ['a 500 on two sweeps running', { kind: 'status', status: 500 }, 2],
    ['a 503 storm that outlasts the retries', { kind: 'status', status: 503 }, BATCH_ROUNDS],
    ['a 429 storm that outlasts the retries', { kind: 'status', status: 429 }, BATCH_ROUNDS],
    ['an empty page carrying @odata.nextLink', { kind: 'empty-page' }, 1],
    ['a malformed JSON body', { kind: 'malformed-json' }, 1],
  ];

  it.each(folderFaults)('reports a new rule once, by its folder name, when the folder lookup meets %s', async (name, fault, times) => {
    // The folder rule arrives after the first sweep, so the second sweep is the first to look folders up.
    const r = await rig(`folders-${name.replace(/\W+/g, '-')}`, (u) => [{ fault, path: FOLDERS(u), times }], false);
    try {
      await sweep(r);
      const first = await ruleEvents(r.store);
      r.sim.state.setInboxRules(r.userId, [
        ...r.sim.state.inboxRules(r.userId),
        { id: 'rule-dot', displayName: '.', sequence: 2, isEnabled: true, conditions: {}, actions: { moveToFolder: r.rssId, markAsRead: true } },
      ]);
      await sweep(r);
      await sweep(r);
      await sweep(r);
      expect(r.sim.stats().faults).toBeGreaterThan(0);
      const later = (await ruleEvents(r.store)).filter((e) => !first.some((f) => f.id === e.id));
      // Never the raw folder id, never a "changed" once the name resolves.
      expect(later.map((e) => [e.change, e.rule.id, e.rule.moveToFolder])).toEqual([['created', 'rule-dot', 'RSS Feeds']]);
    } finally {
      await r.close();
    }
  });
});
