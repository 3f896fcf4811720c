// Questions other stages ask the identity engine: is this sender's account in an open high or critical
// incident that had started by this time?
import type { IdentityEngine } from '../identity/engine.ts';
import type { SenderCompromise } from '../mailbox/mail-scorer-default.ts';

/** The open high or critical incident of the user behind `address` that had started by `at`, if any. */
export function openIncidentOf(engine: Pick<IdentityEngine, 'incidents'>, address: string, at: string): SenderCompromise | null {
  const who = address.toLowerCase();
  const found = engine
    .incidents()
    .filter((i) => (i.severity === 'high' || i.severity === 'critical') && i.start <= at && i.users.some((u) => u.toLowerCase() === who))
    .sort((a, b) => b.score - a.score)[0];
  return found ? { incidentId: found.id, severity: found.severity, since: found.start } : null;
}

/** True when `address` belongs to a user in an open high or critical incident that had started by `at`. */
export function compromisedAt(engine: Pick<IdentityEngine, 'incidents'>, address: string, at: string): boolean {
  return openIncidentOf(engine, address, at) !== null;
}
