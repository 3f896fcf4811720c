// The tenant code path, the one a real tenant takes, run against the simulator: tenant settings
// (LANTERN_TENANT_ID, LANTERN_CLIENT_ID, LANTERN_CLIENT_SECRET) with the authority host, Graph URL and CA
// pointed at it, msal-node told the authority is known (no instance discovery), then started and ingested.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { TenantScenario } from '@lantern/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/src/clock.ts';
import { loadConfig } from '../../server/src/config.ts';
import { startLantern, type RunningLantern } from '../../server/src/runtime/start-lantern.ts';
import { generateScenario } from '../../server/src/sim/generator/generate.ts';
import { lanternMailboxOf } from '../../server/src/sim/generator/lantern-mailbox.ts';
import { startSimulator, SIM_CLIENT_ID, SIM_CLIENT_SECRET, type RunningSimulator } from '../../server/src/sim/simulator.ts';

describe('tenant mode against the simulator', () => {
  let dir: string;
  let sim: RunningSimulator;
  let scenario: TenantScenario;
  let lantern: RunningLantern | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lantern-tenant-'));
    // A tenant whose story ends now, on the real clock, as a tenant's logs do.
    scenario = generateScenario({ users: 8, days: 2, seed: 5, end: new Date().toISOString(), attacks: [{ kind: 'device-code', count: 1 }] });
    sim = await startSimulator({ scenario, clock: systemClock, throttling: false });
    await writeFile(join(dir, 'ca.pem'), sim.caPem);
    const config = loadConfig(
      {
        LANTERN_DATA_DIR: dir,
        LANTERN_PORT: '0',
        LANTERN_TENANT_ID: sim.tenantId,
        LANTERN_CLIENT_ID: SIM_CLIENT_ID,
        LANTERN_CLIENT_SECRET: SIM_CLIENT_SECRET,
        LANTERN_AUTHORITY_HOST: sim.baseUrl,
        LANTERN_GRAPH_URL: sim.graphUrl,
        LANTERN_CA_FILE: join(dir, 'ca.pem'),
        LANTERN_SECURITY_MAILBOX: lanternMailboxOf(scenario)!.userPrincipalName,
      },
      process.cwd(),
      (p) => readFileSync(p, 'utf8'),
    );
    expect(config.mode).toBe('tenant');
    lantern = await startLantern({ config, logger: pino({ level: 'silent' }), addinDir: null, pollIntervalMs: 300 });
  }, 60_000);

  afterAll(async () => {
    await lantern?.stop();
    await sim?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('acquires an app token from the authority, ingests every sign-in from beta and serves health', async () => {
    const expected = new Set(scenario.signIns!.filter((s) => Date.parse(s.createdDateTime) <= Date.now()).map((s) => s.id));
    const deadline = Date.now() + 60_000;
    let stored = 0;
    while (Date.now() < deadline) {
      stored = (await lantern!.store.listEvents({ limit: 100_000 })).filter((e) => e.kind === 'signIn').length;
      if (stored >= expected.size) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(stored).toBe(expected.size);
    expect(sim.stats().tokensIssued).toBeGreaterThan(0);
    const health = (await lantern!.app.inject({ method: 'GET', url: '/api/health' })).json() as { sources: { signIns: { signInData?: { api: string } } }; models: { cannotRun: unknown[] } };
    expect(health.sources.signIns.signInData?.api).toBe('beta');
    expect(health.models.cannotRun).toEqual([]);
  }, 90_000);
});
