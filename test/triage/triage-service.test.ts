// Triage over a real store (SQLite and PostgreSQL) with an in-memory mailbox: a campaign reported once is
// removed everywhere and undone in one click; a newsletter report is closed with feedback; several reporters
// contain a campaign before any verdict; later copies of a removed campaign are removed on arrival.
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/src/clock.ts';
import { TriageService } from '../../server/src/triage/triage-service.ts';
import { assessment } from './fixtures.ts';
import { MemoryMailbox, MemoryNotifier } from './memory-mailbox.ts';
import { StoreFixture } from './store-fixture.ts';

const fixture = new StoreFixture();
afterAll(() => fixture.close());

const USERS = Array.from({ length: 12 }, (_, i) => `user${i}`);
const phish = () =>
  assessment({
    score: 25,
    verdict: 'tag',
    subject: 'Carol shared "Q4 bonus plan" with you',
    sender: { address: 'carol@contoso.example', name: 'Carol', replyTo: null, authentication: 'pass' },
    links: [{ text: 'Click Here', url: 'https://docsend.com/view/q4-bonus-7731' }],
  });
const newsletter = () =>
  assessment({ score: 5, subject: 'Contoso Weekly #48', sender: { address: 'news@contoso-weekly.example', name: 'Contoso Weekly', replyTo: null, authentication: 'pass' }, links: [{ text: 'Read', url: 'https://contoso-weekly.example/issue/48' }] });

async function setup(dialect: 'sqlite' | 'postgres', compromised: Set<string> = new Set(['carol@contoso.example']), containOnReporters = 3) {
  const { db } = await fixture.open(dialect);
  const clock = new ManualClock('2026-11-20T09:00:00Z');
  const mailbox = new MemoryMailbox();
  const notifier = new MemoryNotifier();
  const triage = new TriageService({
    db, mailbox, clock, notifier, tenantDomains: ['contoso.example'],
    compromise: { isCompromised: async (a) => compromised.has(a) },
    policy: { containOnReporters },
  });
  async function deliver(user: string, id: string, imid: string, at: string, a = phish()) {
    mailbox.deliver(user, id, imid, at, a);
    return triage.indexInbound({ mailbox: user, messageId: id, internetMessageId: imid, receivedAt: at, assessment: a });
  }
  return { db, clock, mailbox, notifier, triage, deliver };
}

describe.each(['sqlite', 'postgres'] as const)('TriageService on %s', (dialect) => {
  it('removes every copy of a phishing campaign after one report, tells the reporter, and undoes in one click', async () => {
    const { clock, mailbox, notifier, triage, deliver } = await setup(dialect);
    // A month of ordinary mail from Carol, then the blast.
    for (let d = 0; d < 8; d++) await deliver(USERS[d % 4]!, `old${d}`, `<old${d}@contoso>`, `2026-10-${10 + d}T10:00:00.000Z`, assessment({ subject: `Minutes ${d}`, sender: { address: 'carol@contoso.example', name: 'Carol', replyTo: null, authentication: 'pass' } }));
    for (const [i, u] of USERS.entries()) await deliver(u, `m-${u}`, '<blast@contoso>', `2026-11-20T08:${String(10 + (i % 3)).padStart(2, '0')}:00.000Z`);
    clock.set('2026-11-20T09:00:00Z');
    const r = await triage.triageReport({ id: 'rep-1', source: 'add-in', reporterId: 'user3', reporterUpn: 'user3@contoso.example', mailbox: 'user3', messageId: 'm-user3', internetMessageId: '<blast@contoso>', receivedAt: null, reportedAt: clock.now().toISOString(), assessment: phish() });
    expect(r.decision?.verdict).toBe('malicious');
    expect(r.outcome).toBe('remediated');
    expect(r.status).toBe('closed');
    for (const u of USERS) expect(mailbox.folderOf(u, `m-${u}`)).toBe('Lantern Held');
    // Carol's ordinary mail is not part of the campaign.
    expect(mailbox.folderOf('user0', 'old0')).toBe('inbox');
    expect(notifier.sent).toHaveLength(1);
    expect(notifier.sent[0]?.text).toMatch(/phishing/);
    expect(mailbox.reportStatus.get('rep-1')).toBe('closed');

    // A late copy of the same campaign is removed on arrival.
    const late = await deliver('late-user', 'm-late', '<blast@contoso>', '2026-11-20T09:30:00.000Z');
    expect(late.removed).toBe(true);
    expect(mailbox.folderOf('late-user', 'm-late')).toBe('Lantern Held');

    const detail = await triage.campaign(r.campaignId!);
    expect(detail?.campaign.status).toBe('remediated');
    expect(detail?.members).toHaveLength(USERS.length + 1);

    const restored = await triage.restoreCampaign(r.campaignId!, 'analyst@contoso.example');
    expect(restored).toBe(USERS.length + 1);
    for (const u of USERS) expect(mailbox.folderOf(u, `m-${u}`)).toBe('inbox');
    const audit = await triage.listAudit(100, { kind: 'campaign', id: r.campaignId! });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['campaign-opened', 'copies-removed', 'campaign-remediated', 'campaign-restored']));
    expect(audit.find((a) => a.action === 'campaign-restored')?.actor).toBe('analyst@contoso.example');
  });

  it('closes a newsletter report with feedback and lifts the sender reputation', async () => {
    const { clock, mailbox, notifier, triage, deliver } = await setup(dialect);
    for (let w = 0; w < 8; w++) for (const u of USERS) await deliver(u, `n${w}-${u}`, `<n${w}@weekly>`, `2026-${w < 4 ? '09' : '10'}-${String(1 + (w % 4) * 7).padStart(2, '0')}T07:00:00.000Z`, assessment({ ...newsletter(), subject: `Contoso Weekly #${40 + w}` }));
    for (const u of USERS) await deliver(u, `n-${u}`, '<n48@weekly>', '2026-11-20T07:00:00.000Z', newsletter());
    const r = await triage.triageReport({ id: 'rep-n', source: 'add-in', reporterId: 'user5', reporterUpn: 'user5@contoso.example', mailbox: 'user5', messageId: 'n-user5', internetMessageId: '<n48@weekly>', receivedAt: null, reportedAt: clock.now().toISOString(), assessment: newsletter() });
    expect(r.decision?.verdict).toBe('benign');
    expect(r.outcome).toBe('closed-benign');
    expect(r.feedback).toMatch(/newsletter/);
    expect(notifier.sent[0]?.to).toBe('user5@contoso.example');
    expect(mailbox.folderOf('user6', 'n-user6')).toBe('inbox');
    const rep = await triage.reputation.get('address', 'news@contoso-weekly.example');
    expect(rep.benign).toBe(1);
    expect(rep.score).toBeGreaterThan(0);
  });

  it('contains a campaign several users reported before any confident verdict, and releases it when judged benign', async () => {
    const { clock, mailbox, triage, deliver } = await setup(dialect, new Set(), 2);
    const odd = () => assessment({ score: 30, verdict: 'tag', subject: 'Action needed: update your details', sender: { address: 'hr-notice@unknown-hr.example', name: 'HR', replyTo: null, authentication: 'pass' }, links: [{ text: 'update', url: 'https://unknown-hr.example/form' }] });
    for (const u of USERS.slice(0, 6)) await deliver(u, `x-${u}`, '<x@hr>', '2026-11-20T08:00:00.000Z', odd());
    const first = await triage.triageReport({ id: 'r1', source: 'add-in', reporterId: 'user0', reporterUpn: 'user0@contoso.example', mailbox: 'user0', messageId: 'x-user0', internetMessageId: '<x@hr>', receivedAt: null, reportedAt: clock.now().toISOString(), assessment: odd() });
    expect(first.status).toBe('needs-person');
    expect(mailbox.folderOf('user4', 'x-user4')).toBe('inbox');
    const second = await triage.triageReport({ id: 'r2', source: 'add-in', reporterId: 'user1', reporterUpn: 'user1@contoso.example', mailbox: 'user1', messageId: 'x-user1', internetMessageId: '<x@hr>', receivedAt: null, reportedAt: clock.now().toISOString(), assessment: odd() });
    expect(second.campaignId).toBe(first.campaignId);
    expect(second.outcome).toBe('contained');
    for (const u of USERS.slice(0, 6)) expect(mailbox.folderOf(u, `x-${u}`)).toBe('Lantern Held');
    // An analyst judges it benign: copies come back, both reports close.
    const decided = await triage.decideReport('r1', 'benign', 'soc@contoso.example');
    expect(decided.status).toBe('closed');
    for (const u of USERS.slice(0, 6)) expect(mailbox.folderOf(u, `x-${u}`)).toBe('inbox');
    expect((await triage.report('r2'))?.status).toBe('closed');
  });
});
