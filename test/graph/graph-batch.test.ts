// $batch behaviour: inner 429s retried after their Retry-After, partial answers completed, per-item errors kept;
// outer 424/429/5xx handled item by item; one throttled mailbox delays only itself.
import { createServer } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ManualClock, systemClock } from '../../server/src/clock.ts';
import { createGraphApi } from '../../server/src/graph/create-graph-api.ts';
import { generateCertificates } from '../../server/src/sim/certificates.ts';
import { generateScenario } from '../../server/src/sim/generator/generate.ts';
import { startSimulator } from '../../server/src/sim/simulator.ts';
import { simulatorGraphApi } from '../../server/src/sim/simulator-graph-api.ts';

const logger = pino({ level: 'silent' });

async function body(req: IncomingMessage): Promise<string> {
  let s = '';
  for await (const chunk of req) s += String(chunk);
  return s;
}

describe('$batch', () => {
  it('retries an inner 429 after its Retry-After (simulator mailbox throttling)', async () => {
    const scenario = generateScenario({ users: 3, days: 1, seed: 2, mail: false });
    const sim = await startSimulator({ scenario, clock: new ManualClock(scenario.end), throttling: { mailboxRequests: 1, mailboxWindowMs: 1500 } });
    try {
      const waits: number[] = [];
      const inner: boolean[] = [];
      const graph = simulatorGraphApi(sim, {
        logger,
        sleep: (ms) => {
          waits.push(ms);
          return new Promise((r) => setTimeout(r, ms));
        },
        observer: { onThrottled: (i) => inner.push(i.inner) },
      });
      const [a, b] = (scenario.users ?? []).map((u) => u.id);
      if (!a || !b) throw new Error('scenario too small');
      await graph.listMailFolders(a); // uses a's one request of this window
      const res = await graph.batchGetInboxRules([a, b]);
      expect(res.get(a)?.ok).toBe(true);
      expect(res.get(b)?.ok).toBe(true);
      expect(inner).toEqual([true]);
      expect(waits).toHaveLength(1);
      expect(waits[0]).toBeGreaterThanOrEqual(1000);
      expect(sim.stats().byRoute['POST /$batch']).toBeDefined();
    } finally {
      await sim.close();
    }
  });

  it('asks again for items a partial answer left out, and keeps per-item errors', async () => {
    const certs = await generateCertificates(systemClock);
    const seen: string[][] = [];
    const server = createServer({ key: certs.keyPem, cert: certs.certPem }, (req, res) => {
      void body(req).then((text) => {
        const { requests } = JSON.parse(text) as { requests: { id: string; url: string }[] };
        seen.push(requests.map((r) => r.id));
        // First answer: only the first item (a partial answer); then everything; item 3 is always a 404.
        const answer = (seen.length === 1 ? requests.slice(0, 1) : requests).map((r) =>
          r.url.includes('gone')
            ? { id: r.id, status: 404, headers: {}, body: { error: { code: 'ErrorItemNotFound', message: 'not found' } } }
            : { id: r.id, status: 200, headers: {}, body: { value: [{ id: `rule-${r.id}`, displayName: 'r' }] } },
        );
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ responses: answer }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (server.address() as AddressInfo).port;
      const graph = createGraphApi({ graphUrl: `https://localhost:${port}/v1.0`, tokenProvider: { getAccessToken: async () => 't' }, caPem: certs.caPem, logger, sleep: async () => undefined });
      const res = await graph.batchGetInboxRules(['u1', 'u2', 'gone']);
      expect(seen).toEqual([['1', '2', '3'], ['2', '3']]);
      expect(res.get('u1')).toMatchObject({ ok: true, body: { value: [{ id: 'rule-1' }] } });
      expect(res.get('u2')).toMatchObject({ ok: true, body: { value: [{ id: 'rule-2' }] } });
      const gone = res.get('gone');
      expect(gone?.ok).toBe(false);
      if (gone && !gone.ok) expect([gone.error.status, gone.error.code]).toEqual([404, 'ErrorItemNotFound']);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('one mailbox throttled for long comes back as throttled while the other 19 complete, without waiting for it', async () => {
    const scenario = generateScenario({ users: 20, days: 1, seed: 3, mail: false, lanternMailbox: false });
    const ids = (scenario.users ?? []).map((u) => u.id);
    const slow = ids[6] as string;
    const sim = await startSimulator({
      scenario,
      clock: new ManualClock(scenario.end),
      throttling: false,
      batchFailsWhenThrottled: true,
      faults: { script: [{ path: `/users/${slow}/mailFolders/inbox/messageRules`, fault: { kind: 'status', status: 429, retryAfterSeconds: 3600 } }] },
    });
    try {
      const waits: number[] = [];
      const graph = simulatorGraphApi(sim, { logger, sleep: async (ms) => void waits.push(ms) });
      const before = sim.stats().httpRequests;
      const res = await graph.batchGetInboxRules(ids);
      expect(ids.length).toBe(20);
      for (const id of ids) if (id !== slow) expect(res.get(id)?.ok).toBe(true);
      const throttled = res.get(slow);
      expect(throttled?.ok).toBe(false);
      if (throttled && !throttled.ok) {
        expect(throttled.error.status).toBe(429);
        expect(throttled.retryAfterMs).toBe(3_600_000);
      }
      // One $batch (answered 424 Failed Dependency, with its per-item answers), and no waiting at all.
      expect(sim.stats().httpRequests - before).toBe(1);
      expect(sim.stats().byRoute['POST /$batch']).toEqual({ 424: 1 });
      expect(waits).toEqual([]);
    } finally {
      await sim.close();
    }
  });

  it('each throttled item waits its own Retry-After: the 1 s one is sent again before the 2 s one', async () => {
    const scenario = generateScenario({ users: 5, days: 1, seed: 5, mail: false, lanternMailbox: false });
    const ids = (scenario.users ?? []).map((u) => u.id);
    const [a, b] = ids as [string, string];
    const sim = await startSimulator({
      scenario,
      clock: new ManualClock(scenario.end),
      throttling: false,
      batchFailsWhenThrottled: true,
      faults: {
        script: [
          { path: `/users/${a}/mailFolders/inbox/messageRules`, fault: { kind: 'status', status: 429, retryAfterSeconds: 1 } },
          { path: `/users/${b}/mailFolders/inbox/messageRules`, fault: { kind: 'status', status: 503, retryAfterSeconds: 2 } },
        ],
      },
    });
    try {
      const waits: number[] = [];
      const throttled: { inner: boolean; path: string; retryAfterMs: number }[] = [];
      const graph = simulatorGraphApi(sim, { logger, sleep: async (ms) => void waits.push(ms), observer: { onThrottled: (i) => throttled.push({ inner: i.inner, path: i.path, retryAfterMs: i.retryAfterMs }) } });
      const res = await graph.batchGetInboxRules(ids);
      for (const id of ids) expect(res.get(id)?.ok).toBe(true);
      // t=0: all five (a 429, b 503); t=1 s: a alone; t=2 s: b alone.
      expect(waits).toEqual([1000, 1000]);
      expect(sim.stats().byRoute['POST /$batch']).toEqual({ 424: 1, 200: 2 });
      expect(sim.stats().byRoute['GET /users/{}/mailFolders/{}/messageRules']).toEqual({ 200: 5, 429: 1, 503: 1 });
      expect(throttled.map((t) => [t.inner, t.path.includes(a) ? 'a' : 'b', t.retryAfterMs])).toEqual([
        [true, 'a', 1000],
        [true, 'b', 2000],
      ]);
    } finally {
      await sim.close();
    }
  });

  it('an outer 429 or 503 without per-item answers waits its Retry-After and sends the items again; an outer 400 still throws', async () => {
    const certs = await generateCertificates(systemClock);
    const outer: number[] = [];
    let mode: 'throttle-then-ok' | 'bad-request' = 'throttle-then-ok';
    const server = createServer({ key: certs.keyPem, cert: certs.certPem }, (req, res) => {
      void body(req).then((text) => {
        const { requests } = JSON.parse(text) as { requests: { id: string; url: string }[] };
        const n = outer.length;
        const status = mode === 'bad-request' ? 400 : n === 0 ? 429 : n === 1 ? 503 : 200;
        outer.push(status);
        if (status !== 200) {
          res.writeHead(status, { 'Content-Type': 'application/json', ...(status === 400 ? {} : { 'Retry-After': status === 429 ? '3' : '1' }) });
          res.end(JSON.stringify({ error: { code: status === 400 ? 'BadRequest' : 'TooManyRequests', message: 'outer failure' } }));
          return;
        }
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ responses: requests.map((r) => ({ id: r.id, status: 200, headers: {}, body: { value: [] } })) }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (server.address() as AddressInfo).port;
      const waits: number[] = [];
      const throttled: string[] = [];
      const graph = createGraphApi({
        graphUrl: `https://localhost:${port}/v1.0`,
        tokenProvider: { getAccessToken: async () => 't' },
        caPem: certs.caPem,
        logger,
        sleep: async (ms) => void waits.push(ms),
        observer: { onThrottled: (i) => throttled.push(`${i.status} ${i.inner ? 'inner' : 'outer'}`) },
      });
      const res = await graph.batchGetInboxRules(['u1', 'u2', 'u3']);
      expect(outer).toEqual([429, 503, 200]);
      expect(waits).toEqual([3000, 1000]);
      // One throttled answer each, however many items it carried.
      expect(throttled).toEqual(['429 outer', '503 outer']);
      expect([...res.values()].every((r) => r.ok)).toBe(true);

      mode = 'bad-request';
      await expect(graph.batchGetInboxRules(['u1'])).rejects.toThrow(/400 BadRequest/);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
