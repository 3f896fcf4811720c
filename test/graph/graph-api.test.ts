// The Graph module against the real tenant simulator, through msal-node and the Graph JS client over HTTPS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { TenantScenario } from '@lantern/shared';
import { ManualClock, systemClock } from '../../server/src/clock.ts';
import { generateCertificates } from '../../server/src/sim/certificates.ts';
import { generateScenario } from '../../server/src/sim/generator/generate.ts';
import { startSimulator, SIM_CLIENT_ID, SIM_CLIENT_SECRET } from '../../server/src/sim/simulator.ts';
import type { RunningSimulator, SimulatorOptions } from '../../server/src/sim/simulator.ts';
import { createGraphApi } from '../../server/src/graph/create-graph-api.ts';
import type { GraphApiOptions } from '../../server/src/graph/create-graph-api.ts';
import type { GraphApi } from '../../server/src/graph/graph-api.ts';
import { GraphError, LicenceRequiredError } from '../../server/src/graph/graph-error.ts';
import { simulatorGraphApi } from '../../server/src/sim/simulator-graph-api.ts';

const logger = pino({ level: 'silent' });
let scenario: TenantScenario;

function apiFor(sim: RunningSimulator, extra: Partial<GraphApiOptions> = {}): GraphApi {
  return simulatorGraphApi(sim, {
    logger,
    sleep: async () => undefined,
    ...extra,
  });
}

async function withSim<T>(options: Partial<SimulatorOptions>, fn: (sim: RunningSimulator) => Promise<T>): Promise<T> {
  const sim = await startSimulator({ scenario, clock: new ManualClock(scenario.end), throttling: false, ...options });
  try {
    return await fn(sim);
  } finally {
    await sim.close();
  }
}

beforeAll(() => {
  scenario = generateScenario({ users: 30, days: 4, seed: 7 });
});

describe('Graph module against the simulator', () => {
  let sim: RunningSimulator;
  let graph: GraphApi;
  beforeAll(async () => {
    sim = await startSimulator({ scenario, clock: new ManualClock(scenario.end), throttling: false });
    graph = apiFor(sim);
  });
  afterAll(async () => {
    await sim.close();
  });

  it('acquires a token with msal and lists every user', async () => {
    const { users, invalid } = await graph.listUsers();
    expect(invalid).toBe(0);
    expect(users.map((u) => u.id).sort()).toEqual((scenario.users ?? []).map((u) => u.id).sort());
  });

  it('pages sign-ins of a window by following nextLinks whole: v1.0 interactive ones, beta each event type', async () => {
    const small = createGraphApi({ ...{ graphUrl: sim.graphUrl, caPem: sim.caPem, logger, pageSize: 50 }, credentials: { authority: sim.authority, knownAuthorities: [sim.knownAuthority], clientId: SIM_CLIENT_ID, credential: { kind: 'secret', secret: SIM_CLIENT_SECRET } } });
    const from = scenario.start;
    const to = scenario.end;
    const ids: string[] = [];
    let pages = 0;
    for await (const page of small.listSignIns({ from, to })) {
      pages++;
      for (const r of page) ids.push((r as { id: string }).id);
    }
    const inWindow = (scenario.signIns ?? []).filter((s) => s.createdDateTime >= from && s.createdDateTime <= to);
    const expected = inWindow.filter((s) => s.isInteractive !== false).map((s) => s.id);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(expected.sort());
    const beta: string[] = [];
    let betaPages = 0;
    for (const eventType of ['interactiveUser', 'nonInteractiveUser'] as const) {
      for await (const page of small.listSignIns({ from, to }, { api: 'beta', eventType })) {
        betaPages++;
        for (const r of page as { id: string; signInEventTypes: string[] }[]) {
          expect(r.signInEventTypes).toEqual([eventType]);
          beta.push(r.id);
        }
      }
    }
    expect(betaPages).toBeGreaterThan(pages);
    expect(beta.sort()).toEqual(inWindow.map((s) => s.id).sort());
  });

  it('filters directory audits to security-info changes', async () => {
    const out: unknown[] = [];
    for await (const page of graph.listDirectoryAudits({ from: scenario.start, to: scenario.end }, "loggedByService eq 'Authentication Methods'")) out.push(...page);
    const expected = (scenario.directoryAudits ?? []).filter((a) => a.loggedByService === 'Authentication Methods');
    expect(out).toHaveLength(expected.length);
  });

  it('batches inbox rules of 20 mailboxes in one request, with per-item results', async () => {
    const users = (scenario.users ?? []).slice(0, 20).map((u) => u.id);
    const before = sim.stats().httpRequests;
    const res = await graph.batchGetInboxRules([...users.slice(0, 19), 'no-such-user']);
    expect(sim.stats().httpRequests - before).toBe(1);
    expect(res.size).toBe(20);
    for (const id of users.slice(0, 19)) expect(res.get(id)?.ok).toBe(true);
    const missing = res.get('no-such-user');
    expect(missing?.ok).toBe(false);
    if (missing && !missing.ok) expect(missing.error.status).toBe(404);
    await expect(graph.batchGetInboxRules(Array.from({ length: 21 }, (_, i) => `u${i}`))).rejects.toThrow(/at most 20/);
  });

  it('reads the inbox delta to a deltaLink, then nothing new from it', async () => {
    const user = (scenario.messages ?? []).find((m) => m.folder === 'inbox')?.userId as string;
    const small = apiFor(sim, { deltaPageSize: 2 });
    let link: string | null = null;
    const seen: string[] = [];
    let deltaLink: string | null = null;
    for (let i = 0; i < 1000 && !deltaLink; i++) {
      const page = await small.inboxDelta(user, link);
      for (const r of page.records) seen.push((r as { id: string }).id);
      link = page.nextLink;
      deltaLink = page.deltaLink;
    }
    expect(deltaLink).not.toBeNull();
    expect(seen.length).toBe((scenario.messages ?? []).filter((m) => m.userId === user && m.folder === 'inbox').length);
    const again = await small.inboxDelta(user, deltaLink);
    expect(again.records).toHaveLength(0);
    expect(again.deltaLink).not.toBeNull();
  });

  it('reads, moves and tags a message, creates a hidden folder once, and sends mail', async () => {
    const m = (scenario.messages ?? []).find((x) => x.folder === 'inbox' && x.mime);
    expect(m).toBeDefined();
    if (!m) return;
    const msg = (await graph.getMessage(m.userId, m.message.id, ['subject', 'internetMessageHeaders'])) as { subject?: string };
    expect(msg.subject).toBe(m.message.subject);
    const mime = await graph.getMessageMime(m.userId, m.message.id);
    expect(mime.length).toBeGreaterThan(0);
    const folder = await graph.ensureHiddenFolder(m.userId, 'Lantern Hold');
    expect(await graph.ensureHiddenFolder(m.userId, 'Lantern Hold')).toEqual(folder);
    const immutableId = (await graph.getMessage(m.userId, m.message.id, ['id']) as { id: string }).id;
    const newId = await graph.moveMessage(m.userId, immutableId, folder.id);
    expect(newId).toBe(immutableId); // immutable ids survive the move
    await graph.setMessageCategories(m.userId, newId, ['Lantern: held']);
    const after = (await graph.getMessage(m.userId, newId, ['categories', 'parentFolderId'])) as { categories?: string[]; parentFolderId?: string };
    expect(after.categories).toEqual(['Lantern: held']);
    expect(after.parentFolderId).toBe(folder.id);
    await graph.sendMail(m.userId, { subject: 'digest', body: { contentType: 'text', content: 'x' }, toRecipients: [{ emailAddress: { address: m.message.toRecipients?.[0]?.emailAddress.address ?? 'a@b.test' } }] });
  });

  it('reports throttling and retries to observers', async () => {
    const throttled: number[] = [];
    const requests: string[] = [];
    const observed = graph.withObserver({ onThrottled: (i) => throttled.push(i.status), onRequest: (i) => requests.push(i.path) });
    await observed.getAuthMethods((scenario.users ?? [])[0]?.id as string);
    expect(requests).toHaveLength(1);
    expect(throttled).toHaveLength(0);
  });
});

describe('Graph module failures', () => {
  it('retries 503/504 honouring Retry-After, and surfaces other errors as GraphError', async () => {
    await withSim({ faults: { script: [{ fault: { kind: 'status', status: 503, retryAfterSeconds: 2 }, path: '/users', times: 2 }] } }, async (sim) => {
      const waits: number[] = [];
      const throttled: number[] = [];
      const graph = apiFor(sim, { sleep: async (ms) => void waits.push(ms) }).withObserver({ onThrottled: (i) => throttled.push(i.status) });
      const { users } = await graph.listUsers();
      expect(users.length).toBe((scenario.users ?? []).length); // 30 people and the Lantern mailbox
      expect(throttled).toEqual([503, 503]);
      expect(waits).toEqual([2000, 2000]);
      const err = await graph.getAuthMethods('no-such-user').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(GraphError);
      expect((err as GraphError).status).toBe(404);
      expect((err as GraphError).requestId).toBeTruthy();
    });
  });

  it('retries malformed JSON and gives up with a typed error when it persists', async () => {
    await withSim({ faults: { script: [{ fault: { kind: 'malformed-json' }, path: '/users', times: 3 }] } }, async (sim) => {
      const graph = apiFor(sim, { maxRetries: 2 });
      const err = await graph.listUsers().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(GraphError);
      expect((err as GraphError).code).toBe('MalformedResponse');
      const ok = await graph.listUsers();
      expect(ok.users).toHaveLength((scenario.users ?? []).length);
    });
  });

  it('times out slow answers and retries them', async () => {
    await withSim({ faults: { script: [{ fault: { kind: 'slow', ms: 6000 }, path: '/users', times: 1 }] } }, async (sim) => {
      const retries: string[] = [];
      const graph = apiFor(sim, { requestTimeoutMs: 2000 }).withObserver({ onRetry: (i) => retries.push(i.reason) });
      const { users } = await graph.listUsers();
      expect(users).toHaveLength((scenario.users ?? []).length);
      // The slow answer timed out and was retried (a loaded machine may time out another attempt too).
      expect(retries.length).toBeGreaterThanOrEqual(1);
      expect(new Set(retries)).toEqual(new Set(['Timeout']));
    });
  });

  it('says clearly when sign-ins need an Entra ID P1/P2 licence', async () => {
    // The simulator always licenses sign-ins; a tiny HTTPS server plays an unlicensed tenant.
    const certs = await generateCertificates(systemClock);
    const seen: string[] = [];
    const server = createServer({ key: certs.keyPem, cert: certs.certPem }, (req, res) => {
      seen.push(String(req.headers.authorization));
      res.writeHead(403, { 'Content-Type': 'application/json', 'request-id': 'req-1' });
      res.end(JSON.stringify({ error: { code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', message: "Neither tenant is B2C or tenant doesn't have premium license" } }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (server.address() as AddressInfo).port;
      const graph = createGraphApi({ graphUrl: `https://localhost:${port}/v1.0`, tokenProvider: { getAccessToken: async () => 'token-value' }, caPem: certs.caPem, logger });
      const err = await (async () => {
        for await (const _ of graph.listSignIns({ from: scenario.start, to: scenario.end })) break;
      })().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LicenceRequiredError);
      expect((err as LicenceRequiredError).status).toBe(403);
      expect((err as LicenceRequiredError).requestId).toBe('req-1');
      expect((err as Error).message).toMatch(/P1 or P2/);
      expect((err as Error).message).not.toContain('token-value');
      expect(seen).toEqual(['Bearer token-value']);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('fails with a typed error when the credentials are wrong, without leaking the secret', async () => {
    await withSim({}, async (sim) => {
      const graph = createGraphApi({
        graphUrl: sim.graphUrl,
        credentials: { authority: sim.authority, knownAuthorities: [sim.knownAuthority], clientId: SIM_CLIENT_ID, credential: { kind: 'secret', secret: 'wrong-secret-value' } },
        caPem: sim.caPem,
        logger,
        maxRetries: 0,
      });
      const err = await graph.listUsers().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(String((err as Error).message)).not.toContain('wrong-secret-value');
    });
  });
});
