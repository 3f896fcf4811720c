// The demo as `lantern start` runs it, across restarts: its Lantern mailbox (signed digests left alone, reports
// by mail triaged), then a report and a held message surviving a stop and a start (database, simulated
// mailboxes, clock, delta cursors); `--fresh` and other settings start over and say so.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../../server/src/auth/auth-user.ts';
import { loadConfig } from '../../server/src/config.ts';
import { startLantern, type RunningLantern } from '../../server/src/runtime/start-lantern.ts';

let dir = '';
const running: RunningLantern[] = [];

afterAll(async () => {
  for (const l of running) await l.stop().catch(() => undefined);
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function start(extraEnv: Record<string, string> = {}, fresh = false): Promise<{ lantern: RunningLantern; lines: string[] }> {
  const lines: string[] = [];
  // A small tenant whose clock runs an hour per real minute, so little happens on its own between steps.
  const config = loadConfig(
    { LANTERN_DATA_DIR: dir, LANTERN_PORT: '0', LANTERN_DEMO_USERS: '5', LANTERN_DEMO_DAYS: '2', LANTERN_DEMO_SPEED: '60', ...extraEnv },
    process.cwd(),
    () => '',
  );
  const lantern = await startLantern({ config, logger: pino({ level: 'silent' }), addinDir: null, progress: (l) => lines.push(l), pollIntervalMs: 60_000, fresh });
  running.push(lantern);
  return { lantern, lines };
}

async function stop(lantern: RunningLantern): Promise<void> {
  await lantern.stop();
  running.splice(running.indexOf(lantern), 1);
}

function mime(n: number, to: string): string {
  return [
    'From: "Northwind Deals" <offers@northwind-deals.example>',
    `To: ${to}`,
    `Subject: Your weekly offers ${n}`,
    'Date: Sun, 25 Oct 2026 08:00:00 +0000',
    `Message-ID: <offer-${n}@northwind-deals.example>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Offer number ${n}: twenty percent off garden furniture this week.`,
    '',
  ].join('\r\n');
}

describe('the demo across restarts', () => {
  it('keeps a report and a held message across a restart, and starts over with --fresh, saying so', async () => {
    dir = await mkdtemp(join(tmpdir(), 'lantern-demo-restart-'));

    // First run: a user reports one message and Lantern holds another.
    const first = await start();
    expect(first.lines.some((l) => /resuming/.test(l))).toBe(false);
    const sim = first.lantern.simulator!;
    const person = sim.state.users().find((u) => !u.userPrincipalName.startsWith('lantern@'))!;
    const user: AuthUser = { oid: person.id, tid: sim.tenantId, upn: person.userPrincipalName.toLowerCase(), name: person.displayName ?? null, roles: [] };
    const reported = sim.state.addMessage({ userId: person.id, folder: 'inbox', message: {}, mime: mime(1, person.userPrincipalName) }).immutableId;
    const held = sim.state.addMessage({ userId: person.id, folder: 'inbox', message: {}, mime: mime(2, person.userPrincipalName) }).immutableId;
    await first.lantern.ingestion.pollOnce('messages');
    await first.lantern.idle();
    const report = await first.lantern.mailbox.report(user, reported, 'Too good to be true.');
    await first.lantern.mailbox.actions.hold(person.id, held, 'test', { score: 80, verdict: 'hold' });
    await first.lantern.idle();
    expect(sim.state.whereIs(person.id, held)?.folderName).toBe('Lantern Held');
    const reportedFolder = sim.state.whereIs(person.id, reported)?.wellKnownName;
    expect(reportedFolder).toBe('junkemail');
    // The held mail's digest comes from the Lantern mailbox, signed, and Lantern leaves it alone.
    expect((await first.lantern.digest.sendDue()).sent).toBeGreaterThanOrEqual(1);
    await first.lantern.ingestion.pollOnce('messages');
    await first.lantern.idle();
    const digest = sim.state.messagesIn(person.id, 'inbox').find((m) => m.message.from?.emailAddress.address?.startsWith('lantern@'));
    expect(digest?.message.internetMessageHeaders?.map((h) => h.name)).toContain('X-Lantern-Signature');
    expect(digest?.message.categories ?? []).toEqual([]);
    const digestAssessment = await first.lantern.mailbox.assessments.stored(person.id, digest!.immutableId);
    expect(digestAssessment?.assessment.reasons.map((r) => r.code)).toEqual(['lantern.own-mail']);
    expect(await first.lantern.mailbox.repo.activeHold(person.id, digest!.immutableId)).toBeNull();
    // A report sent to the Lantern mailbox in Microsoft's third-party format becomes a user report.
    await first.lantern.graph.sendMail(person.id, {
      subject: 'Reported: Your weekly offers 3',
      body: { contentType: 'Text', content: 'Reported as phishing.' },
      toRecipients: [{ emailAddress: { address: sim.state.users().find((u) => u.userPrincipalName.startsWith('lantern@'))!.userPrincipalName } }],
      attachments: [{ '@odata.type': '#microsoft.graph.fileAttachment', name: 'reported.eml', contentType: 'message/rfc822', contentBytes: Buffer.from(mime(3, person.userPrincipalName)).toString('base64') }],
    });
    await first.lantern.ingestion.pollOnce('messages');
    await first.lantern.idle();
    const byMail = await first.lantern.triage.db.selectFrom('triage_reports').selectAll().where('source', '=', 'reporting-mailbox').execute();
    expect(byMail.map((r) => [r.reporter_id, r.internet_message_id])).toEqual([[person.id, '<offer-3@northwind-deals.example>']]);
    const stoppedAt = first.lantern.clock.now().getTime();
    await stop(first.lantern);

    // Second run: the same demo, resumed.
    const second = await start();
    expect(second.lines.some((l) => /^resuming the stored demo \(seed 7, 5 users, 2 days\): tenant clock .*, \d+ changes to the simulated mailboxes/.test(l))).toBe(true);
    const sim2 = second.lantern.simulator!;
    expect(second.lantern.clock.now().getTime()).toBeGreaterThanOrEqual(stoppedAt);
    expect(second.lantern.clock.now().getTime()).toBeLessThan(stoppedAt + 3_600_000);
    expect(sim2.state.whereIs(person.id, held)?.folderName).toBe('Lantern Held');
    expect(sim2.state.whereIs(person.id, reported)?.wellKnownName).toBe('junkemail');
    expect(sim2.state.messagesIn(person.id, 'inbox').some((m) => m.message.from?.emailAddress.address?.startsWith('lantern@'))).toBe(true);
    expect((await second.lantern.mailbox.listReports(null)).map((r) => r.id)).toContain(report.reportId);
    expect((await second.lantern.mailbox.heldList(user)).items.map((i) => i.messageId)).toContain(held);
    expect(await second.lantern.triage.report(report.reportId)).toBeTruthy();
    expect(await second.lantern.triage.report(byMail[0]!.id)).toBeTruthy();
    // The stored delta links still work against the new simulator (another port).
    await second.lantern.ingestion.pollOnce('messages');
    expect(second.lantern.ingestion.health().sources.messages.errors).toBe(0);
    // Released after the restart: the message goes back to the inbox it was held from.
    const hold = await second.lantern.mailbox.repo.activeHold(person.id, held);
    await second.lantern.mailbox.actions.releaseHold(hold!, 'test');
    expect(sim2.state.whereIs(person.id, held)?.wellKnownName).toBe('inbox');
    await stop(second.lantern);

    // --fresh: everything gone, and said so.
    const fresh = await start({}, true);
    expect(fresh.lines).toContain("--fresh: deleted the stored demo (its database, the simulated mailboxes' changes and the tenant clock); starting over");
    expect(fresh.lines.some((l) => /resuming/.test(l))).toBe(false);
    expect(await fresh.lantern.mailbox.listReports(null)).toEqual([]);
    expect(await fresh.lantern.triage.report(report.reportId)).toBeFalsy();
    expect(fresh.lantern.simulator!.state.whereIs(person.id, held)).toBeUndefined();
    expect(fresh.lantern.clock.now().getTime()).toBeLessThan(stoppedAt);
    await stop(fresh.lantern);

    // Other settings: not resumed, and said so.
    const other = await start({ LANTERN_DEMO_SEED: '8' });
    expect(other.lines).toContain(
      'the stored demo was made with seed 7, 5 users, 2 days; these settings are seed 8, 5 users, 2 days, so it was deleted and a new demo starts (set them back to resume it)',
    );
    expect(other.lines.some((l) => /resuming/.test(l))).toBe(false);
    await stop(other.lantern);
  }, 180_000);
});
