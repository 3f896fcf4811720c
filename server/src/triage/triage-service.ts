// TriageService: secondary triage of user reports and its automatic outcomes. For each report it finds the
// campaign (the same lure in other mailboxes, from the inbound mail index), builds the sender's history,
// decides a verdict (decideVerdict), and acts: remove every copy when malicious, close the loop with the
// reporter when benign or spam, contain a campaign several people reported, otherwise queue it for a person.
// Verdicts and reports feed sender/domain reputation. Every action lands in the triage audit trail.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { MailAssessment } from '@lantern/shared';
import type { Clock } from '../clock.ts';
import { OWN_MAIL_REASON } from '../mailbox/lantern-mail.ts';
import { ReputationStore, senderReputation } from '../reputation/reputation.ts';
import { decideVerdict, type CampaignFacts, type SenderHistory, type TriageDecision, type TriageVerdict } from './decide-verdict.ts';
import { MailIndex, toIndexedMessage } from './mail-index.ts';
import { campaignMatches, defaultCampaignOptions, matchCampaign, type CampaignOptions, type IndexedMessage } from './match-campaign.ts';
import { reporterFeedback } from './reporter-feedback.ts';
import { defaultTriagePolicy, type TriagePolicy } from './triage-policy.ts';
import type { CompromiseSignal, ReporterNotifier, TriageMailbox } from './triage-ports.ts';
import type {
  ReportOutcome,
  TriageCampaignMembersTable,
  TriageCampaignsTable,
  TriageReportsTable,
  TriageTables,
} from './triage-tables.ts';

export const TRIAGE_ACTOR = 'lantern-triage';

export interface TriageServiceDeps {
  db: Kysely<TriageTables>;
  mailbox: TriageMailbox;
  clock: Clock;
  /** The tenant's own domains (lower case): their senders are colleagues. */
  tenantDomains: readonly string[];
  notifier?: ReporterNotifier | null;
  compromise?: CompromiseSignal | null;
  policy?: Partial<TriagePolicy>;
  campaign?: Partial<CampaignOptions>;
  newId?: () => string;
}

/** A report as triage takes it in: from the add-in (mailbox module) or the reporting mailbox. */
export interface ReportIntake {
  id: string;
  source: 'add-in' | 'reporting-mailbox';
  reporterId: string;
  reporterUpn: string;
  /** Whose mailbox holds the reported copy (the reporter's, for add-in reports). */
  mailbox: string;
  messageId: string;
  internetMessageId: string | null;
  receivedAt: string | null;
  reportedAt: string;
  /** The first-pass assessment; null when the message could not be assessed. */
  assessment: MailAssessment | null;
}

export interface TriageResult {
  reportId: string;
  campaignId: string | null;
  decision: TriageDecision | null;
  outcome: ReportOutcome;
  status: TriageReportsTable['status'];
  feedback: string | null;
  /** Copies removed by this triage (0 when none). */
  removed: number;
}

export type CampaignRow = TriageCampaignsTable;
export type CampaignMemberRow = TriageCampaignMembersTable;
export type TriageReportRow = TriageReportsTable;

const ZERO_VERDICTS: Record<TriageVerdict, number> = { malicious: 0, suspicious: 0, spam: 0, benign: 0 };

export class TriageService {
  readonly db: Kysely<TriageTables>;
  readonly index: MailIndex;
  readonly reputation: ReputationStore;
  readonly policy: TriagePolicy;
  readonly campaignOptions: CampaignOptions;
  readonly #deps: TriageServiceDeps;
  readonly #tenantDomains: Set<string>;
  readonly #newId: () => string;
  /** One triage at a time per process: campaigns are shared state. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(deps: TriageServiceDeps) {
    this.#deps = deps;
    this.db = deps.db;
    this.index = new MailIndex(deps.db);
    this.reputation = new ReputationStore(deps.db);
    this.policy = { ...defaultTriagePolicy, ...deps.policy };
    this.#tenantDomains = new Set(deps.tenantDomains.map((d) => d.toLowerCase()));
    this.campaignOptions = { ...defaultCampaignOptions, internalDomains: this.#tenantDomains, ...deps.campaign };
    this.#newId = deps.newId ?? randomUUID;
  }

  #now(): string {
    return this.#deps.clock.now().toISOString();
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async audit(actor: string, action: string, targetKind: string, targetId: string, detail: Record<string, unknown> | null = null): Promise<void> {
    await this.db
      .insertInto('triage_audit')
      .values({ id: this.#newId(), at: this.#now(), actor, action, target_kind: targetKind, target_id: targetId, detail: detail ? JSON.stringify(detail) : null })
      .execute();
  }

  // ---- inbound index ----

  /**
   * Indexes one inbound copy (the live scorer calls this per message). When the copy belongs to a campaign
   * already contained or remediated, it is removed at once and the answer says so.
   */
  async indexInbound(m: { mailbox: string; messageId: string; internetMessageId: string | null; receivedAt: string; assessment: MailAssessment; recipientNames?: string[] }): Promise<{ campaignId: string | null; removed: boolean }> {
    return this.#serial(async () => {
      const row = toIndexedMessage(m);
      await this.index.put(row, this.#now());
      const candidates = await this.index.candidates(row, this.campaignOptions.windowHours, 500);
      const others = candidates.filter((c) => !(c.mailbox === row.mailbox && c.messageId === row.messageId));
      if (others.length === 0) return { campaignId: null, removed: false };
      const memberships = await this.db
        .selectFrom('triage_campaign_members as m')
        .innerJoin('triage_campaigns as c', 'c.id', 'm.campaign_id')
        .select(['m.campaign_id', 'm.mailbox', 'm.message_id', 'c.status'])
        .where('c.status', 'in', ['contained', 'remediated'])
        .where((eb) => eb.or(others.slice(0, 200).map((o) => eb.and([eb('m.mailbox', '=', o.mailbox), eb('m.message_id', '=', o.messageId)]))))
        .execute();
      for (const ms of memberships) {
        const other = others.find((o) => o.mailbox === ms.mailbox && o.messageId === ms.message_id);
        if (!other || campaignMatches(other, row, this.campaignOptions).length === 0) continue;
        await this.#addMembers(ms.campaign_id, [{ message: row, matchedOn: campaignMatches(other, row, this.campaignOptions) }]);
        const removed = await this.#removeCopies(ms.campaign_id, TRIAGE_ACTOR);
        await this.#refreshCampaignCounts(ms.campaign_id);
        return { campaignId: ms.campaign_id, removed: removed > 0 };
      }
      return { campaignId: null, removed: false };
    });
  }

  // ---- report triage ----

  async triageReport(intake: ReportIntake): Promise<TriageResult> {
    return this.#serial(() => this.#triage(intake));
  }

  async #triage(intake: ReportIntake): Promise<TriageResult> {
    const now = this.#now();
    const existing = await this.db.selectFrom('triage_reports').selectAll().where('id', '=', intake.id).executeTakeFirst();
    if (existing && existing.status !== 'new') return this.#resultOf(existing, null, 0);
    const a = intake.assessment;
    if (!existing) {
      await this.db
        .insertInto('triage_reports')
        .values({
          id: intake.id, source: intake.source, reporter_id: intake.reporterId, reporter_upn: intake.reporterUpn,
          mailbox: intake.mailbox, message_id: intake.messageId, internet_message_id: intake.internetMessageId,
          sender: a?.sender.address?.toLowerCase() ?? null, subject: a?.subject?.slice(0, 512) ?? null,
          reported_at: intake.reportedAt, campaign_id: null, verdict: null, confidence: null, score: null, reasons: null,
          summary: null, status: 'new', outcome: null, feedback: null, feedback_sent: 0, triaged_at: null, closed_at: null, closed_by: null,
        })
        .execute();
      await this.audit(intake.reporterUpn, 'report-received', 'report', intake.id, { source: intake.source });
    }
    if (!a) {
      await this.#setReport(intake.id, { status: 'needs-person', outcome: 'escalated', summary: 'The reported message could not be assessed automatically.', triaged_at: now });
      return { reportId: intake.id, campaignId: null, decision: null, outcome: 'escalated', status: 'needs-person', feedback: null, removed: 0 };
    }
    // Lantern's own mail (a digest or notice, its signature verified): closed as such, never a campaign, never acted on.
    if (a.reasons.some((r) => r.code === OWN_MAIL_REASON)) {
      const summary = "The reported message is Lantern's own mail (sent from the security mailbox, signature verified): there is nothing to triage and Lantern does not act on it.";
      await this.#setReport(intake.id, { status: 'closed', outcome: 'closed-benign', summary, triaged_at: now, closed_at: now, closed_by: TRIAGE_ACTOR });
      if (intake.source === 'add-in') await this.#deps.mailbox.setReportStatus(intake.id, 'closed').catch(() => undefined);
      return { reportId: intake.id, campaignId: null, decision: null, outcome: 'closed-benign', status: 'closed', feedback: null, removed: 0 };
    }

    // The reported copy and its campaign.
    const seed =
      (await this.index.get(intake.mailbox, intake.messageId)) ??
      toIndexedMessage({ mailbox: intake.mailbox, messageId: intake.messageId, internetMessageId: intake.internetMessageId, receivedAt: intake.receivedAt ?? intake.reportedAt, assessment: a });
    await this.index.put(seed, now);
    // The tenant's own domain carries no reputation: one compromised colleague says nothing about the others.
    await this.reputation.record(seed.sender, this.#isTenantDomain(seed.senderDomain) ? null : seed.senderDomain, { type: 'report' }, now);
    const candidates = await this.index.candidates(seed, this.campaignOptions.windowHours);
    const members = matchCampaign(seed, candidates, this.campaignOptions);
    const campaignId = await this.#campaignFor(members.map((m) => m.message), seed, now);
    await this.#addMembers(campaignId, members);
    await this.#setReport(intake.id, { campaign_id: campaignId });
    let campaign = await this.#refreshCampaignCounts(campaignId);

    // Several reporters contain the campaign before any verdict.
    let removed = 0;
    if (campaign.reporters >= this.policy.containOnReporters && campaign.status === 'open') {
      removed += await this.#removeCopies(campaignId, TRIAGE_ACTOR);
      await this.#setCampaign(campaignId, { status: 'contained', contained_at: now });
      await this.audit(TRIAGE_ACTOR, 'campaign-contained', 'campaign', campaignId, { reporters: campaign.reporters, reason: 'reporters-threshold' });
      campaign = await this.#campaign(campaignId);
    }

    const sender = await this.senderHistory(seed, campaign.first_received_at ?? seed.receivedAt, campaignId);
    const facts: CampaignFacts = {
      mailboxes: campaign.mailboxes,
      copies: campaign.copies,
      reporters: campaign.reporters,
      firstReceivedAt: campaign.first_received_at,
      lastReceivedAt: campaign.last_received_at,
      knownMalicious: campaign.verdict === 'malicious',
    };
    let decision = decideVerdict({ assessment: a, sender, campaign: facts }, this.policy);
    // A campaign already closed as harmless keeps its verdict for later reports, unless new evidence says malicious.
    if (campaign.status === 'closed' && campaign.verdict && decision.verdict !== 'malicious') {
      decision = { ...decision, verdict: campaign.verdict as TriageVerdict, confidence: campaign.confidence ?? decision.confidence, summary: campaign.narrative ?? decision.summary };
    }
    const outcome = await this.#apply(campaignId, decision, sender, TRIAGE_ACTOR);
    removed += outcome.removed;
    const row = await this.db.selectFrom('triage_reports').selectAll().where('id', '=', intake.id).executeTakeFirstOrThrow();
    if (intake.source === 'add-in') {
      await this.#deps.mailbox.setReportStatus(intake.id, row.status === 'closed' ? 'closed' : 'triaged').catch(() => undefined);
    }
    return this.#resultOf(row, decision, removed);
  }

  #resultOf(row: TriageReportRow, decision: TriageDecision | null, removed: number): TriageResult {
    return { reportId: row.id, campaignId: row.campaign_id, decision, outcome: row.outcome ?? 'escalated', status: row.status, feedback: row.feedback, removed };
  }

  /**
   * Applies a verdict to a campaign and every report in it: remove or restore copies, close or queue reports,
   * tell reporters, adjust reputation.
   */
  async #apply(campaignId: string, d: TriageDecision, sender: SenderHistory, actor: string): Promise<{ removed: number }> {
    const now = this.#now();
    const p = this.policy;
    let campaign = await this.#campaign(campaignId);
    let removed = 0;
    let outcome: ReportOutcome;
    let close = false;
    if (d.verdict === 'malicious') {
      removed = await this.#removeCopies(campaignId, actor);
      close = d.confidence >= p.remediateAt;
      outcome = close ? 'remediated' : 'contained';
      await this.#setCampaign(campaignId, { status: close ? 'remediated' : 'contained', contained_at: campaign.contained_at ?? now });
      await this.audit(actor, close ? 'campaign-remediated' : 'campaign-contained', 'campaign', campaignId, { removed, confidence: d.confidence });
    } else if ((d.verdict === 'benign' && d.confidence >= p.closeBenignAt) || (d.verdict === 'spam' && d.confidence >= p.closeSpamAt)) {
      close = true;
      outcome = d.verdict === 'benign' ? 'closed-benign' : 'closed-spam';
      if (campaign.status === 'contained') {
        const restored = await this.#restoreCopies(campaignId, actor);
        await this.audit(actor, 'campaign-restored', 'campaign', campaignId, { restored, reason: `verdict ${d.verdict}` });
      }
      await this.#setCampaign(campaignId, { status: 'closed' });
    } else {
      outcome = campaign.status === 'contained' ? 'contained' : 'escalated';
    }
    await this.#setCampaign(campaignId, { verdict: d.verdict, confidence: d.confidence, narrative: d.summary });
    campaign = await this.#campaign(campaignId);

    if (close) {
      await this.reputation.record(sender.address, sender.internal ? null : sender.domain, { type: 'verdict', verdict: d.verdict, confidence: d.confidence }, now);
    }
    const fb = reporterFeedback({
      verdict: d.verdict,
      subject: campaign.subject,
      sender,
      mailboxes: campaign.mailboxes,
      removed: await this.#countMembers(campaignId, 'removed'),
      // Mail to several people from a sender with history reads as a newsletter to the reporter.
      bulk: campaign.mailboxes >= 3,
    });
    const open = await this.db.selectFrom('triage_reports').selectAll().where('campaign_id', '=', campaignId).where('status', '!=', 'closed').execute();
    for (const r of open) {
      await this.#setReport(r.id, {
        verdict: d.verdict,
        confidence: d.confidence,
        score: d.score,
        reasons: JSON.stringify(d.reasons),
        summary: d.summary,
        status: close ? 'closed' : 'needs-person',
        outcome,
        feedback: fb.text,
        triaged_at: r.triaged_at ?? now,
        closed_at: close ? now : null,
        closed_by: close ? actor : null,
      });
      await this.audit(actor, close ? 'report-closed' : 'report-queued', 'report', r.id, { verdict: d.verdict, confidence: d.confidence, outcome });
      // Found safe: the reporter's copy goes back where it belongs (the report moved it to Junk Email).
      if (close && d.verdict === 'benign' && r.source === 'add-in' && this.#deps.mailbox.restoreReported) {
        const moved = await this.#deps.mailbox.restoreReported(r.id, actor).catch(() => false);
        if (moved) await this.audit(actor, 'report-restored', 'report', r.id, { to: 'inbox' });
      }
      if (close) await this.#notify(r, fb.subject, fb.text);
    }
    return { removed };
  }

  async #notify(r: TriageReportRow, subject: string, text: string): Promise<void> {
    if (r.feedback_sent || !this.#deps.notifier) return;
    try {
      await this.#deps.notifier.notify({ id: r.reporter_id, upn: r.reporter_upn }, subject, text);
      await this.#setReport(r.id, { feedback_sent: 1 });
    } catch {
      // The outcome stays recorded on the report (shown in the task pane); sending is best-effort.
    }
  }

  // ---- sender history ----

  /** What the tenant knows about the seed's sender before `before`, this campaign excluded. */
  async senderHistory(seed: IndexedMessage, before: string, campaignId: string | null): Promise<SenderHistory> {
    const address = seed.sender;
    const domain = seed.senderDomain;
    const stats = address ? await this.index.senderStats(address, before) : { firstSeen: null, messages: 0, mailboxes: 0 };
    const verdicts = { ...ZERO_VERDICTS };
    if (address) {
      let q = this.db
        .selectFrom('triage_campaigns')
        .select(['verdict', (eb) => eb.fn.countAll().as('n')])
        .where('sender', '=', address)
        .where('verdict', 'is not', null)
        .groupBy('verdict');
      if (campaignId) q = q.where('id', '!=', campaignId);
      for (const r of await q.execute()) {
        if (r.verdict && r.verdict in verdicts) verdicts[r.verdict as TriageVerdict] = Number(r.n);
      }
    }
    const rep = await senderReputation(this.db, address, this.#isTenantDomain(domain) ? null : domain);
    const internal = this.#isTenantDomain(domain);
    const compromised = address && this.#deps.compromise ? await this.#deps.compromise.isCompromised(address, before) : false;
    return {
      address,
      domain,
      internal,
      compromised,
      firstSeen: stats.firstSeen,
      earlierMessages: stats.messages,
      earlierMailboxes: stats.mailboxes,
      earlierVerdicts: verdicts,
      reputation: rep.combined,
    };
  }

  #isTenantDomain(domain: string | null): boolean {
    if (!domain) return false;
    const d = domain.toLowerCase();
    if (this.#tenantDomains.has(d)) return true;
    for (const t of this.#tenantDomains) if (d.endsWith(`.${t}`)) return true;
    return false;
  }

  // ---- campaigns ----

  async #campaignFor(messages: readonly IndexedMessage[], seed: IndexedMessage, now: string): Promise<string> {
    const known = await this.db
      .selectFrom('triage_campaign_members')
      .select('campaign_id')
      .where((eb) => eb.or(messages.slice(0, 500).map((m) => eb.and([eb('mailbox', '=', m.mailbox), eb('message_id', '=', m.messageId)]))))
      .orderBy('campaign_id')
      .executeTakeFirst();
    if (known) return known.campaign_id;
    const id = this.#newId();
    await this.db
      .insertInto('triage_campaigns')
      .values({
        id, sender: seed.sender, subject: seed.subject, first_received_at: seed.receivedAt, last_received_at: seed.receivedAt,
        mailboxes: 1, copies: 1, reporters: 0, verdict: null, confidence: null, status: 'open', contained_at: null,
        narrative: null, created_at: now, updated_at: now,
      })
      .execute();
    await this.audit(TRIAGE_ACTOR, 'campaign-opened', 'campaign', id, { sender: seed.sender });
    return id;
  }

  async #addMembers(campaignId: string, members: { message: IndexedMessage; matchedOn: string[] }[]): Promise<void> {
    for (const m of members) {
      await this.db
        .insertInto('triage_campaign_members')
        .values({
          campaign_id: campaignId, mailbox: m.message.mailbox, message_id: m.message.messageId,
          internet_message_id: m.message.internetMessageId, matched_on: m.matchedOn.join(',').slice(0, 128),
          received_at: m.message.receivedAt, state: 'present', hold_id: null, held_message_id: null, held_before: 0,
          from_folder_id: null, removed_at: null, restored_at: null,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }

  async #refreshCampaignCounts(campaignId: string): Promise<CampaignRow> {
    const m = await this.db
      .selectFrom('triage_campaign_members')
      .select((eb) => [
        eb.fn.count('message_id').as('copies'),
        eb.fn.count('mailbox').distinct().as('boxes'),
        eb.fn.min('received_at').as('first'),
        eb.fn.max('received_at').as('last'),
      ])
      .where('campaign_id', '=', campaignId)
      .executeTakeFirst();
    const r = await this.db
      .selectFrom('triage_reports')
      .select((eb) => eb.fn.count('reporter_id').distinct().as('n'))
      .where('campaign_id', '=', campaignId)
      .executeTakeFirst();
    await this.#setCampaign(campaignId, {
      copies: Number(m?.copies ?? 0),
      mailboxes: Number(m?.boxes ?? 0),
      first_received_at: (m?.first as string | null) ?? null,
      last_received_at: (m?.last as string | null) ?? null,
      reporters: Number(r?.n ?? 0),
    });
    return this.#campaign(campaignId);
  }

  async #campaign(id: string): Promise<CampaignRow> {
    return this.db.selectFrom('triage_campaigns').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  async #countMembers(campaignId: string, state: CampaignMemberRow['state']): Promise<number> {
    const r = await this.db
      .selectFrom('triage_campaign_members')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('campaign_id', '=', campaignId)
      .where('state', '=', state)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async #setCampaign(id: string, values: Partial<CampaignRow>): Promise<void> {
    await this.db.updateTable('triage_campaigns').set({ ...values, updated_at: this.#now() }).where('id', '=', id).execute();
  }

  async #setReport(id: string, values: Partial<TriageReportRow>): Promise<void> {
    await this.db.updateTable('triage_reports').set(values).where('id', '=', id).execute();
  }

  /** Holds every copy still present; returns how many were removed now. */
  async #removeCopies(campaignId: string, actor: string): Promise<number> {
    const present = await this.db.selectFrom('triage_campaign_members').selectAll().where('campaign_id', '=', campaignId).where('state', 'in', ['present', 'restored']).execute();
    let removed = 0;
    for (const m of present) {
      try {
        const hold = await this.#deps.mailbox.hold(m.mailbox, m.message_id, actor, { score: 100, verdict: 'hold' });
        await this.db
          .updateTable('triage_campaign_members')
          .set({ state: 'removed', hold_id: hold.holdId, held_message_id: hold.messageId, held_before: hold.created ? 0 : 1, removed_at: this.#now() })
          .where('campaign_id', '=', campaignId).where('mailbox', '=', m.mailbox).where('message_id', '=', m.message_id)
          .execute();
        removed++;
      } catch (err) {
        await this.db
          .updateTable('triage_campaign_members')
          .set({ state: 'missing' })
          .where('campaign_id', '=', campaignId).where('mailbox', '=', m.mailbox).where('message_id', '=', m.message_id)
          .execute();
        await this.audit(actor, 'copy-remove-failed', 'campaign', campaignId, { mailbox: m.mailbox, error: err instanceof Error ? err.name : 'error' });
      }
    }
    if (removed > 0) await this.audit(actor, 'copies-removed', 'campaign', campaignId, { removed });
    return removed;
  }

  /** Puts back every copy the campaign's removal held (copies held before it stay held). */
  async #restoreCopies(campaignId: string, actor: string): Promise<number> {
    const held = await this.db.selectFrom('triage_campaign_members').selectAll().where('campaign_id', '=', campaignId).where('state', '=', 'removed').execute();
    let restored = 0;
    for (const m of held) {
      if (!m.held_before && m.hold_id) {
        const ok = await this.#deps.mailbox.release(m.hold_id, actor).catch(() => false);
        if (!ok) continue;
      }
      await this.db
        .updateTable('triage_campaign_members')
        .set({ state: 'restored', restored_at: this.#now() })
        .where('campaign_id', '=', campaignId).where('mailbox', '=', m.mailbox).where('message_id', '=', m.message_id)
        .execute();
      restored++;
    }
    return restored;
  }

  // ---- analyst actions (console) ----

  /** One-click undo: every copy back where it was; the campaign is marked restored. */
  async restoreCampaign(campaignId: string, actor: string): Promise<number> {
    return this.#serial(async () => {
      await this.#campaign(campaignId);
      const restored = await this.#restoreCopies(campaignId, actor);
      await this.#setCampaign(campaignId, { status: 'restored' });
      await this.audit(actor, 'campaign-restored', 'campaign', campaignId, { restored });
      return restored;
    });
  }

  /** Removes every copy of a campaign by hand. */
  async removeCampaign(campaignId: string, actor: string): Promise<number> {
    return this.#serial(async () => {
      const c = await this.#campaign(campaignId);
      const removed = await this.#removeCopies(campaignId, actor);
      await this.#setCampaign(campaignId, { status: 'contained', contained_at: c.contained_at ?? this.#now() });
      await this.audit(actor, 'campaign-contained', 'campaign', campaignId, { removed, reason: 'analyst' });
      return removed;
    });
  }

  /** An analyst's verdict on a report's campaign: acts like an automatic one and closes every report in it. */
  async decideReport(reportId: string, verdict: TriageVerdict, actor: string): Promise<TriageReportRow> {
    return this.#serial(async () => {
      const report = await this.db.selectFrom('triage_reports').selectAll().where('id', '=', reportId).executeTakeFirst();
      if (!report) throw new ReportNotFoundError(reportId);
      const now = this.#now();
      if (!report.campaign_id) {
        await this.#setReport(reportId, { verdict, status: 'closed', outcome: 'closed-by-analyst', closed_at: now, closed_by: actor });
      } else {
        const c = await this.#campaign(report.campaign_id);
        const seed = await this.index.get(report.mailbox, report.message_id);
        const sender = seed ? await this.senderHistory(seed, c.first_received_at ?? now, c.id) : await this.#noHistory(report.sender);
        const decision: TriageDecision = {
          verdict,
          confidence: 0.99,
          score: verdict === 'malicious' ? 100 : 0,
          reasons: [{ code: 'analyst.verdict', weight: 0, text: `${actor} judged this campaign ${verdict}.` }],
          links: [],
          summary: `An analyst (${actor}) judged this campaign ${verdict}.`,
        };
        await this.#apply(c.id, decision, sender, actor);
        await this.db.updateTable('triage_reports').set({ outcome: verdict === 'malicious' ? 'remediated' : 'closed-by-analyst' }).where('campaign_id', '=', c.id).where('closed_by', '=', actor).execute();
      }
      await this.audit(actor, 'report-decided', 'report', reportId, { verdict });
      return this.db.selectFrom('triage_reports').selectAll().where('id', '=', reportId).executeTakeFirstOrThrow();
    });
  }

  async #noHistory(address: string | null): Promise<SenderHistory> {
    const domain = address?.split('@')[1] ?? null;
    return {
      address, domain, internal: this.#isTenantDomain(domain), compromised: false, firstSeen: null,
      earlierMessages: 0, earlierMailboxes: 0, earlierVerdicts: { ...ZERO_VERDICTS }, reputation: 0,
    };
  }

  // ---- reads ----

  async report(id: string): Promise<TriageReportRow | null> {
    return (await this.db.selectFrom('triage_reports').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  async campaign(id: string): Promise<{ campaign: CampaignRow; members: CampaignMemberRow[]; reports: TriageReportRow[] } | null> {
    const campaign = await this.db.selectFrom('triage_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
    if (!campaign) return null;
    const members = await this.db.selectFrom('triage_campaign_members').selectAll().where('campaign_id', '=', id).orderBy('received_at').limit(5000).execute();
    const reports = await this.db.selectFrom('triage_reports').selectAll().where('campaign_id', '=', id).orderBy('reported_at').limit(1000).execute();
    return { campaign, members, reports };
  }

  async listReports(q: { status?: TriageReportRow['status']; reporterId?: string; limit?: number }): Promise<TriageReportRow[]> {
    let query = this.db.selectFrom('triage_reports').selectAll();
    if (q.status) query = query.where('status', '=', q.status);
    if (q.reporterId) query = query.where('reporter_id', '=', q.reporterId);
    return query.orderBy('reported_at', 'desc').limit(Math.min(q.limit ?? 200, 1000)).execute();
  }

  async listAudit(limit = 200, target?: { kind: string; id: string }): Promise<TriageTables['triage_audit'][]> {
    let q = this.db.selectFrom('triage_audit').selectAll();
    if (target) q = q.where('target_kind', '=', target.kind).where('target_id', '=', target.id);
    return q.orderBy('at', 'desc').limit(Math.min(limit, 1000)).execute();
  }
}

export class ReportNotFoundError extends Error {
  readonly reportId: string;
  constructor(reportId: string) {
    super('no such triaged report');
    this.name = 'ReportNotFoundError';
    this.reportId = reportId;
  }
}
