// `lantern replay FILE [--json]`: replays a tenant scenario file through identity detection in virtual time.
// `lantern replay --evaluate --seeds 1,2,3 --users 200 --days 30`: generates scenarios with attack chains
// and benign hard cases, replays each and scores detection against the ground truth.
import type { TenantScenario } from '@lantern/shared';
import { evaluateReplay, type ScenarioEvaluation } from '../identity/evaluate.ts';
import { replayScenario, type ReplayResult } from '../identity/replay.ts';
import { parseArgs } from 'node:util';
import { terminalText } from '../terminal-text.ts';
import { CliError } from './cli-error.ts';

const HELP = `usage:
  lantern replay FILE [--json]
  lantern replay EXPORT... [--json]
  lantern replay --evaluate [--seeds 1,2,3] [--users 200] [--days 30] [--attacks KIND,...] [--json]

Replays a tenant scenario file (docs/scenario-format.md) through identity detection: normalise, baselines,
detection models, incidents, with the clock at event time. Prints the incidents with their narratives,
or with --json one JSON document { incidents, breaches, stats }. Progress goes to stderr on long files.
EXPORT files are read as they are (docs/replay-formats/): Purview audit search CSV or JSON, Entra sign-in
JSON exports. Their format is detected, several files combine into one timeline, and records of operations
Lantern has no event for are counted per file on stderr and skipped.

  --json            one JSON document on stdout
  --evaluate        generate scenarios (one per seed), replay them and score against their labels
  --seeds LIST      comma-separated generator seeds (default 1,2,3)
  --users N         users per generated tenant (default 200)
  --days N          days per generated tenant (default 30)
  --attacks LIST    attack kinds to inject, one of each (default: the generator's default)
`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseReplayArgs(args);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.evaluate) {
    return evaluate({
      seeds: intList('seeds', values.seeds ?? '1,2,3'),
      users: int('users', values.users, 200, 1, 100_000),
      days: int('days', values.days, 30, 1, 400),
      attacks: values.attacks ? values.attacks.split(',').map((s) => s.trim()).filter(Boolean) : null,
      json: values.json ?? false,
    });
  }
  const file = positionals[0];
  if (!file) throw new CliError('give a scenario FILE or export files (lantern replay --help)');
  let loaded: { scenario: TenantScenario; skipped: number; problems: string[] };
  if (positionals.length === 1 && (await isScenarioFile(file))) {
    const { loadScenario, ScenarioLoadError } = await import('../sim/load-scenario.ts');
    try {
      loaded = loadScenario(file);
    } catch (err) {
      if (err instanceof ScenarioLoadError) throw new CliError(err.message, 1);
      throw err;
    }
  } else {
    const { readExports, summaryLines, ExportFormatError } = await import('../identity/exports/read-exports.ts');
    const { readFileSync } = await import('node:fs');
    try {
      const read = readExports(positionals.map((name) => ({ name, text: readFileSync(name, 'utf8') })));
      for (const line of summaryLines(read.files)) process.stderr.write(`replay: ${terminalText(line, { quote: false, max: 1000 })}\n`);
      const invalid = read.files.reduce((n, f) => n + f.invalid, 0);
      loaded = { scenario: read.scenario, skipped: invalid, problems: [] };
    } catch (err) {
      if (err instanceof ExportFormatError) throw new CliError(err.message, 1);
      if (err instanceof Error && 'code' in err) throw new CliError(err.message, 1);
      throw err;
    }
  }
  const total = loaded.scenario.signIns?.length ?? 0;
  const result = replayScenario(loaded.scenario, {
    loaderSkipped: loaded.skipped,
    loaderProblems: loaded.problems,
    now: () => performance.now(),
    onProgress: total >= 200_000 ? (done, all) => process.stderr.write(`replay: ${done}/${all} events\n`) : undefined,
  });
  if (values.json) {
    const { incidents, breaches, stats } = result;
    process.stdout.write(JSON.stringify({ incidents, breaches, stats }, null, 2) + '\n');
  } else {
    process.stdout.write(report(result));
  }
  for (const p of result.problems.slice(0, 10)) process.stderr.write(`replay: skipped: ${p}\n`);
  return 0;
}

/** A scenario file (docs/scenario-format.md) rather than an export: a JSON object with version and tenant. */
async function isScenarioFile(file: string): Promise<boolean> {
  const { openSync, readSync, closeSync } = await import('node:fs');
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return true; // let the scenario loader report the missing file
  }
  try {
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const head = buf.subarray(0, n).toString('utf8').replace(/^\ufeff/, '').trimStart();
    return head.startsWith('{') && /"version"\s*:/.test(head) && !/"(AuditData|createdDateTime)"/.test(head.slice(0, 400));
  } finally {
    closeSync(fd);
  }
}

function parseReplayArgs(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        help: { type: 'boolean', short: 'h' },
        json: { type: 'boolean' },
        evaluate: { type: 'boolean' },
        seeds: { type: 'string' },
        users: { type: 'string' },
        days: { type: 'string' },
        attacks: { type: 'string' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
}

function int(name: string, raw: string | undefined, def: number, min: number, max: number): number {
  if (raw === undefined) return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new CliError(`--${name} must be an integer in [${min}, ${max}], got '${raw}'`);
  return n;
}

function intList(name: string, raw: string): number[] {
  const out = raw.split(',').map((s) => Number(s.trim()));
  if (out.length === 0 || out.length > 50 || out.some((n) => !Number.isInteger(n))) throw new CliError(`--${name} must be a comma-separated list of integers, got '${raw}'`);
  return out;
}

export function report(r: ReplayResult): string {
  const lines: string[] = [];
  const s = r.stats;
  lines.push(`${s.records} records (${s.skipped} skipped), ${s.events} events, ${s.signIns} sign-ins; ${s.breaches} breaches, ${s.incidents} incidents.`);
  lines.push('');
  const shown = r.incidents.filter((i) => i.severity !== 'low');
  if (shown.length === 0) lines.push('No incident of medium severity or above.');
  for (const i of shown) {
    // user names and the narrative (rule names, apps, locations) come from the tenant's data: escaped for the terminal
    lines.push(`[${i.severity.toUpperCase()} ${i.score}] ${i.id}  ${i.users.map((u) => terminalText(u, { quote: false, max: 100 })).join(', ')}  ${i.start} → ${i.end}`);
    lines.push(wrap(terminalText(i.narrative, { quote: false, max: 4000 }), 100, '    '));
    const open = i.persistence.filter((p) => p.removedAt === null);
    if (open.length > 0) lines.push(`    To undo (${open.length}):`);
    for (const p of open) {
      lines.push(wrap(`- ${terminalText(p.what, { quote: false, max: 600 })}`, 100, '      '));
      lines.push(wrap(`  ${terminalText(p.undo, { quote: false, max: 600 })}`, 100, '        '));
    }
    lines.push('');
  }
  const low = r.incidents.length - shown.length;
  if (low > 0) lines.push(`${low} low-severity incident${low === 1 ? '' : 's'} not shown (use --json).`);
  return lines.join('\n') + '\n';
}

function wrap(text: string, width: number, indent: string): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line.length + word.length + 1 > width && line) {
      out.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(indent + line);
  return out.join('\n');
}

interface EvaluateOptions {
  seeds: number[];
  users: number;
  days: number;
  attacks: string[] | null;
  json: boolean;
}

async function evaluate(o: EvaluateOptions): Promise<number> {
  const { generateScenario } = await import('../sim/generator/generate.ts');
  type GenOptions = Parameters<typeof generateScenario>[0];
  const results: { seed: number; evaluation: ScenarioEvaluation; signInsPerSecond: number }[] = [];
  for (const seed of o.seeds) {
    process.stderr.write(`evaluate: seed ${seed}: generating ${o.users} users × ${o.days} days\n`);
    const options = { users: o.users, days: o.days, seed, hardCases: true } as GenOptions;
    if (o.attacks) options.attacks = o.attacks.map((kind) => ({ kind, count: 1 })) as GenOptions['attacks'];
    const scenario: TenantScenario = generateScenario(options);
    const result = replayScenario(scenario, { now: () => performance.now() });
    const evaluation = evaluateReplay(scenario, result);
    results.push({ seed, evaluation, signInsPerSecond: result.stats.signInsPerSecond });
    if (!o.json) process.stdout.write(evaluationReport(seed, evaluation));
  }
  if (o.json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  const ok = results.every((r) => r.evaluation.attacksDetected === r.evaluation.attacks.length && r.evaluation.benignInHigh === 0 && r.evaluation.benignMediumRate < 0.05);
  return ok ? 0 : 1;
}

export function evaluationReport(seed: number, e: ScenarioEvaluation): string {
  const lines = [
    `seed ${seed}: ${e.users} users, ${e.signIns} sign-ins; incidents low ${e.incidents.low}, medium ${e.incidents.medium}, high ${e.incidents.high}, critical ${e.incidents.critical}`,
    `  attacks detected ${e.attacksDetected}/${e.attacks.length}; benign users in incidents ≥ medium ${e.benignInMedium}/${e.benignUsers} (${(e.benignMediumRate * 100).toFixed(1)}%), ≥ high ${e.benignInHigh}`,
  ];
  for (const a of e.attacks) {
    lines.push(`  attack ${a.name} (${a.users} users): ${a.detected ? 'detected' : 'MISSED'}, severity ${a.severity ?? 'none'}${a.usersMissing ? `, ${a.usersMissing} users below high` : ''}${a.missingModels.length ? `, missing models ${a.missingModels.join(', ')}` : ''}`);
  }
  for (const h of e.hardCases) lines.push(`  benign ${h.name} (${h.users} users): ${h.severity ?? 'no incident'}`);
  return lines.join('\n') + '\n';
}
