// `lantern assess PATH... [--json]`: scores .eml files (or folders of them), one result per file.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { MailVerdict } from '@lantern/shared/assessment';
import { assessMail } from '../mail/assess.ts';
import type { MailContext } from '../mail/mail-context.ts';
import { defaultMailPolicy, type MailPolicy } from '../mail/mail-policy.ts';
import { evaluateCorpus, type CorpusEvaluation } from '../mail/evaluate-corpus.ts';
import { parseMime } from '../mail/parse.ts';
import { terminalText } from '../terminal-text.ts';
import { CliError } from './cli-error.ts';

const help = `usage: lantern assess PATH... [--json] [--tenant-domain DOMAIN]... [--tag-at N] [--lock-at N] [--hold-at N]
       lantern assess --eval CORPUS_DIR [--tenant-domain DOMAIN]...   (CORPUS_DIR holds phish/ and ham/)

Scores .eml files, or every .eml under the given folders. No network access.
  --json            one JSON object per line: { file, score, verdict, reasons: [{ code, weight, text }], narrative }
  --tenant-domain   the organisation's own domain (repeatable): enables look-alike and internal checks
  --tag-at, --lock-at, --hold-at   score thresholds (defaults ${defaultMailPolicy.tagAt}, ${defaultMailPolicy.lockLinksAt}, ${defaultMailPolicy.holdAt})
A progress line goes to stderr on long runs; a summary line (counts per verdict) ends the run.`;

export interface AssessOutput {
  write(line: string): void;
  progress(line: string): void;
}

async function collect(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  const walk = async (p: string, explicit: boolean): Promise<void> => {
    let s;
    try {
      s = await stat(p);
    } catch {
      if (explicit) throw new CliError(`no such file or folder: ${p}`);
      return;
    }
    if (s.isDirectory()) {
      const names = (await readdir(p)).sort();
      for (const n of names) await walk(join(p, n), false);
    } else if (explicit || p.toLowerCase().endsWith('.eml')) files.push(p);
  };
  for (const p of paths) await walk(p, true);
  return files;
}

function threshold(v: string | undefined, name: string, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new CliError(`--${name} must be a number from 0 to 100`);
  return n;
}

/** Keeps the end of a long path (the file name), which is what the reader needs. */
/** A file name in a column: escaped (names of files in a mail corpus are anyone's), cut from the left. */
function padPath(path: string, n: number): string {
  const s = terminalText(path, { quote: false, max: 4096 });
  return s.length > n ? '…' + s.slice(s.length - n + 1) : s.padEnd(n);
}

function pad(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s.padEnd(n);
}

/** Runs the command with injectable output (tests capture it). */
export async function assessCommand(args: string[], out: AssessOutput): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        'tenant-domain': { type: 'string', multiple: true },
        'tag-at': { type: 'string' },
        'lock-at': { type: 'string' },
        'hold-at': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        eval: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out.write(help);
    return 0;
  }
  if (positionals.length === 0) throw new CliError('give at least one .eml file or folder\n' + help);
  const policy: MailPolicy = {
    ...defaultMailPolicy,
    tagAt: threshold(values['tag-at'], 'tag-at', defaultMailPolicy.tagAt),
    lockLinksAt: threshold(values['lock-at'], 'lock-at', defaultMailPolicy.lockLinksAt),
    holdAt: threshold(values['hold-at'], 'hold-at', defaultMailPolicy.holdAt),
  };
  const context: MailContext = values['tenant-domain']?.length ? { tenantDomains: values['tenant-domain'].map((d) => d.toLowerCase()) } : {};
  if (values.eval) return evaluate(positionals, context, policy, out);
  const files = await collect(positionals);
  const counts: Record<MailVerdict | 'error', number> = { deliver: 0, tag: 0, 'lock-links': 0, hold: 0, error: 0 };
  if (!values.json) out.write(`${pad('file', 40)} ${'score'.padStart(5)}  ${pad('verdict', 10)} top reasons`);
  const started = performance.now();
  let lastProgress = started;
  for (const [i, file] of files.entries()) {
    try {
      const mail = await parseMime(await readFile(file));
      const a = assessMail(mail, context, policy);
      counts[a.verdict]++;
      if (values.json) {
        out.write(JSON.stringify({ file, score: a.score, verdict: a.verdict, reasons: a.reasons.map((r) => ({ code: r.code, weight: r.weight, text: r.text })), narrative: a.userNarrative }));
      } else {
        const top = a.reasons.slice(0, 3).map((r) => `${r.code}(+${r.weight})`).join(', ');
        out.write(`${padPath(file, 40)} ${String(a.score).padStart(5)}  ${pad(a.verdict, 10)} ${top}`);
      }
    } catch (err) {
      counts.error++;
      const message = err instanceof Error ? err.message : String(err);
      out.write(values.json ? JSON.stringify({ file, error: message }) : `${padPath(file, 40)} ${'-'.padStart(5)}  ${pad('error', 10)} ${terminalText(message, { quote: false, max: 300 })}`);
    }
    const now = performance.now();
    if (files.length > 50 && now - lastProgress > 1000) {
      lastProgress = now;
      out.progress(`assessed ${i + 1}/${files.length} (${Math.round(((i + 1) * 1000) / (now - started))} msg/s)`);
    }
  }
  const summary = `${files.length} files: ${counts.deliver} deliver, ${counts.tag} tag, ${counts['lock-links']} lock-links, ${counts.hold} hold, ${counts.error} errors`;
  if (values.json) out.progress(summary);
  else out.write(summary);
  return 0;
}

async function evaluate(dirs: string[], context: MailContext, policy: MailPolicy, out: AssessOutput): Promise<number> {
  if (dirs.length !== 1) throw new CliError('--eval takes one corpus folder holding phish/ and ham/');
  const e = await evaluateCorpus(dirs[0]!, {
    context,
    policy,
    onProgress: (done, total) => {
      if (done % 100 === 0) out.progress(`evaluated ${done}/${total}`);
    },
  });
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const side = (name: string, s: CorpusEvaluation['phish']): string =>
    `${name}: ${s.total} messages, ${s.errors} errors; deliver ${s.verdicts.deliver}, tag ${s.verdicts.tag}, lock-links ${s.verdicts['lock-links']}, hold ${s.verdicts.hold}\n  top reasons: ${s.topReasons
      .slice(0, 10)
      .map((r) => `${r.code} ${r.count}`)
      .join(', ')}`;
  out.write(side('phish', e.phish));
  out.write(side('ham', e.ham));
  out.write(`phishing flagged ${pct(e.phishFlaggedRate)}; benign flagged ${pct(e.hamFlaggedRate)}; benign locked or held ${pct(e.hamLockedOrHeldRate)}`);
  out.write(`missed phishing: ${e.items.filter((i) => i.label === 'phish' && i.verdict === 'deliver').length}; benign flagged: ${e.items.filter((i) => i.label === 'ham' && i.verdict && i.verdict !== 'deliver').map((i) => terminalText(i.file, { quote: false, max: 300 })).join(', ') || 'none'}`);
  return 0;
}

export async function run(args: string[]): Promise<number> {
  return assessCommand(args, {
    write: (line) => process.stdout.write(line + '\n'),
    progress: (line) => process.stderr.write(line + '\n'),
  });
}
