// One value of one feature in a pattern of life (a country, an ASN, a device, ...), with a decayed count of
// the distinct days it was seen: recent habits weigh more than old ones, and old ones fade out of the window.

export const DAY_MS = 86_400_000;

/** The features a sign-in is profiled on. Indexes into per-user and per-org tables. */
export const Feature = {
  country: 0,
  city: 1,
  ip: 2,
  ip24: 3,
  ip16: 4,
  asn: 5,
  device: 6,
  clientApp: 7,
  app: 8,
  authProtocol: 9,
} as const;
export type FeatureId = (typeof Feature)[keyof typeof Feature];
export const FEATURE_COUNT = 10;
export const FEATURE_NAMES: readonly string[] = ['country', 'city', 'IP address', '/24 range', '/16 range', 'network (ASN)', 'device', 'client app', 'application', 'authentication protocol'];

export interface FeatureStat {
  firstT: number;
  lastT: number;
  lastDay: number;
  /** Decayed number of distinct days seen, as of lastDay. */
  w: number;
  /** Distinct days seen, undecayed. */
  days: number;
  /** Distinct users (organisation tables only). */
  users: number;
  /** User tables: whether this user is counted among the value's users in the organisation table. */
  counted: boolean;
}

export function newStat(t: number, day: number): FeatureStat {
  return { firstT: t, lastT: t, lastDay: day, w: 1, days: 1, users: 0, counted: false };
}

/** Decay factor per elapsed day for a half-life. */
export function decayOf(elapsedDays: number, halfLifeDays: number): number {
  return elapsedDays <= 0 ? 1 : Math.pow(0.5, elapsedDays / halfLifeDays);
}

/** Records one more sighting; counts a day only once. */
export function touchStat(s: FeatureStat, t: number, day: number, halfLifeDays: number): void {
  if (t > s.lastT) s.lastT = t;
  if (day > s.lastDay) {
    s.w = s.w * decayOf(day - s.lastDay, halfLifeDays) + 1;
    s.days++;
    s.lastDay = day;
  }
}

/** The decayed weight as of `day`. */
export function weightAt(s: FeatureStat | undefined, day: number, halfLifeDays: number): number {
  if (!s) return 0;
  return s.w * decayOf(day - s.lastDay, halfLifeDays);
}
