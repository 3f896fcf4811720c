// The composition root with a manual clock and drain(): mail polled into the event log is scored and held,
// a user report reaches triage through the log, and a message that cannot be scored is retried with backoff,
// then parked where /api/health shows it.
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageEvent } from '@lantern/shared';
import { remoteKeys } from '../../server/src/auth/remote-keys.ts';
import { createTokenVerifier } from '../../server/src/auth/token-verifier.ts';
import { ManualClock, systemClock } from '../../server/src/clock.ts';
import { buildLantern, type Lantern } from '../../server/src/runtime/build-lantern.ts';
import { lanternMailboxFrom } from '../../server/src/mailbox/security-mailbox.ts';
import { simulatorGraphApi } from '../../server/src/sim/simulator-graph-api.ts';
import { startSimulator, type RunningSimulator } from '../../server/src/sim/simulator.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import { ensureInstalledAt } from '../../server/src/store/installed-at.ts';
import type { Store } from '../../server/src/store/store.ts';
import type { TriageTables } from '../../server/src/triage/triage-tables.ts';
import { API_CLIENT_ID, END, folderOf, scenario, TENANT, userId } from '../routes/app-fixture.ts';

let dir: string;
let sim: RunningSimulator;
let store: Store;
let lantern: Lantern;
const clock = new ManualClock(END);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lantern-build-'));
  sim = await startSimulator({ scenario: scenario(), clock, throttling: false });
  store = await openStore({ kind: 'sqlite', file: join(dir, 'lantern.db') });
  // Lantern was installed before the scenario's mail arrived: all of it is new mail to act on.
  await ensureInstalledAt(store.db, new Date(scenario().start));
  const graph = simulatorGraphApi(sim, { logger: pino({ level: 'silent' }) });
  const linkSecret = randomBytes(32);
  const users = (await graph.listUsers()).users;
  lantern = await buildLantern({
    store, graph, clock, logger: pino({ level: 'silent' }), tenantId: TENANT, tenantDomains: ['contoso.test'],
    internalDisplayNames: ['User 1', 'User 2', 'User 3', 'Ana Colleague'], security: lanternMailboxFrom(users, userId(3), linkSecret, graph, clock), users,
    linkSecret, baseUrl: 'https://lantern.test',
    ingestion: { sources: ['messages'] },
    retry: { maxAttempts: 3, baseDelayMs: 60_000, maxDelayMs: 3_600_000 },
    http: {
      verifier: createTokenVerifier({ tenantId: sim.tenantId, clientId: API_CLIENT_ID, extraIssuers: [sim.issuer], keys: remoteKeys(sim.jwksUri, { caPem: sim.caPem }), clock: systemClock }),
      clock, logLevel: 'silent',
    },
  });
}, 60_000);

afterAll(async () => {
  await lantern?.close();
  await store?.close();
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('buildLantern', () => {
  it('starts nothing: no socket, no poll until asked', async () => {
    expect(lantern.app.server.listening).toBe(false);
    expect(await store.logHead()).toBe(0);
    expect(lantern.ingestion!.health().sources.messages.lastPollAt).toBeNull();
  });

  it('scores and holds polled mail when the pipeline is drained', async () => {
    await lantern.ingestion!.pollOnce('messages');
    expect(folderOf(sim, 1, 'msg-phish')).toBe('inbox');
    await lantern.drain();
    expect(folderOf(sim, 1, 'msg-phish')).toBe('Lantern Held');
    expect(folderOf(sim, 1, 'msg-note-1')).toBe('inbox');
    // Draining again does nothing: the offsets are committed.
    const actions = (await lantern.mailbox.repo.listActions(userId(1))).length;
    await lantern.drain();
    expect((await lantern.mailbox.repo.listActions(userId(1))).length).toBe(actions);
  });

  it('hands a user report to triage through the event log', async () => {
    const token = await sim.mintUserToken({ user: userId(1), audience: API_CLIENT_ID });
    const res = await lantern.app.inject({ method: 'POST', url: '/api/messages/msg-note-2/report', headers: { authorization: `Bearer ${token}` }, payload: {} });
    expect(res.statusCode).toBe(200);
    const reportId = (res.json() as { reportId: string }).reportId;
    const log = await store.readLog((await store.logHead()) - 1, 10);
    expect(log.map((e) => [e.event.kind, e.event.id])).toEqual([['userReport', reportId]]);
    const db = store.db as unknown as Kysely<TriageTables>;
    expect(await db.selectFrom('triage_reports').select('id').where('id', '=', reportId).executeTakeFirst()).toBeUndefined();
    await lantern.drain();
    const row = await db.selectFrom('triage_reports').select(['id', 'status']).where('id', '=', reportId).executeTakeFirstOrThrow();
    expect(row.status).not.toBe('new');
  });

  it('retries a message it cannot score, parks it after the last attempt, and /api/health shows it', async () => {
    const ghost: MessageEvent = {
      id: 'ghost', kind: 'message', at: END, userId: userId(2), upn: 'user2@contoso.test', messageId: 'no-such-message',
      internetMessageId: null, folder: 'inbox', subject: null, fromAddress: null, fromName: null, receivedAt: END,
    };
    await store.commit({ events: [ghost] });
    await lantern.drain();
    const scoring = async () => (await lantern.pipeline.health()).consumers.find((c) => c.name === 'mail-scoring')!;
    expect(await scoring()).toMatchObject({ retrying: 1, parked: 0, lag: 0 });
    clock.advance(60_000);
    await lantern.drain();
    clock.advance(120_000);
    await lantern.drain();
    expect(await scoring()).toMatchObject({ retrying: 0, parked: 1 });
    expect(await lantern.pipeline.parked('mail-scoring')).toMatchObject([{ eventId: 'ghost', attempts: 3 }]);

    const health = await lantern.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    const body = health.json() as { status: string; pipeline: { consumers: { name: string; parked: number; lastError: string | null }[] } };
    expect(body.status).toBe('degraded');
    const reported = body.pipeline.consumers.find((c) => c.name === 'mail-scoring')!;
    expect(reported.parked).toBe(1);
    // the public answer has counts only; the error (it may quote ids or Graph URLs) is for analysts
    expect(reported.lastError).toBeNull();
    expect((await scoring()).lastError).toMatch(/not found/i);
  });
});
