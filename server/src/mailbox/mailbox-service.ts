// MailboxService: what the API and live scoring do to a user's own mailbox. The mailbox is always the
// caller's (user.oid from the token); a message id that is not in it is "not found", whoever owns it.
import type { Kysely, Transaction } from 'kysely';
import type { MailVerdict, MessageEvent } from '@lantern/shared';
import { allowedActions, messageStateOf, stateSentence, type MessageAction, type MessageState } from '@lantern/shared/message-state';
import type { ReleaseMode } from '@lantern/shared/api';
import { firstSentences } from '@lantern/shared/sentences';
import type {
  HeldListResponse,
  MessageAssessmentResponse,
  ReleaseRequestDecisionResponse,
  ReleaseRequestItem,
  ReleaseRequestResponse,
  ReleaseRequestStatus,
  ReleaseResponse,
  ReportResponse,
} from '@lantern/shared/api';
import type { AuthUser } from '../auth/auth-user.ts';
import type { Clock } from '../clock.ts';
import type { ParseLimits } from '../mail/parse-limits.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../routes/http-error.ts';
import { AssessmentService, isOwnMailAssessment, type AssessedMessage } from './assessment-service.ts';
import type { LanternMailSigner } from './lantern-mail.ts';
import { MailboxActions, SYSTEM_ACTOR } from './mailbox-actions.ts';
import { MessageNotFoundError, type MailboxGraph } from './mailbox-graph.ts';
import { defaultMailboxPolicy, releaseModeFor, type MailboxPolicy } from './mailbox-policy.ts';
import { MailboxRepository, REPORT_RESTORED, type HoldRow, type ReleaseRequestRow, type ReportRow } from './mailbox-repository.ts';
import type { Database } from '../store/database.ts';
import type { MailScorer } from './mail-scorer.ts';
import { readInstalledAt } from '../store/installed-at.ts';
import type { UserReportEvent } from '../pipeline/log-event.ts';

/** The event log a report is appended to, in one transaction with the report row (Store.commit). */
export interface ReportLog {
  commit(batch: { events: readonly UserReportEvent[] }, within: (trx: Transaction<Database>) => Promise<void>): Promise<unknown>;
}

export interface MailboxServiceDeps {
  /** The store's Kysely instance (store.db); the mailbox tables come from migration 0040-mailbox. */
  db: Kysely<Database>;
  graph: MailboxGraph;
  scorer: MailScorer;
  clock: Clock;
  policy?: Partial<MailboxPolicy>;
  parseLimits?: Partial<ParseLimits>;
  /**
   * Lantern's own mailbox: its inbox is a reporting mailbox (triage reads it), not a mailbox Lantern protects,
   * and mail it sent (verified by its signature) is never scored or acted on.
   */
  ownMail?: LanternMailSigner | null;
  /** Where failures of report subscribers and live scoring go (never message content). */
  onError?: (err: unknown, context: Record<string, string>) => void;
  /**
   * The event log: each report is appended as a `userReport` event with its row, and triage consumes it
   * from there (durably). Omitted: reports go to `onReport` subscribers in memory only.
   */
  log?: ReportLog;
}

/** A user report as the triage module picks it up. */
export interface UserReport {
  id: string;
  reporterId: string;
  reporterUpn: string;
  /** The message's id after the report (it may have moved to junk). */
  messageId: string;
  originalMessageId: string;
  internetMessageId: string | null;
  senderAddress: string | null;
  subject: string | null;
  assessment: AssessedMessage['assessment'] | null;
  comment: string | null;
  reportedAt: string;
  movedTo: string | null;
  status: string;
}

export type ReportHandler = (report: UserReport) => void | Promise<void>;

export interface InboundOutcome {
  messageId: string;
  action: 'skipped' | 'recorded' | 'held' | 'tagged' | 'links-locked';
  score: number | null;
  /** Why a message whose verdict called for an action was only recorded. */
  notActedBecause?: 'received-before-installation';
}

/** A message's state with the records it was derived from. */
interface Standing {
  hold: HoldRow | null;
  request: ReleaseRequestRow | null;
  report: ReportRow | null;
  release: ReleaseMode;
  state: MessageState;
  actions: MessageAction[];
  notice: string | null;
}

/** States in which someone other than the user decides what happens to the message. */
const DECIDED_ELSEWHERE: ReadonlySet<MessageState> = new Set<MessageState>(['reported', 'restored', 'denied', 'release-requested']);

const HELD_LIST_LIMIT = 200;
const INBOUND_FOLDERS = new Set(['inbox']);

function toReport(row: ReportRow): UserReport {
  return {
    id: row.id,
    reporterId: row.reporter_id,
    reporterUpn: row.reporter_upn,
    messageId: row.message_id_after,
    originalMessageId: row.message_id,
    internetMessageId: row.internet_message_id,
    senderAddress: row.sender_address,
    subject: row.subject,
    assessment: row.assessment ? (JSON.parse(row.assessment) as UserReport['assessment']) : null,
    comment: row.comment,
    reportedAt: row.reported_at,
    movedTo: row.moved_to,
    status: row.status,
  };
}

/** The first one or two whole sentences of a narrative (never split inside an address, domain or number). */
function shortWhy(narrative: string): string {
  return firstSentences(narrative, 2, 400);
}

export class MailboxService {
  readonly repo: MailboxRepository;
  readonly assessments: AssessmentService;
  readonly actions: MailboxActions;
  readonly policy: MailboxPolicy;
  readonly #deps: MailboxServiceDeps;
  readonly #reportHandlers = new Set<ReportHandler>();
  #installedAt: string | null = null;

  constructor(deps: MailboxServiceDeps) {
    this.#deps = deps;
    this.policy = { ...defaultMailboxPolicy, ...deps.policy };
    this.repo = new MailboxRepository(deps.db);
    this.assessments = new AssessmentService({
      repo: this.repo,
      graph: deps.graph,
      scorer: deps.scorer,
      clock: deps.clock,
      ...(deps.parseLimits ? { parseLimits: deps.parseLimits } : {}),
      ...(deps.ownMail ? { isOwnMail: (m) => deps.ownMail!.isOwnMail(m) } : {}),
    });
    this.actions = new MailboxActions({ repo: this.repo, graph: deps.graph, clock: deps.clock, policy: this.policy });
  }

  #now(): string {
    return this.#deps.clock.now().toISOString();
  }

  /** Runs `fn`, turning "no such message in this mailbox" into a 404 that reveals nothing else. */
  async #inMailbox<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof MessageNotFoundError) throw new NotFoundError();
      throw err;
    }
  }

  /**
   * Where a message stands for its owner (shared/src/message-state.ts), from the store's records: its hold
   * (active or released), the newest release request of that hold, Lantern's untag, and the user's report.
   */
  async #standing(userId: string, ids: readonly string[], verdict: MailVerdict, score: number): Promise<Standing> {
    const unique = [...new Set(ids)];
    let hold: HoldRow | null = null;
    for (const id of unique) hold ??= await this.repo.activeHold(userId, id);
    const last = hold ?? (await this.repo.latestHold(userId, unique));
    const request = hold ? await this.repo.latestRequestForHold(hold.id) : null;
    const report = (await this.repo.listReportsFor(userId, unique))[0] ?? null;
    const released = (last !== null && last.status === 'released') || (await this.repo.hasAction(userId, unique, 'untag'));
    const release = releaseModeFor(verdict, hold?.score ?? score, hold !== null, this.policy);
    const state = messageStateOf({
      verdict,
      held: hold !== null,
      releaseRequest: request?.status ?? null,
      released,
      reported: report !== null,
      restored: report?.status === REPORT_RESTORED,
    });
    return { hold, request, report, release, state, actions: allowedActions(state, release), notice: stateSentence(state, release) };
  }

  /** Refuses an action the message's state does not allow, saying why in one sentence. */
  #require(standing: Standing, action: MessageAction): void {
    if (standing.actions.includes(action)) return;
    switch (standing.state) {
      case 'reported':
      case 'restored':
        throw new ConflictError('reported', 'You reported this message: its release is for the security team to decide.');
      case 'denied':
        throw new ConflictError('release_denied', 'The security team denied the release of this message: it stays held.');
      case 'release-requested':
        throw new ConflictError('release_requested', 'You already asked the security team to release this message.');
      default:
        throw new ConflictError('not_allowed', `This message is ${standing.state.replace('-', ' ')}: it cannot be changed that way.`);
    }
  }

  /** GET /api/messages/:messageId/assessment */
  async messageView(user: AuthUser, messageId: string, internetMessageId?: string | null): Promise<MessageAssessmentResponse> {
    return this.#inMailbox(async () => {
      messageId = await this.repo.resolveAlias(user.oid, messageId);
      const heldNow = await this.repo.activeHold(user.oid, messageId);
      const assessed = await this.assessments.getOrAssess(user.oid, heldNow?.message_id ?? messageId, internetMessageId);
      const { assessment } = assessed;
      const st = await this.#standing(user.oid, [messageId, assessed.messageId], assessment.verdict, assessment.score);
      return {
        messageId: st.hold?.message_id ?? assessed.messageId,
        internetMessageId: assessed.internetMessageId,
        receivedAt: assessed.receivedAt,
        held: st.hold !== null,
        release: st.release,
        releaseRequested: st.request?.status === 'pending',
        reported: st.report !== null,
        state: st.state,
        actions: st.actions,
        notice: st.notice,
        assessment,
      };
    });
  }

  /** POST /api/messages/:messageId/report */
  async report(user: AuthUser, messageId: string, comment: string | null): Promise<ReportResponse> {
    return this.#inMailbox(async () => {
      messageId = await this.repo.resolveAlias(user.oid, messageId);
      const hold = await this.repo.activeHold(user.oid, messageId);
      const currentId = hold?.message_id ?? messageId;
      let assessed: AssessedMessage | null = null;
      try {
        assessed = await this.assessments.getOrAssess(user.oid, currentId);
      } catch (err) {
        if (err instanceof MessageNotFoundError) throw err;
        // Unparseable or unscorable mail can still be reported: record it without a snapshot.
        this.#deps.onError?.(err, { stage: 'report-assessment' });
        await this.#deps.graph.getMessage(user.oid, currentId);
      }
      const id = assessed?.messageId ?? currentId;
      const existing = (await this.repo.listReportsFor(user.oid, [messageId, id]))[0];
      if (existing) return { status: 'received', reportId: existing.id, message: this.#ack(existing.moved_to) };

      const destination = hold ? null : this.policy.reportDestination;
      const after = destination ? await this.actions.moveTo(user.oid, id, destination, user.oid, 'report-move') : id;
      const now = this.#now();
      const row: ReportRow = {
        id: this.repo.newId(),
        reporter_id: user.oid,
        reporter_upn: user.upn,
        message_id: id,
        internet_message_id: assessed?.internetMessageId ?? null,
        sender_address: assessed?.senderAddress ?? null,
        subject: assessed?.subject ?? null,
        assessment: assessed ? JSON.stringify(assessed.assessment) : null,
        comment,
        reported_at: now,
        moved_to: destination,
        message_id_after: after,
        status: 'new',
      };
      const sender = assessed?.senderAddress ?? null;
      const log = this.#deps.log;
      if (log) {
        const event: UserReportEvent = { kind: 'userReport', id: row.id, at: now, userId: user.oid, upn: user.upn, reportId: row.id };
        await log.commit({ events: [event] }, async (trx) => {
          const repo = new MailboxRepository(trx);
          await repo.insertReport(row);
          await repo.recordSender(sender, sender ? (sender.split('@')[1] ?? null) : null, now, true);
        });
      } else {
        await this.repo.insertReport(row);
        await this.repo.recordSender(sender, sender ? (sender.split('@')[1] ?? null) : null, now, true);
      }
      this.#emitReport(toReport(row));
      return { status: 'received', reportId: row.id, message: this.#ack(destination) };
    });
  }

  #ack(movedTo: string | null): string {
    const where = movedTo === 'junkemail' ? ' We moved it to your Junk Email folder.' : movedTo ? ' We moved it out of your inbox.' : '';
    return `Thank you: your report has reached the security team.${where} Automatic triage is checking it now, and you will hear the outcome.`;
  }

  #emitReport(report: UserReport): void {
    for (const handler of this.#reportHandlers) {
      Promise.resolve()
        .then(() => handler(report))
        .catch((err: unknown) => this.#deps.onError?.(err, { stage: 'report-handler', reportId: report.id }));
    }
  }

  /** Subscribes to new user reports (the triage module); returns the unsubscribe function. */
  onReport(handler: ReportHandler): () => void {
    this.#reportHandlers.add(handler);
    return () => this.#reportHandlers.delete(handler);
  }

  /** One report by id (the report-triage consumer reads the report its event names). */
  async reportById(id: string): Promise<UserReport | null> {
    const row = await this.repo.reportById(id);
    return row ? toReport(row) : null;
  }

  /** Reports for triage, oldest first. */
  async listReports(status: string | null = 'new', limit = 100): Promise<UserReport[]> {
    return (await this.repo.listReports(status, Math.min(limit, 1000))).map(toReport);
  }

  async setReportStatus(reportId: string, status: string): Promise<void> {
    await this.repo.setReportStatus(reportId, status);
  }

  /**
   * Triage found a reported message safe: put it back in the Inbox if the report moved it (Junk Email), once.
   * Returns true when it moved now; false when the report moved nothing, was already restored, or the message is gone.
   */
  async restoreReported(reportId: string, actor: string): Promise<boolean> {
    const row = await this.repo.reportById(reportId);
    if (!row || row.status === REPORT_RESTORED || !row.moved_to) return false;
    try {
      const after = await this.actions.moveTo(row.reporter_id, row.message_id_after, 'inbox', actor, 'triage-restore');
      await this.repo.markReportRestored(reportId, after);
      return true;
    } catch (err) {
      if (err instanceof MessageNotFoundError) return false;
      throw err;
    }
  }

  /** POST /api/messages/:messageId/release: undo Lantern's hold, tag or link lock when policy lets the user. */
  async release(user: AuthUser, messageId: string): Promise<ReleaseResponse> {
    return this.#inMailbox(async () => {
      messageId = await this.repo.resolveAlias(user.oid, messageId);
      const hold = await this.repo.activeHold(user.oid, messageId);
      const stored = await this.assessments.stored(user.oid, hold?.message_id ?? messageId);
      if (stored || hold) {
        const verdict = hold ? 'hold' : stored!.assessment.verdict;
        const standing = await this.#standing(user.oid, [messageId, hold?.message_id ?? messageId], verdict, hold?.score ?? stored!.assessment.score);
        // Reported, denied or awaiting a decision: not the user's to release (other refusals keep their own codes below).
        if (DECIDED_ELSEWHERE.has(standing.state)) this.#require(standing, 'release');
      }
      if (hold) {
        if (releaseModeFor(hold.verdict as 'hold', hold.score, true, this.policy) !== 'allowed') {
          throw new ForbiddenError('This message needs a security analyst to approve its release: request release instead.', 'approval_required');
        }
        await this.actions.releaseHold(hold, user.oid);
        return { status: 'released', message: 'The message is back in the folder it was held from.' };
      }
      const removed = await this.actions.removeCategories(user.oid, messageId, user.oid);
      if (!removed) throw new ConflictError('not_held', 'Lantern has not held or tagged this message: there is nothing to release.');
      return { status: 'released', message: "Lantern's warning tag was removed and the message's links are unlocked." };
    });
  }

  /** POST /api/messages/:messageId/release-request */
  async requestRelease(user: AuthUser, messageId: string): Promise<ReleaseRequestResponse> {
    return this.#inMailbox(async () => {
      messageId = await this.repo.resolveAlias(user.oid, messageId);
      const hold = await this.repo.activeHold(user.oid, messageId);
      if (!hold) {
        await this.#deps.graph.getMessage(user.oid, messageId);
        throw new ConflictError('not_held', 'This message is not held: there is nothing to request.');
      }
      const pending = await this.repo.pendingRequestForHold(hold.id);
      const message = 'Your request went to the security team. The message will reappear in its folder if they approve.';
      if (pending) return { status: 'requested', requestId: pending.id, message };
      const stored = await this.assessments.stored(user.oid, hold.message_id);
      this.#require(await this.#standing(user.oid, [messageId, hold.message_id], 'hold', hold.score), 'request-release');
      const id = this.repo.newId();
      await this.repo.insertReleaseRequest({
        id,
        hold_id: hold.id,
        user_id: user.oid,
        user_upn: user.upn,
        message_id: hold.message_id,
        subject: stored?.subject ?? null,
        sender_address: stored?.senderAddress ?? null,
        score: hold.score,
        requested_at: this.#now(),
        status: 'pending',
        decided_by: null,
        decided_at: null,
      });
      return { status: 'requested', requestId: id, message };
    });
  }

  /** GET /api/held: the caller's held messages, newest first. */
  async heldList(user: AuthUser): Promise<HeldListResponse> {
    const holds = await this.repo.listHolds(user.oid, HELD_LIST_LIMIT);
    const items = [];
    for (const hold of holds) {
      const stored = await this.assessments.stored(user.oid, hold.message_id);
      const pending = await this.repo.pendingRequestForHold(hold.id);
      const standing = await this.#standing(user.oid, [hold.message_id, hold.original_message_id], 'hold', hold.score);
      items.push({
        messageId: hold.message_id,
        subject: stored?.subject ?? null,
        from: stored?.senderAddress ?? null,
        receivedAt: stored?.receivedAt ?? null,
        heldAt: hold.held_at,
        score: hold.score,
        verdict: hold.verdict,
        why: stored ? shortWhy(stored.assessment.userNarrative) : 'Lantern held this message because it looked dangerous.',
        release: standing.release,
        releaseRequested: pending !== null,
        state: standing.state,
        actions: standing.actions,
        notice: standing.notice,
      });
    }
    return { items };
  }

  /** GET /api/release-requests (security team). */
  async listReleaseRequests(status: ReleaseRequestStatus | null): Promise<ReleaseRequestItem[]> {
    const rows = await this.repo.listReleaseRequests(status, 500);
    return rows.map((r) => ({
      id: r.id,
      userUpn: r.user_upn,
      messageId: r.message_id,
      subject: r.subject,
      from: r.sender_address,
      score: r.score,
      requestedAt: r.requested_at,
      status: r.status,
      decidedBy: r.decided_by,
      decidedAt: r.decided_at,
    }));
  }

  /** POST /api/release-requests/:id/approve|deny (security team). Approval releases the message. */
  async decideReleaseRequest(analyst: AuthUser, id: string, decision: 'approve' | 'deny'): Promise<ReleaseRequestDecisionResponse> {
    const request = await this.repo.releaseRequestById(id);
    if (!request) throw new NotFoundError('No such release request.');
    if (request.status !== 'pending') throw new ConflictError('already_decided', `This request was already ${request.status}.`);
    const now = this.#now();
    if (decision === 'deny') {
      await this.repo.decideReleaseRequest(id, 'denied', analyst.upn, now);
      return { status: 'denied', message: 'The request was denied; the message stays held.' };
    }
    const hold = await this.repo.holdById(request.hold_id);
    if (hold && hold.status === 'held') {
      try {
        await this.actions.releaseHold(hold, analyst.oid);
      } catch (err) {
        if (err instanceof MessageNotFoundError) throw new ConflictError('message_gone', 'The held message no longer exists in the mailbox.');
        throw err;
      }
    }
    await this.repo.decideReleaseRequest(id, 'approved', analyst.upn, now);
    return { status: 'approved', message: "The message was released to the user's mailbox." };
  }

  /**
   * Live scoring of one new inbound message: assess it (once) and apply the verdict's action (once).
   * Safe to call again for the same message, as a replay after a crash does: the stored assessment is
   * reused, and an action Lantern already took on the message (recorded, even if since released) is never
   * taken again; a crash between the action and its record is caught by `hold` seeing the message held.
   */
  async scoreInboundMessage(event: MessageEvent): Promise<InboundOutcome> {
    if (!INBOUND_FOLDERS.has(event.folder.toLowerCase())) return { messageId: event.messageId, action: 'skipped', score: null };
    if (this.#deps.ownMail && event.userId === this.#deps.ownMail.mailbox.id) return { messageId: event.messageId, action: 'skipped', score: null };
    const existing = await this.assessments.stored(event.userId, event.messageId, event.internetMessageId);
    const assessed = existing ?? (await this.assessments.assess(event.userId, event.messageId));
    if (isOwnMailAssessment(assessed.assessment)) return { messageId: assessed.messageId, action: 'skipped', score: null };
    const { verdict, score } = assessed.assessment;
    if (!this.policy.actOnInbound || verdict === 'deliver') return { messageId: assessed.messageId, action: existing ? 'skipped' : 'recorded', score };
    // Mail received before Lantern was installed is scored for information only, however it got here
    // (a mailbox added later, a delta restarted after an expired link): never moved, tagged or locked.
    if (await this.#receivedBeforeInstallation(assessed.receivedAt ?? event.receivedAt)) {
      return { messageId: assessed.messageId, action: 'recorded', score, notActedBecause: 'received-before-installation' };
    }
    const ids = [...new Set([event.messageId, assessed.messageId])];
    if (await this.repo.actedOn(event.userId, ids, SYSTEM_ACTOR)) return { messageId: assessed.messageId, action: 'skipped', score };
    if (verdict === 'hold') {
      const hold = await this.actions.hold(event.userId, assessed.messageId, SYSTEM_ACTOR, { score, verdict });
      return { messageId: hold.message_id, action: 'held', score };
    }
    await this.actions.addCategory(event.userId, assessed.messageId, SYSTEM_ACTOR, verdict);
    return { messageId: assessed.messageId, action: verdict === 'tag' ? 'tagged' : 'links-locked', score };
  }

  /**
   * Whether the message arrived before the recorded installation time (store/installed-at.ts, written by
   * the message poller on first start). A message without a receive time counts as before once an
   * installation time exists. No installation time recorded means no poller has run on this store (tools
   * and tests that score mail directly): nothing to compare with.
   */
  async #receivedBeforeInstallation(receivedAt: string | null): Promise<boolean> {
    this.#installedAt ??= await readInstalledAt(this.#deps.db);
    if (this.#installedAt === null) return false;
    const t = receivedAt === null ? Number.NaN : Date.parse(receivedAt);
    return !Number.isFinite(t) || t < Date.parse(this.#installedAt);
  }
}
