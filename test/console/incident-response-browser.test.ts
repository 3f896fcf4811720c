// Incident response in the console, in headless Chromium, over the product as buildLantern wires it against the
// simulator: the identity pipeline raises the takeover incident from the scenario's sign-ins, audits and inbox
// rules; the analyst acknowledges it, removes the attacker's hidden inbox rule (after a confirmation step), marks
// it contained, undoes the removal and resolves it. The simulator's mailbox shows each step; the audit trail
// lists them. LANTERN_SCREENSHOT_DIR=docs refreshes docs/incident-response.png.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAddin } from '../../addin/src/build/build-addin.ts';
import { remoteKeys } from '../../server/src/auth/remote-keys.ts';
import { createTokenVerifier } from '../../server/src/auth/token-verifier.ts';
import { CHROMIUM_PATH, launchChromium, type HeadlessChromium } from '../../server/src/bench/addin-bench.ts';
import { ManualClock, systemClock } from '../../server/src/clock.ts';
import { scenarioToEvents } from '../../server/src/identity/scenario-events.ts';
import type { MailboxService } from '../../server/src/mailbox/mailbox-service.ts';
import { demoDepsFromSimulator } from '../../server/src/routes/demo-deps.ts';
import { buildLantern, type Lantern } from '../../server/src/runtime/build-lantern.ts';
import { startSimulator, type RunningSimulator } from '../../server/src/sim/simulator.ts';
import { simulatorGraphApi } from '../../server/src/sim/simulator-graph-api.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import type { Store } from '../../server/src/store/store.ts';
import { attackScenario } from '../identity/graph-scenario.ts';

const haveChromium = existsSync(CHROMIUM_PATH);
const API_CLIENT_ID = 'cccccccc-1111-4222-8333-666666666666';
const screenshotDir = process.env.LANTERN_SCREENSHOT_DIR ?? null;

describe.skipIf(!haveChromium)('incident response in the console (headless Chromium)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-incident-ui-'));
  let sim: RunningSimulator;
  let store: Store;
  let lantern: Lantern;
  let browser: HeadlessChromium;
  let page: Page;
  let baseUrl = '';

  beforeAll(async () => {
    const scenario = attackScenario();
    const outDir = join(dir, 'dist');
    await buildAddin({ outDir, pages: ['console'] });
    const clock = new ManualClock(scenario.end);
    sim = await startSimulator({ scenario, clock, throttling: false });
    store = await openStore({ kind: 'sqlite', file: join(dir, 'lantern.sqlite') });
    const graph = simulatorGraphApi(sim, { logger: pino({ level: 'silent' }) });
    const verifier = createTokenVerifier({ tenantId: sim.tenantId, clientId: API_CLIENT_ID, extraIssuers: [sim.issuer], keys: remoteKeys(sim.jwksUri, { caPem: sim.caPem }), clock: systemClock });
    lantern = await buildLantern({
      store, graph, clock, logger: pino({ level: 'silent' }), tenantId: scenario.tenant.id, tenantDomains: scenario.tenant.domains,
      internalDisplayNames: [], security: null, linkSecret: randomBytes(32), baseUrl: 'https://lantern.test',
      digestUsers: async () => [],
      http: { verifier, clock, logLevel: 'silent', addinDir: outDir, demo: (mailbox: MailboxService) => demoDepsFromSimulator({ simulator: sim, audience: API_CLIENT_ID, actions: mailbox.actions }) },
    });
    // The identity events enter the log as the pollers would commit them; the pipeline raises the incident.
    await store.commit({ events: scenarioToEvents(scenario).events.filter((e) => e.kind !== 'message') });
    await lantern.drain();
    expect(lantern.engine.incidents().some((i) => i.users.includes('alice@contoso.com') && (i.severity === 'high' || i.severity === 'critical'))).toBe(true);
    baseUrl = (await lantern.app.listen({ host: '127.0.0.1', port: 0 })).replace('127.0.0.1', 'localhost');
    browser = await launchChromium();
    page = await browser.context.newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await lantern?.close();
    await store?.close();
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('acknowledges, contains with a response action, undoes it and resolves', async () => {
    const rules = () => sim.state.inboxRules('id-alice').map((r) => r.displayName);
    expect(rules()).toEqual(['Newsletters', '.']);
    await page.goto(`${baseUrl}/addin/console.html`);
    await page.getByLabel('Demo user').selectOption('id-carol');
    await page.getByRole('button', { name: 'Sign in as analyst' }).click();
    await page.getByRole('tab', { name: 'Identity incidents' }).click();
    const card = page.locator('[data-testid="incident"]', { hasText: 'alice@contoso.com' }).first();
    const state = card.getByTestId('incident-state');
    await expect.poll(() => state.innerText(), { timeout: 15_000 }).toBe('New');
    await expect.poll(() => card.getByText('Acknowledge the incident to act on its accounts.').count()).toBe(1);

    await card.getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => state.innerText(), { timeout: 10_000 }).toBe('Acknowledged');
    await card.getByRole('button', { name: 'Show response actions' }).click();
    const hidden = card.locator('li', { hasText: /^Inbox rule “\.”/ });
    await expect.poll(() => hidden.count(), { timeout: 15_000 }).toBe(1);
    expect(await hidden.innerText()).toMatch(/moves mail to another folder; marks mail as read/);
    await hidden.getByRole('button', { name: 'Remove rule' }).click();
    // Nothing happens before the confirmation.
    const confirm = card.getByRole('dialog', { name: /Confirm: Remove inbox rule/ });
    await expect.poll(() => confirm.count()).toBe(1);
    expect(rules()).toEqual(['Newsletters', '.']);
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => card.getByRole('status').innerText(), { timeout: 10_000 }).toBe('The rule was deleted.');
    expect(rules()).toEqual(['Newsletters']);

    await card.getByRole('button', { name: 'Mark contained' }).click();
    await expect.poll(() => state.innerText(), { timeout: 10_000 }).toBe('Contained');
    const action = card.getByTestId('response-action').first();
    expect(await action.innerText()).toMatch(/inbox rule “\.” of alice@contoso\.com .*— done\. The rule was deleted\./);
    // The accounts' rules are read again after the action: the removed rule is no longer offered.
    await expect.poll(() => hidden.count(), { timeout: 10_000 }).toBe(0);
    if (screenshotDir) await card.getByTestId('incident-response').screenshot({ path: join(screenshotDir, 'incident-response.png') });

    await action.getByRole('button', { name: 'Undo' }).click();
    await card.getByRole('dialog', { name: 'Confirm undo' }).getByRole('button', { name: 'Confirm undo' }).click();
    await expect.poll(() => card.getByRole('status').innerText(), { timeout: 10_000 }).toMatch(/Undone: the rule was created again\.$/);
    expect(rules()).toEqual(['Newsletters', '.']);
    await expect.poll(() => card.getByTestId('response-action').first().innerText(), { timeout: 10_000 }).toMatch(/— undone\./);
    await expect.poll(() => hidden.count(), { timeout: 10_000 }).toBe(1);

    await card.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => state.innerText(), { timeout: 10_000 }).toBe('Resolved');
    await card.getByText(/^Audit trail/).click();
    const trail = await card.getByTestId('incident-audit-row').allInnerTexts();
    expect(trail.map((t) => t.replace(/^.*UTC\s*/, ''))).toEqual([
      'carol@contoso.com marked the incident resolved.',
      expect.stringMatching(/^carol@contoso\.com undid the action on inbox rule “\.” of alice@contoso\.com/),
      'carol@contoso.com marked the incident contained.',
      expect.stringMatching(/^carol@contoso\.com removed inbox rule “\.” of alice@contoso\.com .*: The rule was deleted\.$/),
      'carol@contoso.com marked the incident acknowledged.',
    ]);
  });
});
