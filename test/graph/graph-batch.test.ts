// $batch behaviour: inner 429s retried after their Retry-After, partial answers completed, per-item errors kept.
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
});
