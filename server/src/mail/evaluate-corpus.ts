// Scores a labelled corpus (phish/ and ham/ folders of .eml) and summarises the scorer per set (phishing, list ham,
// commercial ham) and per side of the committed train/validation split, with how often each detection fires on each.
import { readFile } from 'node:fs/promises';
import type { MailVerdict } from '@lantern/shared/assessment';
import { assessMailSignals } from './assess.ts';
import { corpusFiles } from './corpus-files.ts';
import { committedCorpusSplit, corpusSets, type CorpusSet, type CorpusSide, type CorpusSplit } from './corpus-split.ts';
import type { MailContext } from './mail-context.ts';
import { defaultMailModel, type MailModel } from './mail-model.ts';
import { defaultMailPolicy, type MailPolicy } from './mail-policy.ts';
import { OFFLINE_PARSE_LIMITS, OFFLINE_READ_OPTIONS, parseMime } from './parse.ts';

export const corpusSides: readonly CorpusSide[] = ['train', 'validation'];

export interface CorpusItem {
  file: string;
  name: string;
  set: CorpusSet;
  side: CorpusSide;
  score: number | null;
  verdict: MailVerdict | null;
  /** Codes of the reasons in the verdict. */
  codes: string[];
  /** Every detection that fired, whatever its share of the score. */
  fired: string[];
  error: string | null;
  ms: number;
}

export interface SetSummary {
  n: number;
  errors: number;
  /** Anything but deliver. */
  flagged: number;
  lockedOrHeld: number;
  verdicts: Record<MailVerdict, number>;
}

export type SideSets<T> = Record<CorpusSide, Record<CorpusSet, T>>;

export interface DetectionRow {
  id: string;
  /** Messages it fired on, per side and set. */
  fires: SideSets<number>;
}

export interface CorpusEvaluation {
  sets: SideSets<SetSummary>;
  detections: DetectionRow[];
  items: CorpusItem[];
}

function bySideAndSet<T>(make: () => T): SideSets<T> {
  const out = {} as SideSets<T>;
  for (const side of corpusSides) {
    out[side] = {} as Record<CorpusSet, T>;
    for (const set of corpusSets) out[side][set] = make();
  }
  return out;
}

export function summariseCorpus(items: readonly CorpusItem[]): Omit<CorpusEvaluation, 'items'> {
  const sets = bySideAndSet<SetSummary>(() => ({ n: 0, errors: 0, flagged: 0, lockedOrHeld: 0, verdicts: { deliver: 0, tag: 0, 'lock-links': 0, hold: 0 } }));
  const fires = new Map<string, SideSets<number>>();
  for (const i of items) {
    const s = sets[i.side][i.set];
    s.n++;
    if (!i.verdict) {
      s.errors++;
      continue;
    }
    s.verdicts[i.verdict]++;
    if (i.verdict !== 'deliver') s.flagged++;
    if (i.verdict === 'lock-links' || i.verdict === 'hold') s.lockedOrHeld++;
    for (const id of i.fired) {
      let row = fires.get(id);
      if (!row) fires.set(id, (row = bySideAndSet(() => 0)));
      row[i.side][i.set]++;
    }
  }
  const detections = [...fires].map(([id, f]) => ({ id, fires: f })).sort((a, b) => a.id.localeCompare(b.id));
  return { sets, detections };
}

/** Phishing fires over all fires on one side; null when the detection never fired there. */
export function detectionPrecision(row: DetectionRow, side: CorpusSide): number | null {
  const f = row.fires[side];
  const all = f.phish + f.list + f.commercial;
  return all === 0 ? null : f.phish / all;
}

/** Assesses every .eml under corpusDir/phish and corpusDir/ham. `now` is injected for timing (performance.now by default). */
export async function evaluateCorpus(
  corpusDir: string,
  options: { context?: MailContext; policy?: MailPolicy; model?: MailModel; split?: CorpusSplit; now?: () => number; onProgress?: (done: number, total: number) => void } = {},
): Promise<CorpusEvaluation> {
  const now = options.now ?? (() => performance.now());
  const policy = options.policy ?? defaultMailPolicy;
  const model = options.model ?? defaultMailModel;
  const files = await corpusFiles(corpusDir, options.split ?? committedCorpusSplit);
  const items: CorpusItem[] = [];
  for (const f of files) {
    const raw = await readFile(f.file);
    const t0 = now();
    const base = { file: f.file, name: f.name, set: f.set, side: f.side };
    try {
      const { assessment: a, signals } = assessMailSignals(await parseMime(raw, OFFLINE_PARSE_LIMITS, OFFLINE_READ_OPTIONS), options.context ?? {}, policy, model);
      items.push({ ...base, score: a.score, verdict: a.verdict, codes: a.reasons.map((r) => r.code), fired: Object.keys(signals.points).sort(), error: null, ms: now() - t0 });
    } catch (err) {
      items.push({ ...base, score: null, verdict: null, codes: [], fired: [], error: err instanceof Error ? err.message : String(err), ms: now() - t0 });
    }
    options.onProgress?.(items.length, files.length);
  }
  return { ...summariseCorpus(items), items };
}
