// Tunables of the pattern-of-life baselines, as data. Times in days unless named otherwise.
export interface BaselineConfig {
  /** Values not seen for this long leave the window. */
  windowDays: number;
  /** Half-life of the decayed day-count of each value. */
  halfLifeDays: number;
  /** A user is still learning until both are reached (days with a successful sign-in, days since first). */
  learningActiveDays: number;
  learningAgeDays: number;
  /** Decayed day-weight from which a value counts as familiar to the user (1 = seen on one day). */
  familiarWeight: number;
  /** Shared egress: an exact IP or /24 used successfully by at least max(minUsers, fraction × active users) users over minDays days. */
  sharedEgressMinUsers: number;
  sharedEgressUserFraction: number;
  sharedEgressMinDays: number;
  /** Organisation prevalence (fraction of active users) from which a value is common in the org. */
  orgCommonFraction: number;
  /** Distinct users from which a value is "used by several colleagues". */
  orgSeveralUsers: number;
  /** Distinct days on which a value must have been seen org-wide to count as an organisation habit. */
  orgSeveralDays: number;
  /** How often (days) a user's values are swept for eviction. */
  pruneEveryDays: number;
}

export const defaultBaselineConfig: BaselineConfig = {
  windowDays: 90,
  halfLifeDays: 30,
  learningActiveDays: 5,
  learningAgeDays: 7,
  familiarWeight: 1.5,
  sharedEgressMinUsers: 5,
  sharedEgressUserFraction: 0.005,
  sharedEgressMinDays: 3,
  orgCommonFraction: 0.05,
  orgSeveralUsers: 3,
  orgSeveralDays: 3,
  pruneEveryDays: 7,
};
