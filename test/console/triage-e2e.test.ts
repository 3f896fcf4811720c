// End to end against the simulator: one user reports a phishing campaign delivered to five; every copy is
// removed; the console shows it; undo restores it. A newsletter report is closed with feedback by e-mail.
// Roles: users see only their own reports; only the security team reaches the console. Digest links release
// held mail once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import { CampaignDetail, ConsoleReportList, MyReportsResponse } from '@lantern/shared/console-api';
import { folderOf, startConsoleFixture, userId, type ConsoleFixture } from './console-fixture.ts';

let fx: ConsoleFixture;
let user1: string;
let user2: string;
let analyst: string;
const auth = (t: string) => ({ authorization: `Bearer ${t}` });

beforeAll(async () => {
  fx = await startConsoleFixture();
  user1 = await fx.token(1);
  user2 = await fx.token(2);
  analyst = await fx.token(6, { analyst: true });
}, 120_000);
afterAll(async () => {
  await fx?.close();
});

describe('a phishing campaign reported by one user', () => {
  let campaignId: string;

  it('removes every copy from every mailbox and tells the reporter', async () => {
    for (const i of [1, 2, 3, 4, 5]) expect(folderOf(fx.sim, i, `phish-${i}`)).toBe('inbox');
    const res = await fx.app.inject({ method: 'POST', url: '/api/messages/phish-3/report', headers: auth(await fx.token(3)), payload: {} });
    expect(res.statusCode).toBe(200);
    await fx.drain();
    for (const i of [1, 2, 3, 4, 5]) expect(folderOf(fx.sim, i, `phish-${i}`)).toBe('Lantern Held');
    const sent = fx.sim.state.sentMail().filter((m) => m.senderId === userId(6));
    expect(sent.some((m) => m.message.toRecipients?.[0]?.emailAddress.address === 'user3@contoso.test' && /phishing/i.test(m.message.body?.content ?? ''))).toBe(true);
  });

  it('shows in the console with verdict, campaign size and reasons', async () => {
    const res = await fx.app.inject({ method: 'GET', url: '/api/console/reports?status=all', headers: auth(analyst) });
    expect(res.statusCode).toBe(200);
    const body = res.json() as ConsoleReportList;
    expect(Value.Check(ConsoleReportList, body)).toBe(true);
    const report = body.items.find((r) => r.subject?.includes('97% full'));
    expect(report?.verdict).toBe('malicious');
    expect(report?.outcome).toBe('remediated');
    expect(report?.campaignMailboxes).toBe(5);
    expect(report?.reasons.some((r) => r.code === 'link.hidden-destination')).toBe(true);
    campaignId = report!.campaignId!;
    const detail = await fx.app.inject({ method: 'GET', url: `/api/console/campaigns/${campaignId}`, headers: auth(analyst) });
    expect(Value.Check(CampaignDetail, detail.json())).toBe(true);
    expect((detail.json() as CampaignDetail).members.filter((m) => m.state === 'removed')).toHaveLength(5);
    const search = await fx.app.inject({ method: 'GET', url: `/api/console/search?url=${encodeURIComponent('login-m365.micros0ft-support.example')}`, headers: auth(analyst) });
    expect((search.json() as { items: unknown[] }).items).toHaveLength(5);
  });

  it('undoes the removal in one click, with an audit trail naming the analyst', async () => {
    const res = await fx.app.inject({ method: 'POST', url: `/api/console/campaigns/${campaignId}/restore`, headers: auth(analyst) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'restored', affected: 5 });
    for (const i of [1, 2, 3, 4, 5]) expect(folderOf(fx.sim, i, `phish-${i}`)).not.toBe('Lantern Held');
    const audit = await fx.app.inject({ method: 'GET', url: '/api/console/audit', headers: auth(analyst) });
    const items = (audit.json() as { items: { actor: string; action: string }[] }).items;
    expect(items.some((a) => a.action === 'campaign-restored' && a.actor === 'user6@contoso.test')).toBe(true);
    expect(items.some((a) => a.action === 'mailbox-release')).toBe(true);
  });
});

describe('a newsletter reported as phishing', () => {
  it('is closed automatically with feedback and stays delivered to everyone else', async () => {
    const res = await fx.app.inject({ method: 'POST', url: '/api/messages/news-44-2/report', headers: auth(user2), payload: {} });
    expect(res.statusCode).toBe(200);
    await fx.drain();
    const mine = await fx.app.inject({ method: 'GET', url: '/api/my-reports', headers: auth(user2) });
    const body = mine.json() as MyReportsResponse;
    expect(Value.Check(MyReportsResponse, body)).toBe(true);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ status: 'closed', verdict: 'benign' });
    expect(body.items[0]?.feedback).toMatch(/newsletter/);
    for (const i of [1, 3, 4, 5, 6]) expect(folderOf(fx.sim, i, `news-44-${i}`)).toBe('inbox');
    // Found safe: the reporter's copy left Junk Email for the Inbox, once, and the pane says so.
    expect(folderOf(fx.sim, 2, 'news-44-2')).toBe('inbox');
    const view = await fx.app.inject({ method: 'GET', url: '/api/messages/news-44-2/assessment', headers: auth(user2) });
    expect(view.json()).toMatchObject({ state: 'restored', actions: [], reported: true });
    const restores = (await fx.mailbox.repo.listActions(userId(2))).filter((a) => a.action === 'triage-restore');
    expect(restores).toHaveLength(1);
  });
});

describe('roles', () => {
  it('keeps the console to the security team and each user to their own reports', async () => {
    for (const url of ['/api/console/reports', '/api/console/held', '/api/console/audit', '/api/console/incidents', '/api/console/search?sender=x@y.z']) {
      expect((await fx.app.inject({ method: 'GET', url, headers: auth(user1) })).statusCode).toBe(403);
      expect((await fx.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
    const reports = (await fx.app.inject({ method: 'GET', url: '/api/console/reports?status=all', headers: auth(analyst) })).json() as ConsoleReportList;
    const anyCampaign = reports.items[0]!.campaignId!;
    expect((await fx.app.inject({ method: 'POST', url: `/api/console/campaigns/${anyCampaign}/remove`, headers: auth(user1) })).statusCode).toBe(403);
    expect((await fx.app.inject({ method: 'POST', url: `/api/console/reports/${reports.items[0]!.id}/decide`, headers: auth(user1), payload: { verdict: 'benign' } })).statusCode).toBe(403);
    // User 1 reported nothing: sees nothing of others' reports.
    expect(((await fx.app.inject({ method: 'GET', url: '/api/my-reports', headers: auth(user1) })).json() as MyReportsResponse).items).toEqual([]);
    expect((await fx.app.inject({ method: 'GET', url: '/api/console/reports', headers: auth(analyst) })).statusCode).toBe(200);
  });
});

describe('digest links against the real mailbox', () => {
  it('release a held message once; the link is refused afterwards', async () => {
    const held = await fx.mailbox.actions.hold(userId(4), 'news-43-4', 'lantern', { score: 40, verdict: 'hold' });
    expect(folderOf(fx.sim, 4, 'news-43-4')).toBe('Lantern Held');
    const url = fx.digest.link({ id: userId(4), upn: 'user4@contoso.test', displayName: null }, held.message_id, 'release');
    const token = new URL(url).searchParams.get('token')!;
    expect((await fx.app.inject({ method: 'GET', url: `/digest/act?token=${token}` })).statusCode).toBe(200);
    expect(folderOf(fx.sim, 4, 'news-43-4')).toBe('Lantern Held');
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const first = await fx.app.inject({ method: 'POST', url: '/digest/act', headers: form, payload: `token=${token}` });
    expect(first.statusCode).toBe(200);
    expect(folderOf(fx.sim, 4, 'news-43-4')).toBe('inbox');
    expect((await fx.app.inject({ method: 'POST', url: '/digest/act', headers: form, payload: `token=${token}` })).statusCode).toBe(410);
    // The digest preference is the user's own.
    const put = await fx.app.inject({ method: 'PUT', url: '/api/digest/preference', headers: auth(user1), payload: { frequency: 'weekly' } });
    expect(put.json()).toEqual({ frequency: 'weekly' });
    expect((await fx.app.inject({ method: 'GET', url: '/api/digest/preference', headers: auth(user2) })).json()).toEqual({ frequency: 'daily' });
  });
});
