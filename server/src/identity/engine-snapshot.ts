// The identity engine's state as plain JSON: baselines, recent context, correlator, suppression and dedupe
// memory, with a version. Feature statistics are written as arrays (tens of thousands of users hold millions
// of them). Numbers round-trip exactly through JSON, so a restored engine raises the same breaches.
import type { AuthMethodType, Breach, PersistenceItem } from '@lantern/shared';
import type { LastSignIn } from '../baseline/baselines.ts';
import type { EngineStats } from './engine.ts';

export const ENGINE_SNAPSHOT_VERSION = 1;

/** [value, firstT, lastT, lastDay, w, days, users, counted (0/1)] */
export type StatTuple = [string, number, number, number, number, number, number, 0 | 1];

/** The baseline's last successful sign-in, as stored (already plain JSON). */
export type LastSignInState = LastSignIn;

export interface UserBaselineState {
  userId: string;
  upn: string;
  firstT: number;
  lastT: number;
  activeDays: number;
  lastActiveDay: number;
  lastPruneDay: number;
  features: StatTuple[][];
  hours: number[];
  hoursTotal: number;
  lastSuccess: LastSignInState | null;
  methodTypes: AuthMethodType[];
  securityInfoChanges: number;
  rulesCreated: number;
  ruleFolders: [string, number][];
  forwardedBefore: boolean;
}

export interface BaselinesState {
  users: UserBaselineState[];
  /** null stands for ±Infinity (no sign-in yet), which JSON cannot hold. */
  org: { firstT: number | null; lastT: number | null; activeUsers: number; features: StatTuple[][]; rulesCreated: number; ruleFolders: [string, number][] };
}

export interface RecentState {
  users: [string, { unusual: { t: number; at: string; eventId: string; ip: string | null; country: string | null; city: string | null; asnOrg: string | null; location: number; score: number; evidence: string[] }[]; mfaDenials: number[]; lastSuccessT: number }][];
  failuresBySource: [string, { users: [string, { t: number; upn: string }][]; firstT: number; lastT: number; count: number }][];
  breachSources: [string, { t: number; userId: string; upn: string; model: string; breachId: string }[]][];
  lastSweepT: number;
}

export interface IncidentStateJson {
  id: string;
  /** Indexes into the snapshot's breach table. */
  breaches: number[];
  users: string[];
  userIds: string[];
  startT: number;
  endT: number;
  lastByUser: [string, number][];
  sources: [string, number][];
  /** Absent in snapshots taken before incidents listed persistence. */
  persistence?: PersistenceItem[];
}

export interface CorrelatorState {
  open: IncidentStateJson[];
  byUser: [string, string][];
  bySource: [string, string][];
  alias: [string, string][];
}

export interface EngineSnapshot {
  version: typeof ENGINE_SNAPSHOT_VERSION;
  /** Every breach the engine or its incidents hold, once; the other parts refer to them by index. */
  breaches: Breach[];
  /** Indexes of the engine's retained breaches, in order. */
  all: number[];
  domains: string[];
  seen: [string, number][];
  lastDedupeSweep: number;
  raised: [string, number][];
  lastRaisedSweep: number;
  lastRetentionSweep: number;
  lastT: number;
  stats: EngineStats;
  baselines: BaselinesState;
  recent: RecentState;
  correlator: CorrelatorState;
}

/** Interns breaches by object identity, so shared breaches are written once and shared again on restore. */
export class BreachTable {
  readonly list: Breach[] = [];
  readonly #index = new Map<Breach, number>();
  ref(b: Breach): number {
    let i = this.#index.get(b);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(b);
      this.#index.set(b, i);
    }
    return i;
  }
}

export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}
