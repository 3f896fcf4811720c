// The simulator IdP's browser sign-in over real HTTP: the demo authorize page, a one-time code redirected back,
// and the authorization_code grant with PKCE (S256). The access token it issues is checked by Lantern's own
// token verifier (audience, scope, roles). Refusals: a wrong PKCE verifier, a reused code, an expired code,
// another redirect URI, and a redirect URI that is not allowed.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalJWKSet, decodeJwt } from 'jose';
import type { GraphUser } from '@lantern/shared';
import { SECURITY_ANALYST_ROLE } from '@lantern/shared/api';
import { createTokenVerifier } from '../../server/src/auth/token-verifier.ts';
import { ManualClock } from '../../server/src/clock.ts';
import { AUTHORIZATION_CODE_SECONDS, IdentityProvider } from '../../server/src/sim/identity-provider.ts';

const TENANT = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const SPA = 'cccccccc-1111-4222-8333-444444444444';
const REDIRECT = 'http://localhost:3000/addin/console.html';
const USERS: GraphUser[] = [
  { id: '00000000-0000-4000-8000-000000000001', userPrincipalName: 'ana@contoso.test', displayName: 'Ana <Analyst>' } as GraphUser,
  { id: '00000000-0000-4000-8000-000000000002', userPrincipalName: 'bo@contoso.test', displayName: 'Bo' } as GraphUser,
];

const clock = new ManualClock('2026-03-01T09:00:00.000Z');
let idp: IdentityProvider;
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        if (req.method === 'GET' && url.pathname === `/${TENANT}/oauth2/v2.0/authorize`) {
          const r = idp.authorize(url.searchParams);
          if (r.kind === 'redirect') res.writeHead(302, { location: r.location }).end();
          else res.writeHead(r.status, { 'content-type': 'text/html; charset=utf-8' }).end(r.html);
          return;
        }
        if (req.method === 'POST' && url.pathname === `/${TENANT}/oauth2/v2.0/token`) {
          const r = await idp.token(new URLSearchParams(Buffer.concat(chunks).toString('utf8')), req.headers.authorization);
          res.writeHead(r.status, { 'content-type': 'application/json' }).end(JSON.stringify(r.body));
          return;
        }
        res.writeHead(404).end();
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  idp = await IdentityProvider.create({
    tenantId: TENANT,
    baseUrl: base,
    clientSecrets: {},
    realClock: clock,
    appRoles: [],
    lookupUser: (u) => USERS.find((x) => x.id === u || x.userPrincipalName === u),
    listUsers: () => USERS,
  });
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(challenge: string, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({
    client_id: SPA,
    response_type: 'code',
    redirect_uri: REDIRECT,
    scope: `api://localhost/${SPA}/access_as_user openid profile offline_access`,
    state: 'st-42',
    nonce: 'n-7',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    response_mode: 'fragment',
    ...extra,
  });
  return `${base}/${TENANT}/oauth2/v2.0/authorize?${q.toString()}`;
}

/** Signs in through the page's form (as the browser would submit it) and returns the redirect's parameters. */
async function signIn(challenge: string, user: string, analyst: boolean): Promise<URLSearchParams> {
  const url = new URL(authorizeUrl(challenge));
  url.searchParams.set('lantern_user', user);
  if (analyst) url.searchParams.set('lantern_analyst', '1');
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location') ?? '');
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
  return new URLSearchParams(location.hash.slice(1));
}

async function redeem(fields: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${base}/${TENANT}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: SPA, redirect_uri: REDIRECT, ...fields }).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('simulator IdP: authorization code flow with PKCE', () => {
  it('shows the demo page listing the tenant users (escaped) with an analyst checkbox, keeping the request', async () => {
    const res = await fetch(authorizeUrl(pkce().challenge));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('ana@contoso.test');
    expect(html).toContain('Ana &lt;Analyst&gt;');
    expect(html).not.toContain('<Analyst>');
    expect(html).toContain('name="lantern_analyst"');
    expect(html).toContain('name="code_challenge"');
  });

  it('issues an analyst token Lantern accepts, with an id token and client_info for MSAL', async () => {
    const { verifier, challenge } = pkce();
    const back = await signIn(challenge, USERS[0]!.id, true);
    expect(back.get('state')).toBe('st-42');
    const { status, body } = await redeem({ code: back.get('code') ?? '', code_verifier: verifier });
    expect(status).toBe(200);
    const verifierOfLantern = createTokenVerifier({ tenantId: TENANT, clientId: SPA, extraIssuers: [idp.issuer], keys: createLocalJWKSet(idp.jwks()), clock });
    const user = await verifierOfLantern.verify(String(body['access_token']));
    expect(user.oid).toBe(USERS[0]!.id);
    expect(user.upn).toBe('ana@contoso.test');
    expect(user.roles).toEqual([SECURITY_ANALYST_ROLE]);
    const id = decodeJwt(String(body['id_token']));
    expect(id.aud).toBe(SPA);
    expect(id['nonce']).toBe('n-7');
    expect(JSON.parse(Buffer.from(String(body['client_info']), 'base64url').toString('utf8'))).toEqual({ uid: USERS[0]!.id, utid: TENANT });
  });

  it('gives no role without the analyst box', async () => {
    const { verifier, challenge } = pkce();
    const back = await signIn(challenge, 'bo@contoso.test', false);
    const { body } = await redeem({ code: back.get('code') ?? '', code_verifier: verifier });
    expect(decodeJwt(String(body['access_token']))['roles']).toBeUndefined();
  });

  it('refuses a verifier that does not match the challenge, and the code is spent by the attempt', async () => {
    const { verifier, challenge } = pkce();
    const code = (await signIn(challenge, USERS[0]!.id, true)).get('code') ?? '';
    const wrong = await redeem({ code, code_verifier: pkce().verifier });
    expect(wrong.status).toBe(400);
    expect(wrong.body['error']).toBe('invalid_grant');
    expect(String(wrong.body['error_description'])).toContain('AADSTS501481');
    const again = await redeem({ code, code_verifier: verifier });
    expect(again.body['error']).toBe('invalid_grant');
  });

  it('refuses a code used twice', async () => {
    const { verifier, challenge } = pkce();
    const code = (await signIn(challenge, USERS[0]!.id, true)).get('code') ?? '';
    expect((await redeem({ code, code_verifier: verifier })).status).toBe(200);
    const reuse = await redeem({ code, code_verifier: verifier });
    expect(reuse.status).toBe(400);
    expect(reuse.body['error']).toBe('invalid_grant');
    expect(reuse.body['access_token']).toBeUndefined();
  });

  it('refuses an expired code', async () => {
    const { verifier, challenge } = pkce();
    const code = (await signIn(challenge, USERS[1]!.id, false)).get('code') ?? '';
    clock.advance(AUTHORIZATION_CODE_SECONDS * 1000 + 1000);
    const late = await redeem({ code, code_verifier: verifier });
    expect(late.status).toBe(400);
    expect(late.body['error']).toBe('invalid_grant');
  });

  it('refuses a code presented with another redirect URI', async () => {
    const { verifier, challenge } = pkce();
    const code = (await signIn(challenge, USERS[0]!.id, true)).get('code') ?? '';
    const other = await redeem({ code, code_verifier: verifier, redirect_uri: 'http://localhost:3000/elsewhere' });
    expect(other.body['error']).toBe('invalid_grant');
  });

  it('does not redirect to a foreign site, and requires S256 PKCE', async () => {
    const foreign = await fetch(authorizeUrl(pkce().challenge, { redirect_uri: 'https://attacker.example/cb', lantern_user: USERS[0]!.id }), { redirect: 'manual' });
    expect(foreign.status).toBe(400);
    expect(foreign.headers.get('location')).toBeNull();
    const plain = await fetch(authorizeUrl('x'.repeat(43), { code_challenge_method: 'plain', lantern_user: USERS[0]!.id }), { redirect: 'manual' });
    expect(plain.status).toBe(302);
    const back = new URLSearchParams(new URL(plain.headers.get('location') ?? '').hash.slice(1));
    expect(back.get('error')).toBe('invalid_request');
    expect(back.get('code')).toBeNull();
  });
});
