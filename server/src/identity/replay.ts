// Replays a tenant scenario through the real pipeline (normalise → baselines → models → incidents) in
// virtual time, and shapes the result as `lantern replay --json` prints it.
import type { Breach, Incident, PersistenceItem, TenantScenario } from '@lantern/shared';
import { IdentityEngine, type IdentityEngineOptions } from './engine.ts';
import { scenarioToEvents } from './scenario-events.ts';

export interface ReplayBreach {
  model: string;
  user: string;
  at: string;
  score: number;
  reasons: { code: string; text: string }[];
}

export interface ReplayIncident {
  id: string;
  severity: Incident['severity'];
  score: number;
  users: string[];
  start: string;
  end: string;
  breaches: ReplayBreach[];
  /** Every rule, forward and MFA method the incident's users created, with what to undo. */
  persistence: PersistenceItem[];
  narrative: string;
}

export interface ReplayStats {
  /** Records read from the scenario (sign-ins, audits, method and rule snapshots, messages). */
  records: number;
  /** Records skipped as invalid (by the loader and the normalisers). */
  skipped: number;
  events: number;
  signIns: number;
  breaches: number;
  suppressed: number;
  incidents: number;
  /** Milliseconds spent in the engine (normalising excluded). */
  engineMs: number;
  signInsPerSecond: number;
}

export interface ReplayResult {
  incidents: ReplayIncident[];
  breaches: ReplayBreach[];
  stats: ReplayStats;
  /** The raw incidents (with user ids and source keys), for evaluation. */
  raw: { incidents: Incident[]; breaches: readonly Breach[] };
  problems: string[];
}

export interface ReplayOptions {
  /** Records skipped before the scenario reached us (by the file loader). */
  loaderSkipped?: number;
  loaderProblems?: string[];
  engine?: IdentityEngineOptions;
  /** Called every `progressEvery` events. */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
  /** Monotonic milliseconds, injected (performance.now by default at the entry point). */
  now?: () => number;
}

function countRecords(s: TenantScenario): number {
  return (s.signIns?.length ?? 0) + (s.directoryAudits?.length ?? 0) + (s.authenticationMethods?.length ?? 0) + (s.inboxRules?.length ?? 0) + (s.messages?.length ?? 0);
}

export function toReplayBreach(b: Breach): ReplayBreach {
  return { model: b.model, user: b.user, at: b.at, score: b.score, reasons: b.reasons.map((r) => ({ code: r.code, text: r.text })) };
}

export function replayScenario(scenario: TenantScenario, opts: ReplayOptions = {}): ReplayResult {
  const now = opts.now ?? (() => 0);
  const { events, skipped, problems } = scenarioToEvents(scenario);
  const engine = new IdentityEngine({ tenantDomains: scenario.tenant.domains, ...opts.engine });
  const every = opts.progressEvery ?? 100_000;
  let engineMs = 0;
  for (let i = 0; i < events.length; i += every) {
    const t0 = now();
    engine.ingest(events.slice(i, i + every));
    engineMs += now() - t0;
    opts.onProgress?.(Math.min(events.length, i + every), events.length);
  }
  const incidents = engine.incidents();
  const breaches = engine.breaches();
  const signIns = engine.stats.signIns;
  return {
    incidents: incidents.map((i) => ({ id: i.id, severity: i.severity, score: i.score, users: i.users, start: i.start, end: i.end, breaches: i.breaches.map(toReplayBreach), persistence: i.persistence, narrative: i.narrative })),
    breaches: breaches.map(toReplayBreach),
    stats: {
      records: countRecords(scenario),
      skipped: skipped + (opts.loaderSkipped ?? 0),
      events: engine.stats.events,
      signIns,
      breaches: breaches.length,
      suppressed: engine.stats.suppressed,
      incidents: incidents.length,
      engineMs: Math.round(engineMs),
      signInsPerSecond: engineMs > 0 ? Math.round((signIns / engineMs) * 1000) : 0,
    },
    raw: { incidents, breaches },
    problems: [...(opts.loaderProblems ?? []), ...problems],
  };
}
