// Default-deny, proven on the fully built app: every registered route (enumerated through the auth plugin's
// onRoute record, not listed by hand) declares its access; an app with an undeclared route does not start; and
// every kind of forged, foreign, expired, malformed or missing token is refused on every non-public route.
import { SignJWT } from 'jose';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_ANALYST_ROLE } from '@lantern/shared/api';
import { authenticationPlugin } from '../../server/src/auth/auth-plugin.ts';
import { UndeclaredRouteError, type RouteAccessEntry } from '../../server/src/auth/route-access.ts';
import { createTokenVerifier } from '../../server/src/auth/token-verifier.ts';
import { ManualClock } from '../../server/src/clock.ts';
import { CLIENT_ID, NOW, TENANT_ID } from '../auth/local-issuer.ts';
import { userId } from '../routes/app-fixture.ts';
import { concreteUrl, startFullApp, type FullApp } from './full-app.ts';

let full: FullApp;
let routes: RouteAccessEntry[];
const USER = userId(1);

beforeAll(async () => {
  full = await startFullApp();
  routes = full.fx.app.routeAccess();
});
afterAll(async () => {
  await full?.close();
});

const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** Authorization header values that must never authenticate (null = no header). */
async function badAuthorizations(): Promise<Array<[string, string | null]>> {
  const { issuer } = full;
  const valid = await issuer.token(USER);
  const [h, p, s] = valid.split('.') as [string, string, string];
  const now = Math.floor(NOW.getTime() / 1000);
  const claims = { tid: TENANT_ID, oid: USER, scp: 'access_as_user', preferred_username: 'user1@contoso.test', ver: '2.0', aud: CLIENT_ID, iss: `https://login.microsoftonline.com/${TENANT_ID}/v2.0`, iat: now - 60, nbf: now - 60, exp: now + 3600 };
  const hs256 = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: 'test-key' }).sign(new TextEncoder().encode('a-guessable-shared-secret-0123456789'));
  const flipped = `${h}.${p}.${s.slice(0, -2)}${s.endsWith('AA') ? 'BB' : 'AA'}`;
  return [
    ['missing', null],
    ['basic scheme', 'Basic dXNlcjpwYXNz'],
    ['empty bearer', 'Bearer '],
    ['lower-case scheme', `bearer ${valid}`],
    ['two tokens', `Bearer ${valid} ${valid}`],
    ['garbage', 'Bearer garbage'],
    ['three dots', 'Bearer a.b.c'],
    ['alg none', `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`],
    ['HS256 with a shared secret', `Bearer ${hs256}`],
    ['foreign key, same kid', `Bearer ${await issuer.foreignToken(USER)}`],
    ['unknown kid', `Bearer ${await issuer.token(USER, { kid: 'other-key' })}`],
    ['payload swapped under a valid signature', `Bearer ${h}.${b64({ ...claims, roles: [SECURITY_ANALYST_ROLE] })}.${s}`],
    ['flipped signature', `Bearer ${flipped}`],
    ['issuer of another tenant', `Bearer ${await issuer.token(USER, { issuer: 'https://login.microsoftonline.com/99999999-9999-4999-8999-999999999999/v2.0' })}`],
    ['issuer on another host', `Bearer ${await issuer.token(USER, { issuer: `https://login.evil.example/${TENANT_ID}/v2.0` })}`],
    ['audience of another API', `Bearer ${await issuer.token(USER, { audience: 'api://someone-else' })}`],
    ['tid of another tenant', `Bearer ${await issuer.token(USER, { claims: { tid: '99999999-9999-4999-8999-999999999999' } })}`],
    ['expired', `Bearer ${await issuer.token(USER, { expiresIn: -3600 })}`],
    ['no scope', `Bearer ${await issuer.token(USER, { omit: ['scp'] })}`],
    ['Graph scope only', `Bearer ${await issuer.token(USER, { claims: { scp: 'User.Read Mail.Read' } })}`],
    ['no oid', `Bearer ${await issuer.token(USER, { omit: ['oid'] })}`],
    ['oversized', `Bearer ${'a'.repeat(20_000)}`],
  ];
}

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

async function call(method: string, url: string, authorization: string | null) {
  return full.fx.app.inject({
    method: method as 'GET',
    url,
    headers: { ...(authorization !== null ? { authorization } : {}), ...(METHODS_WITH_BODY.has(method) ? { 'content-type': 'application/json' } : {}) },
    ...(METHODS_WITH_BODY.has(method) ? { payload: '{}' } : {}),
  });
}

describe('every route declares its access', () => {
  it('enumerates the fully built app and finds a declaration on each route', () => {
    // The full app: task pane API, analyst API, console, health, public config, demo, digest links, landing, add-in files.
    const byUrl = new Map(routes.map((r) => [`${r.method} ${r.url}`, r.access]));
    expect(byUrl.get('GET /api/me')).toBe('user');
    expect(byUrl.get('GET /api/console/reports')).toBe('analyst');
    expect(byUrl.get('GET /api/health')).toBe('public');
    expect(byUrl.get('GET /api/health/details')).toBe('analyst');
    expect(byUrl.get('POST /demo/api/token')).toBe('public');
    expect(byUrl.get('GET /addin/*')).toBe('public');
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.filter((r) => r.access === null)).toEqual([]);
  });

  it('refuses to start an app with a route that declares nothing', async () => {
    const app = Fastify({ logger: false });
    const clock = new ManualClock(NOW);
    await app.register(authenticationPlugin, { verifier: createTokenVerifier({ tenantId: TENANT_ID, clientId: CLIENT_ID, keys: full.issuer.keys, clock }), clock });
    app.get('/api/declared', { config: { access: 'user' } }, async () => ({ ok: true }));
    app.get('/api/forgotten', async () => ({ ok: true }));
    await expect(app.ready()).rejects.toThrow(UndeclaredRouteError);
    await expect(app.ready()).rejects.toThrow(/GET \/api\/forgotten/);
  });
});

describe('forged, foreign, expired, malformed and missing tokens on every route', () => {
  it('answers 401 invalid_token on every user and analyst route, and never 401 or 5xx on public ones', async () => {
    const bad = await badAuthorizations();
    let checked = 0;
    for (const route of routes) {
      const url = concreteUrl(route.url);
      for (const [kind, authorization] of bad) {
        const res = await call(route.method, url, authorization);
        const where = `${route.method} ${route.url} with ${kind}`;
        if (route.access === 'public') {
          expect(res.statusCode, where).not.toBe(401);
          expect(res.statusCode, where).toBeLessThan(500);
        } else {
          expect(res.statusCode, where).toBe(401);
          if (route.method !== 'HEAD') expect(res.json(), where).toEqual({ error: { code: 'invalid_token', message: expect.any(String) } });
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(600);
  });

  it('answers 403 on every analyst route to a valid token without the role, and lets the analyst through', async () => {
    const user = `Bearer ${await full.issuer.token(USER)}`;
    const analyst = `Bearer ${await full.issuer.token(USER, { claims: { roles: [SECURITY_ANALYST_ROLE] } })}`;
    const analystRoutes = routes.filter((r) => r.access === 'analyst');
    expect(analystRoutes.length).toBeGreaterThan(10);
    for (const route of analystRoutes) {
      const url = concreteUrl(route.url);
      const refused = await call(route.method, url, user);
      expect(refused.statusCode, `${route.method} ${route.url}`).toBe(403);
      const admitted = await call(route.method, url, analyst);
      expect([401, 403], `${route.method} ${route.url} as analyst`).not.toContain(admitted.statusCode);
      expect(admitted.statusCode, `${route.method} ${route.url} as analyst`).toBeLessThan(500);
    }
  });

  it('lets a valid token through on every user route', async () => {
    const user = `Bearer ${await full.issuer.token(USER)}`;
    for (const route of routes.filter((r) => r.access === 'user')) {
      const res = await call(route.method, concreteUrl(route.url), user);
      expect([401, 403], `${route.method} ${route.url}`).not.toContain(res.statusCode);
      expect(res.statusCode, `${route.method} ${route.url}`).toBeLessThan(500);
    }
  });

  it('answers an unknown /api path 401 without a token (the route list is not probed) and 404 with one', async () => {
    expect((await call('GET', '/api/no-such-route', null)).statusCode).toBe(401);
    expect((await call('GET', '/api/no-such-route', `Bearer ${await full.issuer.token(USER)}`)).statusCode).toBe(404);
    expect((await call('GET', '/no-such-page', null)).statusCode).toBe(404);
  });
});
