// Mailbox module tables (server/src/mailbox/mailbox-tables.ts): assessments, sender history, holds,
// actions, user reports, release requests and the folders Lantern created.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('mail_assessments')
    .addColumn('user_id', 'varchar(256)', (c) => c.notNull())
    .addColumn('message_id', 'varchar(512)', (c) => c.notNull())
    .addColumn('internet_message_id', 'varchar(998)')
    .addColumn('subject', 'text')
    .addColumn('sender_address', 'varchar(512)')
    .addColumn('received_at', 'varchar(32)')
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('verdict', 'varchar(16)', (c) => c.notNull())
    .addColumn('assessment', 'text', (c) => c.notNull())
    .addColumn('assessed_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('mail_assessments_pk', ['user_id', 'message_id'])
    .execute();
  await db.schema.createIndex('mail_assessments_imid').on('mail_assessments').columns(['user_id', 'internet_message_id']).execute();

  await db.schema
    .createTable('mail_sender_history')
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('sender', 'varchar(512)', (c) => c.notNull())
    .addColumn('first_seen', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_seen', 'varchar(32)', (c) => c.notNull())
    .addColumn('message_count', 'integer', (c) => c.notNull())
    .addColumn('report_count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('mail_sender_history_pk', ['kind', 'sender'])
    .execute();

  await db.schema
    .createTable('mail_holds')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(256)', (c) => c.notNull())
    .addColumn('message_id', 'varchar(512)', (c) => c.notNull())
    .addColumn('original_message_id', 'varchar(512)', (c) => c.notNull())
    .addColumn('from_folder_id', 'varchar(512)', (c) => c.notNull())
    .addColumn('held_folder_id', 'varchar(512)', (c) => c.notNull())
    .addColumn('held_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('verdict', 'varchar(16)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('released_at', 'varchar(32)')
    .addColumn('released_by', 'varchar(256)')
    .execute();
  await db.schema.createIndex('mail_holds_user_status').on('mail_holds').columns(['user_id', 'status']).execute();
  await db.schema.createIndex('mail_holds_user_message').on('mail_holds').columns(['user_id', 'message_id']).execute();

  await db.schema
    .createTable('mail_actions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(256)', (c) => c.notNull())
    .addColumn('action', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor', 'varchar(256)', (c) => c.notNull())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('message_id_before', 'varchar(512)', (c) => c.notNull())
    .addColumn('message_id_after', 'varchar(512)', (c) => c.notNull())
    .addColumn('from_folder', 'varchar(512)')
    .addColumn('to_folder', 'varchar(512)')
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('mail_actions_user_at').on('mail_actions').columns(['user_id', 'at']).execute();

  await db.schema
    .createTable('mail_reports')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('reporter_id', 'varchar(256)', (c) => c.notNull())
    .addColumn('reporter_upn', 'varchar(512)', (c) => c.notNull())
    .addColumn('message_id', 'varchar(512)', (c) => c.notNull())
    .addColumn('internet_message_id', 'varchar(998)')
    .addColumn('sender_address', 'varchar(512)')
    .addColumn('subject', 'text')
    .addColumn('assessment', 'text')
    .addColumn('comment', 'text')
    .addColumn('reported_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('moved_to', 'varchar(512)')
    .addColumn('message_id_after', 'varchar(512)', (c) => c.notNull())
    .addColumn('status', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mail_reports_reporter').on('mail_reports').columns(['reporter_id', 'message_id']).execute();
  await db.schema.createIndex('mail_reports_status').on('mail_reports').columns(['status', 'reported_at']).execute();

  await db.schema
    .createTable('release_requests')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('hold_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(256)', (c) => c.notNull())
    .addColumn('user_upn', 'varchar(512)', (c) => c.notNull())
    .addColumn('message_id', 'varchar(512)', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('sender_address', 'varchar(512)')
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('requested_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('decided_by', 'varchar(256)')
    .addColumn('decided_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('release_requests_status').on('release_requests').columns(['status', 'requested_at']).execute();
  await db.schema.createIndex('release_requests_hold').on('release_requests').columns(['hold_id']).execute();

  await db.schema
    .createTable('mailbox_folders')
    .addColumn('user_id', 'varchar(256)', (c) => c.notNull())
    .addColumn('purpose', 'varchar(32)', (c) => c.notNull())
    .addColumn('folder_id', 'varchar(512)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('mailbox_folders_pk', ['user_id', 'purpose'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['mailbox_folders', 'release_requests', 'mail_reports', 'mail_actions', 'mail_holds', 'mail_sender_history', 'mail_assessments']) {
    await db.schema.dropTable(t).execute();
  }
}
