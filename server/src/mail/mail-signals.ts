// What the detections say about one message, before anything combines it into a score: each fired detection's hits and
// its capped points, and the message's content tokens. The learned model (mail-model.ts) and the trainer read these.
import type { MailContext } from './mail-context.ts';
import type { DetectionHit, MailDetection } from './mail-detection.ts';
import type { MailFeatures } from './mail-features.ts';

export interface DetectionOutput {
  detection: MailDetection;
  /** Hits, strongest first. */
  hits: DetectionHit[];
  /** Sum of the hits' points capped at the detection's maxWeight (negative sums, from mitigating hits, capped at -maxWeight). */
  points: number;
}

/** The part of a message's signals that the score is computed from (what the trainer keeps per message). */
export interface MessageSignals {
  /** Detection id → capped points, for fired detections only. */
  points: Record<string, number>;
  /** Distinct content tokens (see content-tokens.ts), sorted. */
  tokens: string[];
}

/** Runs one detection; a detection that throws is reported as silent rather than failing the message. */
function run(d: MailDetection, features: MailFeatures, context: MailContext): DetectionHit[] {
  try {
    return d.evaluate(features, context);
  } catch {
    return [];
  }
}

export function cappedPoints(d: MailDetection, hits: readonly DetectionHit[]): number {
  const sum = hits.reduce((s, h) => s + h.weight, 0);
  const cap = Math.abs(d.maxWeight);
  return Math.max(-cap, Math.min(cap, sum));
}

export function detectionOutputs(
  detections: readonly MailDetection[],
  features: MailFeatures,
  context: MailContext,
  disabled: ReadonlySet<string> = new Set(),
): DetectionOutput[] {
  const outputs: DetectionOutput[] = [];
  for (const d of detections) {
    if (disabled.has(d.id)) continue;
    const hits = run(d, features, context);
    if (hits.length === 0) continue;
    const ordered = [...hits].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
    const points = cappedPoints(d, ordered);
    if (points === 0) continue;
    outputs.push({ detection: d, hits: ordered, points });
  }
  return outputs;
}
