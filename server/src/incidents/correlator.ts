// Groups breaches into incidents, incrementally: by user within a window, and across users by a shared
// source (the attacker's address, a forwarding destination). Scores and narratives are computed on read.
import type { Breach, Incident, PersistenceItem } from '@lantern/shared';
import { severityOf } from '@lantern/shared';
import type { ChainRule, CorrelationRules, Stage } from './correlation-rules.ts';
import { defaultCorrelationRules } from './correlation-rules.ts';
import { buildNarrative } from './narrative.ts';
import type { BreachTable, CorrelatorState } from '../identity/engine-snapshot.ts';

interface IncidentState {
  id: string;
  breaches: Breach[];
  /** UPNs in joining order. */
  users: string[];
  userIds: Set<string>;
  startT: number;
  endT: number;
  /** Per user, time of their latest breach here. */
  lastByUser: Map<string, number>;
  /** Per correlating source key, time last seen here. */
  sources: Map<string, number>;
  /** Persistence the incident's users created, by ref, in the order first seen. */
  persistence: Map<string, PersistenceItem>;
  cached: Incident | null;
}

/** An incident lists at most this many persistence items (an attacker scripting rules must not exhaust memory). */
export const MAX_PERSISTENCE_ITEMS = 2000;

/** FNV-1a, for short deterministic incident ids. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export interface IncidentScore {
  score: number;
  chains: ChainRule[];
}

/** Score of a set of breaches: the strongest, plus a share of every other stage, chains and extra users. */
export function scoreIncident(breaches: readonly Breach[], userCount: number, rules: CorrelationRules = defaultCorrelationRules): IncidentScore {
  const byStage = new Map<Stage, number>();
  for (const b of breaches) {
    const stage = rules.stages[b.model] ?? 'access';
    byStage.set(stage, Math.max(byStage.get(stage) ?? 0, b.score));
  }
  const maxima = [...byStage.values()].sort((a, b) => b - a);
  let score = maxima[0] ?? 0;
  for (let i = 1; i < maxima.length; i++) score += maxima[i]! * rules.otherStageFactor;
  const chains = rules.chains.filter((c) => c.stages.every((s) => byStage.has(s)));
  // Only the strongest matching chain counts (the chains nest).
  if (chains.length > 0) score += Math.max(...chains.map((c) => c.bonus));
  score += Math.min(rules.maxExtraUsers, Math.max(0, userCount - 1)) * rules.perExtraUser;
  const best = chains.length > 0 ? [chains.reduce((a, b) => (b.bonus > a.bonus ? b : a))] : [];
  return { score: Math.min(100, Math.round(score)), chains: best };
}

export class Correlator {
  private readonly open = new Map<string, IncidentState>();
  private readonly byUser = new Map<string, string>();
  private readonly bySource = new Map<string, string>();
  /** Merged incident ids point to the incident that absorbed them. */
  private readonly alias = new Map<string, string>();

  constructor(readonly rules: CorrelationRules = defaultCorrelationRules) {}

  /** The whole state as JSON-safe data; breaches go into `table` and are referred to by index. */
  toState(table: BreachTable): CorrelatorState {
    return {
      open: [...this.open.values()].map((s) => ({
        id: s.id, breaches: s.breaches.map((b) => table.ref(b)), users: [...s.users], userIds: [...s.userIds], startT: s.startT, endT: s.endT,
        lastByUser: [...s.lastByUser], sources: [...s.sources], persistence: [...s.persistence.values()],
      })),
      byUser: [...this.byUser],
      bySource: [...this.bySource],
      alias: [...this.alias],
    };
  }

  /** Replaces the state with a snapshot's; `breaches` is the snapshot's breach table. */
  loadState(state: CorrelatorState, breaches: readonly Breach[]): void {
    this.open.clear();
    for (const s of state.open) {
      this.open.set(s.id, {
        id: s.id, breaches: s.breaches.map((i) => breaches[i]!), users: [...s.users], userIds: new Set(s.userIds), startT: s.startT, endT: s.endT,
        lastByUser: new Map(s.lastByUser), sources: new Map(s.sources), persistence: new Map((s.persistence ?? []).map((p) => [p.ref, p])), cached: null,
      });
    }
    const fill = (m: Map<string, string>, from: [string, string][]) => {
      m.clear();
      for (const [k, v] of from) m.set(k, v);
    };
    fill(this.byUser, state.byUser);
    fill(this.bySource, state.bySource);
    fill(this.alias, state.alias);
  }

  private resolve(id: string | undefined): IncidentState | undefined {
    let cur = id;
    for (let i = 0; cur !== undefined && i < 64; i++) {
      const s = this.open.get(cur);
      if (s) return s;
      cur = this.alias.get(cur);
    }
    return undefined;
  }

  private correlating(key: string): boolean {
    const kind = key.slice(0, key.indexOf(':'));
    return this.rules.correlatingSources.includes(kind);
  }

  /** Adds a breach (t = its time in ms) and returns the id of the incident it joined. */
  add(b: Breach, t: number): string {
    const candidates = new Set<IncidentState>();
    const mine = this.resolve(this.byUser.get(b.userId));
    if (mine && t - (mine.lastByUser.get(b.userId) ?? mine.endT) <= this.rules.sameUserWindowHours * 3_600_000) candidates.add(mine);
    for (const key of b.sources) {
      if (!this.correlating(key)) continue;
      const inc = this.resolve(this.bySource.get(key));
      if (inc && t - (inc.sources.get(key) ?? 0) <= this.rules.sharedSourceWindowHours * 3_600_000) candidates.add(inc);
    }
    let target: IncidentState;
    if (candidates.size === 0) {
      target = {
        id: `inc-${hash(b.id)}`,
        breaches: [],
        users: [],
        userIds: new Set(),
        startT: t,
        endT: t,
        lastByUser: new Map(),
        sources: new Map(),
        persistence: new Map(),
        cached: null,
      };
      while (this.open.has(target.id) || this.alias.has(target.id)) target.id = `inc-${hash(target.id)}`;
      this.open.set(target.id, target);
    } else {
      const sorted = [...candidates].sort((a, c) => a.startT - c.startT || (a.id < c.id ? -1 : 1));
      target = sorted[0]!;
      for (const other of sorted.slice(1)) this.merge(target, other);
    }
    target.breaches.push(b);
    if (!target.userIds.has(b.userId)) {
      target.userIds.add(b.userId);
      target.users.push(b.user);
    }
    target.lastByUser.set(b.userId, Math.max(t, target.lastByUser.get(b.userId) ?? t));
    if (t < target.startT) target.startT = t;
    if (t > target.endT) target.endT = t;
    for (const key of b.sources) {
      if (!this.correlating(key)) continue;
      target.sources.set(key, Math.max(t, target.sources.get(key) ?? t));
      this.bySource.set(key, target.id);
    }
    this.byUser.set(b.userId, target.id);
    target.cached = null;
    return target.id;
  }

  private merge(into: IncidentState, from: IncidentState): void {
    for (const b of from.breaches) into.breaches.push(b);
    for (const u of from.users) if (!into.users.includes(u)) into.users.push(u);
    for (const id of from.userIds) into.userIds.add(id);
    for (const [u, t] of from.lastByUser) into.lastByUser.set(u, Math.max(t, into.lastByUser.get(u) ?? t));
    for (const [k, t] of from.sources) into.sources.set(k, Math.max(t, into.sources.get(k) ?? t));
    for (const p of from.persistence.values()) upsert(into.persistence, p);
    into.startT = Math.min(into.startT, from.startT);
    into.endT = Math.max(into.endT, from.endT);
    this.open.delete(from.id);
    this.alias.set(from.id, into.id);
    into.cached = null;
  }

  /** The user's incident that a breach of theirs at `t` would join, if any. */
  private userIncident(userId: string, t: number): IncidentState | undefined {
    const mine = this.resolve(this.byUser.get(userId));
    if (mine && t - (mine.lastByUser.get(userId) ?? mine.endT) <= this.rules.sameUserWindowHours * 3_600_000) return mine;
    return undefined;
  }

  /**
   * Lists a persistence item in an incident: the one `incidentId` names (where the item's own breach went),
   * else the user's open incident. Returns false when the user has no open incident (nothing to attach to).
   * An item with the same ref (the same rule changed again) is updated in place.
   */
  attachPersistence(item: PersistenceItem, t: number, incidentId?: string): boolean {
    const target = (incidentId !== undefined ? this.resolve(incidentId) : undefined) ?? this.userIncident(item.userId, t);
    if (!target) return false;
    if (!upsert(target.persistence, item)) return false;
    target.cached = null;
    return true;
  }

  /** Marks a listed persistence item of the user's incident as removed (the rule was deleted). */
  markRemoved(userId: string, ref: string, at: string): void {
    const inc = this.resolve(this.byUser.get(userId));
    const item = inc?.persistence.get(ref);
    if (!inc || !item) return;
    inc.persistence.set(ref, { ...item, removedAt: at });
    inc.cached = null;
  }

  /** Forgets incidents that ended before `t` (ms), so a long-running engine stays bounded. */
  prune(t: number): void {
    for (const [id, s] of this.open) {
      if (s.endT >= t) continue;
      this.open.delete(id);
    }
    for (const [k, id] of this.byUser) if (!this.resolve(id)) this.byUser.delete(k);
    for (const [k, id] of this.bySource) if (!this.resolve(id)) this.bySource.delete(k);
    for (const [k, id] of this.alias) if (!this.resolve(id)) this.alias.delete(k);
  }

  /** Every incident, strongest first (ties: earliest first). */
  incidents(): Incident[] {
    const out: Incident[] = [];
    for (const s of this.open.values()) out.push(this.view(s));
    return out.sort((a, b) => b.score - a.score || (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : 1));
  }

  private view(s: IncidentState): Incident {
    if (s.cached) return s.cached;
    const breaches = [...s.breaches].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
    const { score, chains } = scoreIncident(breaches, s.users.length, this.rules);
    const severity = severityOf(score);
    const users = [...s.users];
    const persistence = [...s.persistence.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
    const incident: Incident = {
      id: s.id,
      severity,
      score,
      users,
      start: breaches[0]!.at,
      end: breaches[breaches.length - 1]!.at,
      breaches,
      persistence,
      narrative: buildNarrative({ severity, score, users, breaches, chains, persistence }),
    };
    s.cached = incident;
    return incident;
  }
}

/** Adds or updates an item by ref; false when the incident already lists the maximum number of items. */
function upsert(into: Map<string, PersistenceItem>, item: PersistenceItem): boolean {
  const old = into.get(item.ref);
  if (!old) {
    if (into.size >= MAX_PERSISTENCE_ITEMS) return false;
    into.set(item.ref, item);
    return true;
  }
  const models = [...new Set([...old.models, ...item.models])].sort();
  into.set(item.ref, item.at >= old.at ? { ...item, models } : { ...old, models });
  return true;
}
