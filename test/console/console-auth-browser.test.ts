// Tenant-mode console sign-in in headless Chromium with the real @azure/msal-browser: the console reads
// GET /api/public-config (mode 'tenant'), redirects to an OpenID provider (the simulator's IdentityProvider,
// served here over HTTPS with CORS as Entra would be), the analyst picks a user and comes back with a code,
// MSAL redeems it with PKCE, and the console calls Lantern's API with a token Lantern's verifier accepts.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createLocalJWKSet, decodeJwt } from 'jose';
import type { GraphUser } from '@lantern/shared';
import { SECURITY_ANALYST_ROLE } from '@lantern/shared/api';
import { buildAddin } from '../../addin/src/build/build-addin.ts';
import { buildApp } from '../../server/src/app.ts';
import { createTokenVerifier } from '../../server/src/auth/token-verifier.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../server/src/bench/addin-bench.ts';
import { systemClock } from '../../server/src/clock.ts';
import type { MailboxGraph } from '../../server/src/mailbox/mailbox-graph.ts';
import { MailboxService } from '../../server/src/mailbox/mailbox-service.ts';
import { generateCertificates } from '../../server/src/sim/certificates.ts';
import { IdentityProvider } from '../../server/src/sim/identity-provider.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import type { Store } from '../../server/src/store/store.ts';

const TENANT = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const API = 'cccccccc-1111-4222-8333-444444444444';
const USERS: GraphUser[] = [
  { id: '00000000-0000-4000-8000-000000000001', userPrincipalName: 'ana@contoso.test', displayName: 'Ana Analyst' } as GraphUser,
  { id: '00000000-0000-4000-8000-000000000002', userPrincipalName: 'bo@contoso.test', displayName: 'Bo Builder' } as GraphUser,
];
const unusedGraph: MailboxGraph = {
  getMessage: () => Promise.reject(new Error('unused')),
  getMessageMime: () => Promise.reject(new Error('unused')),
  moveMessage: () => Promise.reject(new Error('unused')),
  ensureHiddenFolder: () => Promise.reject(new Error('unused')),
  setCategories: () => Promise.reject(new Error('unused')),
};

describe.skipIf(!existsSync(CHROMIUM_PATH))('console sign-in through MSAL (headless Chromium)', () => {
  let dir = '';
  let idpServer: Server;
  let idp: IdentityProvider;
  let store: Store;
  let app: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let baseUrl = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lantern-console-msal-'));
    await buildAddin({ outDir: join(dir, 'addin'), pages: ['console'] });

    // The identity provider, over HTTPS with CORS (Entra answers browsers' token requests cross-origin).
    const certs = await generateCertificates(systemClock);
    idpServer = createServer({ cert: certs.certPem, key: certs.keyPem }, (req, res) => {
      const url = new URL(req.url ?? '/', 'https://localhost');
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void (async () => {
          const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET, POST' };
          const json = (status: number, body: unknown) => res.writeHead(status, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify(body));
          const t = `/${TENANT}`;
          if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
          if (req.method === 'GET' && url.pathname === `${t}/v2.0/.well-known/openid-configuration`) return json(200, idp.openIdConfiguration());
          if (req.method === 'GET' && url.pathname === `${t}/discovery/v2.0/keys`) return json(200, idp.jwks());
          if (req.method === 'GET' && url.pathname === `${t}/oauth2/v2.0/authorize`) {
            const r = idp.authorize(url.searchParams);
            if (r.kind === 'redirect') return res.writeHead(302, { location: r.location }).end();
            return res.writeHead(r.status, { 'content-type': 'text/html; charset=utf-8' }).end(r.html);
          }
          if (req.method === 'POST' && url.pathname === `${t}/oauth2/v2.0/token`) {
            const r = await idp.token(new URLSearchParams(Buffer.concat(chunks).toString('utf8')), req.headers.authorization);
            return json(r.status, r.body);
          }
          return json(404, { error: 'not_found' });
        })();
      });
    });
    await new Promise<void>((resolve) => idpServer.listen(0, '127.0.0.1', resolve));
    const idpBase = `https://localhost:${(idpServer.address() as AddressInfo).port}`;
    idp = await IdentityProvider.create({
      tenantId: TENANT,
      baseUrl: idpBase,
      clientSecrets: {},
      realClock: systemClock,
      appRoles: [],
      lookupUser: (u) => USERS.find((x) => x.id === u || x.userPrincipalName === u),
      listUsers: () => USERS,
    });

    store = await openStore({ kind: 'sqlite', file: join(dir, 'db.sqlite') });
    app = await buildApp({
      clock: systemClock,
      verifier: createTokenVerifier({ tenantId: TENANT, clientId: API, extraIssuers: [idp.issuer], keys: createLocalJWKSet(idp.jwks()), clock: systemClock }),
      mailbox: new MailboxService({ db: store.db, graph: unusedGraph, scorer: () => { throw new Error('unused'); }, clock: systemClock }),
      logLevel: 'silent',
      addinDir: join(dir, 'addin'),
      publicConfig: { config: { mode: 'tenant', clientId: API, authority: `${idpBase}/${TENANT}`, scope: `${API}/access_as_user`, knownAuthorities: [new URL(idpBase).host] } },
    });
    baseUrl = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('127.0.0.1', 'localhost');

    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    // The provider's certificate comes from a test CA; Entra's would be publicly trusted.
    page = await (await browser.newContext({ ignoreHTTPSErrors: true })).newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
    await new Promise<void>((resolve) => (idpServer ? idpServer.close(() => resolve()) : resolve()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('signs in by redirect with PKCE and calls the API with an analyst token Lantern accepts', async () => {
    const apiCalls: { url: string; authorization: string | undefined; status: number }[] = [];
    page.on('response', (res) => {
      if (res.url().startsWith(`${baseUrl}/api/console/`)) apiCalls.push({ url: res.url(), authorization: res.request().headers()['authorization'], status: res.status() });
    });
    await page.goto(`${baseUrl}/addin/console.html`);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    // The provider's demo page.
    await page.getByLabel('User').selectOption(USERS[0]!.id);
    await page.getByLabel(/Security analyst/).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Back in the console, signed in.
    await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 20_000 });
    expect(await page.getByText('Ana Analyst').count()).toBeGreaterThan(0);
    await expect.poll(() => apiCalls.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const call = apiCalls[0]!;
    const token = (call.authorization ?? '').replace(/^Bearer /, '');
    const claims = decodeJwt(token);
    expect(claims.aud).toBe(API);
    expect(claims['roles']).toEqual([SECURITY_ANALYST_ROLE]);
    expect(claims['oid']).toBe(USERS[0]!.id);
    // Accepted by Lantern's verifier: this app has no console routes, so an accepted token meets 404, not 401.
    expect(call.status).toBe(404);
  }, 60_000);
});
