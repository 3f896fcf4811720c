// Short-term memory the engine keeps between events: recent unusual sign-ins per user, MFA denials,
// failures per source (spray), sources and forwarding destinations seen in breaches. Bounded in time.
import type { Breach } from '@lantern/shared';
import { DAY_MS } from '../baseline/feature.ts';
import type { RecentState } from '../identity/engine-snapshot.ts';

export interface UnusualSignIn {
  t: number;
  at: string;
  eventId: string;
  ip: string | null;
  country: string | null;
  city: string | null;
  asnOrg: string | null;
  /** Location unusualness 0–100 and the whole source score. */
  location: number;
  score: number;
  /** Sentence fragments: "country NG, new to the user and used by no colleague". */
  evidence: string[];
}

export interface UserRecent {
  unusual: UnusualSignIn[];
  /** Times (ms) of MFA prompts denied or failed. */
  mfaDenials: number[];
  /** Sources (correlation keys) this user signed in from successfully, with last time. */
  lastSuccessT: number;
}

export interface SourceFailures {
  /** userId → last failure time and UPN. */
  users: Map<string, { t: number; upn: string }>;
  firstT: number;
  lastT: number;
  count: number;
}

export interface SourceSighting {
  t: number;
  userId: string;
  upn: string;
  model: string;
  breachId: string;
}

export interface RecentConfig {
  /** How long unusual sign-ins stay in memory, and how many per user. */
  unusualKeepDays: number;
  unusualMax: number;
  /** Location unusualness from which a sign-in is remembered as unusual. */
  unusualMinLocation: number;
  mfaKeepMinutes: number;
  failureKeepHours: number;
  sourceKeepDays: number;
}

export const defaultRecentConfig: RecentConfig = {
  unusualKeepDays: 14,
  unusualMax: 8,
  unusualMinLocation: 25,
  mfaKeepMinutes: 180,
  failureKeepHours: 48,
  sourceKeepDays: 14,
};

export class RecentContext {
  readonly users = new Map<string, UserRecent>();
  /** Failed sign-ins per source IP (password spray). */
  readonly failuresBySource = new Map<string, SourceFailures>();
  /** Source keys seen in breaches, per key: the sightings (one per user and model, latest first kept). */
  readonly breachSources = new Map<string, SourceSighting[]>();
  private lastSweepT = 0;

  constructor(readonly config: RecentConfig = defaultRecentConfig) {}

  user(userId: string): UserRecent | undefined {
    return this.users.get(userId);
  }

  /** The whole state as JSON-safe data (engine snapshots). */
  toState(): RecentState {
    return {
      users: [...this.users].map(([k, r]) => [k, { unusual: r.unusual.map((u) => ({ ...u, evidence: [...u.evidence] })), mfaDenials: [...r.mfaDenials], lastSuccessT: r.lastSuccessT }]),
      failuresBySource: [...this.failuresBySource].map(([ip, s]) => [ip, { users: [...s.users].map(([u, x]) => [u, { ...x }]), firstT: s.firstT, lastT: s.lastT, count: s.count }]),
      breachSources: [...this.breachSources].map(([k, list]) => [k, list.map((x) => ({ ...x }))]),
      lastSweepT: this.lastSweepT,
    };
  }

  /** Replaces the state with a snapshot's. */
  loadState(state: RecentState): void {
    this.users.clear();
    for (const [k, r] of state.users) this.users.set(k, { unusual: r.unusual.map((u) => ({ ...u, evidence: [...u.evidence] })), mfaDenials: [...r.mfaDenials], lastSuccessT: r.lastSuccessT });
    this.failuresBySource.clear();
    for (const [ip, s] of state.failuresBySource) this.failuresBySource.set(ip, { users: new Map(s.users.map(([u, x]) => [u, { ...x }])), firstT: s.firstT, lastT: s.lastT, count: s.count });
    this.breachSources.clear();
    for (const [k, list] of state.breachSources) this.breachSources.set(k, list.map((x) => ({ ...x })));
    this.lastSweepT = state.lastSweepT;
  }

  private ensure(userId: string): UserRecent {
    let r = this.users.get(userId);
    if (!r) {
      r = { unusual: [], mfaDenials: [], lastSuccessT: 0 };
      this.users.set(userId, r);
    }
    return r;
  }

  /** Unusual sign-ins of the user within `hours` before `t`. */
  unusualWithin(userId: string, t: number, hours: number): UnusualSignIn[] {
    const r = this.users.get(userId);
    if (!r) return [];
    const from = t - hours * 3_600_000;
    return r.unusual.filter((u) => u.t >= from && u.t <= t);
  }

  addUnusual(userId: string, u: UnusualSignIn): void {
    const r = this.ensure(userId);
    r.unusual.push(u);
    const from = u.t - this.config.unusualKeepDays * DAY_MS;
    while (r.unusual.length > 0 && (r.unusual.length > this.config.unusualMax || r.unusual[0]!.t < from)) r.unusual.shift();
  }

  addMfaDenial(userId: string, t: number): void {
    const r = this.ensure(userId);
    r.mfaDenials.push(t);
    const from = t - this.config.mfaKeepMinutes * 60_000;
    while (r.mfaDenials.length > 0 && (r.mfaDenials[0]! < from || r.mfaDenials.length > 200)) r.mfaDenials.shift();
  }

  mfaDenialsWithin(userId: string, t: number, minutes: number): number {
    const r = this.users.get(userId);
    if (!r) return 0;
    const from = t - minutes * 60_000;
    let n = 0;
    for (const d of r.mfaDenials) if (d >= from && d <= t) n++;
    return n;
  }

  noteSuccess(userId: string, t: number): void {
    this.ensure(userId).lastSuccessT = t;
  }

  addFailure(ip: string, userId: string, upn: string, t: number): void {
    let s = this.failuresBySource.get(ip);
    if (!s) {
      s = { users: new Map(), firstT: t, lastT: t, count: 0 };
      this.failuresBySource.set(ip, s);
    }
    s.count++;
    if (t > s.lastT) s.lastT = t;
    if (s.users.size < 10_000 || s.users.has(userId)) s.users.set(userId, { t, upn });
  }

  /** Distinct users that failed to sign in from `ip` within `hours` before `t`. */
  failedUsersFrom(ip: string, t: number, hours: number): number {
    const s = this.failuresBySource.get(ip);
    if (!s) return 0;
    const from = t - hours * 3_600_000;
    let n = 0;
    for (const u of s.users.values()) if (u.t >= from && u.t <= t) n++;
    return n;
  }

  /** The users that failed from `ip` within `hours` before `t`, oldest first. */
  failedFrom(ip: string, t: number, hours: number): { userId: string; upn: string; t: number }[] {
    const s = this.failuresBySource.get(ip);
    if (!s) return [];
    const from = t - hours * 3_600_000;
    const out: { userId: string; upn: string; t: number }[] = [];
    for (const [userId, u] of s.users) if (u.t >= from && u.t <= t) out.push({ userId, upn: u.upn, t: u.t });
    return out.sort((a, b) => a.t - b.t || (a.userId < b.userId ? -1 : 1));
  }

  addBreach(b: Breach, t: number): void {
    for (const key of b.sources) {
      let list = this.breachSources.get(key);
      if (!list) {
        list = [];
        this.breachSources.set(key, list);
      }
      const i = list.findIndex((s) => s.userId === b.userId && s.model === b.model);
      const s: SourceSighting = { t, userId: b.userId, upn: b.user, model: b.model, breachId: b.id };
      if (i >= 0) list[i] = s;
      else if (list.length < 1000) list.push(s);
    }
  }

  /** Sightings of a source key within `hours` before `t`. */
  sightings(key: string, t: number, hours: number): SourceSighting[] {
    const list = this.breachSources.get(key);
    if (!list) return [];
    const from = t - hours * 3_600_000;
    return list.filter((s) => s.t >= from && s.t <= t);
  }

  /** Forgets what fell out of every window; cheap to call often (runs at most hourly of event time). */
  sweep(t: number): void {
    if (t - this.lastSweepT < 3_600_000) return;
    this.lastSweepT = t;
    const failFrom = t - this.config.failureKeepHours * 3_600_000;
    for (const [ip, s] of this.failuresBySource) {
      if (s.lastT < failFrom) this.failuresBySource.delete(ip);
      else for (const [u, x] of s.users) if (x.t < failFrom) s.users.delete(u);
    }
    const srcFrom = t - this.config.sourceKeepDays * DAY_MS;
    for (const [k, list] of this.breachSources) {
      const kept = list.filter((s) => s.t >= srcFrom);
      if (kept.length === 0) this.breachSources.delete(k);
      else if (kept.length !== list.length) this.breachSources.set(k, kept);
    }
  }
}
