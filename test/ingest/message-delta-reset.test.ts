// A mailbox whose stored delta link fails on run after run (not an "expired sync state" Graph names) is
// restarted from a fresh delta, the same way its first delta was made, instead of failing forever.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/src/clock.ts';
import type { GraphApi } from '../../server/src/graph/graph-api.ts';
import { GraphError } from '../../server/src/graph/graph-error.ts';
import { MESSAGES_CURSOR_PREFIX, RESET_DELTA_AFTER_RUNS } from '../../server/src/ingest/message-poller.ts';
import { generateScenario } from '../../server/src/sim/generator/generate.ts';
import { startSimulator } from '../../server/src/sim/simulator.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import { startIngestion } from '../../server/src/runtime/start-ingestion.ts';
import { endpointOf, graphFor, silent } from './ingest-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'lantern-delta-reset-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Graph that answers 500 to the links in `broken` (a stale delta link Graph cannot serve), all else as `g`. */
function refusing(g: GraphApi, broken: ReadonlySet<string>, calls: [string, string | null][]): GraphApi {
  return new Proxy(g, {
    get(target, prop, receiver) {
      if (prop === 'inboxDelta') {
        return (userId: string, link?: string | null) => {
          calls.push([userId, link ?? null]);
          if (link && broken.has(link)) {
            return Promise.reject(new GraphError('Internal Server Error', { method: 'GET', path: '/users/x/mailFolders/inbox/messages/delta', status: 500, code: 'UnknownError', requestId: 'r1' }));
          }
          return target.inboxDelta(userId, link);
        };
      }
      if (prop === 'withObserver') return (o: Parameters<GraphApi['withObserver']>[0]) => refusing(target.withObserver(o), broken, calls);
      const v: unknown = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

describe('message poller: a delta link that keeps failing', () => {
  it(`is reset to a fresh delta once it has failed ${RESET_DELTA_AFTER_RUNS} runs in a row, and the mailbox recovers`, async () => {
    const scenario = generateScenario({ users: 3, days: 1, seed: 31 });
    const [user, other] = scenario.users ?? [];
    if (!user || !other) throw new Error('scenario has too few users');
    const clock = new ManualClock(scenario.end);
    const sim = await startSimulator({ scenario, clock, throttling: false });
    const store = await openStore({ kind: 'sqlite', file: join(dir, 'reset.db') });
    const broken = new Set<string>();
    const calls: [string, string | null][] = [];
    const graph = refusing(graphFor(endpointOf(sim), { sleep: () => Promise.resolve() }), broken, calls);
    const ingestion = startIngestion({ graph, store, clock, logger: silent, autoStart: false, users: [user.id, other.id], sources: ['messages'] });
    const key = `${MESSAGES_CURSOR_PREFIX}${user.id}`;
    try {
      await ingestion.pollOnce();
      const stale = await store.getCursor(key);
      expect(stale).toMatch(/deltatoken/);
      const stored = (await store.listEvents({ limit: 100_000 })).length;
      broken.add(stale as string);

      // Runs that fail keep the link (the other mailbox keeps working, so the source runs on) (a passing outage must not cost a full re-read)...
      for (let run = 1; run < RESET_DELTA_AFTER_RUNS; run++) {
        clock.advance(60_000);
        await ingestion.pollOnce();
        expect(await store.getCursor(key)).toBe(stale);
        expect(ingestion.health().sources.messages.errors).toBe(run);
      }
      // ...until the link has failed on RESET_DELTA_AFTER_RUNS runs in a row: then a fresh delta, made like the first.
      calls.length = 0;
      clock.advance(60_000);
      await ingestion.pollOnce();
      expect(calls.filter(([u]) => u === user.id).map(([, l]) => l).slice(0, 2)).toEqual([stale, null]);
      const fresh = await store.getCursor(key);
      expect(fresh).toMatch(/deltatoken/);
      expect(fresh).not.toBe(stale);
      const h = ingestion.health();
      expect(h.sources.messages.errors).toBe(RESET_DELTA_AFTER_RUNS - 1);
      expect(h.sources.messages.failingMailboxes).toBe(0);
      expect(h.status).toBe('ok');
      // The re-read stores nothing twice.
      expect((await store.listEvents({ limit: 100_000 })).length).toBe(stored);
    } finally {
      await ingestion.stop();
      await store.close();
      await sim.close();
    }
  });
});
