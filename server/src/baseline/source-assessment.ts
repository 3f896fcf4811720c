// How unusual the source of a sign-in is, combining the user's own history with the organisation's:
// a value new to the user but used by many colleagues is less surprising than one nobody uses.
// Computed once per sign-in, before the baselines learn from it.
import type { SignInEvent } from '@lantern/shared';
import type { Baselines, UserBaseline } from './baselines.ts';
import { DAY_MS, FEATURE_NAMES, Feature, weightAt, type FeatureId } from './feature.ts';
import type { SignInFacts } from './sign-in-facts.ts';

export interface NovelValue {
  feature: FeatureId;
  name: string;
  value: string;
  /** 1 = new to the user, less when seen before but not familiar. */
  userNovelty: number;
  /** Other users who used the value in the window. */
  orgUsers: number;
  /** Points this value adds to the score. */
  points: number;
}

export interface SourceAssessment {
  /** The user's history is too short to know what is new for them. */
  learning: boolean;
  /** The organisation itself has not been observed long enough to judge rarity. */
  orgLearning: boolean;
  sharedEgress: boolean;
  /** 0–100: country, city, network, ranges. */
  location: number;
  /** 0–100: device, client app, hour of week. */
  habits: number;
  /** 0–100 combined. */
  score: number;
  novel: NovelValue[];
  /** Fraction of the user's sign-ins at this hour of week (±1 h). */
  hourShare: number;
}

export interface SourceWeights {
  location: readonly [FeatureId, number][];
  habits: readonly [FeatureId, number][];
  unusualHour: number;
  /** Multiplier for location points when the egress is shared (VPN, proxy, office NAT). */
  sharedEgressFactor: number;
  /** Multiplier on the whole score while the user is learning (only organisation rarity is known). */
  learningFactor: number;
  /** Org-rarity factors. */
  orgCommon: number;
  orgSeveral: number;
  orgFew: number;
  /** User-novelty of a value seen on one day a while ago, and of one first seen within recentNewDays. */
  seenOnce: number;
  recentlyNew: number;
  recentNewDays: number;
}

export const defaultSourceWeights: SourceWeights = {
  location: [
    [Feature.country, 40],
    [Feature.city, 10],
    [Feature.asn, 25],
    [Feature.ip16, 10],
    [Feature.ip24, 5],
  ],
  habits: [
    [Feature.device, 15],
    [Feature.clientApp, 8],
    [Feature.authProtocol, 5],
  ],
  unusualHour: 5,
  sharedEgressFactor: 0.15,
  learningFactor: 0.6,
  orgCommon: 0.15,
  orgSeveral: 0.45,
  orgFew: 0.8,
  seenOnce: 0.4,
  recentlyNew: 0.9,
  recentNewDays: 3,
};

function valueOf(f: FeatureId, e: SignInEvent, x: SignInFacts): string | null {
  switch (f) {
    case Feature.country:
      return e.country;
    case Feature.city:
      return x.cityKey;
    case Feature.ip:
      return e.ip;
    case Feature.ip24:
      return x.ip24;
    case Feature.ip16:
      return x.ip16;
    case Feature.asn:
      return x.asn;
    case Feature.device:
      return x.device;
    case Feature.clientApp:
      return e.clientApp;
    case Feature.app:
      return e.appName ?? e.appId;
    case Feature.authProtocol:
      return e.authProtocol;
    default:
      return null;
  }
}

export function displayValue(f: FeatureId, value: string, x: SignInFacts): string {
  if (f === Feature.asn) return x.asnOrg ? `AS${value} (${x.asnOrg})` : `AS${value}`;
  if (f === Feature.city) return value.split('|').reverse().join(', ');
  if (f === Feature.device) return value.replace('|', ' / ');
  if (f === Feature.ip24) return `${value}.0/24`;
  if (f === Feature.ip16) return `${value}.0.0/16`;
  return value;
}

/** Points one feature value adds: user novelty × organisation rarity × weight. Pushes evidence to `novel`. */
function featurePoints(
  b: Baselines,
  u: UserBaseline | undefined,
  f: FeatureId,
  value: string | null,
  weight: number,
  factor: number,
  learning: boolean,
  active: number,
  x: SignInFacts,
  w: SourceWeights,
  novel: NovelValue[],
): number {
  if (value === null) return 0;
  const cfg = b.config;
  const s = u ? u.features[f]!.get(value) : undefined;
  let un = 1;
  if (!learning && s) {
    const wt = weightAt(s, x.day, cfg.halfLifeDays);
    if (wt >= cfg.familiarWeight) un = 0;
    else if (s.days <= 1 && x.t - s.firstT < w.recentNewDays * DAY_MS) un = w.recentlyNew;
    else un = w.seenOnce;
  }
  if (un === 0) return 0;
  const o = b.org.features[f]!.get(value);
  const orgUsers = o ? o.users - (s?.counted ? 1 : 0) : 0;
  const orgDays = orgUsers > 0 && o ? o.days : 0;
  const frac = orgUsers / active;
  // Common: many colleagues on several days. A burst of users on one day (one attacker) is not a habit.
  const several = orgUsers >= cfg.orgSeveralUsers && orgDays >= cfg.orgSeveralDays;
  const of = several && frac >= cfg.orgCommonFraction ? w.orgCommon : several ? w.orgSeveral : orgUsers >= 1 ? w.orgFew : 1;
  const points = weight * un * of * factor;
  if (points >= 1) novel.push({ feature: f, name: FEATURE_NAMES[f]!, value, userNovelty: un, orgUsers, points });
  return points;
}

export function assessSource(b: Baselines, u: UserBaseline | undefined, e: SignInEvent, x: SignInFacts, w: SourceWeights = defaultSourceWeights): SourceAssessment {
  const cfg = b.config;
  const learning = b.isLearning(u, x.t);
  const orgLearning = x.t - b.org.firstT < cfg.learningAgeDays * DAY_MS;
  const novel: NovelValue[] = [];
  if (orgLearning) {
    return { learning, orgLearning, sharedEgress: false, location: 0, habits: 0, score: 0, novel, hourShare: 0 };
  }
  const sharedEgress = b.isSharedEgress(e.ip, x.ip24);
  const active = Math.max(1, b.org.activeUsers - (u && u.activeDays > 0 ? 1 : 0));
  const lf = sharedEgress ? w.sharedEgressFactor : 1;
  let location = 0;
  for (const [f, weight] of w.location) location += featurePoints(b, u, f, valueOf(f, e, x), weight, lf, learning, active, x, w, novel);
  let habits = 0;
  for (const [f, weight] of w.habits) habits += featurePoints(b, u, f, valueOf(f, e, x), weight, 1, learning, active, x, w, novel);
  const hourShare = b.hourShare(u, x.hourOfWeek);
  if (!learning && u && u.hoursTotal >= 20 && hourShare === 0) habits += w.unusualHour;
  const lfac = learning ? w.learningFactor : 1;
  location = Math.min(100, location * lfac);
  habits = Math.min(100, habits * lfac);
  return { learning, orgLearning, sharedEgress, location, habits, score: Math.min(100, location + habits), novel, hourShare };
}
