// `lantern bench [NAME...] [--write]`: runs the benchmarks and prints their figures; --write records them
// in docs/benchmarks.md with the machine and the date.
import { cpus, totalmem } from 'node:os';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseCommandArgs } from './args.ts';
import { CliError } from './cli-error.ts';

type Figures = Record<string, number | string>;

interface BenchOptions {
  /** --corpus DIR, when given. */
  corpus: string | undefined;
  /** --no-attachments: skip reading attachments' content in the mail benchmark. */
  attachments: boolean;
}

interface Benchmark {
  title: string;
  run: (repoRoot: string, options: BenchOptions) => Promise<Figures>;
}

/** The evaluation corpus: --corpus, else shared/corpus beside the repository (a clone) or beside its parent (a worktree). */
function corpusDir(repoRoot: string, given: string | undefined): string {
  if (given) return resolve(given);
  const candidates = [resolve(repoRoot, '..', 'shared', 'corpus'), resolve(repoRoot, '..', '..', 'shared', 'corpus')];
  return candidates.find((c) => existsSync(c)) ?? candidates[0]!;
}

const benchmarks: Record<string, Benchmark> = {
  ingest: {
    title: 'Ingestion (sign-ins through HTTPS into the store; inbox-rule sweep)',
    run: async () => (await import('../bench/ingest-bench.ts')).benchIngest({}),
  },
  replay: {
    title: 'Identity replay (sign-ins scored per second, peak memory)',
    run: async () => (await import('../bench/replay-bench.ts')).benchReplay({}),
  },
  restart: {
    title: 'Identity engine restart from the event log, without and with a snapshot',
    run: async () => (await import('../bench/restart-bench.ts')).benchRestart({ onProgress: (l) => process.stderr.write(`${l}\n`) }),
  },
  mail: {
    title: 'Mail assessment on the evaluation corpus',
    run: async (root, o) => (await import('../bench/mail-bench.ts')).benchMail({ corpusDir: corpusDir(root, o.corpus), attachments: o.attachments }),
  },
  api: {
    title: 'Assessment API latency under load (loopback)',
    run: async () => (await import('../bench/api-bench.ts')).benchApi({}),
  },
  addin: {
    title: 'Task pane size and time to narrative (headless Chromium)',
    run: async () => (await import('../bench/addin-bench.ts')).benchAddin({}),
  },
  cluster: {
    title: 'Several instances on one PostgreSQL (throughput 1-3 instances; kill -9 one of three under load)',
    run: async () => (await import('../bench/cluster-bench.ts')).benchCluster({ onProgress: (l) => process.stderr.write(`${l}\n`) }),
  },
  triage: {
    title: 'Report triage on a generated week of reports',
    run: async () => (await import('../bench/triage-bench.ts')).benchTriage({}),
  },
};

function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} cores (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

function section(name: string, title: string, figures: Figures, date: string): string {
  const rows = Object.entries(figures).map(([k, v]) => `| ${k} | ${typeof v === 'number' ? Number(v.toPrecision(6)) : v} |`);
  return [`<!-- bench:${name} -->`, `### ${title}`, `Measured ${date} on ${machine()}; reproduce with \`npm run bench -- ${name}\`.`, '', '| figure | value |', '|---|---|', ...rows, `<!-- /bench:${name} -->`].join('\n');
}

export async function run(args: string[]): Promise<number> {
  const ARGS = {
    options: {
      write: { type: 'boolean', default: false },
      corpus: { type: 'string' },
      'no-attachments': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
  } as const;
  const { values, positionals } = parseCommandArgs<typeof ARGS>(args, ARGS);
  if (values.help) {
    process.stdout.write(`usage: lantern bench [${Object.keys(benchmarks).join('|')} ...] [--write] [--corpus DIR] [--no-attachments]\n`);
    return 0;
  }
  const names = positionals.length > 0 ? positionals : Object.keys(benchmarks);
  for (const n of names) if (!benchmarks[n]) throw new CliError(`unknown benchmark '${n}' (known: ${Object.keys(benchmarks).join(', ')})`);

  const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
  const date = new Date().toISOString().slice(0, 10);
  const docPath = resolve(repoRoot, 'docs', 'benchmarks.md');
  let doc = await readFile(docPath, 'utf8').catch(() => '# Benchmarks\n\nWritten by `npm run bench -- --write`.\n');
  let failed = 0;
  for (const name of names) {
    const bench = benchmarks[name]!;
    process.stderr.write(`bench ${name}: ${bench.title} ...\n`);
    try {
      const figures = await bench.run(repoRoot, { corpus: values.corpus, attachments: !values['no-attachments'] });
      for (const [k, v] of Object.entries(figures)) process.stdout.write(`${name}.${k}: ${v}\n`);
      const block = section(name, bench.title, figures, date);
      const re = new RegExp(`<!-- bench:${name} -->[\\s\\S]*?<!-- /bench:${name} -->`);
      doc = re.test(doc) ? doc.replace(re, block) : `${doc.trimEnd()}\n\n${block}\n`;
    } catch (err) {
      failed++;
      process.stderr.write(`bench ${name} failed: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
  if (values.write) {
    await writeFile(docPath, doc.endsWith('\n') ? doc : `${doc}\n`);
    process.stderr.write(`figures written to ${docPath}\n`);
  }
  return failed > 0 ? 1 : 0;
}
