// Identity detection output: breaches of detection models and the incidents that correlate them
// (server/src/detections, server/src/incidents). Served at GET /api/incidents and printed by `lantern replay`.
import type { Reason, Severity } from './domain.ts';

export interface Breach {
  /** Deterministic: `${model}:${eventId}`. */
  id: string;
  /** Detection model id, e.g. "saas.impossible-travel". */
  model: string;
  userId: string;
  /** userPrincipalName, lower-cased. */
  user: string;
  at: string;
  score: number;
  reasons: Reason[];
  /** The event that breached. */
  eventId: string;
  /** Correlation keys of the source: "ip:203.0.113.9", "fwd:x@evil.example", ... */
  sources: string[];
}

export interface Incident {
  id: string;
  severity: Severity;
  score: number;
  /** UPNs, in the order they joined. */
  users: string[];
  start: string;
  end: string;
  breaches: Breach[];
  /** Everything the incident's users created or changed that keeps an attacker in: every rule, forward and
   * MFA method, including those whose alerts were suppressed as repeats, each with what to undo. */
  persistence: PersistenceItem[];
  narrative: string;
}

/** What kind of foothold a persistence item is. */
export type PersistenceKind = 'inbox-rule' | 'forwarding' | 'auth-method' | 'consent' | 'app-credential';

export interface PersistenceItem {
  kind: PersistenceKind;
  /** The object's own id (rule id, method id, ...), so later changes and deletions update the item. */
  ref: string;
  userId: string;
  user: string;
  /** When it was created or last changed. */
  at: string;
  eventId: string;
  /** The rule's or method's name as the tenant shows it. */
  name: string;
  /** What was created or changed, with its concrete values. */
  what: string;
  /** What a responder does to undo it. */
  undo: string;
  /** Models that breached on it, whether raised or suppressed as repeats; empty when it is listed because the
   * user made it while the incident was open. */
  models: string[];
  /** When it was seen removed, if it was. */
  removedAt: string | null;
}
