// Other ids a mailbox message was asked for by (the add-in's REST id, ids from before a move), mapped to the
// immutable id its assessment is stored under.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('mail_message_aliases')
    .addColumn('user_id', 'varchar(256)', (c) => c.notNull())
    .addColumn('alias_id', 'varchar(512)', (c) => c.notNull())
    .addColumn('message_id', 'varchar(512)', (c) => c.notNull())
    .addPrimaryKeyConstraint('mail_message_aliases_pk', ['user_id', 'alias_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('mail_message_aliases').execute();
}
