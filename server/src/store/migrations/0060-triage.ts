// Triage, reputation and digest tables (server/src/triage/triage-tables.ts): the inbound mail metadata index
// and its link rows, reports as triaged, campaigns and their members, sender/domain reputation, the
// triage audit trail, digest preferences and used digest links.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('mail_index')
    .addColumn('mailbox', 'varchar(256)', (c) => c.notNull())
    .addColumn('message_id', 'varchar(512)', (c) => c.notNull())
    .addColumn('internet_message_id', 'varchar(998)')
    .addColumn('sender', 'varchar(512)')
    .addColumn('sender_domain', 'varchar(256)')
    .addColumn('subject', 'varchar(512)')
    .addColumn('subject_norm', 'varchar(512)', (c) => c.notNull())
    .addColumn('link_hosts', 'text', (c) => c.notNull())
    .addColumn('link_domains', 'text', (c) => c.notNull())
    .addColumn('link_keys', 'text', (c) => c.notNull())
    .addColumn('received_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('verdict', 'varchar(16)')
    .addColumn('score', 'real')
    .addColumn('indexed_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('mail_index_pk', ['mailbox', 'message_id'])
    .execute();
  await db.schema.createIndex('mail_index_imid').on('mail_index').column('internet_message_id').execute();
  await db.schema.createIndex('mail_index_sender').on('mail_index').columns(['sender', 'received_at']).execute();
  await db.schema.createIndex('mail_index_sender_domain').on('mail_index').columns(['sender_domain', 'received_at']).execute();
  await db.schema.createIndex('mail_index_subject').on('mail_index').columns(['subject_norm', 'received_at']).execute();
  await db.schema.createIndex('mail_index_received').on('mail_index').column('received_at').execute();

  await db.schema
    .createTable('mail_index_links')
    .addColumn('mailbox', 'varchar(256)', (c) => c.notNull())
    .addColumn('message_id', 'varchar(512)', (c) => c.notNull())
    .addColumn('link_domain', 'varchar(256)', (c) => c.notNull())
    .addColumn('link_host', 'varchar(256)', (c) => c.notNull())
    .addColumn('link_key', 'varchar(32)', (c) => c.notNull())
    .addColumn('received_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('mail_index_links_pk', ['mailbox', 'message_id', 'link_key'])
    .execute();
  await db.schema.createIndex('mail_index_links_domain').on('mail_index_links').columns(['link_domain', 'received_at']).execute();
  await db.schema.createIndex('mail_index_links_key').on('mail_index_links').column('link_key').execute();

  await db.schema
    .createTable('triage_campaigns')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('sender', 'varchar(512)')
    .addColumn('subject', 'varchar(512)')
    .addColumn('first_received_at', 'varchar(32)')
    .addColumn('last_received_at', 'varchar(32)')
    .addColumn('mailboxes', 'integer', (c) => c.notNull())
    .addColumn('copies', 'integer', (c) => c.notNull())
    .addColumn('reporters', 'integer', (c) => c.notNull())
    .addColumn('verdict', 'varchar(16)')
    .addColumn('confidence', 'real')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('contained_at', 'varchar(32)')
    .addColumn('narrative', 'text')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('triage_campaign_members')
    .addColumn('campaign_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('mailbox', 'varchar(256)', (c) => c.notNull())
    .addColumn('message_id', 'varchar(512)', (c) => c.notNull())
    .addColumn('internet_message_id', 'varchar(998)')
    .addColumn('matched_on', 'varchar(128)', (c) => c.notNull())
    .addColumn('received_at', 'varchar(32)')
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('hold_id', 'varchar(64)')
    .addColumn('held_message_id', 'varchar(512)')
    .addColumn('held_before', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('from_folder_id', 'varchar(512)')
    .addColumn('removed_at', 'varchar(32)')
    .addColumn('restored_at', 'varchar(32)')
    .addPrimaryKeyConstraint('triage_campaign_members_pk', ['campaign_id', 'mailbox', 'message_id'])
    .execute();
  await db.schema.createIndex('triage_members_message').on('triage_campaign_members').columns(['mailbox', 'message_id']).execute();

  await db.schema
    .createTable('triage_reports')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('source', 'varchar(32)', (c) => c.notNull())
    .addColumn('reporter_id', 'varchar(256)', (c) => c.notNull())
    .addColumn('reporter_upn', 'varchar(512)', (c) => c.notNull())
    .addColumn('mailbox', 'varchar(256)', (c) => c.notNull())
    .addColumn('message_id', 'varchar(512)', (c) => c.notNull())
    .addColumn('internet_message_id', 'varchar(998)')
    .addColumn('sender', 'varchar(512)')
    .addColumn('subject', 'varchar(512)')
    .addColumn('reported_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('campaign_id', 'varchar(64)')
    .addColumn('verdict', 'varchar(16)')
    .addColumn('confidence', 'real')
    .addColumn('score', 'real')
    .addColumn('reasons', 'text')
    .addColumn('summary', 'text')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('outcome', 'varchar(32)')
    .addColumn('feedback', 'text')
    .addColumn('feedback_sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('triaged_at', 'varchar(32)')
    .addColumn('closed_at', 'varchar(32)')
    .addColumn('closed_by', 'varchar(512)')
    .execute();
  await db.schema.createIndex('triage_reports_status').on('triage_reports').columns(['status', 'reported_at']).execute();
  await db.schema.createIndex('triage_reports_campaign').on('triage_reports').column('campaign_id').execute();
  await db.schema.createIndex('triage_reports_reporter').on('triage_reports').columns(['reporter_id', 'reported_at']).execute();

  await db.schema
    .createTable('reputation')
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('key', 'varchar(512)', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('malicious', 'integer', (c) => c.notNull())
    .addColumn('suspicious', 'integer', (c) => c.notNull())
    .addColumn('spam', 'integer', (c) => c.notNull())
    .addColumn('benign', 'integer', (c) => c.notNull())
    .addColumn('reports', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('reputation_pk', ['kind', 'key'])
    .execute();

  await db.schema
    .createTable('triage_audit')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor', 'varchar(512)', (c) => c.notNull())
    .addColumn('action', 'varchar(64)', (c) => c.notNull())
    .addColumn('target_kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('target_id', 'varchar(512)', (c) => c.notNull())
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('triage_audit_at').on('triage_audit').column('at').execute();
  await db.schema.createIndex('triage_audit_target').on('triage_audit').columns(['target_kind', 'target_id']).execute();

  await db.schema
    .createTable('digest_preferences')
    .addColumn('user_id', 'varchar(256)', (c) => c.primaryKey())
    .addColumn('frequency', 'varchar(16)', (c) => c.notNull())
    .addColumn('last_sent_at', 'varchar(32)')
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('digest_used_links')
    .addColumn('link_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(256)', (c) => c.notNull())
    .addColumn('action', 'varchar(32)', (c) => c.notNull())
    .addColumn('used_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'digest_used_links', 'digest_preferences', 'triage_audit', 'reputation', 'triage_reports',
    'triage_campaign_members', 'triage_campaigns', 'mail_index_links', 'mail_index',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
