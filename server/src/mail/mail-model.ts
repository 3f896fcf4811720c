// The learned combiner: how detection outputs (and content tokens) add up to a 0..100 score, as data trained by
// `lantern train` (server/src/mail/train-model.ts) and committed in learned/mail-model.json.
//
// Model: logistic regression. The linear part s = Σ wᵢ·xᵢ (bias left out) is mapped to the score by a monotone
// piecewise-linear calibration through (0, 0) and the three thresholds chosen by cross-validation, placed at the
// default policy's tag / lock-links / hold scores. Each feature's share of the score is wᵢ·xᵢ·(score/s), so the
// reasons add up to the score and each one says how much it drove it.
//
// Hand-set points remain where data cannot speak: detections that need tenant context or identity detection
// (`handSetDetectionIds`), and any detection the model was not trained on (added after the last `lantern train`, or
// firing on too few training messages): their capped points are added to the score as they are.
import type { MailDetection } from './mail-detection.ts';
import type { MessageSignals } from './mail-signals.ts';
import modelJson from './learned/mail-model.json' with { type: 'json' };

export const mailModelFormat = 'lantern-mail-model/1';

/** Detections whose evidence comes from tenant history or identity detection, absent from any corpus: hand-set. */
export const handSetDetectionIds: readonly string[] = [
  'context.first-time-sender',
  'context.rare-domain',
  'context.sender-reported',
  'sender.compromised-account',
  'sender.display-name-internal',
];

/** Points at or above which a fired detection counts as a strong sign for the corroboration features. */
export const strongPoints = 12;

/** Corroboration features: independent kinds of evidence agreeing (computed from the detections' outputs). */
export const combinedFeatureIds = ['score.lure-and-anomaly', 'score.two-lures', 'score.three-signals'] as const;
export type CombinedFeatureId = (typeof combinedFeatureIds)[number];

export interface CalibrationKnot {
  /** Linear part of the model. */
  s: number;
  /** Score it maps to. */
  score: number;
}

export interface SetFigures {
  n: number;
  flagged: number;
  lockedOrHeld: number;
}

export interface MailModel {
  format: typeof mailModelFormat;
  description: string;
  trainedOn: {
    /** sha256 over the training messages' set, file name and content, in order. */
    corpusSha256: string;
    messages: { phish: number; list: number; commercial: number };
  };
  hyperparameters: {
    l2: number;
    tokens: boolean;
    pairs: boolean;
    commercialWeight: number;
    iterations: number;
    folds: number;
    minFires: number;
    vocabulary: number;
  };
  bias: number;
  /** Learned weight per detection the model was trained on (every key is a feature; 0 = learned to ignore). */
  detections: Record<string, number>;
  combined: Record<CombinedFeatureId, number>;
  /** Learned weight per pair of detections firing together ("a&b", ids in order; all ≥ 0). */
  pairs: Record<string, number>;
  /** Learned weight per vocabulary token (all ≥ 0). Empty when tokens did not help on cross-validation. */
  tokens: Record<string, number>;
  /** Knots of the monotone map from s to the score, starting at (0, 0). */
  calibration: CalibrationKnot[];
  handSet: string[];
  /** Out-of-fold figures on the training side at the chosen thresholds, and the grid that was searched. */
  cv: {
    chosen: Record<'phish' | 'list' | 'commercial', SetFigures>;
    grid: Array<{ l2: number; tokens: boolean; pairs: boolean; commercialWeight: number; phishFlagged: number; listFlagged: number; commercialFlagged: number }>;
  };
}

export class MailModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailModelError';
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function numberRecord(v: unknown, what: string): Record<string, number> {
  if (!isRecord(v)) throw new MailModelError(`mail model: ${what} must be an object of numbers`);
  for (const [k, x] of Object.entries(v)) if (typeof x !== 'number' || !Number.isFinite(x)) throw new MailModelError(`mail model: ${what}.${k} must be a finite number`);
  return v as Record<string, number>;
}

/** Validates a model file's JSON: format, weights, and a calibration that starts at (0,0) and rises. */
export function parseMailModel(json: unknown): MailModel {
  if (!isRecord(json) || json.format !== mailModelFormat) throw new MailModelError(`mail model: format must be "${mailModelFormat}"`);
  if (typeof json.bias !== 'number') throw new MailModelError('mail model: bias must be a number');
  numberRecord(json.detections, 'detections');
  numberRecord(json.tokens, 'tokens');
  for (const [k, w] of Object.entries(numberRecord(json.pairs, 'pairs'))) if (w < 0 || !k.includes('&')) throw new MailModelError(`mail model: pair ${k} must be "a&b" with a weight ≥ 0`);
  const combined = numberRecord(json.combined, 'combined');
  for (const id of combinedFeatureIds) if (typeof combined[id] !== 'number') throw new MailModelError(`mail model: combined.${id} missing`);
  for (const [k, w] of Object.entries(json.tokens as Record<string, number>)) if (w < 0) throw new MailModelError(`mail model: token weight ${k} is negative`);
  const cal = json.calibration;
  if (!Array.isArray(cal) || cal.length < 2) throw new MailModelError('mail model: calibration needs at least two knots');
  let prev: CalibrationKnot | null = null;
  for (const k of cal as unknown[]) {
    if (!isRecord(k) || typeof k.s !== 'number' || typeof k.score !== 'number') throw new MailModelError('mail model: calibration knots are { s, score }');
    if (prev ? !(k.s > prev.s && k.score > prev.score) : k.s !== 0 || k.score !== 0) throw new MailModelError('mail model: calibration must start at (0, 0) and rise');
    prev = { s: k.s, score: k.score };
  }
  if (!Array.isArray(json.handSet) || !json.handSet.every((x) => typeof x === 'string')) throw new MailModelError('mail model: handSet must list detection ids');
  if (!isRecord(json.trainedOn) || !isRecord(json.hyperparameters) || !isRecord(json.cv)) throw new MailModelError('mail model: trainedOn, hyperparameters and cv are required');
  return json as unknown as MailModel;
}

export const defaultMailModel: MailModel = parseMailModel(modelJson);

/** Feature value of a fired detection: its capped points over its cap (in [-1, 1]; negative for mitigating hits). */
export function detectionFeature(d: Pick<MailDetection, 'maxWeight'>, points: number): number {
  const cap = Math.abs(d.maxWeight);
  return cap === 0 ? 0 : points / cap;
}

function categoryOf(id: string): string {
  return id.slice(0, id.indexOf('.'));
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}&${b}` : `${b}&${a}`;
}

/** Value of a pair of fired detections: the product of their values. */
export function pairFeature(a: number, b: number): number {
  return a * b;
}

/** Points at which a fired detection counts as a full-strength sign in the corroboration features. */
export const fullStrengthPoints = 30;

/**
 * The corroboration features, from the fired detections' points (any detection, learned or hand-set): only detections
 * of `strongPoints` or more take part, and each feature is the geometric mean of the strengths (points over
 * `fullStrengthPoints`, at most 1) of the detections that make it up, so two weak hints agreeing count for less than
 * two strong signs.
 */
export function combinedFeatures(points: Readonly<Record<string, number>>): Record<CombinedFeatureId, number> {
  const strength = (p: number): number => Math.min(1, p / fullStrengthPoints);
  const strong = Object.entries(points)
    .filter(([, p]) => p >= strongPoints)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const lures = strong.filter(([id]) => categoryOf(id) === 'content').map(([, p]) => strength(p));
  const anomalies = strong.filter(([id]) => ['link', 'sender', 'attachment'].includes(categoryOf(id))).map(([, p]) => strength(p));
  const all = strong.map(([, p]) => strength(p));
  const mean = (xs: readonly number[]): number => Math.pow(xs.reduce((a, x) => a * x, 1), 1 / xs.length);
  return {
    'score.lure-and-anomaly': lures.length > 0 && anomalies.length > 0 ? mean([lures[0]!, anomalies[0]!]) : 0,
    'score.two-lures': lures.length >= 2 ? mean(lures.slice(0, 2)) : 0,
    'score.three-signals': all.length >= 3 ? mean(all.slice(0, 3)) : 0,
  };
}

/** Tokens of the message that are in the model's vocabulary, and the value each takes (1/√count: unit length). */
export function tokenFeatures(vocabulary: Readonly<Record<string, number>> | ReadonlySet<string>, tokens: readonly string[]): { tokens: string[]; value: number } {
  const inVocabulary = vocabulary instanceof Set ? (t: string) => vocabulary.has(t) : (t: string) => Object.hasOwn(vocabulary, t);
  const present = tokens.filter(inVocabulary);
  return { tokens: present, value: present.length ? 1 / Math.sqrt(present.length) : 0 };
}

/** Piecewise-linear, monotone: through the knots, the last segment's slope beyond them; s ≤ 0 keeps the first slope. */
export function calibrate(calibration: readonly CalibrationKnot[], s: number): number {
  for (let i = 1; i < calibration.length; i++) {
    const a = calibration[i - 1]!;
    const b = calibration[i]!;
    if (s <= b.s || i === calibration.length - 1) return a.score + ((s - a.s) * (b.score - a.score)) / (b.s - a.s);
  }
  return 0;
}

/** One term of the score: a detection, a corroboration feature or the wording, with its share in score points. */
export interface ScoreTerm {
  code: string;
  /** Share of the score (unrounded); negative for mitigating evidence. */
  points: number;
  /** 'learned' from the model, or 'hand-set' (the detection's own points). */
  source: 'learned' | 'hand-set';
  /** For the wording term: the tokens that contributed most, with their shares. */
  tokens?: Array<{ token: string; points: number }>;
}

export interface ModelScore {
  /** 0..100 before rounding of the terms. */
  score: number;
  terms: ScoreTerm[];
  /** The model's linear part (for the trainer and diagnostics). */
  s: number;
}

/**
 * Scores a message's signals. `detections` resolves a fired detection id to its definition (cap); `multipliers` are
 * the tenant's per-detection scalings (1 = as shipped), applied to each detection's share.
 */
export function scoreSignals(
  model: MailModel,
  signals: MessageSignals,
  detections: ReadonlyMap<string, Pick<MailDetection, 'maxWeight'>>,
  multipliers: Readonly<Record<string, number>> = {},
): ModelScore {
  const learned: Array<{ code: string; z: number; tokens?: Array<{ token: string; z: number }> }> = [];
  const handSet: ScoreTerm[] = [];
  const values = new Map<string, number>();
  for (const [id, points] of Object.entries(signals.points)) {
    const w = model.detections[id];
    const d = detections.get(id);
    if (w === undefined || !d) handSet.push({ code: id, points: points * (multipliers[id] ?? 1), source: 'hand-set' });
    else {
      values.set(id, detectionFeature(d, points));
      learned.push({ code: id, z: w * values.get(id)! * (multipliers[id] ?? 1) });
    }
  }
  // two detections that weigh more together than apart: the pair's share goes half to each of them
  const fired = [...values.keys()].sort();
  for (let a = 0; a < fired.length; a++) {
    for (let b = a + 1; b < fired.length; b++) {
      const w = model.pairs[pairKey(fired[a]!, fired[b]!)];
      if (!w) continue;
      const z = w * pairFeature(values.get(fired[a]!)!, values.get(fired[b]!)!);
      for (const id of [fired[a]!, fired[b]!]) learned.find((t) => t.code === id)!.z += (z / 2) * (multipliers[id] ?? 1);
    }
  }
  for (let i = learned.length - 1; i >= 0; i--) if (learned[i]!.z === 0) learned.splice(i, 1);
  const combined = combinedFeatures(signals.points);
  for (const id of combinedFeatureIds) if (combined[id] && model.combined[id]) learned.push({ code: id, z: model.combined[id] * combined[id] });
  const { tokens, value } = tokenFeatures(model.tokens, signals.tokens);
  if (tokens.length) {
    const parts = tokens.map((t) => ({ token: t, z: (model.tokens[t] ?? 0) * value })).filter((p) => p.z > 0);
    const z = parts.reduce((a, p) => a + p.z, 0);
    if (z > 0) learned.push({ code: 'content.learned-wording', z, tokens: parts.sort((a, b) => b.z - a.z || a.token.localeCompare(b.token)) });
  }
  const s = learned.reduce((a, t) => a + t.z, 0);
  const firstSlope = (model.calibration[1]!.score - model.calibration[0]!.score) / (model.calibration[1]!.s - model.calibration[0]!.s);
  const ratio = s > 0 ? calibrate(model.calibration, s) / s : firstSlope;
  const terms: ScoreTerm[] = [
    ...learned.map((t) => ({
      code: t.code,
      points: t.z * ratio,
      source: 'learned' as const,
      ...(t.tokens ? { tokens: t.tokens.map((p) => ({ token: p.token, points: p.z * ratio })) } : {}),
    })),
    ...handSet,
  ];
  const total = terms.reduce((a, t) => a + t.points, 0);
  return { score: Math.max(0, Math.min(100, total)), terms, s };
}
