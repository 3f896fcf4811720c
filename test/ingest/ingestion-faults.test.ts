// Ingestion under throttling, injected 5xx, slow answers, malformed bodies, empty pages, invalid records and
// an unlicensed tenant: every problem is counted in health, nothing crashes, nothing is lost or doubled.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GraphSignIn, TenantScenario } from '@lantern/shared';
import { ManualClock } from '../../server/src/clock.ts';
import { generateScenario } from '../../server/src/sim/generator/generate.ts';
import { startSimulator } from '../../server/src/sim/simulator.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import { ensureInstalledAt } from '../../server/src/store/installed-at.ts';
import { startIngestion } from '../../server/src/runtime/start-ingestion.ts';
import type { GraphApi } from '../../server/src/graph/graph-api.ts';
import { LicenceRequiredError } from '../../server/src/graph/graph-error.ts';
import { actualOf, allEvents, endpointOf, expectedAt, graphFor, replayRules, silent, sortedMessages } from './ingest-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'lantern-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


describe('ingestion under faults', () => {
  it('survives throttling and injected faults, and ends with exactly the tenant events', async () => {
    const scenario = generateScenario({ users: 10, days: 2, seed: 5 });
    const clock = new ManualClock(scenario.end);
    const sim = await startSimulator({
      scenario,
      clock,
      throttling: { identityReportRequests: 5, identityReportWindowMs: 1000, mailboxConcurrency: 1 },
      faults: { rate: 0.15, seed: 99, kinds: [{ kind: 'status', status: 503, retryAfterSeconds: 1 }, { kind: 'status', status: 504 }, { kind: 'status', status: 500 }, { kind: 'slow', ms: 4000 }, { kind: 'malformed-json' }, { kind: 'empty-page' }] },
    });
    const store = await openStore({ kind: 'sqlite', file: join(dir, 'faults.db') });
    await ensureInstalledAt(store.db, new Date(scenario.start));
    const ingestion = startIngestion({
      graph: graphFor(endpointOf(sim), { pageSize: 100, deltaPageSize: 5, requestTimeoutMs: 2500, maxRetries: 3 }),
      store,
      clock,
      logger: silent,
      autoStart: false,
      messages: { concurrency: 4 },
    });
    try {
      // With only three retries per request some runs fail part-way; each next run resumes from its cursor.
      for (let i = 0; i < 12; i++) {
        await ingestion.pollOnce();
        const h = ingestion.health();
        if (Object.values(h.sources).every((s) => s.state === 'idle') && i >= 1) break;
      }
      const health = ingestion.health();
      for (const s of Object.values(health.sources)) expect(`${s.state} ${s.lastError}`).toMatch(/^idle /);
      expect(sim.stats().faults).toBeGreaterThan(0);
      const throttled = Object.values(health.sources).reduce((n, s) => n + s.throttled, 0);
      expect(throttled).toBeGreaterThan(0);

      const actual = actualOf(await allEvents(store));
      const expected = expectedAt(scenario, scenario.end);
      expect(actual.signIns).toEqual(expected.signIns);
      expect(actual.securityInfo).toEqual(expected.securityInfo);
      expect(sortedMessages(actual.messages)).toEqual(sortedMessages(expected.messages));
      const replayed = replayRules(actual.rules);
      for (const u of scenario.users ?? []) expect([...(replayed.get(u.id) ?? [])].sort()).toEqual(sim.state.inboxRules(u.id).map((r) => r.id).sort());
    } finally {
      await ingestion.stop();
      await store.close();
      await sim.close();
    }
  }, 120_000);

  it('skips invalid records with a count, keeps records with unknown fields, and goes on', async () => {
    const base = generateScenario({ users: 5, days: 1, seed: 3 });
    const good = (base.signIns ?? [])[0] as GraphSignIn;
    const broken = { ...good, id: 'broken-1', userId: undefined, userPrincipalName: undefined } as unknown as GraphSignIn;
    const extra = { ...good, id: 'extra-1', someFutureField: { nested: [1, 2, 3] }, location: 'not an object' } as unknown as GraphSignIn;
    const scenario: TenantScenario = { ...base, signIns: [...(base.signIns ?? []), broken, extra] };
    const clock = new ManualClock(scenario.end);
    const sim = await startSimulator({ scenario, clock, throttling: false });
    const store = await openStore({ kind: 'sqlite', file: join(dir, 'invalid.db') });
    const ingestion = startIngestion({ graph: graphFor(endpointOf(sim)), store, clock, logger: silent, autoStart: false, sources: ['signIns'] });
    try {
      await ingestion.pollOnce();
      const h = ingestion.health().sources.signIns;
      expect(h.state).toBe('idle');
      expect(h.skipped).toBe(1);
      const ids = new Set((await store.listEvents({ kind: 'signIn', limit: 100_000 })).map((e) => e.id));
      expect(ids.has('extra-1')).toBe(true);
      expect(ids.has('broken-1')).toBe(false);
      expect(ids.size).toBe((base.signIns ?? []).length + 1);
    } finally {
      await ingestion.stop();
      await store.close();
      await sim.close();
    }
  });

  it('reports an unlicensed tenant as licence-required while the other sources keep working', async () => {
    const scenario = generateScenario({ users: 5, days: 1, seed: 4 });
    const clock = new ManualClock(scenario.end);
    const sim = await startSimulator({ scenario, clock, throttling: false });
    const real = graphFor(endpointOf(sim));
    // Graph as an unlicensed tenant answers it: sign-ins refused (403), everything else served.
    const refuse = new LicenceRequiredError({ method: 'GET', path: '/auditLogs/signIns', status: 403, code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', requestId: 'r1' });
    const unlicensed = (g: GraphApi): GraphApi => ({
      listUsers: () => g.listUsers(),
      listSignIns: () => ({ [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(refuse) }) }),
      listDirectoryAudits: (w, f) => g.listDirectoryAudits(w, f),
      getAuthMethods: (u) => g.getAuthMethods(u),
      batchGetInboxRules: (u) => g.batchGetInboxRules(u),
      batchListMailFolders: (u) => g.batchListMailFolders(u),
      batchMailboxPurposes: (u) => g.batchMailboxPurposes(u),
      listMailFolders: (u) => g.listMailFolders(u),
      ensureHiddenFolder: (u, n) => g.ensureHiddenFolder(u, n),
      getMessage: (u, m, s) => g.getMessage(u, m, s),
      getMessageMime: (u, m) => g.getMessageMime(u, m),
      moveMessage: (u, m, d) => g.moveMessage(u, m, d),
      setMessageCategories: (u, m, c) => g.setMessageCategories(u, m, c),
      inboxDelta: (u, l, o) => g.inboxDelta(u, l, o),
      sendMail: (u, m, s) => g.sendMail(u, m, s),
      withObserver: (o) => unlicensed(g.withObserver(o)),
    });
    const store = await openStore({ kind: 'sqlite', file: join(dir, 'licence.db') });
    await ensureInstalledAt(store.db, new Date(scenario.start));
    const ingestion = startIngestion({ graph: unlicensed(real), store, clock, logger: silent, autoStart: false });
    try {
      await ingestion.pollOnce();
      const h = ingestion.health();
      expect(h.status).toBe('degraded');
      expect(h.sources.signIns.state).toBe('licence-required');
      expect(h.sources.signIns.lastError).toMatch(/P1 or P2/);
      expect(`${h.sources.messages.state} ${h.sources.messages.lastError}`).toBe('idle null');
      const mail = [...expectedAt(scenario, scenario.end).messages.values()].reduce((n, l) => n + l.length, 0);
      expect(h.sources.messages.records).toBe(mail);
      expect(h.sources.inboxRules.state).toBe('idle');
      expect(await store.getCursor('signIns')).toBeNull();
    } finally {
      await ingestion.stop();
      await store.close();
      await sim.close();
    }
  });
});
