// buildApp wiring: public health, incidents behind the analyst role, the built add-in under /addin/, and the
// one error handler hiding 5xx details (logged, redacted) from the caller.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/src/app.ts';
import { createTokenVerifier } from '../../server/src/auth/token-verifier.ts';
import { ManualClock } from '../../server/src/clock.ts';
import type { MailboxGraph } from '../../server/src/mailbox/mailbox-graph.ts';
import { MailboxService } from '../../server/src/mailbox/mailbox-service.ts';
import type { IngestionHealth } from '../../server/src/runtime/start-ingestion.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import type { Store } from '../../server/src/store/store.ts';
import { CLIENT_ID, createLocalIssuer, NOW, TENANT_ID, type LocalIssuer } from '../auth/local-issuer.ts';

const SECRET = 'graph-said-something-internal-x9';
/** Graph failing in a way the caller cannot fix. */
const brokenGraph: MailboxGraph = {
  getMessage: () => Promise.reject(new Error(`upstream exploded: ${SECRET}`)),
  getMessageMime: () => Promise.reject(new Error(SECRET)),
  moveMessage: () => Promise.reject(new Error(SECRET)),
  ensureHiddenFolder: () => Promise.reject(new Error(SECRET)),
  setCategories: () => Promise.reject(new Error(SECRET)),
};

const source = { state: 'idle' as const, lastPollAt: null, lastSuccessAt: null, completeThrough: null, cursor: null, records: 0, skipped: 0, errors: 0, lastError: null, throttled: 0, consecutiveFailures: 0, consecutiveRunsWithErrors: 0, failingMailboxes: 0, failingMailboxIds: [] };
const GUID = '6f1d2c4e-9a7b-4c3d-8e2f-0a1b2c3d4e5f';
/** A source stuck on two mailboxes: its details name a user, an object id and a Graph URL. */
const stuck = {
  ...source,
  state: 'degraded' as const,
  errors: 40,
  consecutiveRunsWithErrors: 3,
  failingMailboxes: 2,
  failingMailboxIds: [GUID, 'a2b3c4d5-0000-4000-8000-000000000002'],
  lastError: `messages of adele.vance@contoso.com: GET https://graph.microsoft.com/v1.0/users/${GUID}/mailFolders/inbox/messages/delta?$deltatoken=x failed`,
  cursor: 'delta links for 20 mailboxes',
};
const health: IngestionHealth = { status: 'degraded', sources: { signIns: source, directoryAudits: source, inboxRules: source, messages: stuck } };

let dir: string;
let store: Store;
let app: FastifyInstance;
let issuer: LocalIssuer;
const logs: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lantern-wiring-'));
  mkdirSync(join(dir, 'addin'));
  writeFileSync(join(dir, 'addin', 'taskpane.html'), '<!doctype html><title>Lantern task pane</title>');
  store = await openStore({ kind: 'sqlite', file: join(dir, 'db.sqlite') });
  issuer = await createLocalIssuer();
  const clock = new ManualClock(NOW);
  app = await buildApp({
    clock,
    verifier: createTokenVerifier({ tenantId: TENANT_ID, clientId: CLIENT_ID, keys: issuer.keys, clock }),
    mailbox: new MailboxService({ db: store.db, graph: brokenGraph, scorer: () => { throw new Error('unused'); }, clock }),
    logLevel: 'info',
    logStream: new Writable({ write: (c: Buffer, _e, cb) => { logs.push(c.toString('utf8')); cb(); } }),
    health: { health: () => health },
    incidents: { source: { incidents: () => [] } },
    addinDir: join(dir, 'addin'),
  });
});
afterAll(async () => {
  await app?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('app wiring', () => {
  it('serves /api/health without a token: states and counters, nothing naming a user, an object or a URL', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'degraded', sources: { messages: { state: 'degraded', errors: 40, failingMailboxes: 2 } } });
    expect(res.body).not.toMatch(/@/);
    expect(res.body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    expect(res.body).not.toMatch(/https?:|graph\.microsoft/i);
    const messages = (res.json() as { sources: { messages: Record<string, unknown> } }).sources.messages;
    expect(Object.keys(messages)).not.toContain('cursor');
    expect(Object.keys(messages)).not.toContain('lastError');
    expect(Object.keys(messages)).not.toContain('failingMailboxIds');
  });

  it('gives health details (last error, cursor, mailbox ids) to the analyst role only', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/health/details' })).statusCode).toBe(401);
    const user = await issuer.token('u1');
    expect((await app.inject({ method: 'GET', url: '/api/health/details', headers: { authorization: `Bearer ${user}` } })).statusCode).toBe(403);
    const analyst = await issuer.token('a1', { claims: { roles: ['Lantern.SecurityAnalyst'] } });
    const res = await app.inject({ method: 'GET', url: '/api/health/details', headers: { authorization: `Bearer ${analyst}` } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'degraded', sources: { messages: { lastError: stuck.lastError, cursor: stuck.cursor, failingMailboxIds: stuck.failingMailboxIds } } });
  });

  it('guards /api/incidents with a token and the analyst role', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/incidents' })).statusCode).toBe(401);
    const user = await issuer.token('u1');
    expect((await app.inject({ method: 'GET', url: '/api/incidents', headers: { authorization: `Bearer ${user}` } })).statusCode).toBe(403);
    const analyst = await issuer.token('a1', { claims: { roles: ['Lantern.SecurityAnalyst'] } });
    const ok = await app.inject({ method: 'GET', url: '/api/incidents', headers: { authorization: `Bearer ${analyst}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ items: [], total: 0 });
  });

  it('answers / with a landing page that links the console and health, under a strict CSP without script', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toMatch(/script-src/);
    expect(res.body).toContain('href="/addin/console.html"');
    expect(res.body).toContain('href="/api/health"');
    expect(res.body).not.toContain('<script');
    // Not demo mode here: no demo mailbox link.
    expect(res.body).not.toContain('demo.html');
    // The style is allowed by its hash, so it is the exact inline style the page carries.
    const style = /<style>([^<]*)<\/style>/.exec(res.body)?.[1] ?? '';
    const { createHash } = await import('node:crypto');
    expect(csp).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
  });

  it('sends a browser that opens the printed incidents address to the console page', async () => {
    const res = await app.inject({ method: 'GET', url: '/incidents' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/addin/console.html');
  });

  it('serves the built add-in under /addin/', async () => {
    const res = await app.inject({ method: 'GET', url: '/addin/taskpane.html' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Lantern task pane');
    expect((await app.inject({ method: 'GET', url: '/addin/../db.sqlite' })).statusCode).toBe(404);
  });

  it('answers a server-side failure with a bare 500 and logs the cause, without the token', async () => {
    const token = await issuer.token('u1');
    const res = await app.inject({ method: 'GET', url: '/api/messages/m1/assessment', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'internal_error', message: 'Internal Server Error' } });
    expect(res.body).not.toContain(SECRET);
    const text = logs.join('');
    expect(text).toContain(SECRET);
    expect(text).not.toContain(token.split('.')[2]!);
  });
});
