// Tenant-configurable thresholds that turn a score into an action.
import type { MailVerdict } from '@lantern/shared/assessment';

export interface MailPolicy {
  /** Score at or above which the message is tagged (category + banner in the add-in). */
  tagAt: number;
  /** Score at or above which its links are locked. */
  lockLinksAt: number;
  /** Score at or above which it is held (moved to the hidden folder). */
  holdAt: number;
  /**
   * Points added when independent signs agree: at least `corroborationMinSignals` detections, or a lure in the text
   * (a content detection) together with a technical anomaly (link, sender or attachment detection), or two different
   * lures (two content detections).
   */
  corroborationBonus: number;
  corroborationMinSignals: number;
  /** Only detections adding at least this many points count towards corroboration (weak hints do not). */
  corroborationMinWeight: number;
  /** Detection ids switched off for this tenant. */
  disabledDetections: string[];
  /** Per-detection weight multipliers (1 = as shipped, 0 = silent). */
  weightMultipliers: Record<string, number>;
}

export const defaultMailPolicy: MailPolicy = {
  tagAt: 35,
  lockLinksAt: 55,
  holdAt: 80,
  corroborationBonus: 10,
  corroborationMinSignals: 3,
  corroborationMinWeight: 12,
  disabledDetections: [],
  weightMultipliers: {},
};

export function verdictFor(score: number, policy: MailPolicy): MailVerdict {
  if (score >= policy.holdAt) return 'hold';
  if (score >= policy.lockLinksAt) return 'lock-links';
  if (score >= policy.tagAt) return 'tag';
  return 'deliver';
}
