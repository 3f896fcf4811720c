// `lantern assess PATH... [--json]`: scores .eml files (or folders of them), one result per file.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { MailVerdict } from '@lantern/shared/assessment';
import { assessMail } from '../mail/assess.ts';
import type { MailContext } from '../mail/mail-context.ts';
import { defaultMailPolicy, type MailPolicy } from '../mail/mail-policy.ts';
import { CorpusFolderError } from '../mail/corpus-files.ts';
import { comparisonLines, detectionLines, EvalRecordError, parseEvalRecord, setLines, toEvalRecord, type EvalRecord } from '../mail/eval-report.ts';
import { evaluateCorpus } from '../mail/evaluate-corpus.ts';
import { defaultMailModel, MailModelError, parseMailModel, type MailModel } from '../mail/mail-model.ts';
import { signedPoints } from '../mail/narrative.ts';
import { parseMime } from '../mail/parse.ts';
import { terminalText } from '../terminal-text.ts';
import { CliError } from './cli-error.ts';

const help = `usage: lantern assess PATH... [--json] [--tenant-domain DOMAIN]... [--tag-at N] [--lock-at N] [--hold-at N]
       lantern assess --eval CORPUS_DIR [--save FILE] [--compare FILE] [--model FILE]   (CORPUS_DIR holds phish/ and ham/)

Scores .eml files, or every .eml under the given folders. No network access.
  --json            one JSON object per line: { file, score, verdict, reasons: [{ code, weight, text }], narrative }
  --tenant-domain   the organisation's own domain (repeatable): enables look-alike and internal checks
  --tag-at, --lock-at, --hold-at   score thresholds (defaults ${defaultMailPolicy.tagAt}, ${defaultMailPolicy.lockLinksAt}, ${defaultMailPolicy.holdAt})
  --model FILE      score with this model file instead of the committed one (as written by lantern train --out)
  --eval            per set (phishing, list ham, commercial ham) and per side of the committed train/validation split:
                    n, flagged, locked or held; then each detection's fires per set and precision
  --save FILE       with --eval: write the result as JSON;  --compare FILE: print per-set changes against a saved result
A progress line goes to stderr on long runs; a summary line (counts per verdict) ends the run. Exits 1 when
no file could be assessed.`;

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
        save: { type: 'string' },
        compare: { type: 'string' },
        model: { type: 'string' },
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
  const model = await readModel(values.model);
  if (!values.eval && (values.save || values.compare)) throw new CliError('--save and --compare go with --eval');
  if (values.eval) return evaluate(positionals, context, policy, model, { save: values.save, compare: values.compare, modelFile: values.model }, out);
  const files = await collect(positionals);
  const counts: Record<MailVerdict | 'error', number> = { deliver: 0, tag: 0, 'lock-links': 0, hold: 0, error: 0 };
  if (!values.json) out.write(`${pad('file', 40)} ${'score'.padStart(5)}  ${pad('verdict', 10)} top reasons`);
  const started = performance.now();
  let lastProgress = started;
  for (const [i, file] of files.entries()) {
    try {
      const mail = await parseMime(await readFile(file));
      const a = assessMail(mail, context, policy, model);
      counts[a.verdict]++;
      if (values.json) {
        out.write(JSON.stringify({ file, score: a.score, verdict: a.verdict, reasons: a.reasons.map((r) => ({ code: r.code, weight: r.weight, text: r.text })), narrative: a.userNarrative }));
      } else {
        const top = a.reasons.slice(0, 3).map((r) => `${r.code}(${signedPoints(r.weight)})`).join(', ');
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
  // Nothing could be assessed: a script must not take that for "all clear".
  if (files.length > 0 && counts.error === files.length) {
    out.progress(`no file could be assessed (${files.length} failed)`);
    return 1;
  }
  return 0;
}

async function readModel(file: string | undefined): Promise<MailModel> {
  if (!file) return defaultMailModel;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new CliError(`cannot read the model ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return parseMailModel(json);
  } catch (err) {
    if (err instanceof MailModelError) throw new CliError(`${file}: ${err.message}`);
    throw err;
  }
}

async function readEvalRecord(file: string): Promise<EvalRecord> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return parseEvalRecord(json);
  } catch (err) {
    if (err instanceof EvalRecordError) throw new CliError(`${file}: ${err.message}`);
    throw err;
  }
}

interface EvalOptions {
  save: string | undefined;
  compare: string | undefined;
  modelFile: string | undefined;
}

async function evaluate(dirs: string[], context: MailContext, policy: MailPolicy, model: MailModel, o: EvalOptions, out: AssessOutput): Promise<number> {
  if (dirs.length !== 1) throw new CliError('--eval takes one corpus folder holding phish/ and ham/');
  // read what we compare with first: a bad file should fail before minutes of scoring
  const before = o.compare ? await readEvalRecord(o.compare) : null;
  let e;
  try {
    e = await evaluateCorpus(dirs[0]!, {
      context,
      policy,
      model,
      onProgress: (done, total) => {
        if (done % 250 === 0 || done === total) out.progress(`evaluated ${done}/${total}`);
      },
    });
  } catch (err) {
    if (err instanceof CorpusFolderError) throw new CliError(err.message);
    throw err;
  }
  const modelHash = createHash('sha256').update(JSON.stringify(model)).digest('hex').slice(0, 12);
  const scorer = `${o.modelFile ?? 'committed model'} ${modelHash} (trained on ${model.trainedOn.corpusSha256.slice(0, 12) || 'nothing'}; tag ${policy.tagAt}, lock links ${policy.lockLinksAt}, hold ${policy.holdAt})`;
  const record = toEvalRecord(e, scorer);
  out.write(`scorer: ${scorer}`);
  out.write('figures for the README come from the validation side only; train lines are in-sample (the model learned from them: its honest training figures are the out-of-fold ones lantern train prints)');
  for (const l of setLines(record)) out.write(l);
  out.write('');
  for (const l of detectionLines(record)) out.write(l);
  const flaggedHam = e.items.filter((i) => i.side === 'validation' && i.set !== 'phish' && i.verdict && i.verdict !== 'deliver');
  out.write('');
  out.write(`validation benign flagged: ${flaggedHam.map((i) => `${terminalText(i.name, { quote: false, max: 200 })} (${i.score})`).join(', ') || 'none'}`);
  if (before) {
    out.write('');
    for (const l of comparisonLines(before, record)) out.write(l);
  }
  if (o.save) {
    await writeFile(o.save, JSON.stringify(record) + '\n');
    out.progress(`saved to ${o.save}`);
  }
  return 0;
}

export async function run(args: string[]): Promise<number> {
  return assessCommand(args, {
    write: (line) => process.stdout.write(line + '\n'),
    progress: (line) => process.stderr.write(line + '\n'),
  });
}
