// `lantern backfill --days N --dry-run [--user UPN]...`: scores the inbox mail received in the last N days
// (at most 30, and at most --max-messages messages) and reports what Lantern would have done with it:
// counts per verdict and the riskiest messages. It never acts: Lantern's rule is that mail received before
// it was installed is never moved, tagged or locked, so backfill runs only as a dry run and says so when
// --dry-run is missing. Against the tenant in the settings (like `lantern start`), a running `lantern sim`
// (tenant settings pointing at it, plus --ca-file), or, with no settings, the built-in demo tenant.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { ManualClock, systemClock, type Clock } from '../clock.ts';
import { ConfigError, loadConfig, type LanternConfig } from '../config.ts';
import { createGraphApi } from '../graph/create-graph-api.ts';
import type { GraphApi } from '../graph/graph-api.ts';
import { parseCommandArgs } from './args.ts';
import { backfillScan, MAX_BACKFILL_DAYS, MAX_BACKFILL_MESSAGES, type BackfillReport } from './backfill-scan.ts';
import { CliError } from './cli-error.ts';
import { terminalText } from '../terminal-text.ts';

const DAY = 86_400_000;
const MICROSOFT_AUTHORITY_HOSTS = new Set(['login.microsoftonline.com', 'login.microsoftonline.us', 'login.chinacloudapi.cn', 'login.partner.microsoftonline.cn']);

const ARGS = {
  options: {
    days: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    user: { type: 'string', multiple: true },
    'max-messages': { type: 'string' },
    top: { type: 'string' },
    until: { type: 'string' },
    'ca-file': { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  allowPositionals: false,
} as const;

export const BACKFILL_USAGE = `usage: lantern backfill --days N --dry-run [--user UPN]... [--max-messages N] [--top N] [--until ISO] [--ca-file FILE] [--json]

Scores the inbox mail received in the last N days and reports what Lantern would have done with it:
counts per verdict (deliver, tag, lock-links, hold) and the riskiest messages. Nothing is moved, tagged or
locked, and Lantern's store is not written: mail that arrived before Lantern was installed is never acted
on, so backfill only runs as a dry run (--dry-run is required to say so).

Uses the tenant settings of \`lantern start\` (LANTERN_TENANT_ID, LANTERN_CLIENT_ID, LANTERN_CLIENT_SECRET, ...,
LANTERN_GRAPH_URL and LANTERN_AUTHORITY_HOST for a \`lantern sim\`); with none, the built-in demo tenant.

  --days N            the window: mail received in the last N days (1-${MAX_BACKFILL_DAYS})
  --dry-run           required: score and report only
  --user UPN          only this mailbox (user principal name or id; repeatable); default every mailbox
  --max-messages N    score at most N messages in all (default 2000, at most ${MAX_BACKFILL_MESSAGES}); each mailbox gets its share
  --top N             list the N riskiest messages (default 10, at most 100)
  --until ISO         end of the window (default now; the demo tenant's end in demo mode), e.g. a simulator's clock
  --ca-file FILE      a CA certificate (PEM) to trust for Graph and the authority, e.g. .lantern/sim-certs/ca.pem
  --json              print the report as one JSON object
Progress goes to stderr.
`;

export interface BackfillIo {
  write(line: string): void;
  progress(line: string): void;
}

function intOption(name: string, raw: string | undefined, fallback: number | null, min: number, max: number): number {
  if (raw === undefined) {
    if (fallback === null) throw new CliError(`--${name} is required\n\n${BACKFILL_USAGE}`);
    return fallback;
  }
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new CliError(`--${name} must be a whole number from ${min} to ${max} (got '${raw}')`);
  return n;
}

interface Connection {
  graph: GraphApi;
  clock: Clock;
  /** End of the window when --until is not given. */
  defaultUntil: string;
  close(): Promise<void>;
}

async function connect(config: LanternConfig, caPem: string | undefined, until: string | undefined, logger: Logger, progress: (line: string) => void): Promise<Connection> {
  if (config.mode === 'tenant' && config.tenant) {
    const t = config.tenant;
    const authorityHost = new URL(t.authorityHost);
    const graph = createGraphApi({
      graphUrl: t.graphUrl,
      credentials: {
        authority: `${t.authorityHost.replace(/\/+$/, '')}/${t.tenantId}`,
        clientId: t.clientId,
        credential: t.credential,
        ...(MICROSOFT_AUTHORITY_HOSTS.has(authorityHost.hostname) ? {} : { knownAuthorities: [authorityHost.host] }),
      },
      ...(caPem ? { caPem } : {}),
      logger,
    });
    progress(`tenant ${t.tenantId} at ${t.graphUrl}`);
    return { graph, clock: systemClock, defaultUntil: systemClock.now().toISOString(), close: async () => undefined };
  }
  // Demo mode: the generated demo tenant in a simulator of our own, its clock at the window's end.
  const { generateScenario } = await import('../sim/generator/generate.ts');
  const { startSimulator } = await import('../sim/simulator.ts');
  const { simulatorGraphApi } = await import('../sim/simulator-graph-api.ts');
  const scenario = generateScenario({ users: config.demoUsers, days: config.demoDays, seed: config.demoSeed });
  const end = until ?? scenario.end;
  const clock = new ManualClock(end);
  const sim = await startSimulator({ scenario, clock, throttling: false });
  progress(`demo mode: no tenant configured, using the built-in simulated tenant "${scenario.tenant.displayName}" (${config.demoUsers} users) as of ${end}`);
  return { graph: simulatorGraphApi(sim, { logger }), clock, defaultUntil: end, close: () => sim.close() };
}

function pad(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n);
}

export function formatReport(report: BackfillReport, days: number): string[] {
  const v = report.verdicts;
  const m = report.mailboxes;
  const lines = [
    `Backfill, dry run: inbox mail received ${report.since} to ${report.until} (${days} day${days === 1 ? '' : 's'}). Nothing was moved, tagged or locked.`,
    `mailboxes: ${m.read} read${m.shared > 0 ? ` (${m.shared} shared)` : ''}, ${m.noMailbox} without a mailbox, ${m.resource} room or equipment skipped${m.failed > 0 ? `, ${m.failed} could not be read` : ''}`,
    `messages: ${report.scored} scored${report.errors > 0 ? `, ${report.errors} could not be scored` : ''}${report.capped ? ' (capped: the window holds more; raise --max-messages or narrow with --user)' : ''}`,
    `verdicts: ${v.deliver} deliver, ${v.tag} tag, ${v['lock-links']} lock-links, ${v.hold} hold`,
    `Lantern would have held ${v.hold}, locked the links of ${v['lock-links']} and tagged ${v.tag} of these messages.`,
  ];
  if (report.top.length === 0) {
    lines.push('no risky messages in the window');
    return lines;
  }
  lines.push('', 'riskiest messages:', `${'score'.padStart(5)}  ${pad('verdict', 10)} ${pad('received', 16)}  ${pad('mailbox', 28)} ${pad('from', 32)} subject`);
  for (const r of report.top) {
    const received = (r.receivedAt ?? '').replace('T', ' ').slice(0, 16);
    lines.push(
      `${String(r.score).padStart(5)}  ${pad(r.verdict, 10)} ${pad(received, 16)}  ${pad(terminalText(r.userPrincipalName, { quote: false, max: 28 }), 28)} ${pad((r.from === null ? '-' : terminalText(r.from, { quote: false, max: 32 })), 32)} ${(r.subject ? terminalText(r.subject, { max: 70 }) : '(no subject)')}`,
    );
  }
  return lines;
}

/** The JSON form: the report with every mail-derived string made safe for a terminal too. */
function jsonReport(report: BackfillReport, days: number): string {
  return JSON.stringify({
    dryRun: true,
    days,
    ...report,
    top: report.top.map((r) => ({ ...r, from: r.from === null ? null : terminalText(r.from, { quote: false, max: 320 }), subject: r.subject === null ? null : terminalText(r.subject, { quote: false, max: 500 }) })),
  });
}

/** Runs the command with injectable output and environment (tests). */
export async function backfillCommand(args: string[], io: BackfillIo, env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  const { values } = parseCommandArgs<typeof ARGS>(args, ARGS);
  if (values.help) {
    io.write(BACKFILL_USAGE.trimEnd());
    return 0;
  }
  const days = intOption('days', values.days, null, 1, MAX_BACKFILL_DAYS);
  const maxMessages = intOption('max-messages', values['max-messages'], 2000, 1, MAX_BACKFILL_MESSAGES);
  const top = intOption('top', values.top, 10, 0, 100);
  if (!values['dry-run']) {
    throw new CliError(
      'backfill only reports; it never acts on mail. Mail received before Lantern was installed is never moved, tagged or locked, ' +
        'so there is nothing to apply. Run it again with --dry-run to score the mail and see what Lantern would have done.',
    );
  }
  if (values.until !== undefined && !Number.isFinite(Date.parse(values.until))) throw new CliError(`--until is not an ISO time: '${values.until}'`);
  let config: LanternConfig;
  try {
    config = loadConfig(env, cwd, (p) => readFileSync(p, 'utf8'));
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message);
    throw err;
  }
  let caPem: string | undefined;
  if (values['ca-file']) {
    try {
      caPem = readFileSync(resolve(cwd, values['ca-file']), 'utf8');
    } catch (err) {
      throw new CliError(`cannot read --ca-file: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const logger = pino({ level: 'error' }, pino.destination(2));
  const conn = await connect(config, caPem, values.until, logger, io.progress);
  try {
    const until = new Date(values.until ?? conn.defaultUntil).toISOString();
    const since = new Date(Date.parse(until) - days * DAY).toISOString();
    const { users: all } = await conn.graph.listUsers();
    const wanted = values.user?.map((u) => u.toLowerCase()) ?? null;
    const users = wanted ? all.filter((u) => wanted.includes(u.id.toLowerCase()) || wanted.includes(u.userPrincipalName.toLowerCase())) : all;
    if (wanted) {
      const known = new Set(users.flatMap((u) => [u.id.toLowerCase(), u.userPrincipalName.toLowerCase()]));
      const unknown = wanted.filter((w) => !known.has(w));
      if (unknown.length > 0) throw new CliError(`no such user in the tenant: ${unknown.map((u) => terminalText(u, { max: 100 })).join(', ')}`);
    }
    const domains = [...new Set(all.map((u) => u.userPrincipalName.split('@')[1]?.toLowerCase()).filter((d): d is string => !!d))];
    io.progress(`reading inbox mail received since ${since} in ${users.length} mailbox${users.length === 1 ? '' : 'es'} (at most ${maxMessages} messages)`);
    const report = await backfillScan({
      graph: conn.graph,
      users,
      since,
      until,
      maxMessages,
      top,
      clock: conn.clock,
      directory: { domains, internalDisplayNames: all.map((u) => u.displayName).filter((n): n is string => !!n) },
      progress: io.progress,
    });
    if (values.json) io.write(jsonReport(report, days));
    else for (const line of formatReport(report, days)) io.write(line);
    return report.mailboxes.failed > 0 && report.mailboxes.read === 0 ? 1 : 0;
  } finally {
    await conn.close();
  }
}

export async function run(args: string[]): Promise<number> {
  return backfillCommand(
    args,
    {
      write: (line) => process.stdout.write(`${line}\n`),
      progress: (line) => process.stderr.write(`${line}\n`),
    },
    process.env,
    process.cwd(),
  );
}
