// `lantern train --corpus DIR [--out FILE]`: learns how detection outputs combine into the mail score, from the
// training side of the committed corpus split only, and writes the model as JSON data.
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { committedCorpusSplit } from '../mail/corpus-split.ts';
import { corpusFiles, CorpusFolderError } from '../mail/corpus-files.ts';
import { corpusSignals } from '../mail/corpus-signals.ts';
import { mailDetections } from '../mail/detection-registry.ts';
import { serialiseMailModel, trainingSetHash, trainMailModel, type TrainingExample } from '../mail/train-model.ts';
import { parseCommandArgs } from './args.ts';
import { CliError } from './cli-error.ts';

export const committedModelPath = join(dirname(fileURLToPath(import.meta.url)), '..', 'mail', 'learned', 'mail-model.json');

const help = `usage: lantern train --corpus DIR [--out FILE] [--iterations N]

Learns the mail score from DIR/phish and DIR/ham (.eml files), training side of the committed split only
(server/src/mail/learned/corpus-split.json): 5-fold cross-validation inside it chooses the regularisation, the use of
content tokens and of pairs of detections, and the tag / lock-links / hold thresholds. Deterministic: the same corpus gives the same file.
  --out FILE      where to write the model (default: the committed ${'server/src/mail/learned/mail-model.json'})
  --iterations N  gradient steps per fit (default 300)
Progress goes to stderr; the cross-validated figures end the run.`;

export interface TrainOutput {
  write(line: string): void;
  progress(line: string): void;
}

export async function trainCommand(args: string[], out: TrainOutput): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    allowPositionals: true,
    options: {
      corpus: { type: 'string' },
      out: { type: 'string' },
      iterations: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    out.write(help);
    return 0;
  }
  if (positionals.length) throw new CliError(`unexpected argument '${positionals[0]}' (give the corpus with --corpus DIR)`);
  if (!values.corpus) throw new CliError('give the corpus folder with --corpus DIR (it holds phish/ and ham/)');
  const iterations = values.iterations === undefined ? undefined : Number(values.iterations);
  if (iterations !== undefined && (!Number.isInteger(iterations) || iterations < 1 || iterations > 100_000)) throw new CliError('--iterations must be a whole number from 1 to 100000');
  let files;
  try {
    files = await corpusFiles(values.corpus, committedCorpusSplit);
  } catch (err) {
    if (err instanceof CorpusFolderError) throw new CliError(err.message);
    throw err;
  }
  const train = files.filter((f) => f.side === 'train');
  out.progress(`training side: ${train.length} of ${files.length} messages (validation side left out)`);
  const started = performance.now();
  const read = await corpusSignals(train, (done, total) => {
    if (done % 250 === 0 || done === total) out.progress(`read ${done}/${total}`);
  });
  const unreadable = read.filter((r) => !r.signals);
  if (unreadable.length) out.progress(`${unreadable.length} messages could not be parsed and are left out: ${unreadable.slice(0, 5).map((r) => r.name).join(', ')}`);
  const examples: TrainingExample[] = read.filter((r) => r.signals).map((r) => ({ name: r.name, set: r.set, signals: r.signals! }));
  const hash = trainingSetHash(read.filter((r) => r.signals));
  const model = trainMailModel(examples, hash, { detections: mailDetections, ...(iterations ? { iterations } : {}), onProgress: (l) => out.progress(l) });
  const target = values.out ?? committedModelPath;
  await writeFile(target, serialiseMailModel(model));
  const pct = (n: number, d: number): string => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;
  const c = model.cv.chosen;
  out.write(`model written to ${target} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  out.write(
    `features: ${Object.keys(model.detections).length} detections, ${Object.keys(model.combined).length} corroboration, ${Object.keys(model.pairs).length} pairs, ${Object.keys(model.tokens).length} tokens; l2=${model.hyperparameters.l2}, commercial×${model.hyperparameters.commercialWeight}`,
  );
  for (const set of ['phish', 'list', 'commercial'] as const) {
    out.write(`cv (out-of-fold, training side) ${set.padEnd(10)} n=${c[set].n} flagged ${pct(c[set].flagged, c[set].n)}, locked or held ${pct(c[set].lockedOrHeld, c[set].n)}`);
  }
  return 0;
}

export async function run(args: string[]): Promise<number> {
  return trainCommand(args, {
    write: (line) => process.stdout.write(line + '\n'),
    progress: (line) => process.stderr.write(line + '\n'),
  });
}
