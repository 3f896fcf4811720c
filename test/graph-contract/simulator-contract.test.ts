// Every record the simulator serves, checked against Microsoft's published Graph types: v1.0 answers against
// @microsoft/microsoft-graph-types, beta sign-ins against @microsoft/microsoft-graph-types-beta. A property the
// version does not define, a wrong JSON type or an unknown enum member fails.
import type { GraphSignIn, TenantScenario } from '@lantern/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/src/clock.ts';
import { V1_SIGN_IN_PROPERTIES } from '../../server/src/graph/sign-in-fields.ts';
import { FaultInjector } from '../../server/src/sim/faults.ts';
import { generateScenario } from '../../server/src/sim/generator/generate.ts';
import { GraphApi, type GraphVersion, type SimResponse } from '../../server/src/sim/graph-api.ts';
import type { GraphCaller } from '../../server/src/sim/identity-provider.ts';
import { SimStats } from '../../server/src/sim/sim-stats.ts';
import { TenantState } from '../../server/src/sim/tenant-state.ts';
import { graphSchema } from './graph-schema.ts';

const GRAPH_URL = 'https://localhost:1/v1.0';
const APP: GraphCaller = { kind: 'app', appId: 'contract-test', userId: undefined, roles: [], scopes: [] };
const ENVELOPE_KEYS = new Set(['@odata.context', '@odata.nextLink', '@odata.deltaLink', 'value']);

let scenario: TenantScenario;
let state: TenantState;
let api: GraphApi;

beforeAll(() => {
  scenario = generateScenario({
    users: 12,
    days: 6,
    seed: 11,
    attacks: [
      { kind: 'classic-chain', count: 1 },
      { kind: 'mfa-fatigue', count: 1 },
      { kind: 'password-spray', count: 1 },
      { kind: 'device-code', count: 1 },
      { kind: 'external-forwarding', count: 1 },
      { kind: 'legacy-imap', count: 1 },
    ],
    hardCases: true,
  });
  state = new TenantState(scenario, new ManualClock(scenario.end));
  api = new GraphApi({ state, graphUrl: GRAPH_URL, throttle: undefined, faults: new FaultInjector(), stats: new SimStats(), realClock: new ManualClock(scenario.end) });
});

async function call(method: string, pathAndQuery: string, options: { version?: GraphVersion; headers?: Record<string, string>; body?: unknown } = {}): Promise<SimResponse> {
  const [path, query] = pathAndQuery.split('?') as [string, string | undefined];
  return api.dispatch({ method, path, version: options.version ?? 'v1.0', query: new URLSearchParams(query ?? ''), headers: options.headers ?? {}, body: options.body }, APP);
}

/** Every item of a list, following @odata.nextLink; each page's envelope checked. */
async function all(pathAndQuery: string, firstVersion: GraphVersion = 'v1.0', headers: Record<string, string> = {}): Promise<Record<string, unknown>[]> {
  let version = firstVersion;
  const out: Record<string, unknown>[] = [];
  let next: string | null = pathAndQuery;
  for (let pages = 0; next && pages < 10_000; pages++) {
    const res = await call('GET', next, { version, headers });
    expect(res.status, `${next}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(200);
    const body = res.body as Record<string, unknown>;
    expect(Object.keys(body).filter((k) => !ENVELOPE_KEYS.has(k))).toEqual([]);
    out.push(...(body['value'] as Record<string, unknown>[]));
    const link = body['@odata.nextLink'];
    // The next page is read in the version the link names, as a client following it whole does.
    const m = typeof link === 'string' ? /^https:\/\/localhost:1\/(v1\.0|beta)(\/.*)$/.exec(link) : null;
    expect(typeof link !== 'string' || m !== null, `nextLink ${String(link)}`).toBe(true);
    version = m?.[1] === 'beta' ? 'beta' : 'v1.0';
    next = m?.[2] ?? null;
  }
  return out;
}

function expectConforms(records: unknown[], typeName: string, version: GraphVersion = 'v1.0', deltaItem = false): void {
  const schema = graphSchema(version);
  const problems = records.flatMap((r) => schema.check(r, typeName, { deltaItem }));
  expect(problems.slice(0, 10)).toEqual([]);
}

const mailboxUsers = (): string[] => state.users().filter((u) => state.mailboxPurpose(u.id) !== 'none').map((u) => u.id);
const interactive = (s: GraphSignIn): boolean => s.isInteractive !== false;

describe('sign-ins', () => {
  it('v1.0 lists interactive sign-ins only, with v1.0 properties only', async () => {
    const served = await all('/auditLogs/signIns?$top=1000');
    const expected = scenario.signIns!.filter(interactive);
    expect(served.length).toBe(expected.length);
    expect(scenario.signIns!.length).toBeGreaterThan(expected.length); // the scenario has non-interactive ones to leave out
    expect(served.every((s) => s['isInteractive'] === true)).toBe(true);
    expect(served.some((s) => 'authenticationProtocol' in s || 'signInEventTypes' in s)).toBe(false);
    expectConforms(served, 'SignIn');
  });

  it('v1.0 does not know a non-interactive sign-in by id, nor the signInEventTypes filter', async () => {
    const quiet = scenario.signIns!.find((s) => s.isInteractive === false)!;
    expect((await call('GET', `/auditLogs/signIns/${quiet.id}`)).status).toBe(404);
    expect((await call('GET', `/auditLogs/signIns/${quiet.id}`, { version: 'beta' })).status).toBe(200);
    const res = await call('GET', `/auditLogs/signIns?$filter=${encodeURIComponent("signInEventTypes/any(t: t eq 'nonInteractiveUser')")}`);
    expect(res.status).toBe(400);
  });

  it('beta lists interactive sign-ins by default and non-interactive ones when the filter names them', async () => {
    const byDefault = await all('/auditLogs/signIns?$top=40', 'beta');
    const filter = encodeURIComponent("signInEventTypes/any(t: t eq 'nonInteractiveUser') and createdDateTime ge 2000-01-01T00:00:00Z");
    const quiet = await all(`/auditLogs/signIns?$filter=${filter}&$top=500`, 'beta');
    expect(byDefault.every((s) => (s['signInEventTypes'] as string[]).includes('interactiveUser'))).toBe(true);
    expect(quiet.every((s) => (s['signInEventTypes'] as string[]).includes('nonInteractiveUser') && s['isInteractive'] === false)).toBe(true);
    expect(new Set([...byDefault, ...quiet].map((s) => s['id']))).toEqual(new Set(scenario.signIns!.map((s) => s.id)));
    expectConforms(byDefault, 'SignIn', 'beta');
    expectConforms(quiet, 'SignIn', 'beta');
    // The device-code attack's flow is visible on beta only.
    expect(quiet.concat(byDefault).some((s) => s['authenticationProtocol'] === 'deviceCode')).toBe(true);
  });

  it('the v1.0 allow-list of sign-in properties is exactly what the v1.0 typings define', () => {
    expect([...V1_SIGN_IN_PROPERTIES].sort()).toEqual([...(graphSchema('v1.0').propertiesOf('SignIn') ?? [])].sort());
  });
});

describe('directory, users and authentication methods', () => {
  it('directory audits conform to v1.0 directoryAudit', async () => {
    const audits = await all('/auditLogs/directoryAudits');
    expect(audits.length).toBe(scenario.directoryAudits!.length);
    expectConforms(audits, 'DirectoryAudit');
  });

  it('users conform to v1.0 user, listed and one by one', async () => {
    const users = await all('/users?$top=5');
    expect(users.length).toBe(scenario.users!.length);
    expectConforms(users, 'User');
    const one = await call('GET', `/users/${scenario.users![0]!.id}`);
    expectConforms([one.body], 'User');
  });

  it('authentication methods conform to the derived v1.0 types their @odata.type names', async () => {
    const methods: unknown[] = [];
    for (const u of scenario.users!) methods.push(...(((await call('GET', `/users/${u.id}/authentication/methods`)).body as { value: unknown[] }).value));
    expect(new Set(methods.map((m) => (m as Record<string, unknown>)['@odata.type'])).size).toBeGreaterThan(1);
    expectConforms(methods, 'AuthenticationMethod');
  });

  it('mailbox settings conform to v1.0 mailboxSettings', async () => {
    const settings = [];
    for (const id of mailboxUsers()) settings.push((await call('GET', `/users/${id}/mailboxSettings`)).body);
    expectConforms(settings, 'MailboxSettings');
  });
});

describe('mail', () => {
  it('folders, child folders and inbox rules conform to v1.0', async () => {
    const folders: Record<string, unknown>[] = [];
    const rules: Record<string, unknown>[] = [];
    for (const id of mailboxUsers()) {
      const top = await all(`/users/${id}/mailFolders?includeHiddenFolders=true`);
      folders.push(...top);
      for (const f of top.filter((x) => (x['childFolderCount'] as number) > 0)) folders.push(...(await all(`/users/${id}/mailFolders/${String(f['id'])}/childFolders`)));
      rules.push(...(await all(`/users/${id}/mailFolders/inbox/messageRules`)));
    }
    expect(rules.length).toBeGreaterThan(0);
    expectConforms(folders, 'MailFolder');
    expectConforms(rules, 'MessageRule');
  });

  it('messages (list, delta, one with its headers) conform to v1.0 message', async () => {
    const user = mailboxUsers()[0]!;
    const listed = await all(`/users/${user}/messages?$top=50`, 'v1.0', { prefer: 'IdType="ImmutableId"' });
    expect(listed.length).toBeGreaterThan(0);
    expectConforms(listed, 'Message');
    const delta = await all(`/users/${user}/mailFolders/inbox/messages/delta`, 'v1.0', { prefer: 'odata.maxpagesize=20' });
    expectConforms(delta, 'Message', 'v1.0', true);
    const id = String(listed[0]!['id']);
    const one = await call('GET', `/users/${user}/messages/${id}?$select=internetMessageHeaders,subject,from`, { headers: { prefer: 'IdType="ImmutableId"' } });
    expect((one.body as Record<string, unknown>)['internetMessageHeaders']).toBeDefined();
    expectConforms([one.body], 'Message');
  });

  it('move and patch answer a v1.0 message; a folder display name is refused where Graph wants an id', async () => {
    const user = mailboxUsers()[1]!;
    const headers = { prefer: 'IdType="ImmutableId"' };
    const created = await call('POST', `/users/${user}/mailFolders`, { body: { displayName: 'Contract Hold', isHidden: true }, headers });
    expect(created.status).toBe(201);
    expectConforms([created.body], 'MailFolder');
    const folderId = String((created.body as Record<string, unknown>)['id']);
    const msg = (await all(`/users/${user}/mailFolders/inbox/messages?$top=1`, 'v1.0', headers))[0]!;
    const byName = await call('POST', `/users/${user}/messages/${String(msg['id'])}/move`, { body: { destinationId: 'Contract Hold' }, headers });
    expect(byName.status).toBe(400);
    expect((byName.body as { error: { code: string } }).error.code).toBe('ErrorInvalidIdMalformed');
    expect((await call('GET', `/users/${user}/mailFolders/Contract%20Hold`)).status).toBe(400);
    expect((await call('GET', `/users/${user}/mailFolders/${folderId}`)).status).toBe(200);
    const moved = await call('POST', `/users/${user}/messages/${String(msg['id'])}/move`, { body: { destinationId: folderId }, headers });
    expect(moved.status).toBe(201);
    expectConforms([moved.body], 'Message');
    const patched = await call('PATCH', `/users/${user}/messages/${String((moved.body as Record<string, unknown>)['id'])}`, { body: { categories: ['Lantern: held'] }, headers });
    expect(patched.status).toBe(200);
    expectConforms([patched.body], 'Message');
  });

  it('errors carry Graph error bodies: code, message and innerError with date and request ids', async () => {
    const res = await call('GET', '/users/nobody@nowhere.test/messages');
    expect(res.status).toBe(404);
    const err = (res.body as { error: Record<string, unknown> }).error;
    expect(Object.keys(err).sort()).toEqual(['code', 'innerError', 'message']);
    expect(Object.keys(err['innerError'] as object).sort()).toEqual(['client-request-id', 'date', 'request-id']);
  });
});
