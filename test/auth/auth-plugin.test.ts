// Authentication on the real app with locally issued tokens (createLocalJWKSet): every /api/* route needs a
// valid token for this tenant, audience and scope; security-team routes need the analyst role.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app.ts';
import { createTokenVerifier } from '../../server/src/auth/token-verifier.ts';
import { ManualClock } from '../../server/src/clock.ts';
import type { MailboxGraph } from '../../server/src/mailbox/mailbox-graph.ts';
import { MailboxService } from '../../server/src/mailbox/mailbox-service.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import type { Store } from '../../server/src/store/store.ts';
import { CLIENT_ID, createLocalIssuer, NOW, TENANT_ID, type LocalIssuer } from './local-issuer.ts';

/** These tests never reach Graph: any call is a failure. */
const noGraph: MailboxGraph = {
  getMessage: () => Promise.reject(new Error('Graph must not be called')),
  getMessageMime: () => Promise.reject(new Error('Graph must not be called')),
  moveMessage: () => Promise.reject(new Error('Graph must not be called')),
  ensureHiddenFolder: () => Promise.reject(new Error('Graph must not be called')),
  setCategories: () => Promise.reject(new Error('Graph must not be called')),
};

let dir: string;
let store: Store;
let app: FastifyInstance;
let issuer: LocalIssuer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lantern-auth-'));
  store = await openStore({ kind: 'sqlite', file: join(dir, 'db.sqlite') });
  issuer = await createLocalIssuer();
  const clock = new ManualClock(NOW);
  app = await buildApp({
    clock,
    verifier: createTokenVerifier({ tenantId: TENANT_ID, clientId: CLIENT_ID, keys: issuer.keys, clock }),
    mailbox: new MailboxService({ db: store.db, graph: noGraph, scorer: () => { throw new Error('not scored here'); }, clock }),
    logLevel: 'silent',
    // This file sends many refused tokens from one address; the failed-auth limiter has its own test.
    failedAuthLimit: { max: 10_000, timeWindowMs: 60_000 },
  });
});
afterAll(async () => {
  await app?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function status(url: string, token: string | null, method: 'GET' | 'POST' = 'GET'): Promise<{ code: number; body: unknown }> {
  const res = await app.inject({ method, url, ...(token !== null ? { headers: { authorization: `Bearer ${token}` } } : {}) });
  return { code: res.statusCode, body: res.json() };
}

describe('authentication of /api routes', () => {
  it('lets a valid token through and names the caller', async () => {
    const res = await status('/api/me', await issuer.token('oid-1'));
    expect(res).toEqual({ code: 200, body: { upn: 'oid-1@contoso.test', displayName: 'User oid-1', roles: [] } });
  });

  it('answers 401 with invalid_token for each kind of bad token, on every API route', async () => {
    const bad = [
      null,
      'garbage',
      await issuer.token('u', { issuer: 'https://login.microsoftonline.com/99999999-9999-9999-9999-999999999999/v2.0' }),
      await issuer.token('u', { audience: 'api://someone-else' }),
      await issuer.token('u', { claims: { tid: '99999999-9999-9999-9999-999999999999' } }),
      await issuer.token('u', { expiresIn: -3600 }),
      await issuer.token('u', { claims: { scp: 'User.Read' } }),
      await issuer.foreignToken('u'),
    ];
    for (const token of bad) {
      for (const [url, method] of [['/api/me', 'GET'], ['/api/held', 'GET'], ['/api/messages/m1/assessment', 'GET'], ['/api/messages/m1/report', 'POST'], ['/api/release-requests', 'GET']] as const) {
        const res = await status(url, token, method);
        expect(res.code, `${url} with token #${bad.indexOf(token)}`).toBe(401);
        expect(res.body).toEqual({ error: { code: 'invalid_token', message: expect.any(String) } });
      }
    }
  });

  it('answers 403 on security-team routes without the analyst role, 200 with it', async () => {
    const user = await issuer.token('u', { claims: { roles: ['Something.Else'] } });
    expect((await status('/api/release-requests', user)).code).toBe(403);
    expect((await status('/api/release-requests/r1/approve', user, 'POST')).code).toBe(403);
    const analyst = await issuer.token('a', { claims: { roles: ['Lantern.SecurityAnalyst'] } });
    expect(await status('/api/release-requests', analyst)).toEqual({ code: 200, body: { items: [] } });
  });

  it('leaves non-API paths alone and answers unknown ones with 404', async () => {
    expect((await status('/nothing', null)).code).toBe(404);
  });
});
