// Test fixture for test/routes and test/mailbox: the product as buildLantern wires it over a real SQLite store in a
// temporary directory, the real GraphApi (msal-node + Graph client) against a real simulator, and user
// tokens minted by the simulator's identity provider (validated through its JWKS over HTTPS).
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import type { GraphMessage, TenantScenario } from '@lantern/shared';
import { SECURITY_ANALYST_ROLE, type PublicConfigResponse } from '@lantern/shared/api';
import { remoteKeys } from '../../server/src/auth/remote-keys.ts';
import { createTokenVerifier, type TokenVerifier } from '../../server/src/auth/token-verifier.ts';
import { ManualClock, systemClock } from '../../server/src/clock.ts';
import type { MailboxService } from '../../server/src/mailbox/mailbox-service.ts';
import type { MailboxPolicy } from '../../server/src/mailbox/mailbox-policy.ts';
import { demoDepsFromSimulator } from '../../server/src/routes/demo-deps.ts';
import { startSimulator, type RunningSimulator } from '../../server/src/sim/simulator.ts';
import { buildLantern } from '../../server/src/runtime/build-lantern.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import type { Store, StoreConfig } from '../../server/src/store/store.ts';
import { simulatorGraphApi } from '../../server/src/sim/simulator-graph-api.ts';

export const API_CLIENT_ID = 'cccccccc-1111-4222-8333-444444444444';
export const TENANT = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
export const T0 = '2026-03-01T00:00:00.000Z';
export const END = '2026-03-03T00:00:00.000Z';

export function userId(i: number): string {
  return `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
}

export const PHISH_MIME = [
  'From: "Microsoft 365 Security" <security-alert@micros0ft-verify.example>',
  'Reply-To: recover@mailbox-recovery.example',
  'To: user1@contoso.test',
  'Subject: Urgent: your mailbox will be suspended today',
  'Date: Sun, 01 Mar 2026 09:00:00 +0000',
  'Message-ID: <phish-1@micros0ft-verify.example>',
  'Authentication-Results: contoso.test; spf=fail smtp.mailfrom=micros0ft-verify.example; dkim=none; dmarc=fail header.from=micros0ft-verify.example',
  'MIME-Version: 1.0',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>Dear user, your password expires today. Verify your account immediately or your mailbox will be suspended.</p>',
  '<p><a href="http://198.51.100.7/login/microsoft/verify.php?u=user1">https://login.microsoftonline.com/verify</a></p>',
  '',
].join('\r\n');

export function benignMime(n: number, to = 'user1@contoso.test'): string {
  return [
    'From: "Ana Colleague" <ana@contoso.test>',
    `To: ${to}`,
    `Subject: Notes from meeting ${n}`,
    'Date: Sun, 01 Mar 2026 08:00:00 +0000',
    `Message-ID: <note-${n}@contoso.test>`,
    'Authentication-Results: contoso.test; spf=pass smtp.mailfrom=contoso.test; dkim=pass header.d=contoso.test; dmarc=pass header.from=contoso.test',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Hi, here are the notes from meeting ${n}. See you on Tuesday.`,
    '',
  ].join('\r\n');
}

function graphMessage(id: string, at: string, subject: string, from: string, to: string): GraphMessage {
  return {
    id,
    internetMessageId: `<${id}@test>`,
    subject,
    receivedDateTime: at,
    sentDateTime: at,
    from: { emailAddress: { address: from } },
    toRecipients: [{ emailAddress: { address: to } }],
    isRead: false,
    categories: [],
  };
}

/** Three users; user 1 has a phishing message and two ordinary ones, user 2 one ordinary message. */
export function scenario(): TenantScenario {
  const users = [1, 2, 3].map((i) => ({ id: userId(i), userPrincipalName: `user${i}@contoso.test`, mail: `user${i}@contoso.test`, displayName: `User ${i}` }));
  return {
    version: 1,
    tenant: { id: TENANT, displayName: 'Contoso', domains: ['contoso.test'] },
    start: T0,
    end: END,
    users,
    messages: [
      { userId: userId(1), folder: 'inbox', message: graphMessage('msg-phish', '2026-03-01T09:00:00Z', 'Urgent: your mailbox will be suspended today', 'security-alert@micros0ft-verify.example', 'user1@contoso.test'), mime: PHISH_MIME },
      { userId: userId(1), folder: 'inbox', message: graphMessage('msg-note-1', '2026-03-01T08:00:00Z', 'Notes from meeting 1', 'ana@contoso.test', 'user1@contoso.test'), mime: benignMime(1) },
      { userId: userId(1), folder: 'inbox', message: graphMessage('msg-note-2', '2026-03-01T08:30:00Z', 'Notes from meeting 2', 'ana@contoso.test', 'user1@contoso.test'), mime: benignMime(2) },
      { userId: userId(2), folder: 'inbox', message: graphMessage('msg-u2', '2026-03-01T08:00:00Z', 'Notes from meeting 3', 'ana@contoso.test', 'user2@contoso.test'), mime: benignMime(3, 'user2@contoso.test') },
    ],
  };
}

export interface FixtureOptions {
  rateLimit?: { max: number; timeWindowMs: number };
  demo?: boolean;
  policy?: Partial<MailboxPolicy>;
  captureLogs?: boolean;
  /** Replaces the simulator-backed token verifier (e.g. a local issuer's, for forged-token tests). */
  verifier?: TokenVerifier;
  /** Serve this directory as the built add-in under /addin/. */
  addinDir?: string;
  /** Build the pollers (not started), so /api/health is served. */
  ingestion?: boolean;
  publicConfig?: PublicConfigResponse;
  failedAuthLimit?: { max: number; timeWindowMs: number };
  /** The store to open (default: SQLite in the fixture's temporary directory). */
  storeConfig?: StoreConfig;
}

export interface AppFixture {
  app: FastifyInstance;
  sim: RunningSimulator;
  store: Store;
  mailbox: MailboxService;
  clock: ManualClock;
  logs: string[];
  /** Runs the pipeline's consumers to the end of the log (reports reach triage). */
  drain(): Promise<void>;
  token(user: number, options?: { analyst?: boolean; audience?: string; scopes?: string[] }): Promise<string>;
  close(): Promise<void>;
}

export async function startFixture(options: FixtureOptions = {}): Promise<AppFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-api-'));
  const clock = new ManualClock(END);
  const sim = await startSimulator({ scenario: scenario(), clock, throttling: false });
  const store = await openStore(options.storeConfig ?? { kind: 'sqlite', file: join(dir, 'lantern.sqlite') });
  const graph = simulatorGraphApi(sim, { logger: pino({ level: 'silent' }) });
  const verifier = options.verifier ?? createTokenVerifier({
    tenantId: sim.tenantId,
    clientId: API_CLIENT_ID,
    extraIssuers: [sim.issuer],
    keys: remoteKeys(sim.jwksUri, { caPem: sim.caPem }),
    clock: systemClock,
  });
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString('utf8'));
      cb();
    },
  });
  const lantern = await buildLantern({
    store,
    graph,
    clock,
    logger: pino({ level: 'silent' }),
    tenantId: TENANT,
    tenantDomains: ['contoso.test'],
    internalDisplayNames: ['User 1', 'User 2', 'User 3', 'Ana Colleague'],
    security: null,
    linkSecret: randomBytes(32),
    baseUrl: 'https://lantern.test',
    ...(options.policy ? { mailboxPolicy: options.policy } : {}),
    ...(options.ingestion ? { ingestion: {} } : {}),
    http: {
      verifier,
      clock,
      logLevel: options.captureLogs ? 'debug' : 'silent',
      ...(options.captureLogs ? { logStream } : {}),
      ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
      ...(options.failedAuthLimit ? { failedAuthLimit: options.failedAuthLimit } : {}),
      ...(options.addinDir ? { addinDir: options.addinDir } : {}),
      ...(options.publicConfig ? { publicConfig: { config: options.publicConfig } } : {}),
      demo: options.demo ? (mailbox: MailboxService) => demoDepsFromSimulator({ simulator: sim, audience: API_CLIENT_ID, actions: mailbox.actions }) : null,
    },
  });
  const { app, mailbox } = lantern;
  return {
    app,
    sim,
    store,
    mailbox,
    clock,
    logs,
    drain: () => lantern.drain(),
    token: (user, o = {}) =>
      sim.mintUserToken({
        user: userId(user),
        audience: o.audience ?? API_CLIENT_ID,
        ...(o.scopes ? { scopes: o.scopes } : {}),
        ...(o.analyst ? { roles: [SECURITY_ANALYST_ROLE] } : {}),
      }),
    async close() {
      await lantern.close();
      await store.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Where the simulator has a user's message now (folder well-known name or display name). */
export function folderOf(sim: RunningSimulator, user: number, messageId: string): string | null {
  const where = sim.state.whereIs(userId(user), messageId);
  return where ? (where.wellKnownName ?? where.folderName) : null;
}
