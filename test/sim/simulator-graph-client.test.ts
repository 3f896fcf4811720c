// The simulator through the real @azure/msal-node and @microsoft/microsoft-graph-client v3.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchRequestContent, BatchResponseContent, PageIterator, RetryHandlerOptions, type Client, type PageCollection } from '@microsoft/microsoft-graph-client';
import { ManualClock } from '../../server/src/clock.ts';
import { startSimulator, type RunningSimulator } from '../../server/src/sim/simulator.ts';
import { HOUR, appToken, graphClient, iso, message, rawFetch, signIn, smallScenario, userId } from './sim-fixture.ts';

let sim: RunningSimulator;
let clock: ManualClock;
let client: Client;
let token: string;

beforeAll(async () => {
  clock = new ManualClock(iso(12 * HOUR));
  sim = await startSimulator({ scenario: smallScenario(), clock, throttling: false });
  token = await appToken(sim);
  client = graphClient(sim, token);
});
afterAll(async () => {
  await sim.close();
});

async function pageAll(path: string, top: number): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  const response = (await client.api(path).top(top).get()) as PageCollection;
  const it = new PageIterator(client, response, (item: Record<string, unknown>) => {
    items.push(item);
    return true;
  });
  await it.iterate();
  return items;
}

describe('simulated Graph through the real clients', () => {
  it('pages sign-ins newest first with a time filter, following nextLinks', async () => {
    const from = iso(2 * HOUR);
    const items = await pageAll(`/auditLogs/signIns?$filter=createdDateTime ge ${from} and createdDateTime le ${iso(11 * HOUR)}`, 3);
    const times = items.map((s) => String(s['createdDateTime']));
    expect(times).toHaveLength(10);
    expect(times[0]).toBe(iso(11 * HOUR));
    expect(times.at(-1)).toBe(from);
    expect([...times].sort().reverse()).toEqual(times);
    expect(new Set(items.map((s) => s['id'])).size).toBe(items.length);
  });

  it('serves records only once the clock has passed them', async () => {
    const before = (await client.api('/auditLogs/signIns').get()) as { value: { id: string }[] };
    expect(before.value).toHaveLength(13);
    clock.set(iso(20 * HOUR));
    const after = (await client.api('/auditLogs/signIns').get()) as { value: { id: string }[] };
    expect(after.value).toHaveLength(21);
    sim.state.addSignIns([signIn(900, iso(20 * HOUR - 1000), 5)]);
    const added = (await client.api('/auditLogs/signIns').filter(`userId eq '${userId(5)}'`).get()) as { value: { id: string }[] };
    expect(added.value.map((s) => s.id)).toEqual(['si-0900']);
    clock.set(iso(12 * HOUR));
  });

  it('filters directory audits by service', async () => {
    const r = (await client.api('/auditLogs/directoryAudits').filter(`loggedByService eq 'Authentication Methods' and activityDateTime ge ${iso(0)}`).get()) as { value: { id: string }[] };
    expect(r.value.map((a) => a.id)).toEqual(['da-1']);
  });

  it('answers an unparseable filter with 400 in the Graph error envelope', async () => {
    const res = await rawFetch(sim, `/auditLogs/signIns?$filter=${encodeURIComponent('createdDateTime ge yesterday')}`, { token });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; innerError: Record<string, string> } };
    expect(body.error.code).toBe('BadRequest');
    expect(body.error.innerError['request-id']).toBe(res.headers.get('request-id'));
    expect(body.error.innerError['date']).toMatch(/^\d{4}-\d\d-\d\dT/);
    await expect(client.api('/auditLogs/signIns').filter('userPrincipalName gt 3').get()).rejects.toMatchObject({ statusCode: 400 });
  });

  it('rejects requests without a valid token with 401', async () => {
    const none = await rawFetch(sim, '/users');
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('InvalidAuthenticationToken');
    const user = await sim.mintUserToken({ user: userId(1), audience: 'api://localhost/some-addin' });
    const wrongAudience = await rawFetch(sim, '/users', { token: user });
    expect(wrongAudience.status).toBe(401);
  });

  it('answers 404 for unknown users and messages', async () => {
    await expect(client.api('/users/nobody@contoso.test').get()).rejects.toMatchObject({ statusCode: 404, code: 'Request_ResourceNotFound' });
    await expect(client.api(`/users/${userId(1)}/messages/does-not-exist`).get()).rejects.toMatchObject({ statusCode: 404, code: 'ErrorItemNotFound' });
  });

  it('lists users by page and finds one by UPN', async () => {
    const items = await pageAll('/users', 10);
    expect(items).toHaveLength(25);
    const u = (await client.api('/users/user7@contoso.test').get()) as { id: string };
    expect(u.id).toBe(userId(7));
    const found = (await client.api('/users').filter("startswith(userPrincipalName,'user1')").select('id,userPrincipalName').get()) as { value: { userPrincipalName: string; displayName?: string }[] };
    expect(found.value.map((x) => x.userPrincipalName).sort()).toEqual(['user1@contoso.test', ...Array.from({ length: 10 }, (_, k) => `user${10 + k}@contoso.test`)].sort());
    expect(found.value[0]?.displayName).toBeUndefined();
    await expect(client.api('/users').filter('accountEnabled eq true').get()).rejects.toMatchObject({ statusCode: 400 });
  });

  it('reads 20 users’ inbox rules in one $batch, each answered separately', async () => {
    clock.set(iso(5 * HOUR));
    const steps = Array.from({ length: 20 }, (_, k) => ({ id: String(k + 1), request: new Request(`https://localhost/v1.0/users/${userId(k + 1)}/mailFolders/inbox/messageRules`, { method: 'GET' }) }));
    const content = new BatchRequestContent(steps);
    const raw = await client.api('/$batch').post(await content.getContent());
    const batch = new BatchResponseContent(raw);
    const first = batch.getResponseById('1');
    expect(first?.status).toBe(200);
    expect(((await first?.json()) as { value: { displayName: string }[] }).value.map((r) => r.displayName)).toEqual(['Newsletters']);
    const others = await Promise.all(Array.from({ length: 19 }, (_, k) => batch.getResponseById(String(k + 2))?.json() as Promise<{ value: unknown[] }>));
    expect(others.every((o) => Array.isArray(o.value) && o.value.length === 0)).toBe(true);
    const tooMany = { requests: Array.from({ length: 21 }, (_, k) => ({ id: String(k), method: 'GET', url: '/users' })) };
    await expect(client.api('/$batch').post(tooMany)).rejects.toMatchObject({ statusCode: 400 });
    clock.set(iso(12 * HOUR));
  });

  it('serves the latest rule snapshot as of the clock', async () => {
    clock.set(iso(11 * HOUR));
    const r = (await client.api(`/users/${userId(1)}/mailFolders/inbox/messageRules`).get()) as { value: unknown[] };
    expect(r.value).toHaveLength(0);
    sim.state.setInboxRules(userId(1), [{ id: 'r9', displayName: 'Hide', actions: { moveToFolder: 'folder-rss', markAsRead: true } }]);
    const r2 = (await client.api(`/users/${userId(1)}/mailFolders/inbox/messageRules`).get()) as { value: { id: string }[] };
    expect(r2.value.map((x) => x.id)).toEqual(['r9']);
    clock.set(iso(12 * HOUR));
  });

  it('runs dependent batch steps in order and fails dependents of a failed step with 424', async () => {
    const body = {
      requests: [
        { id: 'b', method: 'GET', url: `/users/${userId(2)}`, dependsOn: ['a'] },
        { id: 'a', method: 'POST', url: `/users/${userId(2)}/mailFolders`, body: { displayName: 'Batch made' }, headers: { 'Content-Type': 'application/json' } },
        { id: 'c', method: 'GET', url: '/users/nobody' },
        { id: 'd', method: 'GET', url: '/users', dependsOn: ['c'] },
      ],
    };
    const r = (await client.api('/$batch').post(body)) as { responses: { id: string; status: number }[] };
    const status = Object.fromEntries(r.responses.map((x) => [x.id, x.status]));
    expect(status).toEqual({ a: 201, b: 200, c: 404, d: 424 });
  });

  it('moves a message: a new id by default, the same id with Prefer IdType="ImmutableId"', async () => {
    const u = userId(1);
    const moved = (await client.api(`/users/${u}/messages/m-1/move`).post({ destinationId: 'junkemail' })) as { id: string; parentFolderId: string };
    expect(moved.id).not.toBe('m-1');
    expect(sim.state.whereIs(u, moved.id)?.wellKnownName).toBe('junkemail');
    await expect(client.api(`/users/${u}/messages/m-1`).get()).rejects.toMatchObject({ statusCode: 404 });

    const before = (await client.api(`/users/${u}/messages/m-2`).header('Prefer', 'IdType="ImmutableId"').select('id,subject,internetMessageHeaders').get()) as { id: string; internetMessageHeaders: unknown[] };
    expect(before.internetMessageHeaders).toHaveLength(1);
    const hold = (await client.api('/users/' + u + '/mailFolders').post({ displayName: 'Lantern Hold', isHidden: true })) as { id: string; isHidden: boolean };
    expect(hold.isHidden).toBe(true);
    const again = (await client.api(`/users/${u}/messages/${before.id}/move`).header('Prefer', 'IdType="ImmutableId"').post({ destinationId: hold.id })) as { id: string; parentFolderId: string };
    expect(again.id).toBe(before.id);
    expect(again.parentFolderId).toBe(hold.id);
    const visible = (await client.api(`/users/${u}/mailFolders`).top(50).get()) as { value: { displayName: string }[] };
    expect(visible.value.map((f) => f.displayName)).not.toContain('Lantern Hold');
    expect(visible.value.map((f) => f.displayName)).toContain('RSS Feeds');
    const all = (await client.api(`/users/${u}/mailFolders`).query({ includeHiddenFolders: 'true' }).top(50).get()) as { value: { displayName: string }[] };
    expect(all.value.map((f) => f.displayName)).toContain('Lantern Hold');
    // And back to the inbox (release).
    await client.api(`/users/${u}/messages/${before.id}/move`).header('Prefer', 'IdType="ImmutableId"').post({ destinationId: 'inbox' });
    expect(sim.state.whereIs(u, 'm-2')?.wellKnownName).toBe('inbox');
  });

  it('serves raw MIME and applies PATCH to categories and isRead', async () => {
    const u = userId(1);
    const mime = (await client.api(`/users/${u}/messages/m-3/$value`).get()) as string | ArrayBuffer | ReadableStream;
    const text = typeof mime === 'string' ? mime : await new Response(mime as BodyInit).text();
    expect(text).toMatch(/^Authentication-Results: spf=pass/m);
    expect(text).toMatch(/^Subject: third$/m);
    const patched = (await client.api(`/users/${u}/messages/m-3`).patch({ categories: ['Lantern: suspicious'], isRead: true })) as { categories: string[]; isRead: boolean };
    expect(patched.categories).toEqual(['Lantern: suspicious']);
    expect(patched.isRead).toBe(true);
  });

  it('follows inbox delta pages, then a deltaLink sees new arrivals and moves out', async () => {
    const u = userId(2);
    for (let i = 0; i < 5; i++) sim.state.addMessage({ userId: u, message: message(`d-${i}`, iso(i * HOUR), `delta ${i}`) });
    sim.state.addMessage({ userId: u, message: message('d-future', iso(40 * HOUR), 'future') });
    const seen: string[] = [];
    let url = `/users/${u}/mailFolders/inbox/messages/delta`;
    let deltaLink: string | undefined;
    for (let guard = 0; guard < 10 && !deltaLink; guard++) {
      const page = (await client.api(url).header('Prefer', 'odata.maxpagesize=2').get()) as { value: { id: string; subject: string }[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string };
      seen.push(...page.value.map((m) => m.subject));
      if (page['@odata.nextLink']) url = page['@odata.nextLink'];
      deltaLink = page['@odata.deltaLink'];
    }
    expect(seen.sort()).toEqual(['delta 0', 'delta 1', 'delta 2', 'delta 3', 'delta 4']);
    expect(deltaLink).toMatch(/^https:\/\/localhost:\d+\/v1\.0\/.*\$deltatoken=/);

    // Later: the future message arrives (clock), one is moved out, one is sent in by a colleague.
    clock.set(iso(41 * HOUR));
    sim.state.moveMessage(u, 'd-1', 'deleteditems');
    await client.api(`/users/${userId(3)}/sendMail`).post({ message: { subject: 'from a colleague', body: { contentType: 'Text', content: 'hi' }, toRecipients: [{ emailAddress: { address: `user2@contoso.test` } }] } });
    const next = (await client.api(deltaLink as string).get()) as { value: { id: string; subject?: string; '@removed'?: unknown }[]; '@odata.deltaLink'?: string };
    const subjects = next.value.filter((m) => !m['@removed']).map((m) => m.subject).sort();
    expect(subjects).toEqual(['from a colleague', 'future']);
    const removed = next.value.filter((m) => m['@removed']).map((m) => m.id);
    expect(removed).toEqual(['d-1']);
    const quiet = (await client.api(next['@odata.deltaLink'] as string).get()) as { value: unknown[] };
    expect(quiet.value).toHaveLength(0);
    expect(sim.state.sentMail().map((s) => s.message.subject)).toContain('from a colleague');
    clock.set(iso(12 * HOUR));
  });

  it('counts requests by route and status', () => {
    const s = sim.stats();
    expect(s.byRoute['GET /auditLogs/signIns']?.[200]).toBeGreaterThan(3);
    expect(s.byRoute['GET /users/{}/mailFolders/{}/messageRules']?.[200]).toBeGreaterThanOrEqual(20);
    expect(s.batchedRequests).toBeGreaterThanOrEqual(20);
    expect(s.tokensIssued).toBeGreaterThanOrEqual(1);
  });
});

describe('throttling', () => {
  let tsim: RunningSimulator;
  let tclient: Client;
  beforeAll(async () => {
    tsim = await startSimulator({ scenario: smallScenario(), clock: new ManualClock(iso(12 * HOUR)), throttling: { identityReportRequests: 2, identityReportWindowMs: 1000, mailboxConcurrency: 4, mailboxRequests: 10, mailboxWindowMs: 60_000 },
      faults: { script: [{ path: `/users/${userId(5)}/mailFolders/inbox`, fault: { kind: 'slow', ms: 1500 }, times: 6 }] },
    });
    tclient = graphClient(tsim, await appToken(tsim));
  });
  afterAll(async () => {
    await tsim.close();
  });

  it('answers 429 with Retry-After, and the client’s RetryHandler waits and succeeds', async () => {
    for (let i = 0; i < 4; i++) {
      const r = (await tclient.api('/auditLogs/signIns').top(5).get()) as { value: unknown[] };
      expect(r.value).toHaveLength(5);
    }
    const s = tsim.stats();
    expect(s.byRoute['GET /auditLogs/signIns']?.[429]).toBeGreaterThanOrEqual(1);
    expect(s.byRoute['GET /auditLogs/signIns']?.[200]).toBe(4);
  });

  it('limits requests per mailbox per window and says when to come back', async () => {
    const token = await appToken(tsim);
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 11; i++) {
      last = await rawFetch(tsim, `/users/${userId(3)}/mailFolders/inbox`, { token });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
    const retryAfter = Number(last?.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(((await last?.json()) as { error: { code: string } }).error.code).toBe('TooManyRequests');
    // Other mailboxes are not affected.
    expect((await rawFetch(tsim, `/users/${userId(4)}/mailFolders/inbox`, { token })).status).toBe(200);
  });

  it('answers 429 to a fifth concurrent request to one mailbox', async () => {
    const token = await appToken(tsim);
    const statuses = await Promise.all(Array.from({ length: 6 }, () => rawFetch(tsim, `/users/${userId(5)}/mailFolders/inbox`, { token }).then((r) => r.status)));
    expect(statuses.sort()).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it('runs batch steps for one mailbox 4 at a time, and gives inner 429s once its window is spent', async () => {
    const requests = Array.from({ length: 6 }, (_, k) => ({ id: String(k), method: 'GET', url: `/users/${userId(1)}/mailFolders/inbox/messageRules` }));
    const first = (await tclient.api('/$batch').post({ requests })) as { responses: { status: number }[] };
    expect(first.responses.map((x) => x.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const second = (await tclient.api('/$batch').middlewareOptions([new RetryHandlerOptions(0, 0)]).post({ requests })) as { responses: { status: number; headers: Record<string, string> }[] };
    expect(second.responses.map((x) => x.status).sort()).toEqual([200, 200, 200, 200, 429, 429]);
    expect(Number(second.responses.find((x) => x.status === 429)?.headers['Retry-After'])).toBeGreaterThanOrEqual(1);
  });
});
