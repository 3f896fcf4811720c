// The task pane tells one story per message (shared/src/message-state.ts), in headless Chromium: the built
// add-in served by the real backend over the simulator, driven through the demo mailbox. In this tenant every
// held message needs an analyst's approval, so the pane offers "Request release" for held mail, until the
// user reports the message (then never again) or the security team denies the request (then it says so).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAddin } from '../../addin/src/build/build-addin.ts';
import { CHROMIUM_PATH, PANE_FRAME, launchChromium, startAddinStack, type AddinStack, type HeadlessChromium } from '../../server/src/bench/addin-bench.ts';

const haveChromium = existsSync(CHROMIUM_PATH);
const mustRun = Boolean(process.env.CI);

describe.skipIf(!haveChromium && !mustRun)('task pane state in the demo mailbox (headless Chromium)', () => {
  let outDir = '';
  let stack: AddinStack;
  let browser: HeadlessChromium;
  let page: Page;
  let held: { userId: string; messageId: string }[] = [];

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'lantern-pane-state-'));
    await buildAddin({ outDir, pages: ['taskpane', 'demo'] });
    stack = await startAddinStack({ addinDir: outDir, policy: { releaseApprovalThreshold: 0 } });
    held = [...stack.outcomes].flatMap(([userId, outcomes]) => outcomes.filter((o) => o.action === 'held').slice(0, 1).map((o) => ({ userId, messageId: o.messageId })));
    expect(held.length).toBeGreaterThanOrEqual(2);
    browser = await launchChromium();
    page = await browser.context.newPage();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  const pane = () => page.frameLocator(PANE_FRAME);
  async function openHeld(h: { userId: string; messageId: string }): Promise<void> {
    await page.goto(`${stack.baseUrl}/addin/demo.html?user=${encodeURIComponent(h.userId)}`);
    await page.locator('button[data-folder="held"]').click();
    await expect.poll(() => page.locator(`button[data-message-id="${h.messageId}"]`).count(), { timeout: 20_000 }).toBe(1);
    await page.locator(`button[data-message-id="${h.messageId}"]`).click();
    await pane().locator('[data-testid="narrative"]').waitFor({ state: 'visible', timeout: 20_000 });
  }
  const button = (name: string) => pane().getByRole('button', { name });
  const notice = () => pane().locator('[data-testid="state-notice"]');

  it('after a report, no longer offers to request release, then or after a reload', async () => {
    const h = held[0]!;
    await openHeld(h);
    await expect.poll(() => button('Request release').count(), { timeout: 15_000 }).toBe(1);
    await button('Report phishing').click();
    await expect.poll(() => notice().getAttribute('data-state'), { timeout: 15_000 }).toBe('reported');
    expect(await button('Request release').count()).toBe(0);
    expect(await button('Report phishing').count()).toBe(0);
    expect(await notice().innerText()).toContain('You reported this message.');

    await openHeld(h);
    await expect.poll(() => notice().getAttribute('data-state'), { timeout: 15_000 }).toBe('reported');
    expect(await button('Request release').count()).toBe(0);
  });

  it('after the security team denies a release request, shows the denial and does not offer it again', async () => {
    const h = held[1]!;
    await openHeld(h);
    await button('Request release').click();
    await expect.poll(() => notice().getAttribute('data-state'), { timeout: 15_000 }).toBe('release-requested');
    expect(await button('Request release').count()).toBe(0);

    // An analyst denies it through the API the console uses.
    const tokenRes = await fetch(`${stack.baseUrl}/demo/api/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: held[0]!.userId, analyst: true }),
    });
    const { accessToken } = (await tokenRes.json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}` };
    const pending = (await (await fetch(`${stack.baseUrl}/api/release-requests?status=pending`, { headers: auth })).json()) as { items: { id: string; messageId: string }[] };
    const request = pending.items.find((r) => r.messageId === h.messageId);
    expect(request).toBeDefined();
    expect((await fetch(`${stack.baseUrl}/api/release-requests/${request!.id}/deny`, { method: 'POST', headers: auth })).status).toBe(200);

    await openHeld(h);
    await expect.poll(() => notice().getAttribute('data-state'), { timeout: 15_000 }).toBe('denied');
    expect(await notice().innerText()).toContain('The security team denied your request to release this message.');
    expect(await button('Request release').count()).toBe(0);
    expect(await button('Report phishing').count()).toBe(1);

    // The held mail tab tells the same story.
    await pane().getByRole('tab', { name: 'Held mail' }).click();
    const item = pane().locator(`li[data-state="denied"]`);
    await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(1);
    expect(await item.getByRole('button', { name: 'Request release' }).count()).toBe(0);
    expect(await item.innerText()).toContain('denied your request');
  });
});
