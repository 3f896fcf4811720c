// Mailboxes that are not ordinary ones (no mailbox, shared, room) and the bounded first inbox delta, through
// the real Graph module against the simulator, which answers as Graph does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { ManualClock } from '../../server/src/clock.ts';
import type { GraphApi } from '../../server/src/graph/graph-api.ts';
import { GraphError, isNoMailboxError } from '../../server/src/graph/graph-error.ts';
import { startSimulator, type RunningSimulator } from '../../server/src/sim/simulator.ts';
import { simulatorGraphApi } from '../../server/src/sim/simulator-graph-api.ts';
import { appToken, HOUR, iso, rawFetch, smallScenario, userId } from '../sim/sim-fixture.ts';

let sim: RunningSimulator;
let graph: GraphApi;

beforeAll(async () => {
  sim = await startSimulator({ scenario: smallScenario(), clock: new ManualClock(iso(48 * HOUR)), throttling: false });
  sim.state.setMailboxPurpose(userId(2), 'none');
  sim.state.setMailboxPurpose(userId(3), 'shared');
  sim.state.setMailboxPurpose(userId(4), 'room');
  graph = simulatorGraphApi(sim, { logger: pino({ level: 'silent' }), sleep: async () => undefined });
});
afterAll(async () => {
  await sim.close();
});

describe('mailboxes that are not ordinary ones', () => {
  it('a user without a mailbox gets Graph’s 404 MailboxNotEnabledForRESTAPI in Graph’s error envelope', async () => {
    const token = await appToken(sim);
    const res = await rawFetch(sim, `/users/${userId(2)}/mailFolders/inbox/messages/delta`, { token });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string; innerError: Record<string, string> } };
    expect(body.error.code).toBe('MailboxNotEnabledForRESTAPI');
    expect(body.error.message).toMatch(/inactive, soft-deleted, or is hosted on-premise/);
    expect(Object.keys(body.error.innerError).sort()).toEqual(['client-request-id', 'date', 'request-id']);
    // Directory reads of the same user still work: only the mailbox is missing.
    expect((await rawFetch(sim, `/users/${userId(2)}`, { token })).status).toBe(200);
  });

  it('the Graph module turns that answer into a typed error isNoMailboxError recognises', async () => {
    const err = await graph.inboxDelta(userId(2)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphError);
    expect(isNoMailboxError(err)).toBe(true);
    const other = await graph.getMessage(userId(1), 'no-such-message').catch((e: unknown) => e);
    expect(isNoMailboxError(other)).toBe(false);
  });

  it('reads what kind of mailbox each user has in one $batch of mailboxSettings', async () => {
    const before = sim.stats().httpRequests;
    const res = await graph.batchMailboxPurposes([userId(1), userId(2), userId(3), userId(4)]);
    expect(sim.stats().httpRequests - before).toBe(1);
    const kinds = [1, 2, 3, 4].map((i) => {
      const r = res.get(userId(i));
      return r?.ok ? r.purpose : `error ${r?.error.status}`;
    });
    expect(kinds).toEqual(['user', 'none', 'shared', 'room']);
  });
});

describe('the first inbox delta bounded by receivedDateTime', () => {
  it('returns only mail received at or after the bound, and its deltaLink keeps the bound', async () => {
    const subjects = async (link: string | null, since?: string): Promise<{ subjects: string[]; deltaLink: string }> => {
      const out: string[] = [];
      for (let i = 0; i < 100; i++) {
        const page = await graph.inboxDelta(userId(1), link, since ? { receivedSince: since } : {});
        for (const r of page.records) out.push((r as { subject: string }).subject);
        if (page.deltaLink) return { subjects: out, deltaLink: page.deltaLink };
        link = page.nextLink;
      }
      throw new Error('delta did not end');
    };
    expect((await subjects(null)).subjects.sort()).toEqual(['arrives later', 'first', 'second', 'third']);
    const bounded = await subjects(null, iso(2 * HOUR));
    expect(bounded.subjects.sort()).toEqual(['arrives later', 'second', 'third']);
    // Mail that arrives later, dated before the bound (a delayed or imported message), stays out; new mail comes.
    sim.state.addMessage({ userId: userId(1), message: { subject: 'old import', receivedDateTime: iso(1 * HOUR) } });
    sim.state.addMessage({ userId: userId(1), message: { subject: 'new one' } });
    expect((await subjects(bounded.deltaLink)).subjects).toEqual(['new one']);
  });
});
