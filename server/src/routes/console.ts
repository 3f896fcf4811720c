// The security-team console's API (role Lantern.SecurityAnalyst): the queue of triaged reports, campaigns with
// one-click removal and undo, analyst verdicts, search over the inbound mail index, held mail tenant-wide,
// identity incidents with their timeline and sign-in locations, and the audit trail. Plus two routes for any
// signed-in user: their own reports' outcomes, and their digest preference.
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { DomainEvent, Incident, SignInEvent } from '@lantern/shared';
import { ApiError } from '@lantern/shared/api';
import {
  AuditResponse,
  CampaignActionResponse,
  CampaignDetail,
  ConsoleIncidentList,
  ConsoleReportList,
  ConsoleReportQuery,
  DecideBody,
  DigestPreference,
  HeldResponse,
  IdParams,
  MyReportsResponse,
  SearchQuery,
  SearchResponse,
  type ConsoleIncident,
  type ConsoleReport,
} from '@lantern/shared/console-api';

type TriageReasonItemShape = ConsoleReport['reasons'][number];
import type { DigestService } from '../digest/digest-service.ts';
import type { MailboxTables } from '../mailbox/mailbox-tables.ts';
import { analyseLinkChain } from '../triage/link-chain.ts';
import { ReportNotFoundError, type TriageReportRow, type TriageService } from '../triage/triage-service.ts';
import { HttpError, NotFoundError } from './http-error.ts';

export interface ConsoleIncidentSource {
  incidents(): Incident[];
}

export interface ConsoleEventSource {
  listEvents(q: { kind?: 'signIn'; userId?: string; from?: string; to?: string; limit?: number; order?: 'asc' | 'desc' }): Promise<DomainEvent[]>;
}

export interface ConsoleRoutesOptions {
  triage: TriageService;
  digest?: DigestService | null;
  incidents?: ConsoleIncidentSource | null;
  /** The store's events, for incidents' sign-in locations. */
  events?: ConsoleEventSource | null;
}

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 429: ApiError, 500: ApiError };
const MAP_POINTS_PER_USER = 200;

function reasonsOf(json: string | null): TriageReasonItemShape[] {
  if (!json) return [];
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v as TriageReasonItemShape[]).filter((r) => typeof r?.code === 'string').slice(0, 50) : [];
  } catch {
    return [];
  }
}

const routes: FastifyPluginAsyncTypebox<ConsoleRoutesOptions> = async (app, opts) => {
  const { triage } = opts;
  const mailDb = triage.db as unknown as Kysely<MailboxTables>;

  async function toConsoleReports(rows: TriageReportRow[]): Promise<ConsoleReport[]> {
    const ids = [...new Set(rows.map((r) => r.campaign_id).filter((x): x is string => x !== null))];
    const campaigns = ids.length
      ? new Map((await triage.db.selectFrom('triage_campaigns').selectAll().where('id', 'in', ids).execute()).map((c) => [c.id, c]))
      : new Map();
    return rows.map((r) => {
      const c = r.campaign_id ? campaigns.get(r.campaign_id) : undefined;
      return {
        id: r.id,
        source: r.source,
        reportedAt: r.reported_at,
        reporterUpn: r.reporter_upn,
        sender: r.sender,
        subject: r.subject,
        verdict: r.verdict,
        confidence: r.confidence === null ? null : Number(r.confidence),
        status: r.status,
        outcome: r.outcome,
        feedback: r.feedback,
        summary: r.summary,
        reasons: reasonsOf(r.reasons),
        campaignId: r.campaign_id,
        campaignMailboxes: Number(c?.mailboxes ?? 0),
        campaignReporters: Number(c?.reporters ?? 0),
        campaignStatus: c?.status ?? null,
        closedBy: r.closed_by,
      };
    });
  }

  app.get(
    '/api/console/reports',
    { config: { access: 'analyst' }, schema: { querystring: ConsoleReportQuery, response: { 200: ConsoleReportList, ...errors } } },
    async (request) => {
      const status = request.query.status ?? 'needs-person';
      const rows = await triage.listReports({ ...(status === 'all' ? {} : { status }), limit: request.query.limit ?? 200 });
      return { items: await toConsoleReports(rows) };
    },
  );

  app.get('/api/console/campaigns/:id', { config: { access: 'analyst' }, schema: { params: IdParams, response: { 200: CampaignDetail, ...errors } } }, async (request) => {
    const d = await triage.campaign(request.params.id);
    if (!d) throw new NotFoundError('No such campaign.');
    const c = d.campaign;
    return {
      id: c.id,
      sender: c.sender,
      subject: c.subject,
      status: c.status,
      verdict: c.verdict,
      confidence: c.confidence === null ? null : Number(c.confidence),
      narrative: c.narrative,
      mailboxes: Number(c.mailboxes),
      copies: Number(c.copies),
      reporters: Number(c.reporters),
      firstReceivedAt: c.first_received_at,
      lastReceivedAt: c.last_received_at,
      members: d.members.map((m) => ({ mailbox: m.mailbox, messageId: m.message_id, receivedAt: m.received_at, matchedOn: m.matched_on, state: m.state })),
      reports: await toConsoleReports(d.reports),
    };
  });

  for (const action of ['remove', 'restore'] as const) {
    app.post(
      `/api/console/campaigns/:id/${action}`,
      { config: { access: 'analyst' }, schema: { params: IdParams, response: { 200: CampaignActionResponse, ...errors } } },
      async (request) => {
        const d = await triage.campaign(request.params.id);
        if (!d) throw new NotFoundError('No such campaign.');
        const actor = request.user.upn;
        if (action === 'remove') {
          const n = await triage.removeCampaign(d.campaign.id, actor);
          return { status: 'contained', affected: n, message: `Removed ${n} cop${n === 1 ? 'y' : 'ies'} to the hidden held folder.` };
        }
        const n = await triage.restoreCampaign(d.campaign.id, actor);
        return { status: 'restored', affected: n, message: `Put back ${n} cop${n === 1 ? 'y' : 'ies'} where they were.` };
      },
    );
  }

  app.post(
    '/api/console/reports/:id/decide',
    { config: { access: 'analyst' }, schema: { params: IdParams, body: DecideBody, response: { 200: ConsoleReportList, ...errors } } },
    async (request) => {
      try {
        const row = await triage.decideReport(request.params.id, request.body.verdict, request.user.upn);
        return { items: await toConsoleReports([row]) };
      } catch (err) {
        if (err instanceof ReportNotFoundError) throw new NotFoundError('No such report.');
        throw err;
      }
    },
  );

  app.get('/api/console/search', { config: { access: 'analyst' }, schema: { querystring: SearchQuery, response: { 200: SearchResponse, ...errors } } }, async (request) => {
    const q = request.query;
    let host: string | undefined;
    if (q.url) {
      const chain = analyseLinkChain(/^https?:\/\//i.test(q.url) ? q.url : `https://${q.url}`);
      if (!chain) throw new HttpError(400, 'invalid_url', 'Give a URL or a host name to search for.');
      host = chain.finalHost;
    }
    if (!q.user && !q.sender && !q.domain && !host) throw new HttpError(400, 'empty_search', 'Search by user, sender, domain or URL.');
    const hits = await triage.index.search({
      ...(q.user ? { mailbox: q.user } : {}),
      ...(q.sender ? { sender: q.sender } : {}),
      ...(q.domain ? { domain: q.domain } : {}),
      ...(host ? { host } : {}),
    });
    return {
      items: hits.map((h) => ({ mailbox: h.mailbox, messageId: h.messageId, sender: h.sender, subject: h.subject, receivedAt: h.receivedAt, linkHosts: h.linkHosts, verdict: h.verdict, score: h.score })),
    };
  });

  app.get('/api/console/held', { config: { access: 'analyst' }, schema: { response: { 200: HeldResponse, ...errors } } }, async () => {
    const rows = await mailDb
      .selectFrom('mail_holds as h')
      .leftJoin('mail_assessments as a', (j) => j.onRef('a.user_id', '=', 'h.user_id').onRef('a.message_id', '=', 'h.message_id'))
      .select(['h.id', 'h.user_id', 'h.message_id', 'h.held_at', 'h.score', 'h.status', 'a.subject', 'a.sender_address'])
      .where('h.status', '=', 'held')
      .orderBy('h.held_at', 'desc')
      .limit(500)
      .execute();
    return {
      items: rows.map((r) => ({ holdId: r.id, userId: r.user_id, messageId: r.message_id, subject: r.subject ?? null, from: r.sender_address ?? null, heldAt: r.held_at, score: Number(r.score), status: r.status })),
    };
  });

  app.get('/api/console/audit', { config: { access: 'analyst' }, schema: { response: { 200: AuditResponse, ...errors } } }, async () => {
    const triageRows = await triage.listAudit(300);
    const mailRows = await mailDb.selectFrom('mail_actions').selectAll().orderBy('at', 'desc').limit(300).execute();
    const items = [
      ...triageRows.map((a) => ({ id: a.id, at: a.at, actor: a.actor, action: a.action, targetKind: a.target_kind, targetId: a.target_id, detail: a.detail })),
      ...mailRows.map((a) => ({
        id: a.id, at: a.at, actor: a.actor, action: `mailbox-${a.action}`, targetKind: 'message', targetId: `${a.user_id}/${a.message_id_after}`,
        detail: JSON.stringify({ from: a.from_folder, to: a.to_folder }),
      })),
    ].sort((x, y) => (x.at < y.at ? 1 : -1));
    return { items: items.slice(0, 500) };
  });

  app.get('/api/console/incidents', { config: { access: 'analyst' }, schema: { response: { 200: ConsoleIncidentList, ...errors } } }, async () => {
    const incidents = opts.incidents?.incidents() ?? [];
    const items: ConsoleIncident[] = [];
    for (const i of incidents.slice(0, 100)) {
      const userIds = [...new Set(i.breaches.map((b) => b.userId))];
      const signIns: ConsoleIncident['signIns'] = [];
      if (opts.events) {
        // The incident's window, widened by a week before so the usual places show too.
        const from = new Date(new Date(i.start).getTime() - 7 * 86_400_000).toISOString();
        const to = new Date(new Date(i.end).getTime() + 3_600_000).toISOString();
        for (const userId of userIds.slice(0, 20)) {
          const events = await opts.events.listEvents({ kind: 'signIn', userId, from, to, limit: MAP_POINTS_PER_USER, order: 'desc' });
          for (const e of events) {
            if (e.kind !== 'signIn') continue;
            const s = e as SignInEvent;
            if (s.lat === null || s.lon === null) continue;
            signIns.push({ at: s.at, user: s.upn, lat: s.lat, lon: s.lon, city: s.city, country: s.country, ip: s.ip, success: s.success });
          }
        }
      }
      items.push({
        id: i.id,
        severity: i.severity,
        score: i.score,
        users: i.users,
        start: i.start,
        end: i.end,
        narrative: i.narrative,
        timeline: i.breaches
          .map((b) => ({ at: b.at, model: b.model, user: b.user, score: b.score, text: b.reasons.map((r) => r.text).join(' ').slice(0, 500) }))
          .sort((a, b) => (a.at < b.at ? -1 : 1)),
        signIns: signIns.sort((a, b) => (a.at < b.at ? -1 : 1)),
        persistence: i.persistence.map((p) => ({ kind: p.kind, user: p.user, at: p.at, name: p.name, what: p.what, undo: p.undo, alerted: p.models.length > 0, removedAt: p.removedAt })),
      });
    }
    return { items };
  });

  // ---- any signed-in user ----

  app.get('/api/my-reports', { config: { access: 'user' }, schema: { response: { 200: MyReportsResponse, ...errors } } }, async (request) => {
    const rows = await triage.listReports({ reporterId: request.user.oid, limit: 100 });
    return { items: rows.map((r) => ({ id: r.id, reportedAt: r.reported_at, subject: r.subject, status: r.status, verdict: r.verdict, feedback: r.feedback })) };
  });

  if (opts.digest) {
    const digest = opts.digest;
    app.get('/api/digest/preference', { config: { access: 'user' }, schema: { response: { 200: DigestPreference, ...errors } } }, async (request) => ({
      frequency: await digest.preference(request.user.oid),
    }));
    app.put('/api/digest/preference', { config: { access: 'user' }, schema: { body: DigestPreference, response: { 200: DigestPreference, ...errors } } }, async (request) => {
      await digest.setPreference(request.user.oid, request.body.frequency);
      await triage.audit(request.user.upn, 'digest-preference', 'user', request.user.oid, { frequency: request.body.frequency });
      return { frequency: request.body.frequency };
    });
  }
};

export const consoleRoutes = fp(routes, { name: 'lantern-console-api', dependencies: ['lantern-auth'], fastify: '5.x' });
