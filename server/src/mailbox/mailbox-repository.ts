// Persistence for the mailbox module: assessments, sender history, holds, actions, reports, release
// requests and Lantern's folders. Every query about a message is scoped by the mailbox owner's user id.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { MailAssessment } from '@lantern/shared';
import type { Database } from '../store/database.ts';
import type {
  MailActionsTable,
  MailAssessmentsTable,
  MailboxTables,
  MailHoldsTable,
  MailReportsTable,
  ReleaseRequestsTable,
} from './mailbox-tables.ts';

export type StoredAssessment = Selectable<MailAssessmentsTable>;
export type HoldRow = Selectable<MailHoldsTable>;
export type ReportRow = Selectable<MailReportsTable>;
export type ReleaseRequestRow = Selectable<ReleaseRequestsTable>;
export type ActionRow = Selectable<MailActionsTable>;

export interface SenderFacts {
  address: { firstSeen: string; messageCount: number; reportCount: number } | null;
  domain: { firstSeen: string; messageCount: number; reportCount: number } | null;
}

/** A report whose message triage found safe and moved back to the Inbox. */
export const REPORT_RESTORED = 'restored';

export class MailboxRepository {
  readonly #db: Kysely<Database & MailboxTables>;
  constructor(db: Kysely<Database>) {
    this.#db = db.withTables<MailboxTables>();
  }

  newId(): string {
    return randomUUID();
  }

  // ---- assessments ----
  async findAssessment(userId: string, messageId: string, internetMessageId?: string | null): Promise<StoredAssessment | null> {
    const byId = await this.#db
      .selectFrom('mail_assessments')
      .selectAll()
      .where('user_id', '=', userId)
      .where('message_id', '=', messageId)
      .executeTakeFirst();
    if (byId) return byId;
    const alias = await this.#db
      .selectFrom('mail_message_aliases')
      .innerJoin('mail_assessments', (j) =>
        j.onRef('mail_assessments.user_id', '=', 'mail_message_aliases.user_id').onRef('mail_assessments.message_id', '=', 'mail_message_aliases.message_id'),
      )
      .selectAll('mail_assessments')
      .where('mail_message_aliases.user_id', '=', userId)
      .where('mail_message_aliases.alias_id', '=', messageId)
      .executeTakeFirst();
    if (alias) return alias;
    if (!internetMessageId) return null;
    const byImid = await this.#db
      .selectFrom('mail_assessments')
      .selectAll()
      .where('user_id', '=', userId)
      .where('internet_message_id', '=', internetMessageId)
      .orderBy('assessed_at', 'desc')
      .executeTakeFirst();
    return byImid ?? null;
  }

  async saveAssessment(row: StoredAssessment): Promise<void> {
    await this.#db
      .insertInto('mail_assessments')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['user_id', 'message_id']).doUpdateSet({
          internet_message_id: row.internet_message_id,
          subject: row.subject,
          sender_address: row.sender_address,
          received_at: row.received_at,
          score: row.score,
          verdict: row.verdict,
          assessment: row.assessment,
          assessed_at: row.assessed_at,
        }),
      )
      .execute();
  }

  /** Remembers that `aliasId` names the message stored as `messageId` in this mailbox. */
  async saveAlias(userId: string, aliasId: string, messageId: string): Promise<void> {
    if (aliasId === messageId) return;
    await this.#db
      .insertInto('mail_message_aliases')
      .values({ user_id: userId, alias_id: aliasId, message_id: messageId })
      .onConflict((oc) => oc.columns(['user_id', 'alias_id']).doUpdateSet({ message_id: messageId }))
      .execute();
  }

  /** The id `aliasId` stands for in this mailbox, or the id itself. */
  async resolveAlias(userId: string, aliasId: string): Promise<string> {
    const row = await this.#db
      .selectFrom('mail_message_aliases')
      .select('message_id')
      .where('user_id', '=', userId)
      .where('alias_id', '=', aliasId)
      .executeTakeFirst();
    return row?.message_id ?? aliasId;
  }

  /** Moves the stored assessment to a message's new id (after a move without immutable ids). */
  async renameAssessment(userId: string, fromId: string, toId: string): Promise<void> {
    if (fromId === toId) return;
    await this.#db.deleteFrom('mail_assessments').where('user_id', '=', userId).where('message_id', '=', toId).execute();
    await this.#db
      .updateTable('mail_assessments')
      .set({ message_id: toId })
      .where('user_id', '=', userId)
      .where('message_id', '=', fromId)
      .execute();
    await this.#db.updateTable('mail_message_aliases').set({ message_id: toId }).where('user_id', '=', userId).where('message_id', '=', fromId).execute();
    await this.saveAlias(userId, fromId, toId);
  }

  // ---- sender history ----
  async senderFacts(address: string | null, domain: string | null): Promise<SenderFacts> {
    const keys: Array<['address' | 'domain', string]> = [];
    if (address) keys.push(['address', address]);
    if (domain) keys.push(['domain', domain]);
    const facts: SenderFacts = { address: null, domain: null };
    for (const [kind, sender] of keys) {
      const row = await this.#db
        .selectFrom('mail_sender_history')
        .selectAll()
        .where('kind', '=', kind)
        .where('sender', '=', sender)
        .executeTakeFirst();
      if (row) facts[kind] = { firstSeen: row.first_seen, messageCount: Number(row.message_count), reportCount: Number(row.report_count) };
    }
    return facts;
  }

  async recordSender(address: string | null, domain: string | null, at: string, reported: boolean): Promise<void> {
    const keys: Array<['address' | 'domain', string]> = [];
    if (address) keys.push(['address', address]);
    if (domain) keys.push(['domain', domain]);
    for (const [kind, sender] of keys) {
      await this.#db
        .insertInto('mail_sender_history')
        .values({ kind, sender, first_seen: at, last_seen: at, message_count: reported ? 0 : 1, report_count: reported ? 1 : 0 })
        .onConflict((oc) =>
          oc.columns(['kind', 'sender']).doUpdateSet((eb) => ({
            last_seen: at,
            message_count: reported ? eb.ref('mail_sender_history.message_count') : eb('mail_sender_history.message_count', '+', 1),
            report_count: reported ? eb('mail_sender_history.report_count', '+', 1) : eb.ref('mail_sender_history.report_count'),
          })),
        )
        .execute();
    }
  }

  // ---- folders ----
  async folderId(userId: string, purpose: string): Promise<string | null> {
    const row = await this.#db
      .selectFrom('mailbox_folders')
      .select('folder_id')
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .executeTakeFirst();
    return row?.folder_id ?? null;
  }

  async saveFolderId(userId: string, purpose: string, folderId: string, at: string): Promise<void> {
    await this.#db
      .insertInto('mailbox_folders')
      .values({ user_id: userId, purpose, folder_id: folderId, created_at: at })
      .onConflict((oc) => oc.columns(['user_id', 'purpose']).doUpdateSet({ folder_id: folderId }))
      .execute();
  }

  // ---- actions ----
  async recordAction(row: Omit<ActionRow, 'id'>): Promise<string> {
    const id = this.newId();
    await this.#db.insertInto('mail_actions').values({ id, ...row }).execute();
    return id;
  }

  /** Whether `actor` already held, tagged or locked the links of any of these message ids. */
  async actedOn(userId: string, messageIds: readonly string[], actor: string): Promise<boolean> {
    if (messageIds.length === 0) return false;
    const row = await this.#db
      .selectFrom('mail_actions')
      .select('id')
      .where('user_id', '=', userId)
      .where('actor', '=', actor)
      .where('action', 'in', ['hold', 'tag', 'lock-links'])
      .where((eb) => eb.or([eb('message_id_before', 'in', messageIds), eb('message_id_after', 'in', messageIds)]))
      .executeTakeFirst();
    return row !== undefined;
  }

  async listActions(userId: string): Promise<ActionRow[]> {
    return this.#db.selectFrom('mail_actions').selectAll().where('user_id', '=', userId).orderBy('at', 'asc').orderBy('id').execute();
  }

  // ---- holds ----
  async activeHold(userId: string, messageId: string): Promise<HoldRow | null> {
    const row = await this.#db
      .selectFrom('mail_holds')
      .selectAll()
      .where('user_id', '=', userId)
      .where('status', '=', 'held')
      .where((eb) => eb.or([eb('message_id', '=', messageId), eb('original_message_id', '=', messageId)]))
      .executeTakeFirst();
    return row ?? null;
  }

  /** The newest hold of this message, whatever its status (a released hold says the user got it back). */
  async latestHold(userId: string, messageIds: readonly string[]): Promise<HoldRow | null> {
    if (messageIds.length === 0) return null;
    const row = await this.#db
      .selectFrom('mail_holds')
      .selectAll()
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('message_id', 'in', messageIds), eb('original_message_id', 'in', messageIds)]))
      .orderBy('held_at', 'desc')
      .executeTakeFirst();
    return row ?? null;
  }

  /** True when an action of this kind was recorded on one of these message ids (e.g. 'untag'). */
  async hasAction(userId: string, messageIds: readonly string[], action: string): Promise<boolean> {
    if (messageIds.length === 0) return false;
    const row = await this.#db
      .selectFrom('mail_actions')
      .select('id')
      .where('user_id', '=', userId)
      .where('action', '=', action)
      .where((eb) => eb.or([eb('message_id_before', 'in', messageIds), eb('message_id_after', 'in', messageIds)]))
      .executeTakeFirst();
    return row !== undefined;
  }

  async holdById(id: string): Promise<HoldRow | null> {
    return (await this.#db.selectFrom('mail_holds').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  async insertHold(row: HoldRow): Promise<void> {
    await this.#db.insertInto('mail_holds').values(row).execute();
  }

  async markReleased(id: string, at: string, by: string): Promise<void> {
    await this.#db.updateTable('mail_holds').set({ status: 'released', released_at: at, released_by: by }).where('id', '=', id).execute();
  }

  async listHolds(userId: string, limit: number): Promise<HoldRow[]> {
    return this.#db
      .selectFrom('mail_holds')
      .selectAll()
      .where('user_id', '=', userId)
      .where('status', '=', 'held')
      .orderBy('held_at', 'desc')
      .limit(limit)
      .execute();
  }

  // ---- reports ----
  async reportById(id: string): Promise<ReportRow | null> {
    return (await this.#db.selectFrom('mail_reports').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  async insertReport(row: ReportRow): Promise<void> {
    await this.#db.insertInto('mail_reports').values(row).execute();
  }

  async hasReported(userId: string, messageIds: readonly string[]): Promise<boolean> {
    if (messageIds.length === 0) return false;
    const row = await this.#db
      .selectFrom('mail_reports')
      .select('id')
      .where('reporter_id', '=', userId)
      .where((eb) => eb.or([eb('message_id', 'in', messageIds), eb('message_id_after', 'in', messageIds)]))
      .executeTakeFirst();
    return row !== undefined;
  }

  async listReportsFor(userId: string, messageIds: readonly string[]): Promise<ReportRow[]> {
    if (messageIds.length === 0) return [];
    return this.#db
      .selectFrom('mail_reports')
      .selectAll()
      .where('reporter_id', '=', userId)
      .where((eb) => eb.or([eb('message_id', 'in', messageIds), eb('message_id_after', 'in', messageIds)]))
      .orderBy('reported_at', 'asc')
      .execute();
  }

  async listReports(status: string | null, limit: number): Promise<ReportRow[]> {
    let q = this.#db.selectFrom('mail_reports').selectAll();
    if (status !== null) q = q.where('status', '=', status);
    return q.orderBy('reported_at', 'asc').limit(limit).execute();
  }

  /** Sets a report's status; 'restored' (triage put the message back in the Inbox) is final. */
  async setReportStatus(id: string, status: string): Promise<void> {
    await this.#db.updateTable('mail_reports').set({ status }).where('id', '=', id).where('status', '!=', REPORT_RESTORED).execute();
  }

  // ---- release requests ----
  async insertReleaseRequest(row: ReleaseRequestRow): Promise<void> {
    await this.#db.insertInto('release_requests').values(row).execute();
  }

  async pendingRequestForHold(holdId: string): Promise<ReleaseRequestRow | null> {
    const row = await this.#db
      .selectFrom('release_requests')
      .selectAll()
      .where('hold_id', '=', holdId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return row ?? null;
  }

  /** The newest release request for a hold, whatever its status (a denial must stay visible). */
  async latestRequestForHold(holdId: string): Promise<ReleaseRequestRow | null> {
    const row = await this.#db
      .selectFrom('release_requests')
      .selectAll()
      .where('hold_id', '=', holdId)
      .orderBy('requested_at', 'desc')
      .executeTakeFirst();
    return row ?? null;
  }

  /** Marks a report restored (final), with the message's id back in the Inbox. False when it already was. */
  async markReportRestored(id: string, messageIdAfter: string): Promise<boolean> {
    const res = await this.#db
      .updateTable('mail_reports')
      .set({ status: REPORT_RESTORED, message_id_after: messageIdAfter })
      .where('id', '=', id)
      .where('status', '!=', REPORT_RESTORED)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }

  async releaseRequestById(id: string): Promise<ReleaseRequestRow | null> {
    return (await this.#db.selectFrom('release_requests').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  async listReleaseRequests(status: ReleaseRequestRow['status'] | null, limit: number): Promise<ReleaseRequestRow[]> {
    let q = this.#db.selectFrom('release_requests').selectAll();
    if (status !== null) q = q.where('status', '=', status);
    return q.orderBy('requested_at', 'desc').limit(limit).execute();
  }

  async decideReleaseRequest(id: string, status: 'approved' | 'denied', by: string, at: string): Promise<boolean> {
    const res = await this.#db
      .updateTable('release_requests')
      .set({ status, decided_by: by, decided_at: at })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  }
}

export function assessmentOf(row: { assessment: string }): MailAssessment {
  return JSON.parse(row.assessment) as MailAssessment;
}
