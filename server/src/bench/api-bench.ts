// Assessment API latency under load on loopback: a real listening app (SQLite store, simulator-backed Graph,
// tokens from the simulator's IdP checked through its JWKS), a message assessed once beforehand, then
// autocannon at a fixed request rate against GET /api/messages/:id/assessment. Target: p99 ≤ 20 ms at 500 req/s.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { TenantScenario } from '@lantern/shared';
import { remoteKeys } from '../auth/remote-keys.ts';
import { createTokenVerifier } from '../auth/token-verifier.ts';
import { ManualClock, systemClock } from '../clock.ts';
import { buildLantern } from '../runtime/build-lantern.ts';
import { startSimulator } from '../sim/simulator.ts';
import { openStore } from '../store/open-store.ts';
import { simulatorGraphApi } from '../sim/simulator-graph-api.ts';

export interface ApiBenchOptions {
  /** Requests per second (default 500). */
  rate?: number;
  /** Seconds of load (default 10). */
  durationSec?: number;
  /** Concurrent connections (default 10). */
  connections?: number;
}

interface AutocannonResult {
  latency: { p50: number; p90: number; p97_5: number; p99: number; average: number; max: number };
  requests: { average: number; total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}

/** Runs autocannon in its own process (so the load generator does not share the server's event loop). */
function runAutocannon(cli: string, url: string, token: string, connections: number, duration: number, rate: number): Promise<AutocannonResult> {
  const args = [cli, '-j', '-c', String(connections), '-d', String(duration), '-R', String(rate), '-H', `authorization=Bearer ${token}`, url];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}: ${err.slice(0, 500)}`));
      try {
        resolve(JSON.parse(out) as AutocannonResult);
      } catch {
        reject(new Error('autocannon printed no JSON result'));
      }
    });
  });
}

const API_CLIENT_ID = 'cccccccc-1111-4222-8333-444444444444';
const TENANT = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const USER = '00000000-0000-4000-8000-000000000001';

function scenario(): TenantScenario {
  const mime = [
    'From: "IT Helpdesk" <helpdesk@support-desk.example>',
    'To: user1@contoso.test',
    'Subject: Action required: confirm your mailbox quota',
    'Date: Sun, 01 Mar 2026 09:00:00 +0000',
    'Message-ID: <bench-1@support-desk.example>',
    'Authentication-Results: contoso.test; spf=softfail smtp.mailfrom=support-desk.example; dkim=none; dmarc=fail header.from=support-desk.example',
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Your mailbox is over quota. <a href="https://support-desk.example/owa/login">Confirm your account</a> within 24 hours.</p>',
    '',
  ].join('\r\n');
  return {
    version: 1,
    tenant: { id: TENANT, displayName: 'Contoso', domains: ['contoso.test'] },
    start: '2026-03-01T00:00:00Z',
    end: '2026-03-02T00:00:00Z',
    users: [{ id: USER, userPrincipalName: 'user1@contoso.test', displayName: 'User 1', mail: 'user1@contoso.test' }],
    messages: [
      {
        userId: USER,
        folder: 'inbox',
        message: { id: 'bench-msg', internetMessageId: '<bench-1@support-desk.example>', subject: 'Action required: confirm your mailbox quota', receivedDateTime: '2026-03-01T09:00:00Z', from: { emailAddress: { address: 'helpdesk@support-desk.example' } } },
        mime,
      },
    ],
  };
}

export async function benchApi(opts: ApiBenchOptions): Promise<Record<string, number | string>> {
  const rate = opts.rate ?? 500;
  const duration = opts.durationSec ?? 10;
  const connections = opts.connections ?? 10;
  const autocannonCli = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

  const dir = mkdtempSync(join(tmpdir(), 'lantern-api-bench-'));
  const clock = new ManualClock('2026-03-02T00:00:00Z');
  const sim = await startSimulator({ scenario: scenario(), clock, throttling: false });
  const store = await openStore({ kind: 'sqlite', file: join(dir, 'bench.sqlite') });
  try {
    const graph = simulatorGraphApi(sim, { logger: pino({ level: 'silent' }) });
    const lantern = await buildLantern({
      store, graph, clock, logger: pino({ level: 'silent' }), tenantId: sim.tenantId, tenantDomains: ['contoso.test'],
      internalDisplayNames: ['User 1'], security: null, linkSecret: randomBytes(32), baseUrl: 'https://lantern.test',
      http: {
        verifier: createTokenVerifier({ tenantId: sim.tenantId, clientId: API_CLIENT_ID, extraIssuers: [sim.issuer], keys: remoteKeys(sim.jwksUri, { caPem: sim.caPem }), clock: systemClock }),
        clock,
        // Request logging stays on (as in production) but goes nowhere.
        logLevel: 'info',
        logStream: new Writable({ write: (_c, _e, cb) => cb() }),
        rateLimit: { max: 1_000_000, timeWindowMs: 60_000 },
      },
    });
    const app = lantern.app;
    try {
      const address = await app.listen({ host: '127.0.0.1', port: 0 });
      const token = await sim.mintUserToken({ user: USER, audience: API_CLIENT_ID });
      const headers = { authorization: `Bearer ${token}` };
      const url = `${address}/api/messages/bench-msg/assessment`;
      const first = await fetch(url, { headers });
      if (first.status !== 200) throw new Error(`pre-assessment failed: HTTP ${first.status}`);
      const { assessment } = (await first.json()) as { assessment: { score: number; verdict: string } };

      await runAutocannon(autocannonCli, url, token, connections, 2, rate); // warm-up
      const loadBefore = loadavg()[0] ?? 0;
      const cpuBefore = process.cpuUsage();
      const result = await runAutocannon(autocannonCli, url, token, connections, duration, rate);
      const cpu = process.cpuUsage(cpuBefore);
      const cpuMsPerRequest = (cpu.user + cpu.system) / 1000 / Math.max(1, result.requests.total);
      return {
        'target rate (req/s)': rate,
        'duration (s)': duration,
        connections,
        'requests sent': result.requests.total,
        'achieved rate (req/s)': Math.round(result.requests.total / duration),
        'non-2xx': result.non2xx,
        errors: result.errors + result.timeouts,
        'latency p50 (ms)': result.latency.p50,
        'latency p90 (ms)': result.latency.p90,
        'latency p99 (ms)': result.latency.p99,
        'latency max (ms)': result.latency.max,
        'server CPU per request (ms)': Number(cpuMsPerRequest.toFixed(3)),
        'p99 target (ms)': 20,
        'p99 within target': result.latency.p99 <= 20 ? 'yes' : 'no',
        'machine load (1-min load average / cores) before the run': `${loadBefore.toFixed(1)} / ${cpus().length}`,
        'assessed message': `score ${assessment.score}, verdict ${assessment.verdict}`,
        setup: 'autocannon in a child process, app listening on loopback; SQLite store; RS256 token verified per request; stored assessment',
      };
    } finally {
      await lantern.close();
    }
  } finally {
    await store.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
