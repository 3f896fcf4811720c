// The typed shape of Lantern's core tables, as Kysely sees them. Other modules add tables through their own
// migrations (see migrations/index.ts) and widen the type locally with `store.db.withTables<{ my_table: MyRow }>()`.
import type { EventKind } from '@lantern/shared';

/** One normalised domain event. `(kind, id)` is unique: storing the same event twice is a no-op. */
export interface EventsTable {
  kind: EventKind;
  id: string;
  user_id: string;
  /** ISO 8601 UTC (`Date.prototype.toISOString` form), so text order is time order. */
  at: string;
  /** The whole DomainEvent as JSON. */
  payload: string;
  stored_at: string;
}

/** Where a source's polling resumes: a time window end, a deltaLink, a sweep position. */
export interface CursorsTable {
  source: string;
  value: string;
  updated_at: string;
}

/** Last-seen state a source diffs against (e.g. one mailbox's inbox rules), as JSON. */
export interface SnapshotsTable {
  source: string;
  key: string;
  value: string;
  updated_at: string;
}

export interface Database {
  events: EventsTable;
  cursors: CursorsTable;
  snapshots: SnapshotsTable;
}
