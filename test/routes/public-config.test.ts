// GET /api/public-config: the console's sign-in settings, served without a token, validated against the shared
// schema, never carrying a secret; and the helpers start-lantern uses to derive them from the configuration.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Value } from '@sinclair/typebox/value';
import { PublicConfigResponse } from '@lantern/shared/api';
import { buildApp } from '../../server/src/app.ts';
import { createTokenVerifier } from '../../server/src/auth/token-verifier.ts';
import { ManualClock } from '../../server/src/clock.ts';
import type { MailboxGraph } from '../../server/src/mailbox/mailbox-graph.ts';
import { MailboxService } from '../../server/src/mailbox/mailbox-service.ts';
import { demoPublicConfig, PublicConfigError, tenantPublicConfig } from '../../server/src/routes/public-config.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import type { Store } from '../../server/src/store/store.ts';
import { CLIENT_ID, createLocalIssuer, NOW, TENANT_ID } from '../auth/local-issuer.ts';

const unusedGraph: MailboxGraph = {
  getMessage: () => Promise.reject(new Error('unused')),
  getMessageMime: () => Promise.reject(new Error('unused')),
  moveMessage: () => Promise.reject(new Error('unused')),
  ensureHiddenFolder: () => Promise.reject(new Error('unused')),
  setCategories: () => Promise.reject(new Error('unused')),
};

let dir: string;
let store: Store;
const apps: FastifyInstance[] = [];

async function appWith(publicConfig: Parameters<typeof buildApp>[0]['publicConfig']): Promise<FastifyInstance> {
  const issuer = await createLocalIssuer();
  const clock = new ManualClock(NOW);
  const app = await buildApp({
    clock,
    verifier: createTokenVerifier({ tenantId: TENANT_ID, clientId: CLIENT_ID, keys: issuer.keys, clock }),
    mailbox: new MailboxService({ db: store.db, graph: unusedGraph, scorer: () => { throw new Error('unused'); }, clock }),
    logLevel: 'silent',
    ...(publicConfig !== undefined ? { publicConfig } : {}),
  });
  apps.push(app);
  return app;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lantern-public-config-'));
  store = await openStore({ kind: 'sqlite', file: join(dir, 'db.sqlite') });
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/public-config', () => {
  it('answers the tenant settings without a token, in the shared schema, and not cached', async () => {
    const config = tenantPublicConfig({ tenantId: TENANT_ID, apiClientId: CLIENT_ID, publicUrl: 'https://lantern.contoso.test' });
    const app = await appWith({ config });
    const res = await app.inject({ method: 'GET', url: '/api/public-config' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body: unknown = res.json();
    expect(Value.Check(PublicConfigResponse, body)).toBe(true);
    expect(body).toEqual({
      mode: 'tenant',
      clientId: CLIENT_ID,
      authority: `https://login.microsoftonline.com/${TENANT_ID}`,
      scope: `api://lantern.contoso.test/${CLIENT_ID}/access_as_user`,
    });
  });

  it('is not public when the app is built without it (an ordinary /api path: a token is needed)', async () => {
    const app = await appWith(null);
    const res = await app.inject({ method: 'GET', url: '/api/public-config' });
    expect(res.statusCode).toBe(401);
  });

  it('answers only the schema\'s fields: an extra (secret) field given by mistake is not sent', async () => {
    const config = { ...demoPublicConfig({ authority: `https://localhost:4443/${TENANT_ID}`, apiClientId: CLIENT_ID }), clientSecret: 'never-send-this' };
    const app = await appWith({ config });
    const res = await app.inject({ method: 'GET', url: '/api/public-config' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('never-send-this');
    expect(res.json()).toMatchObject({ mode: 'demo', clientId: CLIENT_ID, knownAuthorities: ['localhost:4443'] });
  });

  it('refuses a non-https authority when the app is built', async () => {
    await expect(appWith({ config: { mode: 'tenant', clientId: CLIENT_ID, authority: `http://login.example/${TENANT_ID}`, scope: `${CLIENT_ID}/access_as_user` } })).rejects.toThrow(PublicConfigError);
  });
});

describe('tenantPublicConfig', () => {
  it('names the API by client id when the public URL is unknown, and honours another authority host', () => {
    expect(tenantPublicConfig({ tenantId: TENANT_ID, apiClientId: CLIENT_ID, authorityHost: 'https://login.microsoftonline.us/', publicUrl: null })).toEqual({
      mode: 'tenant',
      clientId: CLIENT_ID,
      authority: `https://login.microsoftonline.us/${TENANT_ID}`,
      scope: `${CLIENT_ID}/access_as_user`,
    });
  });
});
