// Reports sent to Lantern's own mailbox in Microsoft's third-party format (the reported message attached)
// become user reports: sent through the real Graph client to the simulator, read back as MIME, triaged once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageEvent } from '@lantern/shared';
import { ManualClock } from '../../server/src/clock.ts';
import type { GraphApi } from '../../server/src/graph/graph-api.ts';
import { assessMail } from '../../server/src/mail/assess.ts';
import { parseMime } from '../../server/src/mail/parse.ts';
import { mailboxGraphFrom } from '../../server/src/mailbox/mailbox-graph-from.ts';
import { startSimulator, type RunningSimulator } from '../../server/src/sim/simulator.ts';
import { simulatorGraphApi } from '../../server/src/sim/simulator-graph-api.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import type { Store } from '../../server/src/store/store.ts';
import { connectSecurityMailboxIntake, reportIdFor, type SecurityMailboxIntake } from '../../server/src/triage/security-mailbox-intake.ts';
import { TriageService } from '../../server/src/triage/triage-service.ts';
import type { TriageTables } from '../../server/src/triage/triage-tables.ts';
import { END, PHISH_MIME, scenario, userId } from '../routes/app-fixture.ts';
import { MemoryMailbox } from './memory-mailbox.ts';

const LANTERN_ID = '00000000-0000-4000-8000-00000000a1a1';

let dir: string;
let sim: RunningSimulator;
let store: Store;
let graph: GraphApi;
let triage: TriageService;
let intake: SecurityMailboxIntake;
const clock = new ManualClock(END);
const rejected: string[] = [];
const errors: unknown[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lantern-report-mailbox-'));
  const s = scenario();
  s.users = [...(s.users ?? []), { id: LANTERN_ID, userPrincipalName: 'lantern@contoso.test', mail: 'lantern@contoso.test', displayName: 'Lantern Security' }];
  sim = await startSimulator({ scenario: s, clock, throttling: false });
  store = await openStore({ kind: 'sqlite', file: join(dir, 'lantern.sqlite') });
  graph = simulatorGraphApi(sim, { logger: pino({ level: 'silent' }) });
  triage = new TriageService({ db: store.db as unknown as Kysely<TriageTables>, mailbox: new MemoryMailbox(), clock, tenantDomains: ['contoso.test'] });
  intake = connectSecurityMailboxIntake({
    mailbox: { id: LANTERN_ID, addresses: ['lantern@contoso.test'] },
    graph: mailboxGraphFrom(graph),
    triage,
    assess: async (mail) => assessMail(mail, { tenantDomains: ['contoso.test'] }),
    resolveUser: async (address) => {
      const u = sim.state.user(address);
      return u && u.id !== LANTERN_ID ? { id: u.id, upn: u.userPrincipalName } : null;
    },
    onRejected: (reason) => rejected.push(reason),
    onError: (err) => errors.push(err),
  });
});

afterAll(async () => {
  await intake?.stop();
  await store?.close();
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The newest message in the Lantern mailbox's inbox, as the message poller would commit it. */
function newestInLantern(): MessageEvent {
  const m = sim.state.messagesIn(LANTERN_ID, 'inbox')[0]!;
  return {
    kind: 'message', id: `${LANTERN_ID}:${m.immutableId}`, at: clock.now().toISOString(), userId: LANTERN_ID, upn: 'lantern@contoso.test',
    messageId: m.immutableId, internetMessageId: m.message.internetMessageId ?? null, folder: 'inbox', subject: m.message.subject ?? null,
    fromAddress: m.message.from?.emailAddress.address?.toLowerCase() ?? null, fromName: null, receivedAt: m.message.receivedDateTime ?? null,
  };
}

async function reportCount(): Promise<number> {
  const rows = await (store.db as unknown as Kysely<TriageTables>).selectFrom('triage_reports').select('id').execute();
  return rows.length;
}

describe('triage of a report of Lantern\'s own mail', () => {
  it('closes it as Lantern\'s own without a campaign or any action', async () => {
    const own = assessMail(await parseMime(PHISH_MIME), { tenantDomains: ['contoso.test'] });
    own.reasons = [{ code: 'lantern.own-mail', weight: 0, text: 'Sent by Lantern.' }];
    const result = await triage.triageReport({
      id: 'own-1', source: 'add-in', reporterId: userId(1), reporterUpn: 'user1@contoso.test', mailbox: userId(1), messageId: 'digest-1',
      internetMessageId: '<digest-1@contoso.test>', receivedAt: clock.now().toISOString(), reportedAt: clock.now().toISOString(), assessment: own,
    });
    expect(result).toMatchObject({ status: 'closed', outcome: 'closed-benign', campaignId: null, removed: 0 });
    expect((await triage.report('own-1'))?.summary).toMatch(/Lantern's own mail/);
    await (store.db as unknown as Kysely<TriageTables>).deleteFrom('triage_reports').where('id', '=', 'own-1').execute();
  });
});

describe('the security mailbox as a reporting mailbox', () => {
  it('turns a report with the original attached into one user report from its sender, however often it is seen', async () => {
    clock.advance(60_000);
    await graph.sendMail(userId(2), {
      subject: 'Phishing report',
      body: { contentType: 'Text', content: 'This message was reported as phishing.' },
      toRecipients: [{ emailAddress: { address: 'lantern@contoso.test' } }],
      attachments: [{ '@odata.type': '#microsoft.graph.fileAttachment', name: 'reported.eml', contentType: 'message/rfc822', contentBytes: Buffer.from(PHISH_MIME).toString('base64') }],
    });
    const event = newestInLantern();
    expect(event.fromAddress).toBe('user2@contoso.test');
    intake.handle([event]);
    intake.handle([event]); // the same event again (a replay after a restart)
    await intake.idle();
    expect(errors).toEqual([]);

    const report = await triage.report(reportIdFor(event.messageId));
    expect(report).toMatchObject({ source: 'reporting-mailbox', reporter_id: userId(2), reporter_upn: 'user2@contoso.test', internet_message_id: '<phish-1@micros0ft-verify.example>' });
    expect(report?.subject).toBe('Urgent: your mailbox will be suspended today');
    expect(await reportCount()).toBe(1);
  });

  it('does not make reports of mail without an attached message, or of mail Lantern sent itself', async () => {
    const before = await reportCount();
    clock.advance(60_000);
    await graph.sendMail(userId(3), { subject: 'hello', body: { contentType: 'Text', content: 'is this phishing?' }, toRecipients: [{ emailAddress: { address: 'lantern@contoso.test' } }] });
    intake.handle([newestInLantern()]);
    await intake.idle();
    expect(rejected).toEqual(['no-attachment']);

    clock.advance(60_000);
    await graph.sendMail(LANTERN_ID, { subject: 'note to self', body: { contentType: 'Text', content: 'x' }, toRecipients: [{ emailAddress: { address: 'lantern@contoso.test' } }] }, false);
    expect(await intake.intake(newestInLantern())).toBeNull();
    // Mail in other mailboxes is not the intake's business.
    expect(await intake.intake({ ...newestInLantern(), userId: userId(1) })).toBeNull();
    expect(await reportCount()).toBe(before);
    expect(errors).toEqual([]);
  });
});
