// Incident response: each identity incident's case (state, owner), its audit trail (who did what, when, as a
// readable sentence plus JSON detail) and the response actions taken through Graph (one row per analyst request,
// unique per request key, so a retried request is never done twice; undo data for the actions Graph can undo).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('incident_cases')
    .addColumn('incident_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('owner', 'varchar(320)')
    .addColumn('state_changed_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('closed_at', 'varchar(32)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('incident_audit')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('incident_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor', 'varchar(320)', (c) => c.notNull())
    .addColumn('action', 'varchar(48)', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incident_audit_by_incident').on('incident_audit').columns(['incident_id', 'at']).execute();

  await db.schema
    .createTable('incident_actions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('request_key', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('incident_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('target_id', 'varchar(512)')
    .addColumn('target_label', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('undo_data', 'text')
    .addColumn('actor', 'varchar(320)', (c) => c.notNull())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('undone_at', 'varchar(32)')
    .addColumn('undone_by', 'varchar(320)')
    .execute();
  await db.schema.createIndex('incident_actions_by_incident').on('incident_actions').columns(['incident_id', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('incident_actions').execute();
  await db.schema.dropTable('incident_audit').execute();
  await db.schema.dropTable('incident_cases').execute();
}
