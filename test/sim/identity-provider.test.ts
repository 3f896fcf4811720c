// The local OpenID provider through the real @azure/msal-node, and user tokens other modules verify with jose.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { createLocalJWKSet, createRemoteJWKSet, customFetch, decodeJwt, jwtVerify } from 'jose';
import { ManualClock } from '../../server/src/clock.ts';
import { SIM_CLIENT_ID, SIM_CLIENT_SECRET, startSimulator, type RunningSimulator } from '../../server/src/sim/simulator.ts';
import { trustingFetch, trustingMsalNetworkClient } from '../../server/src/sim/trust.ts';
import { graphClient, iso, smallScenario, userId } from './sim-fixture.ts';

const ADDIN_API = 'cccccccc-0000-4000-8000-000000000001';
const ADDIN_SECRET = 'addin-secret';
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ scenario: smallScenario(), clock: new ManualClock(iso(0)), throttling: false, clientSecrets: { [ADDIN_API]: ADDIN_SECRET } });
});
afterAll(async () => {
  await sim.close();
});

const app = (secret: string): ConfidentialClientApplication =>
  new ConfidentialClientApplication({
    auth: { clientId: ADDIN_API, clientSecret: secret, authority: sim.authority, knownAuthorities: [sim.knownAuthority] },
    system: { networkClient: trustingMsalNetworkClient(sim.caPem) },
  });

describe('local identity provider', () => {
  it('serves discovery that names its own token endpoint, issuer and keys', async () => {
    const res = await trustingFetch(sim.caPem)(`${sim.authority}/v2.0/.well-known/openid-configuration`);
    const doc = (await res.json()) as Record<string, string>;
    expect(doc['issuer']).toBe(sim.issuer);
    expect(doc['token_endpoint']).toBe(`${sim.authority}/oauth2/v2.0/token`);
    expect(doc['jwks_uri']).toBe(sim.jwksUri);
    expect(doc['authorization_endpoint']).toBeTruthy();
  });

  it('issues app tokens for Graph with the configured secret and rejects a wrong one', async () => {
    const ok = await app(ADDIN_SECRET).acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
    const claims = decodeJwt(ok?.accessToken ?? '');
    expect(claims.aud).toBe('https://graph.microsoft.com');
    expect(claims['tid']).toBe(sim.tenantId);
    expect(claims['roles']).toContain('Mail.ReadWrite');
    await expect(app('wrong').acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] })).rejects.toMatchObject({ errorCode: 'invalid_client' });
  });

  it('mints user tokens that jose verifies against the JWKS (local and fetched over TLS)', async () => {
    const token = await sim.mintUserToken({ user: 'user4@contoso.test', audience: `api://localhost/${ADDIN_API}`, roles: ['Lantern.SecurityAnalyst'] });
    const local = await jwtVerify(token, createLocalJWKSet(sim.jwks() as never), { issuer: sim.issuer, audience: `api://localhost/${ADDIN_API}` });
    expect(local.payload['oid']).toBe(userId(4));
    expect(local.payload['scp']).toBe('access_as_user');
    expect(local.payload['preferred_username']).toBe('user4@contoso.test');
    expect(local.payload['roles']).toEqual(['Lantern.SecurityAnalyst']);
    const remote = createRemoteJWKSet(new URL(sim.jwksUri), { [customFetch]: trustingFetch(sim.caPem) });
    const verified = await jwtVerify(token, remote, { issuer: sim.issuer, audience: `api://localhost/${ADDIN_API}` });
    expect(verified.payload['tid']).toBe(sim.tenantId);
  });

  it('exchanges a user token on behalf of the user for a Graph token that serves /me', async () => {
    const userToken = await sim.mintUserToken({ user: userId(2), audience: ADDIN_API });
    const result = await app(ADDIN_SECRET).acquireTokenOnBehalfOf({ oboAssertion: userToken, scopes: ['https://graph.microsoft.com/Mail.Read'] });
    expect(result?.accessToken).toBeTruthy();
    const claims = decodeJwt(result?.accessToken ?? '');
    expect(claims['oid']).toBe(userId(2));
    expect(claims['scp']).toBe('Mail.Read');
    const me = (await graphClient(sim, result?.accessToken ?? '').api('/me').get()) as { userPrincipalName: string };
    expect(me.userPrincipalName).toBe('user2@contoso.test');
  });

  it('refuses on-behalf-of for a token issued to another audience', async () => {
    const userToken = await sim.mintUserToken({ user: userId(2), audience: 'someone-else' });
    await expect(app(ADDIN_SECRET).acquireTokenOnBehalfOf({ oboAssertion: userToken, scopes: ['https://graph.microsoft.com/Mail.Read'] })).rejects.toMatchObject({ errorCode: 'invalid_grant' });
  });

  it('rejects an expired Graph token with 401', async () => {
    const realClock = new ManualClock(new Date());
    const s = await startSimulator({ scenario: smallScenario(), clock: new ManualClock(iso(0)), throttling: false, realClock });
    try {
      const token = (await new ConfidentialClientApplication({
        auth: { clientId: SIM_CLIENT_ID, clientSecret: SIM_CLIENT_SECRET, authority: s.authority, knownAuthorities: [s.knownAuthority] },
        system: { networkClient: trustingMsalNetworkClient(s.caPem) },
      }).acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] }))?.accessToken;
      realClock.advance(2 * 3_600_000);
      await expect(graphClient(s, token ?? '').api('/users').get()).rejects.toMatchObject({ statusCode: 401, code: 'InvalidAuthenticationToken' });
    } finally {
      await s.close();
    }
  });
});
