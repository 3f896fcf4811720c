// Microsoft's published example responses (fixtures/, each with its source URL) and the Graph fixtures the
// normaliser and identity tests feed Lantern, checked against the official typings; the normalisers read the
// published examples as a real tenant sends them.
import { readFileSync } from 'node:fs';
import type { TenantScenario } from '@lantern/shared';
import { describe, expect, it } from 'vitest';
import { normaliseSignIn } from '../../server/src/ingest/normalise.ts';
import { attackScenario } from '../identity/graph-scenario.ts';
import { smallScenario } from '../sim/sim-fixture.ts';
import { graphSchema, type GraphVersion } from './graph-schema.ts';

interface PublishedExample {
  source: string;
  knownDeviations?: string[];
  response: { value: Record<string, unknown>[] };
}

const example = (name: string): PublishedExample => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as PublishedExample;

describe('the schema check', () => {
  const v1 = graphSchema('v1.0');
  it('fails a beta-only property on v1.0, a wrong type, an unknown enum member and a mismatched @odata.type', () => {
    expect(v1.check({ id: 'x', authenticationProtocol: 'deviceCode' }, 'SignIn')).toEqual(['SignIn.authenticationProtocol: SignIn of Graph v1.0 has no property authenticationProtocol']);
    expect(v1.check({ id: 'x', status: { errorCode: '0' } }, 'SignIn')).toEqual(['SignIn.status.errorCode: expected a number, got "0"']);
    expect(v1.check({ id: 'x', riskState: 'worried' }, 'SignIn')[0]).toMatch(/riskState: "worried" is not one of none \| confirmedSafe/);
    expect(v1.check({ '@odata.type': '#microsoft.graph.message', id: 'x' }, 'AuthenticationMethod')).toEqual(['AuthenticationMethod: @odata.type #microsoft.graph.message is not a AuthenticationMethod']);
    expect(v1.check({ id: 'x', location: { geoCoordinates: { latitude: 'north' } } }, 'SignIn')).toEqual(['SignIn.location.geoCoordinates.latitude: expected a number, got "north"']);
  });
  it('accepts the beta-only sign-in properties on beta', () => {
    expect(graphSchema('beta').check({ id: 'x', authenticationProtocol: 'deviceCode', signInEventTypes: ['nonInteractiveUser'], sessionId: 's', uniqueTokenIdentifier: 'u', userAgent: 'ua' }, 'SignIn')).toEqual([]);
  });
});

describe("Microsoft's published sign-in examples", () => {
  it('the v1.0 example conforms to the v1.0 typings and normalises to an interactive sign-in', () => {
    const ex = example('signin-list-v1.json');
    expect(ex.source).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    const record = ex.response.value[0]!;
    expect(graphSchema('v1.0').check(record, 'SignIn')).toEqual([]);
    const n = normaliseSignIn(record);
    expect(n.ok).toBe(true);
    if (!n.ok) return;
    expect(n.value).toMatchObject({ id: '66ea54eb-6301-4ee5-be62-ff5a759b0100', upn: 'testaccount1@contoso.com', interactive: true, success: true, country: 'US', city: 'Redmond', clientApp: 'Browser', browser: 'Edge 80.0.361', authProtocol: null, userAgent: null });
  });

  it('the beta example conforms to the beta typings (but for its documented deviation), not to v1.0, and keeps its beta fields', () => {
    const ex = example('signin-list-beta.json');
    const record = ex.response.value[0]!;
    expect(graphSchema('beta').check(record, 'SignIn')).toEqual(ex.knownDeviations);
    const onV1 = graphSchema('v1.0').check(record, 'SignIn');
    for (const beta of ['authenticationProtocol', 'signInEventTypes', 'uniqueTokenIdentifier', 'userAgent']) expect(onV1).toContain(`SignIn.${beta}: SignIn of Graph v1.0 has no property ${beta}`);
    const n = normaliseSignIn(record);
    expect(n.ok).toBe(true);
    if (!n.ok) return;
    expect(n.value).toMatchObject({ interactive: true, success: false, errorCode: 50126, authProtocol: 'oAuth2', lat: null, lon: null });
    expect(n.value.userAgent).toMatch(/^Mozilla\/5\.0 .* Edg\/91/);
  });

  it('a non-interactive beta record without isInteractive is read as non-interactive from signInEventTypes', () => {
    const record: Record<string, unknown> = { ...example('signin-list-beta.json').response.value[0]!, signInEventTypes: ['nonInteractiveUser'], sessionId: 'sess-1' };
    delete record['isInteractive'];
    expect(graphSchema('beta').check(record, 'SignIn').filter((p) => !p.includes('incomingTokenType'))).toEqual([]);
    const n = normaliseSignIn(record);
    expect(n.ok && n.value.interactive).toBe(false);
    expect(n.ok && n.value.sessionId).toBe('sess-1');
  });
});

/** Every Graph record of a scenario checked against the version its sign-ins claim. */
function scenarioProblems(s: TenantScenario, signInVersion: GraphVersion): string[] {
  const v1 = graphSchema('v1.0');
  return [
    ...(s.users ?? []).flatMap((u) => v1.check(u, 'User')),
    ...(s.signIns ?? []).flatMap((x) => graphSchema(signInVersion).check(x, 'SignIn')),
    ...(s.directoryAudits ?? []).flatMap((a) => v1.check(a, 'DirectoryAudit')),
    ...(s.authenticationMethods ?? []).flatMap((m) => m.methods.flatMap((x) => v1.check(x, 'AuthenticationMethod'))),
    ...(s.mailFolders ?? []).flatMap((f) => f.folders.flatMap((x) => v1.check(x, 'MailFolder'))),
    ...(s.inboxRules ?? []).flatMap((r) => r.rules.flatMap((x) => v1.check(x, 'MessageRule'))),
    ...(s.messages ?? []).flatMap((m) => v1.check(m.message, 'Message')),
  ];
}

describe("the Graph fixtures Lantern's tests feed the normalisers", () => {
  it('the identity tests\' hand-made tenant is v1.0 Graph JSON (but for its one deliberately broken sign-in)', () => {
    const s = attackScenario();
    s.signIns = s.signIns!.filter((x) => x.id !== 'broken');
    expect(scenarioProblems(s, 'v1.0')).toEqual([]);
  });

  it("the simulator tests' small tenant is v1.0 Graph JSON", () => {
    expect(scenarioProblems(smallScenario(), 'v1.0')).toEqual([]);
  });
});
