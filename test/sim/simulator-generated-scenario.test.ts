// A generated scenario served by the simulator: everything the clock has passed is reachable through paging.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageIterator, type Client, type PageCollection } from '@microsoft/microsoft-graph-client';
import type { TenantScenario } from '@lantern/shared';
import { ManualClock } from '../../server/src/clock.ts';
import { generateScenario } from '../../server/src/sim/generator/generate.ts';
import { startSimulator, type RunningSimulator } from '../../server/src/sim/simulator.ts';
import { appToken, graphClient } from './sim-fixture.ts';

let sim: RunningSimulator;
let client: Client;
let scenario: TenantScenario;
let now: number;

beforeAll(async () => {
  scenario = generateScenario({ users: 12, days: 3, seed: 11 });
  now = (Date.parse(scenario.start) + Date.parse(scenario.end)) / 2;
  sim = await startSimulator({ scenario, clock: new ManualClock(new Date(now)), throttling: false });
  client = graphClient(sim, await appToken(sim));
});
afterAll(async () => {
  await sim.close();
});

describe('simulator with a generated scenario', () => {
  it('pages exactly the interactive sign-ins the clock has passed (v1.0 lists no others), without duplicates', async () => {
    const expected = (scenario.signIns ?? []).filter((s) => Date.parse(s.createdDateTime) <= now && s.isInteractive !== false).map((s) => s.id).sort();
    const seen: string[] = [];
    const first = (await client.api('/auditLogs/signIns').top(37).get()) as PageCollection;
    await new PageIterator(client, first, (s: { id: string }) => {
      seen.push(s.id);
      return true;
    }).iterate();
    expect(expected.length).toBeGreaterThan(37);
    expect(seen.sort()).toEqual(expected);
  });

  it('serves every user’s folders, rules and methods', async () => {
    for (const u of (scenario.users ?? []).slice(0, 3)) {
      const folders = (await client.api(`/users/${u.id}/mailFolders`).top(100).get()) as { value: { displayName: string }[] };
      expect(folders.value.map((f) => f.displayName)).toContain('Inbox');
      await client.api(`/users/${u.id}/mailFolders/inbox/messageRules`).get();
      const methods = (await client.api(`/users/${u.id}/authentication/methods`).get()) as { value: unknown[] };
      expect(methods.value.length).toBeGreaterThan(0);
    }
  });
});
