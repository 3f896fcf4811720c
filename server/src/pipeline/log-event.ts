// What the ordered event log carries: the domain events ingestion normalises from Graph, plus Lantern's own
// events (a user's report, an analyst's action) so that every stage after them is a consumer of one log.
import type { DomainEvent, EventKind } from '@lantern/shared';

/** A user reported a message from the add-in: the report row is stored in the same transaction. */
export interface UserReportEvent {
  kind: 'userReport';
  /** The report's id. */
  id: string;
  at: string;
  userId: string;
  upn: string;
  reportId: string;
}

export type LogEvent = DomainEvent | UserReportEvent;
export type LogKind = EventKind | UserReportEvent['kind'];

export const DOMAIN_EVENT_KINDS: readonly EventKind[] = ['signIn', 'securityInfo', 'inboxRule', 'message'];

export function isDomainEvent(e: LogEvent): e is DomainEvent {
  return e.kind !== 'userReport';
}

/** One entry of the log: its position and its event. */
export interface LogEntry {
  seq: number;
  event: LogEvent;
}
