// The typed shape of Lantern's core tables, as Kysely sees them. Other modules add tables through their own
// migrations (see migrations/index.ts) and widen the type locally with `store.db.withTables<{ my_table: MyRow }>()`.
import type { LogKind } from '../pipeline/log-event.ts';

/** One normalised domain event. `(kind, id)` is unique: storing the same event twice is a no-op. */
export interface EventsTable {
  kind: LogKind;
  id: string;
  user_id: string;
  /** ISO 8601 UTC (`Date.prototype.toISOString` form), so text order is time order. */
  at: string;
  /** The whole DomainEvent as JSON. */
  payload: string;
  stored_at: string;
  /** Position in the ordered event log (migration 0070); bigint, so PostgreSQL returns it as text. */
  seq: number | string | null;
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

/** The single row holding the last sequence number handed out. */
export interface EventLogHeadTable {
  id: number;
  seq: number | string;
}

/** Where a consumer (per tenant and partition) has got to in the log: everything up to `seq` is done. */
export interface ConsumerOffsetsTable {
  tenant_id: string;
  consumer: string;
  partition_key: string;
  seq: number | string;
  updated_at: string;
}

/** An entry a consumer failed on: 'retrying' until it succeeds or runs out of attempts, then 'parked'. */
export interface ConsumerFailuresTable {
  tenant_id: string;
  consumer: string;
  seq: number | string;
  event_kind: string;
  event_id: string;
  attempts: number;
  status: 'retrying' | 'parked';
  error: string;
  first_failed_at: string;
  last_failed_at: string;
  next_attempt_at: string;
}

/** The latest snapshot of a stateful consumer (the identity engine) and the log position it covers. */
export interface EngineSnapshotsTable {
  tenant_id: string;
  consumer: string;
  seq: number | string;
  version: number;
  taken_at: string;
  state: string;
}

/** Effects done once (a notification sent): a replay finds the key and does not repeat them. */
export interface PipelineEffectsTable {
  consumer: string;
  key: string;
  at: string;
}

/** One instance of a deployment sharing PostgreSQL: its heartbeat, the work it holds, its pollers' progress. */
export interface ClusterInstancesTable {
  instance_id: string;
  tenant_id: string;
  started_at: string;
  last_seen: string;
  stopped: number;
  jobs: string;
  sources: string;
}

export interface Database {
  events: EventsTable;
  cursors: CursorsTable;
  snapshots: SnapshotsTable;
  event_log_head: EventLogHeadTable;
  consumer_offsets: ConsumerOffsetsTable;
  consumer_failures: ConsumerFailuresTable;
  engine_snapshots: EngineSnapshotsTable;
  pipeline_effects: PipelineEffectsTable;
  cluster_instances: ClusterInstancesTable;
}
