// A safe first start: the installation time is recorded once and bounds every mailbox's first delta; users
// without a mailbox, room and shared mailboxes are recognised, not errors; one throttled mailbox in a $batch
// of 20 does not fail the other 19.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MessageEvent } from '@lantern/shared';
import { ManualClock } from '../../server/src/clock.ts';
import { startIngestion } from '../../server/src/runtime/start-ingestion.ts';
import { startSimulator } from '../../server/src/sim/simulator.ts';
import { INSTALLED_AT_CURSOR, readInstalledAt } from '../../server/src/store/installed-at.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import { HOUR, iso, smallScenario, userId } from '../sim/sim-fixture.ts';
import { endpointOf, graphFor, silent } from './ingest-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'lantern-first-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function messageSubjects(file: string): Promise<string[]> {
  const store = await openStore({ kind: 'sqlite', file });
  try {
    return (await store.listEvents({ kind: 'message', limit: 10_000 })).map((e) => (e as MessageEvent).subject ?? '').sort();
  } finally {
    await store.close();
  }
}

describe('first start', () => {
  it('reads only mail received since installation, keeps the installation time across restarts and delta resets', async () => {
    const clock = new ManualClock(iso(20 * HOUR));
    const sim = await startSimulator({ scenario: smallScenario(), clock, throttling: false });
    const file = join(dir, 'first.db');
    try {
      // First start at 20 h: user 1's inbox already holds 'first', 'second', 'third' (1–3 h).
      let store = await openStore({ kind: 'sqlite', file });
      let ingestion = startIngestion({ graph: graphFor(endpointOf(sim)), store, clock, logger: silent, autoStart: false, sources: ['messages'], users: [userId(1)] });
      await ingestion.pollOnce('messages');
      expect(await readInstalledAt(store.db)).toBe(iso(20 * HOUR));
      expect(await store.listEvents({ kind: 'message' })).toEqual([]);
      await ingestion.stop();
      await store.close();

      // Restart later: new mail arrives ('arrives later' at 30 h, plus one received now), and a message dated
      // before installation shows up late (an import): only the new ones are read; installedAt does not move.
      clock.set(iso(31 * HOUR));
      sim.state.addMessage({ userId: userId(1), message: { subject: 'imported, old', receivedDateTime: iso(5 * HOUR) } });
      sim.state.addMessage({ userId: userId(1), message: { subject: 'fresh' } });
      store = await openStore({ kind: 'sqlite', file });
      ingestion = startIngestion({ graph: graphFor(endpointOf(sim)), store, clock, logger: silent, autoStart: false, sources: ['messages'], users: [userId(1)] });
      await ingestion.pollOnce('messages');
      expect(await readInstalledAt(store.db)).toBe(iso(20 * HOUR));
      expect(await store.getCursor(INSTALLED_AT_CURSOR)).toBe(iso(20 * HOUR));

      // A delta reset (the link forgotten, as after an expired sync state) starts again from installation, not from the start of the mailbox.
      await store.commit({ cursors: { [`messages:${userId(1)}`]: null } });
      const before = (await store.listEvents({ kind: 'message' })).length;
      await ingestion.pollOnce('messages');
      expect((await store.listEvents({ kind: 'message' })).length).toBe(before);
      await ingestion.stop();
      await store.close();
      expect(await messageSubjects(file)).toEqual(['arrives later', 'fresh']);
    } finally {
      await sim.close();
    }
  });
});

describe('mailboxes that are not ordinary ones', () => {
  it('skips users without a mailbox and room mailboxes, reads shared ones, and logs no error on every run', async () => {
    const clock = new ManualClock(iso(20 * HOUR));
    const sim = await startSimulator({ scenario: smallScenario(), clock, throttling: false });
    const store = await openStore({ kind: 'sqlite', file: join(dir, 'kinds.db') });
    sim.state.setMailboxPurpose(userId(2), 'none');
    sim.state.setMailboxPurpose(userId(3), 'room');
    sim.state.setMailboxPurpose(userId(4), 'shared');
    const ingestion = startIngestion({
      graph: graphFor(endpointOf(sim)),
      store,
      clock,
      logger: silent,
      autoStart: false,
      sources: ['messages'],
      users: [1, 2, 3, 4, 5].map(userId),
      userRefreshMs: 10 * HOUR,
    });
    try {
      await ingestion.pollOnce('messages');
      // User 5 loses their mailbox (licence removed) after the user list was read: found by its delta.
      sim.state.setMailboxPurpose(userId(5), 'none');
      await store.commit({ cursors: { [`messages:${userId(5)}`]: null } });
      clock.advance(60_000);
      sim.state.addMessage({ userId: userId(4), message: { subject: 'to the shared mailbox' } });
      clock.advance(1000);
      for (let i = 0; i < 3; i++) {
        await ingestion.pollOnce('messages');
        clock.advance(60_000);
      }
      const h = ingestion.health().sources.messages;
      expect([h.state, h.errors, h.lastError]).toEqual(['idle', 0, null]);
      expect(h.mailboxes).toEqual({ noMailbox: 2, shared: 1, resource: 1 });
      // Each no-mailbox user was asked about once: user 2 by its mailbox settings, user 5 by one delta.
      expect(sim.stats().byRoute['GET /users/{}/mailFolders/{}/messages/delta']?.[404]).toBe(1);
      const shared = (await store.listEvents({ kind: 'message', userId: userId(4) })).map((e) => (e as MessageEvent).subject);
      expect(shared).toEqual(['to the shared mailbox']);

      // Once the user list is read again, a mailbox that came back is read again.
      sim.state.setMailboxPurpose(userId(2), 'user');
      sim.state.addMessage({ userId: userId(2), message: { subject: 'licensed again' } });
      clock.advance(11 * HOUR);
      await ingestion.pollOnce('messages');
      expect(ingestion.health().sources.messages.mailboxes).toEqual({ noMailbox: 1, shared: 1, resource: 1 });
      expect((await store.listEvents({ kind: 'message', userId: userId(2) })).map((e) => (e as MessageEvent).subject)).toEqual(['licensed again']);
    } finally {
      await ingestion.stop();
      await store.close();
      await sim.close();
    }
  });
});

describe('inbox rules in $batches of 20', () => {
  it('one throttled mailbox does not fail the other 19 of its batch; it is read on the next sweep', async () => {
    const clock = new ManualClock(iso(20 * HOUR));
    const scenario = smallScenario();
    const ids = (scenario.users ?? []).map((u) => u.id).sort().slice(0, 20);
    const slow = ids[11] as string;
    const sim = await startSimulator({
      scenario,
      clock,
      throttling: false,
      batchFailsWhenThrottled: true,
      faults: { script: [{ path: `/users/${slow}/mailFolders/inbox/messageRules`, fault: { kind: 'status', status: 429, retryAfterSeconds: 600 } }] },
    });
    const store = await openStore({ kind: 'sqlite', file: join(dir, 'rules.db') });
    const ingestion = startIngestion({ graph: graphFor(endpointOf(sim), { sleep: async () => undefined }), store, clock, logger: silent, autoStart: false, sources: ['inboxRules'], users: ids });
    try {
      await ingestion.pollOnce('inboxRules');
      let snapshots = await store.getSnapshots('inboxRules', ids);
      expect([...snapshots.keys()].sort()).toEqual(ids.filter((id) => id !== slow));
      const h = ingestion.health().sources.inboxRules;
      expect([h.state, h.errors, h.lastError]).toEqual(['idle', 0, null]);
      expect(h.throttled).toBe(1);
      expect(sim.stats().byRoute['POST /$batch']).toEqual({ 424: 1 });

      clock.advance(HOUR);
      await ingestion.pollOnce('inboxRules');
      snapshots = await store.getSnapshots('inboxRules', ids);
      expect(snapshots.size).toBe(20);
    } finally {
      await ingestion.stop();
      await store.close();
      await sim.close();
    }
  });
});

describe('a throttled mailbox in the message poller', () => {
  it('is left for the next run while the other mailboxes are read, with no error', async () => {
    const clock = new ManualClock(iso(20 * HOUR));
    const sim = await startSimulator({
      scenario: smallScenario(),
      clock,
      throttling: false,
      faults: { script: [{ path: `/users/${userId(2)}/mailFolders/inbox/messages/delta`, fault: { kind: 'status', status: 429, retryAfterSeconds: 600 }, times: 1 }] },
    });
    const store = await openStore({ kind: 'sqlite', file: join(dir, 'throttled.db') });
    const waits: number[] = [];
    const ingestion = startIngestion({
      graph: graphFor(endpointOf(sim), { sleep: async (ms) => void waits.push(ms) }),
      store,
      clock,
      logger: silent,
      autoStart: false,
      sources: ['messages'],
      users: [1, 2, 3].map(userId),
    });
    try {
      for (const i of [1, 2, 3]) sim.state.addMessage({ userId: userId(i), message: { subject: `for user ${i}` } });
      await ingestion.pollOnce('messages');
      // User 2 was asked to wait 10 minutes: not waited for; users 1 and 3 read; no error.
      expect(waits.filter((w) => w >= 600_000)).toEqual([]);
      const subjects = async (): Promise<string[]> => (await store.listEvents({ kind: 'message', limit: 100 })).map((e) => (e as MessageEvent).subject ?? '').sort();
      const h = ingestion.health().sources.messages;
      expect([h.state, h.errors, h.throttled]).toEqual(['idle', 0, 1]);
      expect(await subjects()).toEqual(['for user 1', 'for user 3']);
      await ingestion.pollOnce('messages');
      expect(await subjects()).toEqual(['for user 1', 'for user 2', 'for user 3']);
    } finally {
      await ingestion.stop();
      await store.close();
      await sim.close();
    }
  });
});
