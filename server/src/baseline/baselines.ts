// Per-user and per-organisation patterns of life, updated incrementally one event at a time (never
// recomputed). A user's table holds the values of each feature they used successfully in the window; the
// organisation's table holds, per value, how many distinct users used it and on how many days.
import type { AuthMethodType, InboxRuleEvent, SecurityInfoEvent, SignInEvent } from '@lantern/shared';
import type { BaselineConfig } from './baseline-config.ts';
import { defaultBaselineConfig } from './baseline-config.ts';
import { DAY_MS, FEATURE_COUNT, Feature, newStat, touchStat, weightAt, type FeatureId, type FeatureStat } from './feature.ts';
import type { SignInFacts } from './sign-in-facts.ts';
import type { BaselinesState, StatTuple, UserBaselineState } from '../identity/engine-snapshot.ts';

function statsOut(tables: readonly Map<string, FeatureStat>[]): StatTuple[][] {
  return tables.map((m) => [...m].map(([v, s]) => [v, s.firstT, s.lastT, s.lastDay, s.w, s.days, s.users, s.counted ? 1 : 0]));
}

function statsIn(into: Map<string, FeatureStat>[], from: readonly StatTuple[][]): void {
  for (let f = 0; f < FEATURE_COUNT; f++) {
    const m = into[f]!;
    m.clear();
    for (const [v, firstT, lastT, lastDay, w, days, users, counted] of from[f] ?? []) m.set(v, { firstT, lastT, lastDay, w, days, users, counted: counted === 1 });
  }
}

const finite = (n: number): number | null => (Number.isFinite(n) ? n : null);

export interface LastSignIn {
  t: number;
  ip: string | null;
  lat: number | null;
  lon: number | null;
  country: string | null;
  city: string | null;
  asn: string | null;
  asnOrg: string | null;
}

export interface UserBaseline {
  readonly userId: string;
  upn: string;
  firstT: number;
  lastT: number;
  /** Distinct days with a successful sign-in. */
  activeDays: number;
  lastActiveDay: number;
  lastPruneDay: number;
  readonly features: Map<string, FeatureStat>[];
  /** Successful sign-ins per hour of the week (UTC). */
  readonly hours: Uint16Array;
  hoursTotal: number;
  lastSuccess: LastSignIn | null;
  /** MFA method types the user has registered (from method snapshots and audits). */
  readonly methodTypes: Set<AuthMethodType>;
  securityInfoChanges: number;
  /** Inbox-rule habits. */
  rulesCreated: number;
  readonly ruleFolders: Map<string, number>;
  forwardedBefore: boolean;
}

export interface OrgBaseline {
  firstT: number;
  lastT: number;
  /** Users with at least one successful sign-in in the window. */
  activeUsers: number;
  readonly features: Map<string, FeatureStat>[];
  /** Inbox rules created tenant-wide, and the folders they move mail to. */
  rulesCreated: number;
  readonly ruleFolders: Map<string, number>;
}

function tables(): Map<string, FeatureStat>[] {
  const t: Map<string, FeatureStat>[] = [];
  for (let i = 0; i < FEATURE_COUNT; i++) t.push(new Map());
  return t;
}

export class Baselines {
  readonly users = new Map<string, UserBaseline>();
  readonly org: OrgBaseline = { firstT: Infinity, lastT: -Infinity, activeUsers: 0, features: tables(), rulesCreated: 0, ruleFolders: new Map() };

  constructor(readonly config: BaselineConfig = defaultBaselineConfig) {}

  user(userId: string): UserBaseline | undefined {
    return this.users.get(userId);
  }

  /** The whole state as JSON-safe data (engine snapshots). */
  toState(): BaselinesState {
    const users: UserBaselineState[] = [];
    for (const u of this.users.values()) {
      users.push({
        userId: u.userId, upn: u.upn, firstT: u.firstT, lastT: u.lastT, activeDays: u.activeDays, lastActiveDay: u.lastActiveDay,
        lastPruneDay: u.lastPruneDay, features: statsOut(u.features), hours: [...u.hours], hoursTotal: u.hoursTotal,
        lastSuccess: u.lastSuccess ? { ...u.lastSuccess } : null, methodTypes: [...u.methodTypes], securityInfoChanges: u.securityInfoChanges,
        rulesCreated: u.rulesCreated, ruleFolders: [...u.ruleFolders], forwardedBefore: u.forwardedBefore,
      });
    }
    const o = this.org;
    return {
      users,
      org: { firstT: finite(o.firstT), lastT: finite(o.lastT), activeUsers: o.activeUsers, features: statsOut(o.features), rulesCreated: o.rulesCreated, ruleFolders: [...o.ruleFolders] },
    };
  }

  /** Replaces the state with a snapshot's. */
  loadState(state: BaselinesState): void {
    this.users.clear();
    for (const s of state.users) {
      const features = tables();
      statsIn(features, s.features);
      this.users.set(s.userId, {
        userId: s.userId, upn: s.upn, firstT: s.firstT, lastT: s.lastT, activeDays: s.activeDays, lastActiveDay: s.lastActiveDay,
        lastPruneDay: s.lastPruneDay, features, hours: Uint16Array.from(s.hours), hoursTotal: s.hoursTotal,
        lastSuccess: s.lastSuccess ? { ...s.lastSuccess } : null, methodTypes: new Set(s.methodTypes), securityInfoChanges: s.securityInfoChanges,
        rulesCreated: s.rulesCreated, ruleFolders: new Map(s.ruleFolders), forwardedBefore: s.forwardedBefore,
      });
    }
    const o = this.org;
    o.firstT = state.org.firstT ?? Infinity;
    o.lastT = state.org.lastT ?? -Infinity;
    o.activeUsers = state.org.activeUsers;
    statsIn(o.features, state.org.features);
    o.rulesCreated = state.org.rulesCreated;
    o.ruleFolders.clear();
    for (const [k, v] of state.org.ruleFolders) o.ruleFolders.set(k, v);
  }

  private ensureUser(userId: string, upn: string, t: number): UserBaseline {
    let u = this.users.get(userId);
    if (!u) {
      u = {
        userId,
        upn,
        firstT: t,
        lastT: t,
        activeDays: 0,
        lastActiveDay: -1,
        lastPruneDay: Math.floor(t / DAY_MS),
        features: tables(),
        hours: new Uint16Array(168),
        hoursTotal: 0,
        lastSuccess: null,
        methodTypes: new Set(),
        securityInfoChanges: 0,
        rulesCreated: 0,
        ruleFolders: new Map(),
        forwardedBefore: false,
      };
      this.users.set(userId, u);
    }
    if (t < u.firstT) u.firstT = t;
    if (t > u.lastT) u.lastT = t;
    return u;
  }

  /** Whether the user's own history is still too short to judge novelty. */
  isLearning(u: UserBaseline | undefined, t: number): boolean {
    if (!u) return true;
    return u.activeDays < this.config.learningActiveDays || t - u.firstT < this.config.learningAgeDays * DAY_MS;
  }

  /**
   * `trusted` sign-ins (not unusual for the user) also teach the organisation: an attacker's sign-ins
   * teach the victim's own table (so repeats fade) but never make their source look common in the org.
   */
  private touch(u: UserBaseline, f: FeatureId, value: string | null, t: number, day: number, trusted: boolean): void {
    if (value === null) return;
    const um = u.features[f]!;
    let s = um.get(value);
    if (s) {
      touchStat(s, t, day, this.config.halfLifeDays);
    } else {
      s = newStat(t, day);
      um.set(value, s);
    }
    if (!trusted) return;
    const om = this.org.features[f]!;
    const o = om.get(value);
    if (o) {
      touchStat(o, t, day, this.config.halfLifeDays);
      if (!s.counted) o.users++;
    } else {
      const n = newStat(t, day);
      n.users = 1;
      om.set(value, n);
    }
    s.counted = true;
  }

  /**
   * Learns from a sign-in. Only successful sign-ins teach the pattern of life; `trusted` = false (the
   * source was unusual) keeps it out of the organisation's counts.
   */
  observeSignIn(e: SignInEvent, f: SignInFacts, trusted = true): void {
    if (f.t < this.org.firstT) this.org.firstT = f.t;
    if (f.t > this.org.lastT) this.org.lastT = f.t;
    if (!e.success) return;
    const u = this.ensureUser(e.userId, e.upn, f.t);
    if (u.activeDays === 0) this.org.activeUsers++;
    if (f.day > u.lastActiveDay) {
      u.activeDays++;
      u.lastActiveDay = f.day;
    }
    const t = f.t;
    const d = f.day;
    const ok = trusted;
    this.touch(u, Feature.country, e.country, t, d, ok);
    this.touch(u, Feature.city, f.cityKey, t, d, ok);
    this.touch(u, Feature.ip, e.ip, t, d, ok);
    this.touch(u, Feature.ip24, f.ip24, t, d, ok);
    this.touch(u, Feature.ip16, f.ip16, t, d, ok);
    this.touch(u, Feature.asn, f.asn, t, d, ok);
    this.touch(u, Feature.device, f.device, t, d, ok);
    this.touch(u, Feature.clientApp, e.clientApp, t, d, ok);
    this.touch(u, Feature.app, e.appName ?? e.appId, t, d, ok);
    this.touch(u, Feature.authProtocol, e.authProtocol, t, d, ok);
    if (u.hours[f.hourOfWeek]! < 65535) u.hours[f.hourOfWeek]!++;
    u.hoursTotal++;
    if (!u.lastSuccess || t >= u.lastSuccess.t) {
      const l = u.lastSuccess ?? { t, ip: null, lat: null, lon: null, country: null, city: null, asn: null, asnOrg: null };
      l.t = t;
      l.ip = e.ip;
      l.lat = e.lat;
      l.lon = e.lon;
      l.country = e.country;
      l.city = e.city;
      l.asn = f.asn;
      l.asnOrg = f.asnOrg;
      u.lastSuccess = l;
    }
    if (d - u.lastPruneDay >= this.config.pruneEveryDays) this.prune(u, d);
  }

  observeSecurityInfo(e: SecurityInfoEvent, t: number): void {
    const u = this.ensureUser(e.userId, e.upn, t);
    if (e.success && (e.action === 'registered' || e.action === 'updated' || e.action === 'changed-default')) u.securityInfoChanges++;
    if (e.methodsAfter) {
      u.methodTypes.clear();
      for (const m of e.methodsAfter) u.methodTypes.add(m.type);
    } else if (e.methodType && e.success && e.action === 'registered') {
      u.methodTypes.add(e.methodType);
    }
  }

  /** A snapshot of the user's methods read outside any audit (the first sweep). */
  observeMethods(userId: string, upn: string, types: readonly AuthMethodType[], t: number): void {
    const u = this.ensureUser(userId, upn, t);
    u.methodTypes.clear();
    for (const m of types) u.methodTypes.add(m);
  }

  observeInboxRule(e: InboxRuleEvent, t: number): void {
    if (e.change === 'deleted') return;
    const u = this.ensureUser(e.userId, e.upn, t);
    // A rule present before Lantern saw the mailbox is a habit as much as a new one is.
    if (e.change === 'created' || e.change === 'existing') {
      u.rulesCreated++;
      this.org.rulesCreated++;
    }
    const folder = e.rule.moveToFolder?.toLowerCase();
    if (folder) {
      u.ruleFolders.set(folder, (u.ruleFolders.get(folder) ?? 0) + 1);
      this.org.ruleFolders.set(folder, (this.org.ruleFolders.get(folder) ?? 0) + 1);
    }
    if (e.rule.forwardTo.length + e.rule.forwardAsAttachmentTo.length + e.rule.redirectTo.length > 0) u.forwardedBefore = true;
  }

  /** Drops values that left the window, keeping the organisation's distinct-user counts exact. */
  prune(u: UserBaseline, day: number): void {
    u.lastPruneDay = day;
    const cutoff = day - this.config.windowDays;
    for (let f = 0; f < FEATURE_COUNT; f++) {
      const um = u.features[f]!;
      const om = this.org.features[f]!;
      for (const [value, s] of um) {
        if (s.lastDay >= cutoff) continue;
        um.delete(value);
        const o = om.get(value);
        if (o && s.counted) o.users--;
        if (o && o.users <= 0 && o.lastDay < cutoff) om.delete(value);
      }
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // Questions the detection models ask

  /** The user's decayed day-weight of a value as of `day` (0 = never seen in the window). */
  userWeight(u: UserBaseline | undefined, f: FeatureId, value: string | null, day: number): number {
    if (!u || value === null) return 0;
    return weightAt(u.features[f]!.get(value), day, this.config.halfLifeDays);
  }

  userStat(u: UserBaseline | undefined, f: FeatureId, value: string | null): FeatureStat | undefined {
    if (!u || value === null) return undefined;
    return u.features[f]!.get(value);
  }

  /** Distinct users (other than `exceptUser`) who used the value in the window. */
  orgUsers(f: FeatureId, value: string | null, exceptUser?: UserBaseline): number {
    if (value === null) return 0;
    const o = this.org.features[f]!.get(value);
    if (!o) return 0;
    const self = exceptUser && exceptUser.features[f]!.get(value)?.counted ? 1 : 0;
    return o.users - self;
  }

  orgStat(f: FeatureId, value: string | null): FeatureStat | undefined {
    return value === null ? undefined : this.org.features[f]!.get(value);
  }

  /** The number of distinct users from which an egress point counts as shared (VPN, proxy, office). */
  sharedEgressThreshold(): number {
    return Math.max(this.config.sharedEgressMinUsers, Math.ceil(this.org.activeUsers * this.config.sharedEgressUserFraction));
  }

  /**
   * Whether an IP (or its /24) is learned shared egress: used successfully by many users on many days.
   * Geolocation of such addresses says little about where the person is.
   */
  isSharedEgress(ip: string | null, ip24: string | null): boolean {
    const min = this.sharedEgressThreshold();
    const minDays = this.config.sharedEgressMinDays;
    const a = ip === null ? undefined : this.org.features[Feature.ip]!.get(ip);
    if (a && a.users >= min && a.days >= minDays) return true;
    const b = ip24 === null ? undefined : this.org.features[Feature.ip24]!.get(ip24);
    return !!b && b.users >= min && b.days >= minDays;
  }

  /**
   * An address several colleagues sign in from as usual (trusted sign-ins, which excludes every unusual one an
   * attacker makes), on several days: a VPN exit or a hosting provider's shared address with a benign
   * history, even below the shared-egress threshold. An address first seen with a breach has no such history.
   */
  isSharedSource(ip: string | null, exceptUser?: UserBaseline): boolean {
    if (ip === null) return false;
    const o = this.org.features[Feature.ip]!.get(ip);
    if (!o) return false;
    const mine = exceptUser?.features[Feature.ip]!.get(ip);
    const users = o.users - (mine?.counted ? 1 : 0);
    return users >= this.config.orgSeveralUsers && o.days >= this.config.orgSeveralDays;
  }

  /** Fraction of the user's successful sign-ins in this hour of the week and its two neighbours. */
  hourShare(u: UserBaseline | undefined, hourOfWeek: number): number {
    if (!u || u.hoursTotal === 0) return 0;
    const h = u.hours;
    const n = h[hourOfWeek]! + h[(hourOfWeek + 167) % 168]! + h[(hourOfWeek + 1) % 168]!;
    return n / u.hoursTotal;
  }
}
