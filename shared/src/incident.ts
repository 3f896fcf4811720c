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
  narrative: string;
}
