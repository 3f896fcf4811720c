// What a detection model is: metadata beside a pure evaluate function and its own cases (STYLE.md).
import type { Breach, DomainEvent, EventKind, Reason, Severity } from '@lantern/shared';
import type { Baselines, UserBaseline } from '../baseline/baselines.ts';
import type { SignInFacts } from '../baseline/sign-in-facts.ts';
import type { SourceAssessment } from '../baseline/source-assessment.ts';
import type { RecentContext } from './recent-context.ts';
import type { SignInData } from '../graph/sign-in-fields.ts';

export interface ModelMeta {
  /** "saas.impossible-travel": the file is named after the part after the first dot. */
  id: string;
  title: string;
  description: string;
  /** Every breach of this model scores inside this band (low 0–21, medium 22–47, high 48–73, critical 74–100). */
  severity: Severity;
  mitre: { id: string; name: string }[];
  /** Threat research describing the behaviour. */
  references: string[];
  knownFalsePositives: string[];
  knownGaps: string[];
  /** The event kinds the model looks at. */
  eventKinds: EventKind[];
  /**
   * Sign-in data beyond Graph v1.0 the model cannot work without (beta fields, non-interactive sign-ins);
   * /api/health lists the model as unable to run while sign-ins are read without it.
   */
  requires?: readonly SignInData[];
}

export interface TenantFacts {
  /** The tenant's own mail domains (lower case); anything else is external. */
  domains: ReadonlySet<string>;
}

/** Everything a model may read. Models never write: the engine updates baselines and context after them. */
export interface DetectionContext {
  event: DomainEvent;
  /** Epoch ms of the event: the clock is event time. */
  now: number;
  /** For sign-ins: derived facts and how unusual the source is (before the baselines learned it). */
  facts: SignInFacts | null;
  source: SourceAssessment | null;
  user: UserBaseline | undefined;
  baselines: Baselines;
  /** The organisation has not been observed long enough to know its egress points and habits. */
  orgLearning: boolean;
  recent: RecentContext;
  tenant: TenantFacts;
  /** Breaches other models already raised for this event (read by multi-user models). */
  breachesOfEvent: readonly Breach[];
}

export interface Evaluation {
  /** 0–100, inside the model's severity band. */
  score: number;
  reasons: Reason[];
  /** Correlation keys of the source ("ip:…", "asn:…", "fwd:…"). */
  sources: string[];
  /** Other users the same evidence is about (the earlier targets of a spray): each gets the breach too. */
  also?: { userId: string; upn: string }[];
}

export type CaseKind = 'true-positive' | 'true-negative' | 'near-miss';

/** A model's own test case, as data: the history the engine learns first, then the event under test. */
export interface DetectionCase {
  name: string;
  kind: CaseKind;
  history: DomainEvent[];
  event: DomainEvent;
  tenantDomains?: string[];
}

export interface DetectionModel<P = unknown> {
  meta: ModelMeta;
  /** Thresholds, weights and allow-lists: data, not branches. */
  params: P;
  evaluate(ctx: DetectionContext, params: P): Evaluation | null;
  cases: () => DetectionCase[];
}

export const SEVERITY_BANDS: Readonly<Record<Severity, readonly [number, number]>> = {
  low: [0, 21],
  medium: [22, 47],
  high: [48, 73],
  critical: [74, 100],
};

/** Maps a 0–1 strength into the band of a severity. */
export function scoreInBand(severity: Severity, strength: number): number {
  const [lo, hi] = SEVERITY_BANDS[severity];
  const s = strength < 0 ? 0 : strength > 1 ? 1 : strength;
  return Math.round(lo + (hi - lo) * s);
}

export function defineModel<P>(m: DetectionModel<P>): DetectionModel<P> {
  return m;
}
