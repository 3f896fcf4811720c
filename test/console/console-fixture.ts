// The whole triage path end to end: the product as buildLantern wires it (app with the console and digest
// plugins, event-log pipeline), real SQLite store, real GraphApi against the simulator, tokens from the
// simulator's identity provider. Six users; a
// phishing campaign delivered to users 1–5; a newsletter with weeks of history delivered to everyone.
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import type { GraphMessage, MessageEvent, TenantScenario } from '@lantern/shared';
import { SECURITY_ANALYST_ROLE } from '@lantern/shared/api';
import { demoDepsFromSimulator } from '../../server/src/routes/demo-deps.ts';
import { remoteKeys } from '../../server/src/auth/remote-keys.ts';
import { createTokenVerifier } from '../../server/src/auth/token-verifier.ts';
import { ManualClock, systemClock } from '../../server/src/clock.ts';
import type { DigestService } from '../../server/src/digest/digest-service.ts';
import type { MailboxService } from '../../server/src/mailbox/mailbox-service.ts';
import { buildLantern } from '../../server/src/runtime/build-lantern.ts';
import { lanternMailboxFrom } from '../../server/src/mailbox/security-mailbox.ts';
import { startSimulator, type RunningSimulator } from '../../server/src/sim/simulator.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import type { Store } from '../../server/src/store/store.ts';
import type { TriageService } from '../../server/src/triage/triage-service.ts';
import { simulatorGraphApi } from '../../server/src/sim/simulator-graph-api.ts';

export const API_CLIENT_ID = 'cccccccc-1111-4222-8333-555555555555';
export const TENANT = 'aaaaaaaa-bbbb-4ccc-8ddd-ffffffffffff';
export const END = '2026-03-10T12:00:00.000Z';
export const USERS = [1, 2, 3, 4, 5, 6];
export const SECURITY_MAILBOX = 6;

export function userId(i: number): string {
  return `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
}

export function phishMime(to: string): string {
  const inner = 'https://login-m365.micros0ft-support.example/owa/verify';
  return [
    'From: "Microsoft 365" <no-reply@micros0ft-support.example>',
    `To: ${to}`,
    'Subject: Your mailbox is 97% full',
    'Date: Tue, 10 Mar 2026 09:00:00 +0000',
    'Message-ID: <storage-alert-1@micros0ft-support.example>',
    'Authentication-Results: spf=fail smtp.mailfrom=micros0ft-support.example; dkim=none; dmarc=fail header.from=micros0ft-support.example',
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    '',
    `<p>Your mailbox storage is almost full.</p><p><a href="https://eur01.safelinks.protection.outlook.com/?url=${encodeURIComponent(inner)}&amp;data=05">https://outlook.office365.com/storage</a></p>`,
    '',
  ].join('\r\n');
}

export function newsletterMime(to: string, issue: number, date: string): string {
  return [
    'From: "Contoso Weekly" <news@contoso-weekly.example>',
    `To: ${to}`,
    `Subject: Contoso Weekly #${issue}: the quarter in numbers`,
    `Date: ${new Date(date).toUTCString()}`,
    `Message-ID: <issue-${issue}@contoso-weekly.example>`,
    'Authentication-Results: spf=pass smtp.mailfrom=contoso-weekly.example; dkim=pass header.d=contoso-weekly.example; dmarc=pass header.from=contoso-weekly.example',
    'List-Unsubscribe: <https://contoso-weekly.example/unsubscribe>',
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    '',
    `<p>This week in numbers.</p><p><a href="https://contoso-weekly.example/issues/${issue}">Read the issue</a></p>`,
    '',
  ].join('\r\n');
}

function graphMessage(id: string, imid: string, at: string, subject: string, from: string, to: string): GraphMessage {
  return { id, internetMessageId: imid, subject, receivedDateTime: at, sentDateTime: at, from: { emailAddress: { address: from } }, toRecipients: [{ emailAddress: { address: to } }], isRead: false, categories: [] };
}

export const NEWSLETTER_ISSUES = [40, 41, 42, 43, 44];

export function scenario(): TenantScenario {
  const users = USERS.map((i) => ({ id: userId(i), userPrincipalName: `user${i}@contoso.test`, mail: `user${i}@contoso.test`, displayName: `User ${i}` }));
  const messages: NonNullable<TenantScenario['messages']> = [];
  for (const i of USERS) {
    const to = `user${i}@contoso.test`;
    if (i <= 5) {
      messages.push({ userId: userId(i), folder: 'inbox', message: graphMessage(`phish-${i}`, '<storage-alert-1@micros0ft-support.example>', '2026-03-10T09:00:00Z', 'Your mailbox is 97% full', 'no-reply@micros0ft-support.example', to), mime: phishMime(to) });
    }
    for (const [k, issue] of NEWSLETTER_ISSUES.entries()) {
      const at = new Date(Date.parse('2026-02-03T07:00:00Z') + k * 7 * 86_400_000).toISOString();
      messages.push({ userId: userId(i), folder: 'inbox', message: graphMessage(`news-${issue}-${i}`, `<issue-${issue}@contoso-weekly.example>`, at, `Contoso Weekly #${issue}: the quarter in numbers`, 'news@contoso-weekly.example', to), mime: newsletterMime(to, issue, at) });
    }
  }
  return { version: 1, tenant: { id: TENANT, displayName: 'Contoso', domains: ['contoso.test'] }, start: '2026-02-01T00:00:00Z', end: END, users, messages };
}

export interface ConsoleFixture {
  app: FastifyInstance;
  sim: RunningSimulator;
  store: Store;
  mailbox: MailboxService;
  triage: TriageService;
  digest: DigestService;
  /** Runs the pipeline to the end of the log (scoring, triage index, report triage). */
  drain(): Promise<void>;
  clock: ManualClock;
  token(user: number, options?: { analyst?: boolean }): Promise<string>;
  close(): Promise<void>;
}

export interface ConsoleFixtureOptions {
  /** Built add-in pages to serve under /addin/ (browser tests), and the demo endpoints. */
  addinDir?: string;
}

export async function startConsoleFixture(options: ConsoleFixtureOptions = {}): Promise<ConsoleFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-console-'));
  const clock = new ManualClock(END);
  const s = scenario();
  const sim = await startSimulator({ scenario: s, clock, throttling: false });
  const store = await openStore({ kind: 'sqlite', file: join(dir, 'lantern.sqlite') });
  const graph = simulatorGraphApi(sim, { logger: pino({ level: 'silent' }) });
  const verifier = createTokenVerifier({
    tenantId: sim.tenantId,
    clientId: API_CLIENT_ID,
    extraIssuers: [sim.issuer],
    keys: remoteKeys(sim.jwksUri, { caPem: sim.caPem }),
    clock: systemClock,
  });
  const linkSecret = randomBytes(32);
  const users = (await graph.listUsers()).users;
  const lantern = await buildLantern({
    store,
    graph,
    clock,
    logger: pino({ level: 'silent' }),
    tenantId: TENANT,
    tenantDomains: ['contoso.test'],
    internalDisplayNames: USERS.map((i) => `User ${i}`),
    security: lanternMailboxFrom(users, userId(SECURITY_MAILBOX), linkSecret, graph, clock),
    users,
    linkSecret,
    baseUrl: 'https://lantern.test',
    // Live scoring records only: triage is what removes mail in these tests.
    mailboxPolicy: { actOnInbound: false },
    digestUsers: async () => USERS.map((i) => ({ id: userId(i), upn: `user${i}@contoso.test`, displayName: `User ${i}` })),
    http: {
      verifier,
      clock,
      logLevel: 'silent',
      ...(options.addinDir
        ? { addinDir: options.addinDir, demo: (mailbox: MailboxService) => demoDepsFromSimulator({ simulator: sim, audience: API_CLIENT_ID, actions: mailbox.actions }) }
        : {}),
    },
  });
  const { app, mailbox, triage, digest } = lantern;

  // Every inbound message enters the event log, oldest first, as the message poller would commit it; the
  // pipeline scores each and indexes it for triage.
  const inbound = (s.messages ?? []).slice().sort((a, b) => (a.message.receivedDateTime! < b.message.receivedDateTime! ? -1 : 1));
  const events: MessageEvent[] = inbound.map((m) => {
    const at = m.message.receivedDateTime!;
    return {
      id: m.message.id, kind: 'message', at, userId: m.userId, upn: '', messageId: m.message.id,
      internetMessageId: m.message.internetMessageId ?? null, folder: 'inbox', subject: m.message.subject ?? null,
      fromAddress: m.message.from?.emailAddress.address ?? null, fromName: null, receivedAt: at,
    };
  });
  await store.commit({ events });
  await lantern.drain();

  return {
    app, sim, store, mailbox, triage, digest, clock,
    drain: () => lantern.drain(),
    token: (user, o = {}) => sim.mintUserToken({ user: userId(user), audience: API_CLIENT_ID, ...(o.analyst ? { roles: [SECURITY_ANALYST_ROLE] } : {}) }),
    async close() {
      await lantern.close();
      await store.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function folderOf(sim: RunningSimulator, user: number, messageId: string): string | null {
  const where = sim.state.whereIs(userId(user), messageId);
  return where ? (where.wellKnownName ?? where.folderName) : null;
}
