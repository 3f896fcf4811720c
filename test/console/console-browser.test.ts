// The console in headless Chromium, served by the real backend over the simulator: an analyst signs in
// through the demo token endpoint, sees the remediated campaign in the queue, opens it and undoes the
// removal with one click; the simulator's mailboxes show every copy back.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAddin } from '../../addin/src/build/build-addin.ts';
import { CHROMIUM_PATH, launchChromium, type HeadlessChromium } from '../../server/src/bench/addin-bench.ts';
import { folderOf, startConsoleFixture, userId, type ConsoleFixture } from './console-fixture.ts';

const haveChromium = existsSync(CHROMIUM_PATH);

describe.skipIf(!haveChromium)('security console (headless Chromium)', () => {
  let outDir = '';
  let fx: ConsoleFixture;
  let browser: HeadlessChromium;
  let page: Page;
  let baseUrl = '';

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'lantern-console-dist-'));
    await buildAddin({ outDir, pages: ['console'] });
    fx = await startConsoleFixture({ addinDir: outDir });
    baseUrl = (await fx.app.listen({ host: '127.0.0.1', port: 0 })).replace('127.0.0.1', 'localhost');
    const res = await fx.app.inject({ method: 'POST', url: '/api/messages/phish-2/report', headers: { authorization: `Bearer ${await fx.token(2)}` }, payload: {} });
    expect(res.statusCode).toBe(200);
    await fx.drain();
    browser = await launchChromium();
    page = await browser.context.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await fx?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('signs in as an analyst, shows the campaign, and undoes its removal', async () => {
    for (const i of [1, 2, 3, 4, 5]) expect(folderOf(fx.sim, i, `phish-${i}`)).toBe('Lantern Held');
    await page.goto(`${baseUrl}/addin/console.html`);
    await page.getByLabel('Demo user').selectOption(userId(6));
    await page.getByRole('button', { name: 'Sign in as analyst' }).click();
    await page.getByRole('tab', { name: 'All' }).click();
    const row = page.locator('[data-testid="report-row"]', { hasText: '97% full' });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.innerText()).toMatch(/malicious/);
    await row.getByRole('button', { name: 'Campaign' }).click();
    await expect.poll(() => page.locator('[data-testid="campaign-member"]').count(), { timeout: 10_000 }).toBe(5);
    await page.getByRole('button', { name: /Undo/ }).click();
    await expect.poll(() => page.getByRole('status').innerText(), { timeout: 10_000 }).toMatch(/Put back 5/);
    // Back where each copy was: the reporter's in Junk (where reporting moved it), the others in the inbox.
    for (const i of [1, 3, 4, 5]) expect(folderOf(fx.sim, i, `phish-${i}`)).toBe('inbox');
    expect(folderOf(fx.sim, 2, 'phish-2')).toBe('junkemail');
    await page.getByRole('tab', { name: 'Audit trail' }).click();
    await expect.poll(() => page.locator('[data-testid="audit-row"]', { hasText: 'campaign-restored' }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
  });
});
