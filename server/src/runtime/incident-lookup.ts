// Questions other stages ask the identity engine: is this sender's account in an open high or critical
// incident that had started by this time?
import type { Incident } from '@lantern/shared';
import type { IdentityEngine } from '../identity/engine.ts';
import type { SenderCompromise } from '../mailbox/mail-scorer-default.ts';

/** When an incident was closed (resolved or benign), or null while it is open. */
export type IncidentClosure = (incidentId: string) => string | null;

/**
 * True when the incident still holds mail that arrived at `at`: it was not closed, or it was closed after `at`
 * (mail received during the compromise stays held), or the account showed new activity after the closing.
 */
function holdsAt(incident: Incident, at: string, closedAt: IncidentClosure | undefined): boolean {
  const closed = closedAt?.(incident.id) ?? null;
  if (closed === null) return true;
  const c = Date.parse(closed);
  return Date.parse(at) < c || Date.parse(incident.end) > c;
}

/**
 * The open high or critical incident of the user behind `address` that had started by `at`, if any. With
 * `closedAt`, an incident resolved (or marked benign) before `at` no longer counts.
 */
export function openIncidentOf(engine: Pick<IdentityEngine, 'incidents'>, address: string, at: string, closedAt?: IncidentClosure): SenderCompromise | null {
  const who = address.toLowerCase();
  const found = engine
    .incidents()
    .filter((i) => (i.severity === 'high' || i.severity === 'critical') && i.start <= at && i.users.some((u) => u.toLowerCase() === who) && holdsAt(i, at, closedAt))
    .sort((a, b) => b.score - a.score)[0];
  return found ? { incidentId: found.id, severity: found.severity, since: found.start } : null;
}

/** True when `address` belongs to a user in an open high or critical incident that had started by `at`. */
export function compromisedAt(engine: Pick<IdentityEngine, 'incidents'>, address: string, at: string, closedAt?: IncidentClosure): boolean {
  return openIncidentOf(engine, address, at, closedAt) !== null;
}
