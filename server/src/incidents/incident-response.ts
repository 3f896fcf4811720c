// Incident response: the lifecycle of an identity incident (new → acknowledged → contained → resolved, or benign),
// its owner and notes, a readable audit trail, and containment actions through Graph with undo where Graph
// allows. Every write records who did it; every action is keyed by the console's request id, so a retried
// request finds the first one instead of acting twice. Closing an incident (resolved or benign) ends the hold on
// mail from its accounts received after the closing time (`closedAt`, read synchronously by the mail scorer).
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Incident } from '@lantern/shared';
import {
  INCIDENT_TRANSITIONS,
  type IncidentAuditItem,
  type IncidentCase,
  type IncidentState,
  type ResponseActionBody,
  type ResponseActionItem,
  type ResponseActionKind,
  type ResponseTargets,
  type ReleaseHeldResponse,
} from '@lantern/shared/incident-response-api';
import type { Clock } from '../clock.ts';
import type { GraphApi } from '../graph/graph-api.ts';
import { GraphError } from '../graph/graph-error.ts';
import { AUTH_METHOD_SEGMENTS, type IdentityResponseApi } from '../graph/response-graph.ts';
import { ConflictError, HttpError, NotFoundError } from '../routes/http-error.ts';
import type { IncidentActionsTable, IncidentResponseTables } from './incident-response-tables.ts';

/** Held mail of an incident's accounts, and its release (the mailbox module's holds). */
export interface HeldMailPort {
  /** Holds still in place on mail from these addresses (lower case) received at or after `since`. */
  heldFrom(addresses: readonly string[], since: string): Promise<{ holdId: string }[]>;
  /** Releases one hold; false when it was no longer held. */
  release(holdId: string, actor: string): Promise<boolean>;
}

export interface IncidentResponseDeps {
  db: Kysely<IncidentResponseTables>;
  clock: Clock;
  incidents: { incidents(): Incident[] };
  /** Reads: the directory (account enabled?) and authentication methods. */
  graph: Pick<GraphApi, 'listUsers' | 'getAuthMethods'> | null;
  /** Writes: the response calls; null = actions are refused with 503 (no Graph module that has them). */
  response: IdentityResponseApi | null;
  held?: HeldMailPort | null;
}

export interface Analyst {
  upn: string;
}

/** Actions Graph can undo (the rest are final: sessions stay revoked, a deleted method is re-registered by the user). */
const UNDOABLE: ReadonlySet<ResponseActionKind> = new Set(['disable-account', 'remove-inbox-rule']);
/** States in which response actions may be taken. */
const ACTIVE: ReadonlySet<IncidentState> = new Set(['acknowledged', 'contained']);
const METHOD_MARGIN_MS = 3_600_000;
const AUDIT_LIMIT = 500;

const STATE_WORDS: Record<IncidentState, string> = {
  new: 'new',
  acknowledged: 'acknowledged',
  contained: 'contained',
  resolved: 'resolved',
  benign: 'benign (not an attack)',
};

function graphFailure(err: unknown): string {
  if (err instanceof GraphError) return `Microsoft Graph answered ${err.status || 'nothing'} ${err.code}.`;
  return err instanceof Error ? err.message : String(err);
}

function isGone(err: unknown): boolean {
  return err instanceof GraphError && err.status === 404;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function recipients(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((r) => {
    const a = typeof r === 'object' && r !== null ? (r as { emailAddress?: { address?: unknown } }).emailAddress?.address : undefined;
    return typeof a === 'string' ? [a] : [];
  });
}

/** What an inbox rule does, as readable text, and whether it sends mail out. */
export function describeRule(rule: Record<string, unknown>): { effect: string; forwards: boolean } {
  const actions = (typeof rule['actions'] === 'object' && rule['actions'] !== null ? rule['actions'] : {}) as Record<string, unknown>;
  const parts: string[] = [];
  const fwd = recipients(actions['forwardTo']);
  const att = recipients(actions['forwardAsAttachmentTo']);
  const red = recipients(actions['redirectTo']);
  if (fwd.length) parts.push(`forwards to ${fwd.join(', ')}`);
  if (att.length) parts.push(`forwards as attachment to ${att.join(', ')}`);
  if (red.length) parts.push(`redirects to ${red.join(', ')}`);
  if (str(actions['moveToFolder'])) parts.push('moves mail to another folder');
  if (actions['delete'] === true || actions['permanentDelete'] === true) parts.push('deletes mail');
  if (actions['markAsRead'] === true) parts.push('marks mail as read');
  return { effect: parts.length ? parts.join('; ') : 'no actions Lantern recognises', forwards: fwd.length + att.length + red.length > 0 };
}

function methodLabel(m: Record<string, unknown>): string {
  const type = (str(m['@odata.type']) ?? '').replace('#microsoft.graph.', '').replace(/AuthenticationMethod$/, '');
  const names: Record<string, string> = { microsoftAuthenticator: 'Microsoft Authenticator', phone: 'Phone', email: 'Email', fido2: 'Security key', softwareOath: 'Software token', temporaryAccessPass: 'Temporary Access Pass', windowsHelloForBusiness: 'Windows Hello', password: 'Password' };
  const name = names[type] ?? type;
  const detail = str(m['displayName']) ?? str(m['phoneNumber']) ?? str(m['emailAddress']);
  return detail ? `${name} (${detail})` : name;
}

let auditCounter = 0;
/** Audit ids sort in the order rows were written (wall-clock ms, then a counter), for rows with the same `at`. */
function auditId(): string {
  auditCounter = (auditCounter + 1) % 1_000_000;
  return `${String(Date.now()).padStart(15, '0')}-${String(auditCounter).padStart(6, '0')}-${randomUUID().slice(0, 8)}`;
}

export class IncidentResponse {
  readonly #deps: IncidentResponseDeps;
  readonly #closed = new Map<string, string>();
  #loadedAt = Number.NEGATIVE_INFINITY;

  constructor(deps: IncidentResponseDeps) {
    this.#deps = deps;
  }

  /** Reads the closed incidents into memory (the mail scorer asks `closedAt` synchronously). Call once at start. */
  async load(): Promise<void> {
    const readAt = performance.now();
    const rows = await this.#deps.db.selectFrom('incident_cases').select(['incident_id', 'closed_at']).where('closed_at', 'is not', null).execute();
    this.#closed.clear();
    for (const r of rows) if (r.closed_at) this.#closed.set(r.incident_id, r.closed_at);
    this.#loadedAt = readAt;
  }

  /**
   * Reads the closed incidents again when the copy in memory is older than `maxAgeMs`: with several instances, an
   * incident another instance resolved (or reopened) reaches this one's mail scoring within that time.
   */
  async refresh(maxAgeMs: number): Promise<void> {
    if (performance.now() - this.#loadedAt >= maxAgeMs) await this.load();
  }

  /** When the incident was resolved or marked benign, or null while it is open. */
  closedAt(incidentId: string): string | null {
    return this.#closed.get(incidentId) ?? null;
  }

  #incident(id: string): Incident {
    const found = this.#deps.incidents.incidents().find((i) => i.id === id);
    if (!found) throw new NotFoundError('No such incident.');
    return found;
  }

  #now(): string {
    return this.#deps.clock.now().toISOString();
  }

  async #audit(trx: Kysely<IncidentResponseTables> | Transaction<IncidentResponseTables>, incidentId: string, actor: string, action: string, summary: string, detail: Record<string, unknown>, at: string): Promise<void> {
    await trx.insertInto('incident_audit').values({ id: auditId(), incident_id: incidentId, at, actor, action, summary, detail: JSON.stringify(detail) }).execute();
  }

  async caseOf(incidentId: string): Promise<IncidentCase> {
    const incident = this.#incident(incidentId);
    const db = this.#deps.db;
    const row = await db.selectFrom('incident_cases').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
    const audit = await db.selectFrom('incident_audit').selectAll().where('incident_id', '=', incidentId).orderBy('at', 'desc').orderBy('id', 'desc').limit(AUDIT_LIMIT).execute();
    const actions = await db.selectFrom('incident_actions').selectAll().where('incident_id', '=', incidentId).orderBy('at', 'desc').execute();
    const state = row?.state ?? 'new';
    const held = this.#deps.held ? (await this.#deps.held.heldFrom(incident.users.map((u) => u.toLowerCase()), incident.start)).length : 0;
    return {
      incidentId,
      state,
      owner: row?.owner ?? null,
      stateChangedAt: row?.state_changed_at ?? null,
      closedAt: row?.closed_at ?? null,
      next: [...INCIDENT_TRANSITIONS[state]],
      audit: audit.map((a): IncidentAuditItem => ({ id: a.id, at: a.at, actor: a.actor, action: a.action, summary: a.summary })),
      actions: actions.map((a) => this.#actionItem(a)),
      heldMail: held,
    };
  }

  #actionItem(a: IncidentActionsTable): ResponseActionItem {
    return {
      id: a.id,
      kind: a.kind,
      userId: a.user_id,
      targetId: a.target_id,
      targetLabel: a.target_label,
      status: a.status,
      result: a.result,
      undoable: a.status === 'done' && a.undo_data !== null && UNDOABLE.has(a.kind),
      actor: a.actor,
      at: a.at,
      undoneAt: a.undone_at,
      undoneBy: a.undone_by,
    };
  }

  /** Moves the incident to `to`; 409 when that is not a move allowed from its current state. */
  async transition(incidentId: string, to: IncidentState, analyst: Analyst, note?: string): Promise<IncidentCase> {
    this.#incident(incidentId);
    const now = this.#now();
    const closes = to === 'resolved' || to === 'benign';
    await this.#deps.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('incident_cases').select(['state']).where('incident_id', '=', incidentId).executeTakeFirst();
      const from: IncidentState = row?.state ?? 'new';
      if (!INCIDENT_TRANSITIONS[from].includes(to)) {
        const allowed = INCIDENT_TRANSITIONS[from].join(' or ');
        throw new ConflictError('illegal_transition', `The incident is ${STATE_WORDS[from]}: it can move to ${allowed}, not to ${to}.`);
      }
      const values = { state: to, state_changed_at: now, closed_at: closes ? now : null, updated_at: now };
      if (row) {
        // Only from the state read above: a concurrent change makes this update match nothing.
        const res = await trx.updateTable('incident_cases').set(values).where('incident_id', '=', incidentId).where('state', '=', from).executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new ConflictError('concurrent_change', 'Someone else changed this incident just now: reload it.');
      } else {
        await trx.insertInto('incident_cases').values({ incident_id: incidentId, owner: null, ...values }).execute();
      }
      const verb = to === 'acknowledged' && (from === 'resolved' || from === 'benign') ? 'reopened the incident' : to === 'benign' ? 'marked the incident benign (not an attack)' : `marked the incident ${to}`;
      const trimmed = note?.trim();
      await this.#audit(trx, incidentId, analyst.upn, `state-${to}`, `${analyst.upn} ${verb}${trimmed ? `: “${trimmed}”` : '.'}`, { from, to, ...(trimmed ? { note: trimmed } : {}) }, now);
    });
    if (closes) this.#closed.set(incidentId, now);
    else this.#closed.delete(incidentId);
    return this.caseOf(incidentId);
  }

  async setOwner(incidentId: string, owner: string | null, analyst: Analyst): Promise<IncidentCase> {
    this.#incident(incidentId);
    const now = this.#now();
    const clean = owner?.trim() || null;
    await this.#deps.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('incident_cases').select(['owner']).where('incident_id', '=', incidentId).executeTakeFirst();
      if (row) await trx.updateTable('incident_cases').set({ owner: clean, updated_at: now }).where('incident_id', '=', incidentId).execute();
      else await trx.insertInto('incident_cases').values({ incident_id: incidentId, state: 'new', owner: clean, state_changed_at: now, closed_at: null, updated_at: now }).execute();
      const summary = clean ? (clean === analyst.upn ? `${analyst.upn} took ownership of the incident.` : `${analyst.upn} assigned the incident to ${clean}.`) : `${analyst.upn} left the incident without an owner.`;
      await this.#audit(trx, incidentId, analyst.upn, 'owner', summary, { from: row?.owner ?? null, to: clean }, now);
    });
    return this.caseOf(incidentId);
  }

  async addNote(incidentId: string, text: string, analyst: Analyst): Promise<IncidentCase> {
    this.#incident(incidentId);
    const clean = text.trim();
    if (!clean) throw new HttpError(400, 'empty_note', 'Write the note first.');
    await this.#audit(this.#deps.db, incidentId, analyst.upn, 'note', `${analyst.upn} noted: “${clean}”`, { note: clean }, this.#now());
    return this.caseOf(incidentId);
  }

  /** The incident's accounts with what response can act on: inbox rules, authentication methods, account state. */
  async targets(incidentId: string): Promise<ResponseTargets> {
    const incident = this.#incident(incidentId);
    const users = this.#usersOf(incident);
    const directory = this.#deps.graph ? await this.#deps.graph.listUsers().then((l) => l.users, () => []) : [];
    const start = Date.parse(incident.start) - METHOD_MARGIN_MS;
    const end = Date.parse(incident.end) + METHOD_MARGIN_MS;
    const out: ResponseTargets['users'] = [];
    for (const [userId, upn] of users) {
      const entry = directory.find((d) => d.id === userId);
      const errors: string[] = [];
      let rules: ResponseTargets['users'][number]['rules'] = [];
      let methods: ResponseTargets['users'][number]['methods'] = [];
      if (this.#deps.response) {
        try {
          rules = (await this.#deps.response.listInboxRules(userId)).flatMap((r) => {
            if (typeof r !== 'object' || r === null) return [];
            const rec = r as Record<string, unknown>;
            const id = str(rec['id']);
            return id ? [{ id, name: str(rec['displayName']) ?? '(unnamed rule)', ...describeRule(rec) }] : [];
          });
        } catch (err) {
          errors.push(`Inbox rules could not be read: ${graphFailure(err)}`);
        }
      }
      if (this.#deps.graph) {
        try {
          methods = (await this.#deps.graph.getAuthMethods(userId)).flatMap((m) => {
            if (typeof m !== 'object' || m === null) return [];
            const rec = m as Record<string, unknown>;
            const id = str(rec['id']);
            const type = str(rec['@odata.type']) ?? '';
            const created = str(rec['createdDateTime']);
            const t = created ? Date.parse(created) : NaN;
            return id ? [{ id, type, label: methodLabel(rec), createdAt: created, duringIncident: Number.isFinite(t) && t >= start && t <= end, removable: type in AUTH_METHOD_SEGMENTS }] : [];
          });
        } catch (err) {
          errors.push(`Authentication methods could not be read: ${graphFailure(err)}`);
        }
      }
      out.push({ userId, upn, displayName: entry?.displayName ?? null, accountEnabled: entry?.accountEnabled ?? null, rules, methods, error: errors.length ? errors.join(' ') : null });
    }
    return { users: out };
  }

  /** Graph user id → UPN of the incident's accounts. */
  #usersOf(incident: Incident): Map<string, string> {
    const users = new Map<string, string>();
    for (const b of incident.breaches) if (!users.has(b.userId)) users.set(b.userId, b.user);
    return users;
  }

  /** Runs a confirmed response action once per request id; a retry answers with the first run's row. */
  async runAction(incidentId: string, body: ResponseActionBody, analyst: Analyst): Promise<ResponseActionItem> {
    const incident = this.#incident(incidentId);
    const db = this.#deps.db;
    const requestKey = `${incidentId}:${body.requestId}`;
    const existing = await db.selectFrom('incident_actions').selectAll().where('request_key', '=', requestKey).executeTakeFirst();
    if (existing) return this.#actionItem(existing);

    const state = (await db.selectFrom('incident_cases').select('state').where('incident_id', '=', incidentId).executeTakeFirst())?.state ?? 'new';
    if (!ACTIVE.has(state)) throw new ConflictError('incident_not_active', `The incident is ${STATE_WORDS[state]}: acknowledge it before acting on its accounts.`);
    const upn = this.#usersOf(incident).get(body.userId);
    if (!upn) throw new HttpError(400, 'not_in_incident', 'That account is not part of this incident.');
    const graph = this.#deps.response;
    if (!graph) throw new HttpError(503, 'response_unavailable', 'Response actions need the Graph module; this instance has none.');

    const plan = await this.#plan(graph, body, upn);
    const now = this.#now();
    const row: IncidentActionsTable = {
      id: randomUUID(), request_key: requestKey, incident_id: incidentId, kind: body.kind, user_id: body.userId, target_id: body.targetId ?? null,
      target_label: plan.label, status: 'running', result: 'Started.', undo_data: null, actor: analyst.upn, at: now, undone_at: null, undone_by: null,
    };
    const inserted = await db.insertInto('incident_actions').values(row).onConflict((oc) => oc.column('request_key').doNothing()).executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) {
      const first = await db.selectFrom('incident_actions').selectAll().where('request_key', '=', requestKey).executeTakeFirstOrThrow();
      return this.#actionItem(first);
    }

    let status: 'done' | 'failed' = 'done';
    let result: string;
    try {
      result = await plan.run();
    } catch (err) {
      status = 'failed';
      result = `Failed: ${graphFailure(err)}`;
    }
    const done = this.#now();
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('incident_actions').set({ status, result, undo_data: status === 'done' ? plan.undoData : null }).where('id', '=', row.id).execute();
      await this.#audit(trx, incidentId, analyst.upn, `action-${body.kind}`, `${analyst.upn} ${plan.verb} ${plan.label}: ${result}`, { actionId: row.id, kind: body.kind, userId: body.userId, targetId: body.targetId ?? null, status }, done);
    });
    return this.#actionItem({ ...row, status, result, undo_data: status === 'done' ? plan.undoData : null });
  }

  async #plan(graph: IdentityResponseApi, body: ResponseActionBody, upn: string): Promise<{ label: string; verb: string; undoData: string | null; run(): Promise<string> }> {
    const userId = body.userId;
    switch (body.kind) {
      case 'revoke-sessions':
        return { label: `the sessions of ${upn}`, verb: 'revoked', undoData: null, run: async () => (await graph.revokeSignInSessions(userId), `Every session of ${upn} must sign in again (Graph may take a few minutes).`) };
      case 'disable-account':
        return { label: `the account ${upn}`, verb: 'disabled', undoData: JSON.stringify({ accountEnabled: true }), run: async () => (await graph.setAccountEnabled(userId, false), `${upn} can no longer sign in.`) };
      case 'require-password-reset':
        return { label: `the password of ${upn}`, verb: 'required a new password for', undoData: null, run: async () => (await graph.requirePasswordChange(userId), `${upn} must choose a new password at next sign-in.`) };
      case 'remove-inbox-rule': {
        if (!body.targetId) throw new HttpError(400, 'target_required', 'Name the inbox rule to remove.');
        const ruleId = body.targetId;
        const rules = await graph.listInboxRules(userId);
        const rule = rules.find((r): r is Record<string, unknown> => typeof r === 'object' && r !== null && (r as Record<string, unknown>)['id'] === ruleId);
        if (!rule) throw new ConflictError('target_gone', 'That inbox rule no longer exists.');
        const name = str(rule['displayName']) ?? '(unnamed)';
        const { effect } = describeRule(rule);
        // The definition without server-set fields: what POST messageRules takes back on undo.
        const { id: _id, hasError: _e, isReadOnly: _r, ...definition } = rule;
        return {
          label: `inbox rule “${name}” of ${upn} (${effect})`,
          verb: 'removed',
          undoData: JSON.stringify(definition),
          run: async () => {
            try {
              await graph.deleteInboxRule(userId, ruleId);
            } catch (err) {
              if (isGone(err)) return 'The rule was already gone.';
              throw err;
            }
            return 'The rule was deleted.';
          },
        };
      }
      case 'remove-auth-method': {
        if (!body.targetId) throw new HttpError(400, 'target_required', 'Name the authentication method to remove.');
        const methodId = body.targetId;
        const methods = this.#deps.graph ? await this.#deps.graph.getAuthMethods(userId) : [];
        const method = methods.find((m): m is Record<string, unknown> => typeof m === 'object' && m !== null && (m as Record<string, unknown>)['id'] === methodId);
        if (!method) throw new ConflictError('target_gone', 'That authentication method no longer exists.');
        const type = str(method['@odata.type']) ?? '';
        if (!(type in AUTH_METHOD_SEGMENTS)) throw new HttpError(400, 'not_removable', `${methodLabel(method)} cannot be removed through Graph.`);
        return {
          label: `${methodLabel(method)} of ${upn}`,
          verb: 'removed',
          undoData: null,
          run: async () => {
            try {
              await graph.deleteAuthMethod(userId, type, methodId);
            } catch (err) {
              if (isGone(err)) return 'The method was already gone.';
              throw err;
            }
            return 'The method was deleted; the user registers their own again.';
          },
        };
      }
    }
  }

  /** Undoes an action Graph can undo; undoing twice answers with the first undo. */
  async undoAction(incidentId: string, actionId: string, analyst: Analyst): Promise<ResponseActionItem> {
    this.#incident(incidentId);
    const db = this.#deps.db;
    const row = await db.selectFrom('incident_actions').selectAll().where('id', '=', actionId).where('incident_id', '=', incidentId).executeTakeFirst();
    if (!row) throw new NotFoundError('No such action on this incident.');
    if (row.status === 'undone') return this.#actionItem(row);
    if (row.status !== 'done' || row.undo_data === null || !UNDOABLE.has(row.kind)) throw new ConflictError('not_undoable', 'This action cannot be undone.');
    const graph = this.#deps.response;
    if (!graph) throw new HttpError(503, 'response_unavailable', 'Response actions need the Graph module; this instance has none.');
    const now = this.#now();
    // Claim the undo: a concurrent or repeated undo finds undone_at set and does not act again.
    const claimed = await db.updateTable('incident_actions').set({ undone_at: now, undone_by: analyst.upn }).where('id', '=', actionId).where('status', '=', 'done').where('undone_at', 'is', null).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) {
      const again = await db.selectFrom('incident_actions').selectAll().where('id', '=', actionId).executeTakeFirstOrThrow();
      if (again.status === 'undone') return this.#actionItem(again);
      throw new ConflictError('undo_in_progress', 'This action is being undone already.');
    }
    let result: string;
    let newRuleId: string | null = null;
    try {
      if (row.kind === 'disable-account') {
        await graph.setAccountEnabled(row.user_id, true);
        result = 'Undone: the account can sign in again.';
      } else {
        const definition = JSON.parse(row.undo_data) as Record<string, unknown>;
        newRuleId = await graph.createInboxRule(row.user_id, definition);
        result = 'Undone: the rule was created again.';
      }
    } catch (err) {
      await db.updateTable('incident_actions').set({ undone_at: null, undone_by: null }).where('id', '=', actionId).execute();
      await this.#audit(db, incidentId, analyst.upn, `undo-${row.kind}`, `${analyst.upn} tried to undo “${row.target_label}”: ${graphFailure(err)}`, { actionId, status: 'failed' }, this.#now());
      throw new HttpError(502, 'graph_failed', `The undo failed: ${graphFailure(err)}`);
    }
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('incident_actions').set({ status: 'undone', result: `${row.result} ${result}` }).where('id', '=', actionId).execute();
      await this.#audit(trx, incidentId, analyst.upn, `undo-${row.kind}`, `${analyst.upn} undid the action on ${row.target_label}. ${result}`, { actionId, status: 'undone', ...(newRuleId ? { newRuleId } : {}) }, this.#now());
    });
    return this.#actionItem({ ...row, status: 'undone', result: `${row.result} ${result}`, undone_at: now, undone_by: analyst.upn });
  }

  /** Releases the mail still held from the incident's accounts (offered once the incident is closed). */
  async releaseHeld(incidentId: string, analyst: Analyst): Promise<ReleaseHeldResponse> {
    const incident = this.#incident(incidentId);
    if (!this.#closed.has(incidentId)) throw new ConflictError('incident_open', 'Resolve the incident (or mark it benign) before releasing the mail it held.');
    const held = this.#deps.held;
    if (!held) return { released: 0, failed: 0, message: 'No held mail to release.' };
    const holds = await held.heldFrom(incident.users.map((u) => u.toLowerCase()), incident.start);
    let released = 0;
    let failed = 0;
    for (const h of holds) {
      try {
        if (await held.release(h.holdId, analyst.upn)) released++;
      } catch {
        failed++;
      }
    }
    const plural = (n: number) => (n === 1 ? '1 message' : `${n} messages`);
    const message = failed ? `Released ${plural(released)}; ${plural(failed)} could not be released.` : `Released ${plural(released)} to the recipients' mailboxes.`;
    await this.#audit(this.#deps.db, incidentId, analyst.upn, 'release-held', `${analyst.upn} released the mail held from the incident's accounts: ${message}`, { released, failed }, this.#now());
    return { released, failed, message };
  }
}
