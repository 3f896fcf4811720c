// The demo end to end in one process: generated tenant → simulator → real Graph client → pollers → store →
// identity engine → incidents over the HTTP API, as `lantern start` runs it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.ts';
import { startLantern, type RunningLantern } from '../../server/src/runtime/start-lantern.ts';
import { manyParts } from '../mail/hostile-mime.ts';

const CHAIN = ['saas.unusual-credential-source', 'saas.unusual-login-account-update', 'saas.anomalous-new-email-rule'];

describe('startLantern in demo mode', () => {
  let dir: string;
  let lantern: RunningLantern;
  const lines: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lantern-start-'));
    const config = loadConfig(
      // The default demo tenant (50 users, 14 days); the clock runs a virtual day every ~9 real seconds.
      { LANTERN_DATA_DIR: dir, LANTERN_PORT: '0', LANTERN_DEMO_SPEED: '10000' },
      process.cwd(),
      () => '',
    );
    lantern = await startLantern({ config, logger: pino({ level: 'silent' }), addinDir: null, progress: (l) => lines.push(l), pollIntervalMs: 500 });
  });

  afterAll(async () => {
    await lantern?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('ingests the tenant and raises the account-takeover chain as one critical incident', async () => {
    const deadline = Date.now() + 100_000;
    let models: string[] = [];
    while (Date.now() < deadline) {
      const critical = lantern.engine.incidents().filter((i) => i.severity === 'critical');
      models = [...new Set(critical.flatMap((i) => i.breaches.map((b) => b.model)))];
      if (CHAIN.every((m) => models.includes(m))) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(models).toEqual(expect.arrayContaining(CHAIN));
    expect(lines.some((l) => l.startsWith('INCIDENT') && l.includes('CRITICAL'))).toBe(true);

    const health = await lantern.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    const sources = (health.json() as { sources: Record<string, { records: number; errors: number }> }).sources;
    expect(sources.signIns!.records).toBeGreaterThan(1000);
    expect(sources.inboxRules!.records).toBeGreaterThan(0);
  }, 120_000);

  it('serves the incidents to an analyst and refuses an ordinary user', async () => {
    const users = (await lantern.app.inject({ method: 'GET', url: '/demo/api/users' })).json() as { items: { id: string }[] } | { id: string }[];
    const list = Array.isArray(users) ? users : users.items;
    const someone = list[0]!.id;
    const token = async (analyst: boolean) =>
      ((await lantern.app.inject({ method: 'POST', url: '/demo/api/token', payload: { userId: someone, analyst } })).json() as { accessToken: string }).accessToken;

    const asAnalyst = await lantern.app.inject({ method: 'GET', url: '/api/incidents?minSeverity=high', headers: { authorization: `Bearer ${await token(true)}` } });
    expect(asAnalyst.statusCode).toBe(200);
    const items = (asAnalyst.json() as { items: { severity: string; narrative: string }[] }).items;
    expect(items.some((i) => i.severity === 'critical' && /RSS Feeds/.test(i.narrative))).toBe(true);

    const asUser = await lantern.app.inject({ method: 'GET', url: '/api/incidents', headers: { authorization: `Bearer ${await token(false)}` } });
    expect(asUser.statusCode).toBe(403);
    const anonymous = await lantern.app.inject({ method: 'GET', url: '/api/incidents' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('holds mail padded past the parser and prints its hostile subject escaped, on one line', async () => {
    const sim = lantern.simulator!;
    const user = sim.state.users()[1]!;
    const subject = 'Invoice\u001b]0;pwned\u0007\u001b[31m due\r\nINCIDENT i-0 CRITICAL (score 100): ceo@contoso.com';
    sim.state.addMessage({
      userId: user.id,
      folder: 'inbox',
      message: { subject, internetMessageId: '<hostile-progress@test>', from: { emailAddress: { name: 'IT', address: 'helpdesk@m1crosoft-verify.example' } }, toRecipients: [{ emailAddress: { name: '', address: user.userPrincipalName } }] },
      mime: manyParts(1001),
    });
    // live scoring works through the demo's backlog of mail one message at a time: allow for a loaded machine
    const deadline = Date.now() + 150_000;
    let line: string | undefined;
    while (Date.now() < deadline && !line) {
      line = lines.find((l) => l.startsWith('mail for') && l.includes('Invoice'));
      if (!line) await new Promise((r) => setTimeout(r, 250));
    }
    expect(line, `progress lines about mail:\n${lines.filter((l) => l.startsWith('mail')).join('\n')}`).toBeDefined();
    // eslint-disable-next-line no-control-regex
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(line).toContain('"Invoice\\x1b]0;pwned\\x07\\x1b[31m due\\x0d\\x0aINCIDENT i-0 CRITICAL (score 100): ceo@contoso.com"');
    expect(line).toMatch(/ held \(score 100\)$/);
    expect(lines.some((l) => l.startsWith('INCIDENT i-0'))).toBe(false);
  }, 180_000);
});
