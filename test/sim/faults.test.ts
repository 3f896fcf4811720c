// Injected faults as the real Graph client meets them: scripted ones deterministic, random ones seeded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageIterator, RetryHandlerOptions, type Client, type PageCollection } from '@microsoft/microsoft-graph-client';
import { ManualClock } from '../../server/src/clock.ts';
import { FaultInjector } from '../../server/src/sim/faults.ts';
import { startSimulator, type RunningSimulator } from '../../server/src/sim/simulator.ts';
import { appToken, graphClient, iso, smallScenario, userId } from './sim-fixture.ts';

let sim: RunningSimulator;
let client: Client;

beforeAll(async () => {
  sim = await startSimulator({
    scenario: smallScenario(),
    clock: new ManualClock(iso(48 * 3_600_000)),
    throttling: false,
    faults: {
      script: [
        { path: '/auditLogs/signIns', fault: { kind: 'status', status: 503, retryAfterSeconds: 1 } },
        { path: '/users', method: 'GET', fault: { kind: 'empty-page' } },
        { path: /\/mailFolders\/inbox$/, fault: { kind: 'malformed-json' } },
        { path: /\/messageRules$/, fault: { kind: 'status', status: 504 } },
      ],
    },
  });
  client = graphClient(sim, await appToken(sim));
});
afterAll(async () => {
  await sim.close();
});

describe('fault injection', () => {
  it('a 503 with Retry-After is retried by the client and then succeeds', async () => {
    const r = (await client.api('/auditLogs/signIns').top(5).get()) as { value: unknown[] };
    expect(r.value).toHaveLength(5);
    expect(sim.stats().byRoute['GET /auditLogs/signIns']).toEqual({ 200: 1, 503: 1 });
  });

  it('an empty page that carries a nextLink is followed to the data', async () => {
    const first = (await client.api('/users').top(10).get()) as PageCollection;
    expect(first.value).toHaveLength(0);
    expect(first['@odata.nextLink']).toBeTruthy();
    const users: unknown[] = [];
    await new PageIterator(client, first, (u) => {
      users.push(u);
      return true;
    }).iterate();
    expect(users).toHaveLength(25);
  });

  it('a malformed JSON body reaches the caller as an error, and the next request is fine', async () => {
    await expect(client.api(`/users/${userId(1)}/mailFolders/inbox`).get()).rejects.toThrow();
    const ok = (await client.api(`/users/${userId(1)}/mailFolders/inbox`).get()) as { displayName: string };
    expect(ok.displayName).toBe('Inbox');
  });

  it('504s are retried with backoff when they carry no Retry-After', async () => {
    const r = (await client.api(`/users/${userId(1)}/mailFolders/inbox/messageRules`).middlewareOptions([new RetryHandlerOptions(1, 3)]).get()) as { value: unknown[] };
    expect(Array.isArray(r.value)).toBe(true);
    expect(sim.stats().byRoute['GET /users/{}/mailFolders/{}/messageRules']?.[504]).toBe(1);
  });

  it('random faults follow the seed', () => {
    const draw = (seed: number): string[] => {
      const f = new FaultInjector({ rate: 0.3, seed });
      return Array.from({ length: 200 }, () => f.pick('GET', '/users', true)?.kind ?? '-');
    };
    const a = draw(7);
    expect(draw(7)).toEqual(a);
    expect(draw(8)).not.toEqual(a);
    const faulted = a.filter((k) => k !== '-').length;
    expect(faulted).toBeGreaterThan(30);
    expect(faulted).toBeLessThan(90);
    expect(new Set(a)).toEqual(new Set(['-', 'status', 'slow', 'malformed-json', 'empty-page']));
  });
});
