// `lantern backfill` against a running simulator through the tenant settings, as an operator would point
// it at `lantern sim`: it scores the window's mail, reports per-verdict counts and the riskiest messages
// with mail-derived text made safe for a terminal, and acts on nothing.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillCommand } from '../../server/src/cli/backfill.ts';
import { CliError } from '../../server/src/cli/cli-error.ts';
import { ManualClock } from '../../server/src/clock.ts';
import { SIM_CLIENT_ID, SIM_CLIENT_SECRET, startSimulator, type RunningSimulator } from '../../server/src/sim/simulator.ts';
import { END, PHISH_MIME, scenario, userId } from '../routes/app-fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'lantern-backfill-'));
let sim: RunningSimulator;
let env: NodeJS.ProcessEnv;
const caFile = join(dir, 'ca.pem');
const dataDir = join(dir, 'data');

// A hostile subject: an OSC sequence retitling the terminal, a clear-screen, and a right-to-left override.
const HOSTILE_SUBJECT = '\u001b]0;pwned\u0007\u001b[2JInvoice \u202eFDP.exe';
const encodedSubject = `=?UTF-8?B?${Buffer.from(HOSTILE_SUBJECT, 'utf8').toString('base64')}?=`;

beforeAll(async () => {
  const s = scenario();
  s.users = [...(s.users ?? []), { id: userId(4), userPrincipalName: 'room1@contoso.test', mail: 'room1@contoso.test', displayName: 'Room 1' }];
  sim = await startSimulator({ scenario: s, clock: new ManualClock(END), throttling: false });
  sim.state.setMailboxPurpose(userId(3), 'none');
  sim.state.setMailboxPurpose(userId(4), 'room');
  sim.state.addMessage({
    userId: userId(1),
    message: { id: 'hostile', receivedDateTime: '2026-03-02T10:00:00Z' },
    mime: PHISH_MIME.replace('Subject: Urgent: your mailbox will be suspended today', `Subject: ${encodedSubject}`).replace('phish-1@', 'phish-hostile@'),
  });
  writeFileSync(caFile, sim.caPem);
  env = {
    LANTERN_TENANT_ID: sim.tenantId,
    LANTERN_CLIENT_ID: SIM_CLIENT_ID,
    LANTERN_CLIENT_SECRET: SIM_CLIENT_SECRET,
    LANTERN_GRAPH_URL: sim.graphUrl,
    LANTERN_AUTHORITY_HOST: sim.baseUrl,
    LANTERN_DATA_DIR: dataDir,
    LANTERN_SECURITY_MAILBOX: 'lantern@contoso.test',
  };
});

afterAll(async () => {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await backfillCommand([...args, '--ca-file', caFile], { write: (l) => out.push(l), progress: (l) => err.push(l) }, env, dir);
  return { code, out, err };
}

describe('lantern backfill', () => {
  it('scores the window, reports verdict counts and the riskiest messages, and acts on nothing', async () => {
    const before = sim.stats().byRoute;
    const { code, out, err } = await run(['--days', '3', '--dry-run', '--until', END, '--json']);
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    const report = JSON.parse(out[0] as string) as {
      dryRun: boolean;
      since: string;
      mailboxes: { read: number; noMailbox: number; resource: number };
      scored: number;
      verdicts: { deliver: number; tag: number; 'lock-links': number; hold: number };
      top: { subject: string; verdict: string; score: number; userPrincipalName: string }[];
    };
    expect(report.dryRun).toBe(true);
    expect(report.since).toBe('2026-02-28T00:00:00.000Z');
    // Users 1 and 2 read; user 3 has no mailbox; the room mailbox is skipped.
    expect(report.mailboxes).toMatchObject({ read: 2, noMailbox: 1, resource: 1 });
    // user 1: the fixture's phish, two notes and the hostile one; user 2: one note.
    expect(report.scored).toBe(5);
    expect(report.verdicts.deliver).toBe(3);
    expect(report.verdicts.deliver + report.verdicts.tag + report.verdicts['lock-links'] + report.verdicts.hold).toBe(5);
    expect(report.top).toHaveLength(2);
    expect(report.top.every((t) => t.verdict !== 'deliver' && t.userPrincipalName === 'user1@contoso.test')).toBe(true);
    const hostile = report.top.find((t) => t.subject.includes('Invoice'));
    // ESC and BEL were stripped when the message was read; the right-to-left override is shown as an escape.
    expect(hostile?.subject).toBe(']0;pwned[2JInvoice \\u{202e}FDP.exe');
    expect(err.some((l) => /mailboxes/.test(l))).toBe(true);

    // Nothing acted on: no move, no category, no folder created; the real store was never opened.
    const after = sim.stats().byRoute;
    for (const route of ['POST /users/{}/messages/{}/move', 'PATCH /users/{}/messages/{}', 'POST /users/{}/mailFolders']) expect(after[route]).toEqual(before[route]);
    expect(sim.state.whereIs(userId(1), 'hostile')?.wellKnownName).toBe('inbox');
    expect(sim.state.whereIs(userId(1), 'msg-phish')?.wellKnownName).toBe('inbox');
    expect(existsSync(dataDir) ? readdirSync(dataDir) : []).toEqual([]);
  });

  it('prints a readable report with terminal-safe text', async () => {
    const { code, out } = await run(['--days', '3', '--dry-run', '--until', END, '--user', 'user1@contoso.test', '--top', '1']);
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/Nothing was moved, tagged or locked/);
    expect(text).toMatch(/mailboxes: 1 read/);
    expect(text).toMatch(/verdicts: 2 deliver, /);
    expect(text).toMatch(/riskiest messages:/);
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
  });

  it('refuses to run without --dry-run, and bounds --days, --max-messages and the users', async () => {
    await expect(run(['--days', '3'])).rejects.toThrow(/never acts on mail[\s\S]*--dry-run/);
    await expect(run(['--days', '31', '--dry-run'])).rejects.toThrow(/--days must be a whole number from 1 to 30/);
    await expect(run(['--dry-run'])).rejects.toThrow(/--days is required/);
    await expect(run(['--days', '2', '--dry-run', '--max-messages', '20000'])).rejects.toThrow(CliError);
    await expect(run(['--days', '2', '--dry-run', '--until', END, '--user', 'nobody@contoso.test'])).rejects.toThrow(/no such user/);
  });

  it('stops at the message cap and says so', async () => {
    const { out } = await run(['--days', '3', '--dry-run', '--until', END, '--user', userId(1), '--max-messages', '2', '--json']);
    const report = JSON.parse(out[0] as string) as { scored: number; capped: boolean };
    expect(report).toMatchObject({ scored: 2, capped: true });
  });
});
