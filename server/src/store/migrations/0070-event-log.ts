// The ordered event log every stage after ingestion consumes: a sequence number on events (assigned at
// commit under a row lock on `event_log_head`, so numbers become visible in order), consumers' offsets
// (keyed by tenant, consumer name and partition), failures being retried or parked, and engine snapshots.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('events').addColumn('seq', 'bigint').execute();
  // Existing events enter the log in time order (UPDATE ... FROM runs on SQLite ≥ 3.33 and PostgreSQL).
  await sql`update events set seq = r.n from (select kind as k, id as i, row_number() over (order by at, kind, id) as n from events) as r where events.kind = r.k and events.id = r.i`.execute(db);
  await db.schema.createIndex('events_seq').on('events').column('seq').unique().execute();

  await db.schema
    .createTable('event_log_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into event_log_head (id, seq) select 1, coalesce(max(seq), 0) from events`.execute(db);

  await db.schema
    .createTable('consumer_offsets')
    .addColumn('tenant_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('consumer', 'varchar(128)', (c) => c.notNull())
    .addColumn('partition_key', 'varchar(128)', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('consumer_offsets_pk', ['tenant_id', 'consumer', 'partition_key'])
    .execute();

  await db.schema
    .createTable('consumer_failures')
    .addColumn('tenant_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('consumer', 'varchar(128)', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('event_kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('event_id', 'varchar(512)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('error', 'text', (c) => c.notNull())
    .addColumn('first_failed_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_failed_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('next_attempt_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('consumer_failures_pk', ['tenant_id', 'consumer', 'seq'])
    .execute();
  await db.schema.createIndex('consumer_failures_due').on('consumer_failures').columns(['tenant_id', 'consumer', 'status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('engine_snapshots')
    .addColumn('tenant_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('consumer', 'varchar(128)', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('taken_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('engine_snapshots_pk', ['tenant_id', 'consumer'])
    .execute();

  // Effects Lantern announced once (incident notifications): a replay finds the key and stays quiet.
  await db.schema
    .createTable('pipeline_effects')
    .addColumn('consumer', 'varchar(128)', (c) => c.notNull())
    .addColumn('key', 'varchar(512)', (c) => c.notNull())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('pipeline_effects_pk', ['consumer', 'key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('pipeline_effects').execute();
  await db.schema.dropTable('engine_snapshots').execute();
  await db.schema.dropTable('consumer_failures').execute();
  await db.schema.dropTable('consumer_offsets').execute();
  await db.schema.dropTable('event_log_head').execute();
  await db.schema.dropIndex('events_seq').execute();
  await db.schema.alterTable('events').dropColumn('seq').execute();
}
