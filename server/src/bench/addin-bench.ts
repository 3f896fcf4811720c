// The add-in benchmark (`lantern bench addin`): task-pane JavaScript size (gzip) and the time from task-pane
// load to the narrative on screen, in headless Chromium against the real backend on loopback.
//
// It also exports what that measurement needs, which the end-to-end test (test/e2e) reuses: startAddinStack
// (the tenant simulator with a generated scenario plus a hand-made credential phish, the real Graph client,
// store, mailbox service and scorer, live scoring of every inbox message so phish is held or link-locked as in
// production, and buildApp serving the built add-in under /addin/ with the demo endpoints on
// http://127.0.0.1:PORT) and launchChromium (the system Chromium, fresh profile).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { GraphMessage, TenantScenario } from '@lantern/shared';
import { buildApp } from '../app.ts';
import { remoteKeys } from '../auth/remote-keys.ts';
import { createTokenVerifier } from '../auth/token-verifier.ts';
import { ManualClock, systemClock } from '../clock.ts';
import { normaliseMessage } from '../ingest/normalise.ts';
import { mailboxGraphFrom } from '../mailbox/mailbox-graph-from.ts';
import { createMailScorer } from '../mailbox/mail-scorer-default.ts';
import { MailboxService, type InboundOutcome } from '../mailbox/mailbox-service.ts';
import type { MailboxPolicy } from '../mailbox/mailbox-policy.ts';
import { demoDepsFromSimulator } from '../routes/demo-deps.ts';
import { generateScenario } from '../sim/generator/generate.ts';
import { startSimulator, type RunningSimulator } from '../sim/simulator.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { buildAddin, entryFiles } from '../../../addin/src/build/build-addin.ts';
import { simulatorGraphApi } from '../sim/simulator-graph-api.ts';

export const API_CLIENT_ID = 'cccccccc-1111-4222-8333-444444444444';
export const EXTRA_PHISH_ID = 'lantern-e2e-credential-phish';
export const EXTRA_PHISH_SUBJECT = 'Action required: your mailbox storage is full';

export interface AddinStack {
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  sim: RunningSimulator;
  mailbox: MailboxService;
  scenario: TenantScenario;
  /** What live scoring did to each inbox message, by user id. */
  outcomes: Map<string, ScoredInbound[]>;
  close(): Promise<void>;
}

/** An external credential phish: lookalike sender, failed authentication, link text that lies. */
function credentialPhish(to: { id: string; upn: string }, domain: string, at: string, n: number): { message: GraphMessage; mime: string } {
  const mime = [
    'From: "Microsoft 365 Mail" <no-reply@micros0ft-mailbox.example>',
    'Reply-To: storage-desk@mailbox-quota.example',
    `To: ${to.upn}`,
    `Subject: ${EXTRA_PHISH_SUBJECT}`,
    `Date: ${new Date(at).toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <storage-full-${n}@micros0ft-mailbox.example>`,
    `Authentication-Results: ${domain}; spf=fail smtp.mailfrom=micros0ft-mailbox.example; dkim=none; dmarc=fail header.from=micros0ft-mailbox.example`,
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Your mailbox is full. Incoming mail will be rejected within 24 hours.</p>',
    `<p><a href="http://198.51.100.23/owa/auth/verify.php?u=${encodeURIComponent(to.upn)}">https://outlook.office.com/storage</a></p>`,
    '<p>Verify your password now to keep receiving mail.</p>',
    '',
  ].join('\r\n');
  return {
    mime,
    message: {
      id: `${EXTRA_PHISH_ID}-${n}`,
      internetMessageId: `<storage-full-${n}@micros0ft-mailbox.example>`,
      subject: EXTRA_PHISH_SUBJECT,
      receivedDateTime: at,
      sentDateTime: at,
      from: { emailAddress: { name: 'Microsoft 365 Mail', address: 'no-reply@micros0ft-mailbox.example' } },
      toRecipients: [{ emailAddress: { address: to.upn } }],
      isRead: false,
      categories: [],
    },
  };
}

export interface ScoredInbound extends InboundOutcome {
  subject: string | null;
}

export interface AddinStackOptions {
  /** The built add-in (served under /addin/). */
  addinDir: string;
  seed?: number;
  users?: number;
  /** Tenant mailbox policy, e.g. { releaseApprovalThreshold: 101 } to let users release any held mail. */
  policy?: Partial<MailboxPolicy>;
}

export async function startAddinStack(options: AddinStackOptions): Promise<AddinStack> {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-addin-e2e-'));
  const scenario = generateScenario({ users: options.users ?? 8, days: 3, seed: options.seed ?? 7 });
  const chain = scenario.labels?.find((l) => l.kind === 'attack' && l.name === 'classic-chain');
  const domain = scenario.tenant.domains[0] ?? 'contoso.example';
  // The classic chain's DocSend share reaches the compromised account's colleagues; an external credential
  // phish lands in the same mailboxes, so the demo shows a held message beside it.
  const targets = chainRecipients(scenario);
  if (!chain || targets.length === 0) throw new Error('the generated scenario has no classic chain phish');
  const at = new Date(Date.parse(scenario.end) - 3_600_000).toISOString();
  const extra = targets.map((t, i) => {
    const phish = credentialPhish({ id: t.id, upn: t.userPrincipalName ?? '' }, domain, at, i);
    return { userId: t.id, folder: 'inbox', message: phish.message, mime: phish.mime };
  });
  scenario.messages = [...(scenario.messages ?? []), ...extra];

  const clock = new ManualClock(scenario.end);
  const sim = await startSimulator({ scenario, clock, throttling: false });
  const store: Store = await openStore({ kind: 'sqlite', file: join(dir, 'lantern.sqlite') });
  const graph = simulatorGraphApi(sim, { logger: pino({ level: 'silent' }) });
  const users = scenario.users ?? [];
  const mailbox = new MailboxService({
    db: store.db,
    graph: mailboxGraphFrom(graph),
    scorer: createMailScorer({ domains: scenario.tenant.domains, internalDisplayNames: users.map((u) => u.displayName ?? '').filter(Boolean) }),
    clock,
    ...(options.policy ? { policy: options.policy } : {}),
  });
  const verifier = createTokenVerifier({
    tenantId: sim.tenantId,
    clientId: API_CLIENT_ID,
    extraIssuers: [sim.issuer],
    keys: remoteKeys(sim.jwksUri, { caPem: sim.caPem }),
    clock: systemClock,
  });

  // Live scoring, as the ingestion runtime drives it: every inbox message through scoreInboundMessage.
  const outcomes = new Map<string, ScoredInbound[]>();
  for (const user of users) {
    const upn = user.userPrincipalName ?? '';
    const list: ScoredInbound[] = [];
    let link: string | null = null;
    for (let page = 0; page < 50; page++) {
      const delta = await graph.inboxDelta(user.id, link);
      for (const raw of delta.records) {
        const event = normaliseMessage(raw, user.id, upn, 'inbox');
        if (event.ok) list.push({ ...(await mailbox.scoreInboundMessage(event.value)), subject: event.value.subject });
      }
      if (!delta.nextLink) break;
      link = delta.nextLink;
    }
    outcomes.set(user.id, list);
  }

  const app: FastifyInstance = await buildApp({
    clock,
    verifier,
    mailbox,
    logLevel: 'silent',
    addinDir: options.addinDir,
    demo: demoDepsFromSimulator({ simulator: sim, audience: API_CLIENT_ID, actions: mailbox.actions }),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    sim,
    mailbox,
    scenario,
    outcomes,
    async close() {
      await app.close();
      await store.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Colleagues who received the classic chain's "Document shared … Click Here" phish in their inbox. */
export function chainRecipients(scenario: TenantScenario): { id: string; userPrincipalName?: string | null; displayName?: string | null }[] {
  const ids = new Set(
    (scenario.messages ?? [])
      .filter((m) => m.folder === 'inbox' && /Click Here/.test(m.mime ?? '') && /^Document shared/.test(m.message.subject ?? ''))
      .map((m) => m.userId),
  );
  return (scenario.users ?? []).filter((u) => ids.has(u.id));
}

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface HeadlessChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** The system Chromium with a fresh profile directory (removed on close). */
export async function launchChromium(options: { executablePath?: string } = {}): Promise<HeadlessChromium> {
  const executablePath = options.executablePath ?? CHROMIUM_PATH;
  if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath} (apt-get install -y chromium)`);
  const profile = mkdtempSync(join(tmpdir(), 'lantern-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A user whose inbox still shows the classic chain's "Document shared" phish (tagged or link-locked by live
 * scoring) and who has a held message, with those messages' ids.
 */
export function demoUserWithPhishAndHeld(stack: AddinStack): { userId: string; phishId: string; heldId: string } {
  for (const [userId, outcomes] of stack.outcomes) {
    const phish = outcomes.find((o) => (o.action === 'links-locked' || o.action === 'tagged') && /^Document shared/.test(o.subject ?? ''));
    const held = outcomes.find((o) => o.action === 'held');
    if (phish && held) return { userId, phishId: phish.messageId, heldId: held.messageId };
  }
  const summary = [...stack.outcomes.values()].map((o) => o.map((x) => `${x.action}:${x.score}`).join(' ')).join(' | ');
  throw new Error(`no simulated user has both the chain's phish in the inbox and a held message (${summary})`);
}

export const PANE_FRAME = 'iframe[title="Lantern task pane"]';
export const NARRATIVE_MARK = 'lantern:narrative-shown';

/** Opens a message in the demo mailbox and waits for the task pane's narrative; returns the mark's time. */
export async function openAndTimeNarrative(page: Page, messageId: string): Promise<number> {
  await page.locator(`button[data-message-id="${messageId}"]`).click();
  const frame = page.frameLocator(PANE_FRAME);
  await frame.locator('[data-testid="narrative"]').waitFor({ state: 'visible', timeout: 20_000 });
  const handle = await page.locator(PANE_FRAME).elementHandle();
  const content = await handle?.contentFrame();
  if (!content) throw new Error('the task pane frame is gone');
  return content.evaluate((mark) => {
    const entry = performance.getEntriesByName(mark)[0];
    if (!entry) throw new Error('no narrative mark');
    return entry.startTime;
  }, NARRATIVE_MARK);
}

export interface AddinBenchOptions {
  /** Timed runs after one warm-up (default 10). */
  runs?: number;
  executablePath?: string;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export async function benchAddin(opts: AddinBenchOptions): Promise<Record<string, number | string>> {
  const runs = opts.runs ?? 10;
  const outDir = mkdtempSync(join(tmpdir(), 'lantern-addin-build-'));
  try {
    const built = await buildAddin({ outDir, pages: ['taskpane', 'demo'] });
    const files = entryFiles(built.manifest, 'taskpane.html').filter((f) => f.endsWith('.js'));
    let raw = 0;
    let gz = 0;
    for (const f of files) {
      const buf = await readFile(join(outDir, f));
      raw += buf.length;
      gz += gzipSync(buf, { level: 9 }).length;
    }
    const stack = await startAddinStack({ addinDir: outDir });
    const browser = await launchChromium(opts.executablePath ? { executablePath: opts.executablePath } : {});
    try {
      const { userId, phishId } = demoUserWithPhishAndHeld(stack);
      const page = await browser.context.newPage();
      // Unpinned: Outlook opens the pane afresh for each message, so every run is a full task-pane load.
      await page.goto(`${stack.baseUrl}/addin/demo.html?user=${encodeURIComponent(userId)}`);
      await page.getByRole('switch', { name: 'Pin task pane' }).uncheck();
      const cold = await openAndTimeNarrative(page, phishId);
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        await page.getByRole('button', { name: 'Close task pane' }).click();
        times.push(await openAndTimeNarrative(page, phishId));
      }
      const kb = (n: number) => Math.round((n / 1024) * 10) / 10;
      return {
        taskpane_js_files: files.length,
        taskpane_js_raw_kb: kb(raw),
        taskpane_js_gzip_kb: kb(gz),
        taskpane_js_gzip_target_kb: 200,
        narrative_cold_ms: Math.round(cold),
        narrative_median_ms: Math.round(median(times)),
        narrative_min_ms: Math.round(Math.min(...times)),
        narrative_max_ms: Math.round(Math.max(...times)),
        narrative_target_ms: 500,
        runs,
        within_targets: kb(gz) <= 200 && median(times) <= 500 ? 'yes' : 'no',
      };
    } finally {
      await browser.close();
      await stack.close();
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
