// Tenant-configurable thresholds that turn a score into an action. The learned model (mail-model.ts) places its
// cross-validated thresholds at the defaults below, so the defaults are the trained operating points.
import type { MailVerdict } from '@lantern/shared/assessment';

export interface MailPolicy {
  /** Score at or above which the message is tagged (category + banner in the add-in). */
  tagAt: number;
  /** Score at or above which its links are locked. */
  lockLinksAt: number;
  /** Score at or above which it is held (moved to the hidden folder). */
  holdAt: number;
  /** Detection ids switched off for this tenant. */
  disabledDetections: string[];
  /** Per-detection multipliers of each detection's share of the score (1 = as learned or shipped, 0 = silent). */
  weightMultipliers: Record<string, number>;
}

export const defaultMailPolicy: MailPolicy = {
  tagAt: 35,
  lockLinksAt: 55,
  holdAt: 80,
  disabledDetections: [],
  weightMultipliers: {},
};

export function verdictFor(score: number, policy: MailPolicy): MailVerdict {
  if (score >= policy.holdAt) return 'hold';
  if (score >= policy.lockLinksAt) return 'lock-links';
  if (score >= policy.tagAt) return 'tag';
  return 'deliver';
}
