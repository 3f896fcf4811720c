// Trains the learned combiner (mail-model.ts) from the training side of a labelled corpus. Pure and deterministic:
// fixed folds (by a hash of the file name), zero initialisation, full-batch projected accelerated gradient descent
// (FISTA) for a fixed number of iterations, examples and features in a fixed order. No randomness at all, so the same
// messages give a byte-identical model file.
//
// Within the training side, k-fold cross-validation chooses the L2 strength, whether content tokens are used and how
// much commercial ham weighs, and then the three policy thresholds, so that the false-positive targets hold on the
// out-of-fold scores. The validation side is never seen here.
import { createHash } from 'node:crypto';
import type { CorpusSet } from './corpus-split.ts';
import type { MailDetection } from './mail-detection.ts';
import {
  combinedFeatureIds,
  combinedFeatures,
  detectionFeature,
  handSetDetectionIds,
  pairFeature,
  pairKey,
  mailModelFormat,
  tokenFeatures,
  type CalibrationKnot,
  type MailModel,
  type SetFigures,
} from './mail-model.ts';
import type { MessageSignals } from './mail-signals.ts';

export interface TrainingExample {
  /** File name, for the folds. */
  name: string;
  set: CorpusSet;
  signals: MessageSignals;
}

/** Highest share of a benign set allowed at or above each threshold (out-of-fold, training side). */
export interface FalsePositiveTargets {
  tag: { list: number; commercial: number };
  lock: { list: number; commercial: number };
  hold: { list: number; commercial: number };
}

export interface TrainOptions {
  detections: readonly MailDetection[];
  folds?: number;
  l2Grid?: readonly number[];
  tokenGrid?: readonly boolean[];
  pairGrid?: readonly boolean[];
  commercialWeightGrid?: readonly number[];
  iterations?: number;
  /** A detection must fire on at least this many training messages to get a learned weight (else it stays hand-set). */
  minFires?: number;
  /** Vocabulary size: the tokens found in most training phishing messages (and in at least minTokenMessages). */
  vocabulary?: number;
  minTokenMessages?: number;
  /** A token must also occur in at least this many benign training messages (see space()). */
  minBenignMessages?: number;
  targets?: FalsePositiveTargets;
  /** Scores the thresholds map to (the default policy's). */
  scores?: { tag: number; lock: number; hold: number };
  onProgress?: (line: string) => void;
}

export const defaultTargets: FalsePositiveTargets = {
  tag: { list: 0.01, commercial: 0.03 },
  lock: { list: 0.005, commercial: 0.01 },
  hold: { list: 0.001, commercial: 0 },
};

interface Config {
  l2: number;
  tokens: boolean;
  pairs: boolean;
  commercialWeight: number;
}

/** The feature space of one fit: which detections and tokens, in a fixed order. */
interface Space {
  detections: string[];
  /** Pairs of learnable detections ("a&b", a < b) that fire together often enough to weigh. */
  pairs: string[];
  tokens: string[];
}

/** One example as sparse (index, value) pairs. */
interface Row {
  idx: Int32Array;
  val: Float64Array;
}

interface Fit {
  bias: number;
  w: Float64Array;
}

const configName = (c: Config): string => ['detections', ...(c.pairs ? ['pairs'] : []), ...(c.tokens ? ['tokens'] : [])].join('+');

const round = (x: number): number => (x === 0 ? 0 : Number(x.toPrecision(6)));

/** Deterministic fold of a file name: a hash, so that a file keeps its fold when others are added. */
export function foldOf(name: string, folds: number): number {
  return createHash('sha256').update('lantern-fold-v1:' + name).digest()[0]! % folds;
}

function space(
  examples: readonly TrainingExample[],
  detections: readonly MailDetection[],
  config: Config,
  minFires: number,
  vocabulary: number,
  minTokenMessages: number,
  minBenignMessages: number,
): Space {
  const fires = new Map<string, number>();
  for (const e of examples) for (const id of Object.keys(e.signals.points)) fires.set(id, (fires.get(id) ?? 0) + 1);
  const learnable = detections
    .map((d) => d.id)
    .filter((id) => !handSetDetectionIds.includes(id) && (fires.get(id) ?? 0) >= minFires)
    .sort();
  let tokens: string[] = [];
  if (config.tokens) {
    const df = new Map<string, number>();
    const benign = new Map<string, number>();
    for (const e of examples) {
      const counts = e.set === 'phish' ? df : benign;
      for (const t of e.signals.tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    // a word never seen in mail people want (a language the benign side lacks, a honeypot's name, one campaign's
    // template) cannot be told apart from an artifact of where the corpus came from: it gets no weight
    tokens = [...df]
      .filter(([t, n]) => n >= minTokenMessages && (benign.get(t) ?? 0) >= minBenignMessages)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, vocabulary)
      .map(([t]) => t)
      .sort();
  }
  let pairs: string[] = [];
  if (config.pairs) {
    const together = new Map<string, number>();
    const known = new Set(learnable);
    for (const e of examples) {
      const fired = Object.keys(e.signals.points).filter((id) => known.has(id)).sort();
      for (let i = 0; i < fired.length; i++) for (let j = i + 1; j < fired.length; j++) together.set(pairKey(fired[i]!, fired[j]!), (together.get(pairKey(fired[i]!, fired[j]!)) ?? 0) + 1);
    }
    pairs = [...together].filter(([, n]) => n >= minFires * 2).map(([k]) => k).sort();
  }
  return { detections: learnable, pairs, tokens };
}

function rows(examples: readonly TrainingExample[], sp: Space, caps: ReadonlyMap<string, number>): Row[] {
  const dIndex = new Map(sp.detections.map((id, i) => [id, i]));
  const pIndex = new Map(sp.pairs.map((k, i) => [k, sp.detections.length + combinedFeatureIds.length + i]));
  const tIndex = new Map(sp.tokens.map((t, i) => [t, sp.detections.length + combinedFeatureIds.length + sp.pairs.length + i]));
  const vocab = new Set(sp.tokens);
  return examples.map((e) => {
    const idx: number[] = [];
    const val: number[] = [];
    for (const [id, points] of Object.entries(e.signals.points)) {
      const i = dIndex.get(id);
      if (i === undefined) continue;
      idx.push(i);
      val.push(detectionFeature({ maxWeight: caps.get(id) ?? 1 }, points));
    }
    const combined = combinedFeatures(e.signals.points);
    combinedFeatureIds.forEach((id, k) => {
      if (combined[id]) {
        idx.push(sp.detections.length + k);
        val.push(combined[id]);
      }
    });
    if (pIndex.size) {
      const fired = Object.keys(e.signals.points).filter((id) => dIndex.has(id)).sort();
      for (let a = 0; a < fired.length; a++) {
        for (let b = a + 1; b < fired.length; b++) {
          const i = pIndex.get(pairKey(fired[a]!, fired[b]!));
          if (i === undefined) continue;
          idx.push(i);
          val.push(pairFeature(detectionFeature({ maxWeight: caps.get(fired[a]!) ?? 1 }, e.signals.points[fired[a]!]!), detectionFeature({ maxWeight: caps.get(fired[b]!) ?? 1 }, e.signals.points[fired[b]!]!)));
        }
      }
    }
    if (vocab.size) {
      const { tokens, value } = tokenFeatures(vocab, e.signals.tokens);
      for (const t of tokens) {
        idx.push(tIndex.get(t)!);
        val.push(value);
      }
    }
    return { idx: Int32Array.from(idx), val: Float64Array.from(val) };
  });
}

function linear(fit: Fit, r: Row): number {
  let z = 0;
  for (let k = 0; k < r.idx.length; k++) z += fit.w[r.idx[k]!]! * r.val[k]!;
  return z;
}

/** Weighted L2-regularised logistic regression with every weight ≥ 0 (the bias is free), by FISTA. */
function fitLogistic(data: readonly Row[], labels: Float64Array, weights: Float64Array, dims: number, l2: number, iterations: number): Fit {
  const n = data.length;
  let totalWeight = 0;
  let lipschitz = 0;
  for (let i = 0; i < n; i++) {
    let sq = 1;
    for (const v of data[i]!.val) sq += v * v;
    totalWeight += weights[i]!;
    lipschitz += weights[i]! * sq;
  }
  const step = 1 / (0.25 * (lipschitz / totalWeight) + l2);
  let w = new Float64Array(dims);
  let b = 0;
  let yw = new Float64Array(dims);
  let yb = 0;
  let t = 1;
  const grad = new Float64Array(dims);
  for (let it = 0; it < iterations; it++) {
    grad.fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const r = data[i]!;
      let z = yb;
      for (let k = 0; k < r.idx.length; k++) z += yw[r.idx[k]!]! * r.val[k]!;
      // d/dz of log(1 + e^{-yz}) with y ∈ {-1, 1}
      const y = labels[i]!;
      const g = (weights[i]! * -y) / (1 + Math.exp(y * z));
      gb += g;
      for (let k = 0; k < r.idx.length; k++) grad[r.idx[k]!]! += g * r.val[k]!;
    }
    const nextW = new Float64Array(dims);
    for (let j = 0; j < dims; j++) nextW[j] = Math.max(0, yw[j]! - step * (grad[j]! / totalWeight + l2 * yw[j]!));
    const nextB = yb - step * (gb / totalWeight);
    const nextT = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    const momentum = (t - 1) / nextT;
    yw = new Float64Array(dims);
    for (let j = 0; j < dims; j++) yw[j] = nextW[j]! + momentum * (nextW[j]! - w[j]!);
    yb = nextB + momentum * (nextB - b);
    w = nextW;
    b = nextB;
    t = nextT;
  }
  return { bias: b, w };
}

function fitOn(examples: readonly TrainingExample[], config: Config, o: Required<Omit<TrainOptions, 'onProgress'>>): { sp: Space; fit: Fit; caps: Map<string, number> } {
  const caps = new Map(o.detections.map((d) => [d.id, d.maxWeight]));
  const sp = space(examples, o.detections, config, o.minFires, o.vocabulary, o.minTokenMessages, o.minBenignMessages);
  const data = rows(examples, sp, caps);
  const labels = Float64Array.from(examples, (e) => (e.set === 'phish' ? 1 : -1));
  const weights = Float64Array.from(examples, (e) => (e.set === 'commercial' ? config.commercialWeight : 1));
  const fit = fitLogistic(data, labels, weights, sp.detections.length + combinedFeatureIds.length + sp.pairs.length + sp.tokens.length, config.l2, o.iterations);
  return { sp, fit, caps };
}

function scoreWith(model: { sp: Space; fit: Fit; caps: Map<string, number> }, examples: readonly TrainingExample[]): number[] {
  return rows(examples, model.sp, model.caps).map((r) => linear(model.fit, r));
}

/**
 * The lowest threshold at which at most `share` of each benign set scores at or above it: half-way between the
 * highest benign score that must stay below and the next higher score seen (never below a small positive value,
 * so that a message nothing fired on is never acted on).
 */
function thresholdFor(scored: ReadonlyArray<{ set: CorpusSet; s: number }>, target: { list: number; commercial: number }, floor: number): number {
  let t = floor;
  for (const set of ['list', 'commercial'] as const) {
    const s = scored.filter((x) => x.set === set).map((x) => x.s).sort((a, b) => b - a);
    const allowed = Math.floor(target[set] * s.length + 1e-9);
    const mustStayBelow = s[allowed];
    if (mustStayBelow === undefined) continue;
    const above = scored.map((x) => x.s).filter((v) => v > mustStayBelow).sort((a, b) => a - b)[0];
    const candidate = above === undefined ? mustStayBelow + 1 : (mustStayBelow + above) / 2;
    t = Math.max(t, candidate);
  }
  return t;
}

function figures(scored: ReadonlyArray<{ set: CorpusSet; s: number }>, tag: number, lock: number): Record<CorpusSet, SetFigures> {
  const out = {} as Record<CorpusSet, SetFigures>;
  for (const set of ['phish', 'list', 'commercial'] as const) {
    const of = scored.filter((x) => x.set === set);
    out[set] = { n: of.length, flagged: of.filter((x) => x.s >= tag).length, lockedOrHeld: of.filter((x) => x.s >= lock).length };
  }
  return out;
}

function thresholds(scored: ReadonlyArray<{ set: CorpusSet; s: number }>, targets: FalsePositiveTargets): { tag: number; lock: number; hold: number } {
  const tag = thresholdFor(scored, targets.tag, 1e-3);
  const lock = thresholdFor(scored, targets.lock, tag * 1.05);
  const hold = thresholdFor(scored, targets.hold, lock * 1.05);
  return { tag, lock, hold };
}

/** sha256 over the training examples' set, name and content hash (given by the caller), in order. */
export function trainingSetHash(items: ReadonlyArray<{ set: CorpusSet; name: string; sha256: string }>): string {
  const h = createHash('sha256');
  for (const i of [...items].sort((a, b) => (a.set + a.name < b.set + b.name ? -1 : 1))) h.update(`${i.set}\0${i.name}\0${i.sha256}\n`);
  return h.digest('hex');
}

export function trainMailModel(examples: readonly TrainingExample[], corpusSha256: string, options: TrainOptions): MailModel {
  const o: Required<Omit<TrainOptions, 'onProgress'>> = {
    detections: options.detections,
    folds: options.folds ?? 5,
    l2Grid: options.l2Grid ?? [1e-4, 1e-3],
    tokenGrid: options.tokenGrid ?? [false, true],
    pairGrid: options.pairGrid ?? [false, true],
    commercialWeightGrid: options.commercialWeightGrid ?? [4],
    iterations: options.iterations ?? 300,
    minFires: options.minFires ?? 5,
    vocabulary: options.vocabulary ?? 1000,
    minTokenMessages: options.minTokenMessages ?? 10,
    minBenignMessages: options.minBenignMessages ?? 3,
    targets: options.targets ?? defaultTargets,
    scores: options.scores ?? { tag: 35, lock: 55, hold: 80 },
  };
  const progress = options.onProgress ?? (() => {});
  const ordered = [...examples].sort((a, b) => (a.set + a.name < b.set + b.name ? -1 : 1));
  const fold = ordered.map((e) => foldOf(e.name, o.folds));
  const configs: Config[] = [];
  for (const tokens of o.tokenGrid)
    for (const pairs of o.pairGrid)
      for (const l2 of [...o.l2Grid].sort((a, b) => b - a)) for (const commercialWeight of o.commercialWeightGrid) configs.push({ l2, tokens, pairs, commercialWeight });

  type Result = { config: Config; scored: Array<{ set: CorpusSet; s: number }>; t: { tag: number; lock: number; hold: number }; f: Record<CorpusSet, SetFigures> };
  let best: Result | null = null;
  const grid: MailModel['cv']['grid'] = [];
  for (const config of configs) {
    const s = new Array<number>(ordered.length).fill(0);
    for (let k = 0; k < o.folds; k++) {
      const train = ordered.filter((_, i) => fold[i] !== k);
      const heldOut = ordered.map((e, i) => [e, i] as const).filter(([, i]) => fold[i] === k);
      const m = fitOn(train, config, o);
      const scores = scoreWith(m, heldOut.map(([e]) => e));
      heldOut.forEach(([, i], j) => (s[i] = scores[j]!));
    }
    const scored = ordered.map((e, i) => ({ set: e.set, s: s[i]! }));
    const t = thresholds(scored, o.targets);
    const f = figures(scored, t.tag, t.lock);
    const rate = (set: CorpusSet): number => round(f[set].flagged / Math.max(1, f[set].n));
    grid.push({ ...config, phishFlagged: rate('phish'), listFlagged: rate('list'), commercialFlagged: rate('commercial') });
    progress(`cv ${configName(config)} l2=${config.l2} commercial×${config.commercialWeight}: phishing flagged ${(100 * rate('phish')).toFixed(1)}%, list ${(100 * rate('list')).toFixed(1)}%, commercial ${(100 * rate('commercial')).toFixed(1)}%`);
    // configurations come simplest first (no pairs, no tokens, stronger L2): a more complex one must catch at least
    // 0.5 % more of the phishing out of fold to be preferred, so that noise does not pick features
    const margin = Math.max(1, Math.ceil(0.005 * f.phish.n));
    const better = !best || f.phish.flagged >= best.f.phish.flagged + margin;
    if (better) best = { config, scored, t, f };
  }
  if (!best) throw new Error('trainMailModel: empty grid');
  progress(`chosen: ${configName(best.config)} l2=${best.config.l2} commercial×${best.config.commercialWeight}; fitting on all ${ordered.length} training messages`);
  const final = fitOn(ordered, best.config, o);
  const D = final.sp.detections.length;
  const detections: Record<string, number> = {};
  final.sp.detections.forEach((id, i) => (detections[id] = round(final.fit.w[i]!)));
  const combined = {} as MailModel['combined'];
  combinedFeatureIds.forEach((id, k) => (combined[id] = round(final.fit.w[D + k]!)));
  const tokens: Record<string, number> = {};
  const pairs: Record<string, number> = {};
  final.sp.pairs.forEach((k, i) => (pairs[k] = round(final.fit.w[D + combinedFeatureIds.length + i]!)));
  final.sp.tokens.forEach((t, i) => (tokens[t] = round(final.fit.w[D + combinedFeatureIds.length + final.sp.pairs.length + i]!)));
  const calibration: CalibrationKnot[] = [
    { s: 0, score: 0 },
    { s: round(best.t.tag), score: o.scores.tag },
    { s: round(best.t.lock), score: o.scores.lock },
    { s: round(best.t.hold), score: o.scores.hold },
  ];
  const count = (set: CorpusSet): number => ordered.filter((e) => e.set === set).length;
  return {
    format: mailModelFormat,
    description:
      'Learned combiner of the mail detections: logistic regression (non-negative weights, L2) over detection outputs, corroboration features and, when they helped on cross-validation, content tokens. Trained by `lantern train` on the training side of the corpus split; thresholds chosen on out-of-fold scores. Do not edit by hand.',
    trainedOn: { corpusSha256, messages: { phish: count('phish'), list: count('list'), commercial: count('commercial') } },
    hyperparameters: {
      l2: best.config.l2,
      tokens: best.config.tokens,
      pairs: best.config.pairs,
      commercialWeight: best.config.commercialWeight,
      iterations: o.iterations,
      folds: o.folds,
      minFires: o.minFires,
      vocabulary: final.sp.tokens.length,
    },
    bias: round(final.fit.bias),
    detections,
    combined,
    pairs,
    tokens,
    calibration,
    handSet: [...handSetDetectionIds],
    cv: { chosen: best.f, grid },
  };
}

/** The model file's text: stable key order from construction, two-space indentation, final newline. */
export function serialiseMailModel(model: MailModel): string {
  return JSON.stringify(model, null, 1) + '\n';
}
