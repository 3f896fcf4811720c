// The identity detection engine: normalised events in, breaches and incidents out. Incremental and in
// memory; its clock is event time, so the same engine runs live behind the pollers and in `lantern replay`.
import type { Breach, DomainEvent, Incident, SignInEvent } from '@lantern/shared';
import type { BaselineConfig } from '../baseline/baseline-config.ts';
import { Baselines } from '../baseline/baselines.ts';
import { DAY_MS } from '../baseline/feature.ts';
import { signInFacts, type SignInFacts } from '../baseline/sign-in-facts.ts';
import { assessSource, type SourceAssessment, type SourceWeights, defaultSourceWeights } from '../baseline/source-assessment.ts';
import { novelText } from '../detections/evidence.ts';
import type { DetectionContext, DetectionModel, TenantFacts } from '../detections/model.ts';
import { RecentContext, type RecentConfig } from '../detections/recent-context.ts';
import { eventModels, multiModels } from '../detections/registry.ts';
import { asnTable, type AsnTable } from '../geo/asn.ts';
import type { CorrelationRules } from '../incidents/correlation-rules.ts';
import { Correlator } from '../incidents/correlator.ts';
import { persistenceOf, removedRef } from '../incidents/persistence.ts';
import { BreachTable, ENGINE_SNAPSHOT_VERSION, SnapshotError, type EngineSnapshot } from './engine-snapshot.ts';

export interface EngineConfig {
  /** Entra error codes of MFA prompts denied or failed (MFA fatigue). */
  mfaDenialCodes: readonly number[];
  /** Entra error codes of wrong credentials (password spray). */
  credentialFailureCodes: readonly number[];
  /** How long event ids are remembered to drop duplicates (pollers overlap their windows). */
  dedupeHours: number;
  /** A model breaching again for the same user and source within this window is not raised again. */
  repeatSuppressHours: number;
  /** Incidents and breaches that ended longer ago than this are forgotten (live engines run for months). */
  retentionDays: number;
}

export const defaultEngineConfig: EngineConfig = {
  mfaDenialCodes: [500121, 50158],
  credentialFailureCodes: [50126, 50053, 50055, 50056, 50034, 50057],
  dedupeHours: 72,
  repeatSuppressHours: 12,
  retentionDays: 120,
};

export interface IdentityEngineOptions {
  /** The tenant's mail domains; users' UPN domains are added as they are seen. */
  tenantDomains?: readonly string[];
  /** Offline ASN table; default the package's, loaded on first sign-in. null = no ASN enrichment. */
  asn?: AsnTable | null;
  baseline?: BaselineConfig;
  sourceWeights?: SourceWeights;
  recent?: RecentConfig;
  correlation?: CorrelationRules;
  engine?: EngineConfig;
  models?: { event: readonly DetectionModel<never>[]; multi: readonly DetectionModel<never>[] };
}

export interface EngineStats {
  events: number;
  signIns: number;
  duplicates: number;
  breaches: number;
  /** Repeats of a breach already raised for the same user and source. */
  suppressed: number;
}

export class IdentityEngine {
  readonly baselines: Baselines;
  readonly recent: RecentContext;
  private readonly correlator: Correlator;
  private readonly domains = new Set<string>();
  private readonly tenant: TenantFacts = { domains: this.domains };
  private asn: AsnTable | null | undefined;
  private readonly weights: SourceWeights;
  private readonly config: EngineConfig;
  private readonly byKind: Map<string, DetectionModel<never>[]>;
  private readonly multi: readonly DetectionModel<never>[];
  private readonly mfaCodes: Set<number>;
  private readonly failCodes: Set<number>;
  private readonly seen = new Map<string, number>();
  private lastT = 0;
  private lastDedupeSweep = 0;
  private readonly all: Breach[] = [];
  /** `${model}|${userId}|${first source}` → time last raised. */
  private readonly raised = new Map<string, number>();
  private lastRaisedSweep = 0;
  private lastRetentionSweep = 0;
  readonly stats: EngineStats = { events: 0, signIns: 0, duplicates: 0, breaches: 0, suppressed: 0 };

  constructor(opts: IdentityEngineOptions = {}) {
    this.baselines = new Baselines(opts.baseline);
    this.recent = new RecentContext(opts.recent);
    this.correlator = new Correlator(opts.correlation);
    for (const d of opts.tenantDomains ?? []) this.domains.add(d.toLowerCase());
    this.asn = opts.asn;
    this.weights = opts.sourceWeights ?? defaultSourceWeights;
    this.config = opts.engine ?? defaultEngineConfig;
    this.mfaCodes = new Set(this.config.mfaDenialCodes);
    this.failCodes = new Set(this.config.credentialFailureCodes);
    const models = opts.models ?? { event: eventModels, multi: multiModels };
    this.byKind = new Map();
    for (const m of models.event) {
      for (const k of m.meta.eventKinds) {
        const list = this.byKind.get(k) ?? [];
        list.push(m);
        this.byKind.set(k, list);
      }
    }
    this.multi = models.multi;
  }

  private asnData(): AsnTable | null {
    if (this.asn === undefined) this.asn = asnTable();
    return this.asn;
  }

  /** Processes events in the order given (pass them time-ordered); returns the breaches they raised. */
  ingest(events: readonly DomainEvent[]): Breach[] {
    const out: Breach[] = [];
    for (const e of events) {
      const t = Date.parse(e.at);
      if (!Number.isFinite(t)) continue;
      if (this.isDuplicate(e.id, t)) {
        this.stats.duplicates++;
        continue;
      }
      this.stats.events++;
      if (t > this.lastT) this.lastT = t;
      this.recent.sweep(t);
      const { ctx, facts, source } = this.context(e, t);
      const breaches = this.evaluate(ctx);
      this.learn(e, t, facts, source);
      let joined: string | undefined;
      for (const b of breaches) {
        if (this.isRepeat(b, t)) {
          this.stats.suppressed++;
          continue;
        }
        this.recent.addBreach(b, t);
        const incidentId = this.correlator.add(b, t);
        joined ??= incidentId;
        this.all.push(b);
        out.push(b);
      }
      this.notePersistence(e, t, breaches, joined);
    }
    this.stats.breaches = this.all.length;
    this.retain(this.lastT);
    return out;
  }

  /**
   * Lists what the event left behind (a rule, a forward, an MFA method) in the user's incident, also when its
   * breaches were suppressed as repeats: suppression keeps alerts quiet, never evidence.
   */
  private notePersistence(e: DomainEvent, t: number, breaches: readonly Breach[], joined: string | undefined): void {
    if (e.kind !== 'inboxRule' && e.kind !== 'securityInfo') return;
    const item = persistenceOf(e, this.domains);
    if (item) {
      const models = [...new Set(breaches.map((b) => b.model))].sort();
      this.correlator.attachPersistence({ ...item, models, removedAt: null }, t, joined);
      return;
    }
    const ref = removedRef(e);
    if (ref) this.correlator.markRemoved(e.userId, ref, e.at);
  }

  private retain(t: number): void {
    if (t - this.lastRetentionSweep < DAY_MS) return;
    this.lastRetentionSweep = t;
    const cutoff = t - this.config.retentionDays * DAY_MS;
    this.correlator.prune(cutoff);
    let keep = 0;
    while (keep < this.all.length && Date.parse(this.all[keep]!.at) < cutoff) keep++;
    if (keep > 0) this.all.splice(0, keep);
  }

  private isRepeat(b: Breach, t: number): boolean {
    const key = `${b.model}|${b.userId}|${b.sources[0] ?? ''}`;
    const window = this.config.repeatSuppressHours * 3_600_000;
    const last = this.raised.get(key);
    if (last !== undefined && t - last < window) return true;
    this.raised.set(key, t);
    if (t - this.lastRaisedSweep > DAY_MS) {
      this.lastRaisedSweep = t;
      for (const [k, v] of this.raised) if (t - v >= window) this.raised.delete(k);
    }
    return false;
  }

  /** What the models would raise for `event` now, without learning from it (for tests and what-ifs). */
  probe(event: DomainEvent): Breach[] {
    const t = Date.parse(event.at);
    if (!Number.isFinite(t)) return [];
    return this.evaluate(this.context(event, t).ctx);
  }

  /** The engine's whole state, JSON-safe, to restore with `restore` (same options) and continue exactly. */
  toSnapshot(): EngineSnapshot {
    const table = new BreachTable();
    const all = this.all.map((b) => table.ref(b));
    const correlator = this.correlator.toState(table);
    return {
      version: ENGINE_SNAPSHOT_VERSION,
      breaches: table.list,
      all,
      domains: [...this.domains],
      seen: [...this.seen],
      lastDedupeSweep: this.lastDedupeSweep,
      raised: [...this.raised],
      lastRaisedSweep: this.lastRaisedSweep,
      lastRetentionSweep: this.lastRetentionSweep,
      lastT: this.lastT,
      stats: { ...this.stats },
      baselines: this.baselines.toState(),
      recent: this.recent.toState(),
      correlator,
    };
  }

  /** Replaces this engine's state with a snapshot's (taken by an engine built with the same options). */
  restore(snapshot: EngineSnapshot): void {
    if (snapshot.version !== ENGINE_SNAPSHOT_VERSION) throw new SnapshotError(`engine snapshot version ${String(snapshot.version)} is not ${ENGINE_SNAPSHOT_VERSION}`);
    const breaches = snapshot.breaches;
    this.all.length = 0;
    for (const i of snapshot.all) this.all.push(breaches[i]!);
    for (const d of snapshot.domains) this.domains.add(d);
    this.seen.clear();
    for (const [k, v] of snapshot.seen) this.seen.set(k, v);
    this.lastDedupeSweep = snapshot.lastDedupeSweep;
    this.raised.clear();
    for (const [k, v] of snapshot.raised) this.raised.set(k, v);
    this.lastRaisedSweep = snapshot.lastRaisedSweep;
    this.lastRetentionSweep = snapshot.lastRetentionSweep;
    this.lastT = snapshot.lastT;
    Object.assign(this.stats, snapshot.stats);
    this.baselines.loadState(snapshot.baselines);
    this.recent.loadState(snapshot.recent);
    this.correlator.loadState(snapshot.correlator, breaches);
  }

  /** A new engine with `options`, in the state of `snapshot`. */
  static fromSnapshot(snapshot: EngineSnapshot, options: IdentityEngineOptions = {}): IdentityEngine {
    const engine = new IdentityEngine(options);
    engine.restore(snapshot);
    return engine;
  }

  incidents(): Incident[] {
    return this.correlator.incidents();
  }

  breaches(): readonly Breach[] {
    return this.all;
  }

  private isDuplicate(id: string, t: number): boolean {
    if (this.seen.has(id)) return true;
    this.seen.set(id, t);
    if (t - this.lastDedupeSweep > DAY_MS) {
      this.lastDedupeSweep = t;
      const from = t - this.config.dedupeHours * 3_600_000;
      for (const [k, v] of this.seen) if (v < from) this.seen.delete(k);
    }
    return false;
  }

  private context(e: DomainEvent, t: number): { ctx: DetectionContext; facts: SignInFacts | null; source: SourceAssessment | null } {
    const user = this.baselines.user(e.userId);
    if (!user) {
      // A user seen for the first time: their UPN domain is one of the tenant's.
      const at = e.upn.lastIndexOf('@');
      if (at >= 0) this.domains.add(e.upn.slice(at + 1));
    }
    let facts: SignInFacts | null = null;
    let source: SourceAssessment | null = null;
    if (e.kind === 'signIn') {
      facts = signInFacts(e, this.asnData(), t);
      if (e.success) source = assessSource(this.baselines, user, e, facts, this.weights);
    }
    const orgLearning = t - this.baselines.org.firstT < this.baselines.config.learningAgeDays * DAY_MS;
    const ctx: DetectionContext = { event: e, now: t, facts, source, user, baselines: this.baselines, orgLearning, recent: this.recent, tenant: this.tenant, breachesOfEvent: [] };
    return { ctx, facts, source };
  }

  private evaluate(ctx: DetectionContext): Breach[] {
    const models = this.byKind.get(ctx.event.kind);
    if (!models) return [];
    let breaches: Breach[] | null = null;
    for (const m of models) {
      const r = m.evaluate(ctx, m.params);
      if (!r) continue;
      (breaches ??= []).push(this.breach(m, ctx.event, r.score, r.reasons, r.sources));
      for (const a of r.also ?? []) breaches.push({ ...this.breach(m, ctx.event, r.score, r.reasons, r.sources), id: `${m.meta.id}:${ctx.event.id}:${a.userId}`, userId: a.userId, user: a.upn });
    }
    if (!breaches) return [];
    const withMulti: Breach[] = breaches;
    const multiCtx: DetectionContext = { ...ctx, breachesOfEvent: breaches };
    for (const m of this.multi) {
      if (!m.meta.eventKinds.includes(ctx.event.kind)) continue;
      const r = m.evaluate(multiCtx, m.params);
      if (r) withMulti.push(this.breach(m, ctx.event, r.score, r.reasons, r.sources));
    }
    return withMulti;
  }

  private breach(m: DetectionModel<never>, e: DomainEvent, score: number, reasons: Breach['reasons'], sources: string[]): Breach {
    return { id: `${m.meta.id}:${e.id}`, model: m.meta.id, userId: e.userId, user: e.upn, at: e.at, score, reasons, eventId: e.id, sources };
  }

  private learn(e: DomainEvent, t: number, facts: SignInFacts | null, source: SourceAssessment | null): void {
    switch (e.kind) {
      case 'signIn': {
        this.stats.signIns++;
        if (!facts) return;
        if (e.success) {
          const unusual = source !== null && source.location >= this.recent.config.unusualMinLocation;
          if (unusual) this.rememberUnusual(e, facts, source);
          this.baselines.observeSignIn(e, facts, !unusual);
          this.recent.noteSuccess(e.userId, t);
        } else {
          this.baselines.observeSignIn(e, facts);
          if (this.mfaCodes.has(e.errorCode)) this.recent.addMfaDenial(e.userId, t);
          if (e.ip && this.failCodes.has(e.errorCode)) this.recent.addFailure(e.ip, e.userId, e.upn, t);
        }
        return;
      }
      case 'securityInfo':
        this.baselines.observeSecurityInfo(e, t);
        return;
      case 'inboxRule':
        this.baselines.observeInboxRule(e, t);
        return;
      case 'message':
        return;
    }
  }

  private rememberUnusual(e: SignInEvent, x: SignInFacts, s: SourceAssessment): void {
    const top = s.novel.filter((n) => n.feature <= 5).sort((a, b) => b.points - a.points).slice(0, 3);
    this.recent.addUnusual(e.userId, {
      t: x.t,
      at: e.at,
      eventId: e.id,
      ip: e.ip,
      country: e.country,
      city: e.city,
      asnOrg: x.asnOrg,
      location: s.location,
      score: s.score,
      evidence: top.map((n) => novelText(n, x)),
    });
  }
}
