// An evaluation's result as a file (`assess --eval DIR --save FILE`), its printed lines, and the comparison of two
// results (`--compare FILE`), which says plainly when one set gains while another loses.
import type { MailVerdict } from '@lantern/shared/assessment';
import { corpusSetNames, corpusSets, type CorpusSet, type CorpusSide } from './corpus-split.ts';
import { corpusSides, detectionPrecision, type CorpusEvaluation, type DetectionRow, type SideSets } from './evaluate-corpus.ts';

export const evalRecordFormat = 'lantern-eval/1';

export interface SetFiguresRecord {
  n: number;
  errors: number;
  flagged: number;
  lockedOrHeld: number;
}

export interface EvalRecord {
  format: typeof evalRecordFormat;
  /** What was scored with (free text: model hash, thresholds). */
  scorer: string;
  sets: SideSets<SetFiguresRecord>;
  detections: DetectionRow[];
  items: Array<{ name: string; set: CorpusSet; side: CorpusSide; score: number | null; verdict: MailVerdict | null }>;
}

export class EvalRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvalRecordError';
  }
}

export function toEvalRecord(e: CorpusEvaluation, scorer: string): EvalRecord {
  const sets = {} as SideSets<SetFiguresRecord>;
  for (const side of corpusSides) {
    sets[side] = {} as Record<CorpusSet, SetFiguresRecord>;
    for (const set of corpusSets) {
      const s = e.sets[side][set];
      sets[side][set] = { n: s.n, errors: s.errors, flagged: s.flagged, lockedOrHeld: s.lockedOrHeld };
    }
  }
  return {
    format: evalRecordFormat,
    scorer,
    sets,
    detections: e.detections,
    items: e.items.map((i) => ({ name: i.name, set: i.set, side: i.side, score: i.score, verdict: i.verdict })),
  };
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Validates a saved result (only what the comparison reads). */
export function parseEvalRecord(json: unknown): EvalRecord {
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== evalRecordFormat) {
    throw new EvalRecordError(`not a saved evaluation (format "${evalRecordFormat}"); make one with --save FILE`);
  }
  const r = json as Partial<EvalRecord>;
  for (const side of corpusSides) {
    for (const set of corpusSets) {
      const s = r.sets?.[side]?.[set];
      if (!s || !isCount(s.n) || !isCount(s.flagged) || !isCount(s.lockedOrHeld) || !isCount(s.errors)) throw new EvalRecordError(`saved evaluation lacks figures for ${side} ${set}`);
    }
  }
  if (!Array.isArray(r.detections) || !Array.isArray(r.items)) throw new EvalRecordError('saved evaluation lacks detections or items');
  return r as EvalRecord;
}

const pct = (n: number, d: number): string => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);
const rate = (n: number, d: number): number => (d === 0 ? 0 : n / d);

/** One line per side and set: n, flagged, locked or held. */
export function setLines(r: Pick<EvalRecord, 'sets'>): string[] {
  const lines = [`${'side'.padEnd(11)}${'set'.padEnd(16)}${'n'.padStart(5)}${'flagged'.padStart(10)}${'locked/held'.padStart(13)}${'errors'.padStart(8)}`];
  for (const side of corpusSides) {
    for (const set of corpusSets) {
      const s = r.sets[side][set];
      lines.push(`${side.padEnd(11)}${corpusSetNames[set].padEnd(16)}${String(s.n).padStart(5)}${pct(s.flagged, s.n).padStart(10)}${pct(s.lockedOrHeld, s.n).padStart(13)}${String(s.errors).padStart(8)}`);
    }
  }
  return lines;
}

/** Per detection: fires on each set and precision (phishing fires / all fires), training and validation side. */
export function detectionLines(r: Pick<EvalRecord, 'detections'>): string[] {
  const head = (side: string): string => `${side.padStart(6)}: ${'phish'.padStart(5)} ${'list'.padStart(4)} ${'comm'.padStart(4)} ${'prec'.padStart(6)}`;
  const lines = [`${'detection (fires per set)'.padEnd(36)} ${head('train')}   ${head('valid')}`];
  for (const row of r.detections) {
    const cell = (side: CorpusSide): string => {
      const f = row.fires[side];
      const p = detectionPrecision(row, side);
      return `${''.padStart(6)}  ${String(f.phish).padStart(5)} ${String(f.list).padStart(4)} ${String(f.commercial).padStart(4)} ${(p === null ? '-' : `${(100 * p).toFixed(0)}%`).padStart(6)}`;
    };
    lines.push(`${row.id.padEnd(36)} ${cell('train')}   ${cell('validation')}`);
  }
  return lines;
}

export interface SetChange {
  side: CorpusSide;
  set: CorpusSet;
  /** Change in percentage points. */
  flagged: number;
  lockedOrHeld: number;
  /** 'gains' when phishing is flagged more or benign mail less; 'loses' the other way. */
  direction: 'gains' | 'loses' | 'same';
}

export function compareEvalRecords(before: Pick<EvalRecord, 'sets'>, after: Pick<EvalRecord, 'sets'>): SetChange[] {
  const out: SetChange[] = [];
  for (const side of corpusSides) {
    for (const set of corpusSets) {
      const a = before.sets[side][set];
      const b = after.sets[side][set];
      const flagged = 100 * (rate(b.flagged, b.n) - rate(a.flagged, a.n));
      const lockedOrHeld = 100 * (rate(b.lockedOrHeld, b.n) - rate(a.lockedOrHeld, a.n));
      const sign = set === 'phish' ? 1 : -1;
      const main = Math.abs(flagged) > 1e-9 ? flagged : lockedOrHeld;
      const direction = Math.abs(main) < 1e-9 ? 'same' : sign * main > 0 ? 'gains' : 'loses';
      out.push({ side, set, flagged, lockedOrHeld, direction });
    }
  }
  return out;
}

const points = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(1)}`;

/** Per-set deltas, then one plain sentence per side: better, worse, or mixed (which set gains, which loses). */
export function comparisonLines(before: EvalRecord, after: EvalRecord): string[] {
  const changes = compareEvalRecords(before, after);
  const lines = [`compared with ${before.scorer}`, `${'side'.padEnd(11)}${'set'.padEnd(16)}${'flagged Δ'.padStart(11)}${'locked/held Δ'.padStart(15)}  (percentage points)`];
  for (const c of changes) lines.push(`${c.side.padEnd(11)}${corpusSetNames[c.set].padEnd(16)}${points(c.flagged).padStart(11)}${points(c.lockedOrHeld).padStart(15)}  ${c.direction}`);
  for (const side of corpusSides) {
    const of = changes.filter((c) => c.side === side);
    const gains = of.filter((c) => c.direction === 'gains').map((c) => corpusSetNames[c.set]);
    const losses = of.filter((c) => c.direction === 'loses').map((c) => corpusSetNames[c.set]);
    if (gains.length && losses.length) lines.push(`${side}: MIXED — gains on ${gains.join(' and ')}, loses on ${losses.join(' and ')}`);
    else if (gains.length) lines.push(`${side}: better on ${gains.join(' and ')}, no set worse`);
    else if (losses.length) lines.push(`${side}: WORSE on ${losses.join(' and ')}, no set better`);
    else lines.push(`${side}: no change in any set`);
  }
  const was = new Map(before.items.map((i) => [`${i.side}/${i.set}/${i.name}`, i.verdict]));
  const changed = after.items.filter((i) => was.has(`${i.side}/${i.set}/${i.name}`) && was.get(`${i.side}/${i.set}/${i.name}`) !== i.verdict);
  if (changed.length) lines.push(`${changed.length} messages changed verdict (${corpusSets.map((s) => `${corpusSetNames[s]} ${changed.filter((i) => i.set === s).length}`).join(', ')})`);
  return lines;
}
