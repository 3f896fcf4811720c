// Events, cursors and snapshots: the tables ingestion commits to atomically.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('id', 'varchar(512)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(256)', (c) => c.notNull())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('stored_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('events_pk', ['kind', 'id'])
    .execute();
  await db.schema.createIndex('events_kind_user_at').on('events').columns(['kind', 'user_id', 'at']).execute();
  await db.schema.createIndex('events_kind_at').on('events').columns(['kind', 'at']).execute();

  await db.schema
    .createTable('cursors')
    .addColumn('source', 'varchar(512)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('snapshots')
    .addColumn('source', 'varchar(128)', (c) => c.notNull())
    .addColumn('key', 'varchar(512)', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('snapshots_pk', ['source', 'key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('snapshots').execute();
  await db.schema.dropTable('cursors').execute();
  await db.schema.dropTable('events').execute();
}
