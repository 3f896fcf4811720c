// The simulated Microsoft Graph v1.0: routing, paging, filters, delta, $batch, throttling and faults over
// TenantState. Transport-free: the HTTPS server and $batch both call `dispatch`.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GraphInternetMessageHeader, GraphMessage, GraphMessageRule, GraphRecipient, GraphSignIn } from '@lantern/shared';
import { AUTH_METHOD_SEGMENTS } from '../graph/response-graph.ts';
import type { Clock } from '../clock.ts';
import type { FaultInjector } from './faults.ts';
import { GraphHttpError, badRequest, graphErrorBody, notFound, userNotFound } from './graph-error.ts';
import type { GraphCaller } from './identity-provider.ts';
import { matchesFilter, parseFilter, type FilterClause } from './odata-filter.ts';
import type { SimStats } from './sim-stats.ts';
import { TenantStateError, type StoredFolder, type StoredMessage, type TenantState, type UserPatch } from './tenant-state.ts';
import type { Throttle, ThrottleScope } from './throttle.ts';
import type { MimeAttachment } from './mime.ts';
import { signInEventTypesOf, signInForVersion, splitSignInEventTypeFilter, type SignInEventType } from './sign-in-versions.ts';

/** The Graph API versions the simulator serves (`/v1.0/...` and `/beta/...`). */
export type GraphVersion = 'v1.0' | 'beta';

export interface SimRequest {
  method: string;
  /** Graph path without `/v1.0` or `/beta`, e.g. `/users/abc/messages`. */
  path: string;
  /** Which version was asked for (default v1.0): sign-ins differ between them. */
  version?: GraphVersion;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: unknown;
}

export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON value, or raw text when `text` is set. */
  body?: unknown;
  text?: string;
  /** Deliberately broken JSON (fault injection). */
  malformed?: string;
}

interface Ctx {
  req: SimRequest;
  caller: GraphCaller;
  immutable: boolean;
}

type Handler = (ctx: Ctx, params: string[]) => SimResponse | Promise<SimResponse>;

interface Route {
  method: string;
  /** Segments; `{}` is a parameter. */
  pattern: string[];
  template: string;
  handler: Handler;
  list: boolean;
  scope: (params: string[]) => ThrottleScope;
}

export interface GraphApiDeps {
  state: TenantState;
  /** https://localhost:PORT/v1.0 */
  graphUrl: string;
  throttle: Throttle | undefined;
  faults: FaultInjector;
  stats: SimStats;
  realClock: Clock;
  /**
   * Answer a `$batch` one of whose requests was throttled (429) with an outer 424 Failed Dependency (still
   * carrying every per-item answer), as Microsoft documents for throttling inside a batch. Default: 200.
   */
  batchFailsWhenThrottled?: boolean;
  /**
   * Whether `/beta` answers (default true). False stands for a tenant or network that refuses beta: every
   * beta request gets 400 BadRequest, as Graph answers an unknown version.
   */
  betaAvailable?: boolean;
}

const FAULT_CODES: Record<number, string> = { 424: 'FailedDependency', 429: 'TooManyRequests', 500: 'InternalServerError', 502: 'BadGateway', 503: 'ServiceUnavailable', 504: 'GatewayTimeout' };

function faultError(status: number, retryAfterSeconds: number | undefined): GraphHttpError {
  const message = status === 429 ? 'Application is over its request limit.' : status === 424 ? 'A request of this batch failed.' : 'The service is temporarily unavailable. Please retry.';
  return new GraphHttpError(status, FAULT_CODES[status] ?? 'ServiceUnavailable', message, retryAfterSeconds ? { 'Retry-After': String(retryAfterSeconds) } : {});
}

const MAX_TOP_LOGS = 1000;
const MAX_BATCH = 20;
const BATCH_PARALLELISM = 4;
const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

const encodeToken = (v: unknown): string => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');
function decodeToken<T>(token: string, check: (v: Record<string, unknown>) => boolean): T {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (typeof v === 'object' && v !== null && check(v as Record<string, unknown>)) return v as T;
  } catch {
    // fall through
  }
  throw badRequest('The skip or delta token is invalid or has expired.', 'SyncStateNotFound');
}

export class GraphApi {
  readonly #routes: Route[] = [];

  constructor(private readonly deps: GraphApiDeps) {
    const mbx = (p: string[]): ThrottleScope => ({ kind: 'mailbox', mailbox: this.deps.state.user(p[0] ?? '')?.id ?? (p[0] ?? '').toLowerCase() });
    const idr = (): ThrottleScope => ({ kind: 'identityReport' });
    const none = (): ThrottleScope => ({ kind: 'none' });
    const r = (method: string, template: string, handler: Handler, scope: (p: string[]) => ThrottleScope, list = false): void => {
      this.#routes.push({ method, pattern: template.split('/').filter(Boolean), template, handler, list, scope });
    };
    r('GET', '/users', (c) => this.#listUsers(c), none, true);
    r('GET', '/users/{}', (c, [u]) => ({ status: 200, headers: {}, body: this.#select(c, { '@odata.context': `${this.deps.graphUrl}/$metadata#users/$entity`, ...this.#user(u) }) }), none);
    // authenticationMethod is among the "identity and access reports" resources (5 requests / 10 s / tenant).
    r('PATCH', '/users/{}', (c, [u]) => this.#patchUser(c, u ?? ''), none);
    r('POST', '/users/{}/revokeSignInSessions', (c, [u]) => this.#revokeSessions(u ?? ''), none);
    r('GET', '/users/{}/authentication/methods', (c, [u]) => this.#methods(u ?? ''), idr, true);
    r('DELETE', '/users/{}/authentication/{}/{}', (c, [u, kind, id]) => this.#deleteMethod(u ?? '', kind ?? '', id ?? ''), none);
    r('GET', '/auditLogs/signIns', (c) => this.#auditList(c, 'signIns'), idr, true);
    r('GET', '/auditLogs/signIns/{}', (c, [id]) => this.#auditOne(c, 'signIns', id ?? ''), idr);
    r('GET', '/auditLogs/directoryAudits', (c) => this.#auditList(c, 'directoryAudits'), idr, true);
    r('GET', '/auditLogs/directoryAudits/{}', (c, [id]) => this.#auditOne(c, 'directoryAudits', id ?? ''), idr);
    r('GET', '/users/{}/mailboxSettings', (c, [u]) => this.#mailboxSettings(c, u ?? ''), mbx);
    r('GET', '/users/{}/mailFolders', (c, [u]) => this.#listFolders(c, u ?? '', undefined), mbx, true);
    r('POST', '/users/{}/mailFolders', (c, [u]) => this.#createFolder(c, u ?? '', undefined), mbx);
    r('GET', '/users/{}/mailFolders/{}', (c, [u, f]) => ({ status: 200, headers: {}, body: this.#folderJson(u ?? '', this.#folder(u ?? '', f ?? '')) }), mbx);
    r('GET', '/users/{}/mailFolders/{}/childFolders', (c, [u, f]) => this.#listFolders(c, u ?? '', f), mbx, true);
    r('POST', '/users/{}/mailFolders/{}/childFolders', (c, [u, f]) => this.#createFolder(c, u ?? '', f), mbx);
    r('GET', '/users/{}/mailFolders/{}/messageRules', (c, [u, f]) => this.#rules(u ?? '', f ?? ''), mbx, true);
    r('POST', '/users/{}/mailFolders/{}/messageRules', (c, [u, f]) => this.#createRule(c, u ?? '', f ?? ''), mbx);
    r('DELETE', '/users/{}/mailFolders/{}/messageRules/{}', (c, [u, f, id]) => this.#deleteRule(u ?? '', f ?? '', id ?? ''), mbx);
    r('GET', '/users/{}/mailFolders/{}/messages', (c, [u, f]) => this.#listMessages(c, u ?? '', f ?? ''), mbx, true);
    r('GET', '/users/{}/mailFolders/{}/messages/delta', (c, [u, f]) => this.#delta(c, u ?? '', f ?? ''), mbx, true);
    r('GET', '/users/{}/mailFolders/{}/messages/{}', (c, [u, , m]) => this.#getMessage(c, u ?? '', m ?? ''), mbx);
    r('GET', '/users/{}/messages', (c, [u]) => this.#listMessages(c, u ?? '', undefined), mbx, true);
    r('GET', '/users/{}/messages/{}', (c, [u, m]) => this.#getMessage(c, u ?? '', m ?? ''), mbx);
    r('GET', '/users/{}/messages/{}/$value', (c, [u, m]) => this.#mime(u ?? '', m ?? ''), mbx);
    r('PATCH', '/users/{}/messages/{}', (c, [u, m]) => this.#patchMessage(c, u ?? '', m ?? ''), mbx);
    r('POST', '/users/{}/messages/{}/move', (c, [u, m]) => this.#move(c, u ?? '', m ?? ''), mbx);
    r('POST', '/users/{}/sendMail', (c, [u]) => this.#sendMail(c, u ?? ''), mbx);
  }

  /** Handles one request (top level or inside $batch), with throttling, faults and stats. */
  async dispatch(req: SimRequest, caller: GraphCaller, inner = false): Promise<SimResponse> {
    const requestId = randomUUID();
    const clientRequestId = req.headers['client-request-id'] ?? requestId;
    const base = { 'request-id': requestId, 'client-request-id': clientRequestId, 'x-ms-ags-diagnostic': '{"ServerInfo":{"DataCenter":"Localhost","Slice":"E","Ring":"SIM","ScaleUnit":"000","RoleInstance":"lantern-sim"}}' };
    let template = `${req.method} (unknown)`;
    let response: SimResponse;
    try {
      if (req.version === 'beta' && this.deps.betaAvailable === false) throw badRequest('Invalid version: beta', 'BadRequest');
      if (req.method === 'POST' && (req.path === '/$batch' || req.path === '/%24batch')) {
        template = 'POST /$batch';
        if (inner) throw badRequest('Nested $batch requests are not supported.');
        const fault = this.deps.faults.pickScripted(req.method, '/$batch', false);
        if (fault) this.deps.stats.fault();
        if (fault?.kind === 'slow') await sleep(fault.ms);
        if (fault?.kind === 'status') throw faultError(fault.status, fault.retryAfterSeconds);
        response = await this.#batch(req, caller);
        if (fault?.kind === 'malformed-json') response = { ...response, malformed: JSON.stringify(response.body).slice(0, 40) };
      } else {
        response = await this.#route(req, caller, (t) => (template = t));
      }
    } catch (err) {
      response = this.#errorResponse(err, requestId, clientRequestId);
    }
    response.headers = { ...base, ...response.headers };
    if (response.body !== undefined || response.malformed !== undefined) response.headers['Content-Type'] ??= JSON_TYPE;
    if (response.status >= 400 && response.body && typeof response.body === 'object' && 'error' in response.body) {
      const e = (response.body as { error: { innerError?: Record<string, string> } }).error;
      e.innerError = { date: this.deps.realClock.now().toISOString().replace(/\.\d{3}Z$/, 'Z'), 'request-id': requestId, 'client-request-id': clientRequestId };
    }
    this.deps.stats.record(template, response.status, inner);
    return response;
  }

  #errorResponse(err: unknown, requestId: string, clientRequestId: string): SimResponse {
    const now = this.deps.realClock.now();
    if (err instanceof GraphHttpError) return { status: err.status, headers: { ...err.headers }, body: graphErrorBody(err.code, err.message, now, requestId, clientRequestId) };
    if (err instanceof TenantStateError) {
      const status = err.kind === 'invalid' ? 400 : 404;
      const code = err.kind === 'user' ? 'Request_ResourceNotFound' : err.kind === 'folder' ? 'ErrorInvalidIdMalformed' : err.kind === 'message' ? 'ErrorItemNotFound' : 'ErrorInvalidRequest';
      return { status, headers: {}, body: graphErrorBody(code, err.message, now, requestId, clientRequestId) };
    }
    return { status: 500, headers: {}, body: graphErrorBody('InternalServerError', 'Internal Server Error', now, requestId, clientRequestId) };
  }

  async #route(req: SimRequest, caller: GraphCaller, setTemplate: (t: string) => void): Promise<SimResponse> {
    let segments = splitPath(req.path);
    if (segments[0]?.toLowerCase() === 'me') {
      if (caller.kind !== 'user' || !caller.userId) throw badRequest('/me request is only valid with delegated authentication flow.');
      segments = ['users', caller.userId, ...segments.slice(1)];
    }
    const candidates = this.#routes.filter((r) => matches(r.pattern, segments));
    if (candidates.length === 0) throw badRequest(`Resource not found for the segment '${segments[segments.length - 1] ?? ''}'.`);
    // Literal segments beat parameters (e.g. messages/delta vs messages/{id}).
    candidates.sort((a, b) => literalCount(b.pattern) - literalCount(a.pattern));
    const best = candidates.filter((r) => literalCount(r.pattern) === literalCount(candidates[0]?.pattern ?? []));
    const route = best.find((r) => r.method === req.method);
    if (!route) {
      setTemplate(`${req.method} ${best[0]?.template ?? ''}`);
      throw new GraphHttpError(405, 'Request_BadRequest', `The HTTP method '${req.method}' is not supported for this resource.`);
    }
    setTemplate(`${route.method} ${route.template}`);
    const params = route.pattern.flatMap((p, i) => (p === '{}' ? [segments[i] ?? ''] : []));
    const scope = route.scope(params);
    // A user without a mailbox (no Exchange licence, inactive or on-premises mailbox): Graph's answer to any
    // mail, folder, rule or settings request for them.
    if (scope.kind === 'mailbox' && this.deps.state.user(params[0] ?? '') && this.deps.state.mailboxPurpose(params[0] ?? '') === 'none') {
      throw new GraphHttpError(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.');
    }
    const admission = this.deps.throttle?.admit(scope) ?? { ok: true as const, release: () => undefined };
    if (!admission.ok) {
      throw new GraphHttpError(429, 'TooManyRequests', `Application is over its request limit (${admission.reason}).`, { 'Retry-After': String(admission.retryAfterSeconds) });
    }
    try {
      const fault = this.deps.faults.pick(req.method, req.path, route.list);
      if (fault) this.deps.stats.fault();
      if (fault?.kind === 'slow') await sleep(fault.ms);
      else await Promise.resolve();
      if (fault?.kind === 'status') throw faultError(fault.status, fault.retryAfterSeconds);
      if (fault?.kind === 'empty-page') {
        const again = `${this.deps.graphUrl}${req.path}${req.query.size > 0 ? `?${req.query.toString()}` : ''}`;
        return { status: 200, headers: {}, body: { value: [], '@odata.nextLink': again } };
      }
      const ctx: Ctx = { req, caller, immutable: /IdType\s*=\s*"?ImmutableId"?/i.test(req.headers['prefer'] ?? '') };
      const response = await route.handler(ctx, params);
      if (ctx.immutable && response.status < 300) response.headers['Preference-Applied'] = [response.headers['Preference-Applied'], 'IdType="ImmutableId"'].filter(Boolean).join(', ');
      if (fault?.kind === 'malformed-json' && response.body !== undefined) {
        const text = JSON.stringify(response.body);
        return { status: response.status, headers: response.headers, malformed: text.slice(0, Math.max(1, Math.floor(text.length / 2))) };
      }
      return response;
    } finally {
      admission.release();
    }
  }

  // ---------- users ----------
  #user(idOrUpn: string | undefined): Record<string, unknown> {
    const u = this.deps.state.user(idOrUpn ?? '');
    if (!u) throw userNotFound(idOrUpn ?? '');
    return { ...u };
  }

  #listUsers(c: Ctx): SimResponse {
    let all = this.deps.state.users();
    const filter = c.req.query.get('$filter');
    if (filter) {
      const fields: Record<string, 'string'> = { id: 'string', userPrincipalName: 'string', mail: 'string', displayName: 'string', department: 'string', city: 'string', country: 'string', usageLocation: 'string', jobTitle: 'string' };
      const clauses = parseFilter(filter, { fields });
      all = all.filter((u) => matchesFilter(clauses, (f) => readPath(u as unknown as Record<string, unknown>, f)));
    }
    const top = topOf(c.req.query, 100, 999);
    const skip = skipOf(c.req.query);
    const page = all.slice(skip, skip + top).map((u) => this.#select(c, { ...u }));
    return this.#page(c, 'users', page, skip + top < all.length ? { $skiptoken: encodeToken({ o: skip + top }) } : undefined);
  }

  #methods(userId: string): SimResponse {
    if (!this.deps.state.user(userId)) throw userNotFound(userId);
    return { status: 200, headers: {}, body: { '@odata.context': `${this.deps.graphUrl}/$metadata#users('${userId}')/authentication/methods`, value: this.deps.state.authenticationMethods(userId) } };
  }

  #patchUser(c: Ctx, userId: string): SimResponse {
    const u = this.deps.state.user(userId);
    if (!u) throw userNotFound(userId);
    const body = objectBody(c.req.body);
    const patch: UserPatch = {};
    for (const key of Object.keys(body)) {
      if (key !== 'accountEnabled' && key !== 'passwordProfile') throw badRequest(`The simulator does not update the property '${key}'.`, 'Request_BadRequest');
    }
    if (body['accountEnabled'] !== undefined) {
      if (typeof body['accountEnabled'] !== 'boolean') throw badRequest('accountEnabled must be a boolean.', 'Request_BadRequest');
      patch.accountEnabled = body['accountEnabled'];
    }
    if (body['passwordProfile'] !== undefined) {
      const profile = body['passwordProfile'];
      const force = typeof profile === 'object' && profile !== null ? (profile as Record<string, unknown>)['forceChangePasswordNextSignIn'] : undefined;
      if (typeof force !== 'boolean') throw badRequest('passwordProfile.forceChangePasswordNextSignIn must be a boolean.', 'Request_BadRequest');
      patch.forceChangePasswordNextSignIn = force;
    }
    this.deps.state.updateUser(u.id, patch);
    return { status: 204, headers: {} };
  }

  #revokeSessions(userId: string): SimResponse {
    const u = this.deps.state.user(userId);
    if (!u) throw userNotFound(userId);
    this.deps.state.revokeSignInSessions(u.id);
    return { status: 200, headers: {}, body: { '@odata.context': `${this.deps.graphUrl}/$metadata#Edm.Boolean`, value: true } };
  }

  #deleteMethod(userId: string, kind: string, id: string): SimResponse {
    const u = this.deps.state.user(userId);
    if (!u) throw userNotFound(userId);
    const methods = this.deps.state.authenticationMethods(u.id);
    const found = methods.find((m) => m.id === id && AUTH_METHOD_SEGMENTS[m['@odata.type']] === kind);
    if (!found) throw new GraphHttpError(404, 'itemNotFound', `The authentication method '${id}' was not found.`);
    this.deps.state.setAuthenticationMethods(u.id, methods.filter((m) => m !== found));
    return { status: 204, headers: {} };
  }

  #createRule(c: Ctx, userId: string, folder: string): SimResponse {
    const f = this.#folder(userId, folder);
    if (f.wellKnownName !== 'inbox') throw badRequest('Message rules are only available on the Inbox folder.', 'ErrorInvalidRequest');
    const body = objectBody(c.req.body);
    if (typeof body['displayName'] !== 'string' || body['displayName'] === '') throw badRequest('displayName is required.', 'ErrorInvalidRequest');
    const rules = this.deps.state.inboxRules(userId);
    const rule: GraphMessageRule = { ...(body as Partial<GraphMessageRule>), id: `AQAAA${randomUUID().replace(/-/g, '').slice(0, 12)}=`, displayName: body['displayName'], sequence: typeof body['sequence'] === 'number' ? body['sequence'] : rules.length + 1 };
    this.deps.state.setInboxRules(userId, [...rules, rule]);
    return { status: 201, headers: {}, body: { '@odata.context': `${this.deps.graphUrl}/$metadata#users('${userId}')/mailFolders('inbox')/messageRules/$entity`, ...rule } };
  }

  #deleteRule(userId: string, folder: string, id: string): SimResponse {
    const f = this.#folder(userId, folder);
    if (f.wellKnownName !== 'inbox') throw badRequest('Message rules are only available on the Inbox folder.', 'ErrorInvalidRequest');
    const rules = this.deps.state.inboxRules(userId);
    if (!rules.some((r) => r.id === id)) throw notFound(`messageRule ${id}`);
    this.deps.state.setInboxRules(userId, rules.filter((r) => r.id !== id));
    return { status: 204, headers: {} };
  }

  #mailboxSettings(c: Ctx, userId: string): SimResponse {
    const u = this.deps.state.user(userId);
    if (!u) throw userNotFound(userId);
    const settings = {
      '@odata.context': `${this.deps.graphUrl}/$metadata#users('${u.id}')/mailboxSettings`,
      archiveFolder: null,
      timeZone: 'UTC',
      dateFormat: 'yyyy-MM-dd',
      timeFormat: 'HH:mm',
      userPurpose: this.deps.state.mailboxPurpose(u.id),
    };
    return { status: 200, headers: {}, body: this.#select(c, settings) };
  }

  // ---------- audit logs ----------
  #auditList(c: Ctx, kind: 'signIns' | 'directoryAudits'): SimResponse {
    const version = c.req.version ?? 'v1.0';
    const timeField = kind === 'signIns' ? 'createdDateTime' : 'activityDateTime';
    const fields: Record<string, 'datetime' | 'string'> =
      kind === 'signIns'
        ? { createdDateTime: 'datetime', userId: 'string', userPrincipalName: 'string', appId: 'string', ipAddress: 'string', 'status/errorCode': 'string' }
        : { activityDateTime: 'datetime', loggedByService: 'string', activityDisplayName: 'string', category: 'string', 'initiatedBy/user/id': 'string', result: 'string' };
    let filterText = c.req.query.get('$filter');
    // Sign-ins: v1.0 serves interactive ones only; beta too unless $filter names the event types
    // (signInEventTypes/any(t: t eq 'nonInteractiveUser')), and it alone carries the beta-only fields.
    let eventTypes: ReadonlySet<SignInEventType> = new Set<SignInEventType>(['interactiveUser']);
    if (kind === 'signIns' && filterText) {
      const split = splitSignInEventTypeFilter(filterText);
      if (split.eventTypes) {
        if (version !== 'beta') throw badRequest("Could not find a property named 'signInEventTypes' on type 'microsoft.graph.signIn'.", 'BadRequest');
        eventTypes = split.eventTypes;
      }
      filterText = split.rest;
    }
    const clauses: FilterClause[] = filterText ? parseFilter(filterText, { fields }) : [];
    const top = topOf(c.req.query, MAX_TOP_LOGS, MAX_TOP_LOGS);
    const token = c.req.query.get('$skiptoken');
    const after = token ? decodeToken<{ t: number; id: string }>(token, (v) => typeof v['t'] === 'number' && typeof v['id'] === 'string') : undefined;
    // Newest first: start at the latest time any clause allows (le/lt/eq bounds, the page token), not at the head.
    let upTo = after ? after.t : Number.POSITIVE_INFINITY;
    for (const cl of clauses) if (cl.field === timeField && typeof cl.value === 'number' && (cl.op === 'le' || cl.op === 'lt' || cl.op === 'eq')) upTo = Math.min(upTo, cl.value);
    const records: readonly { t: number; id: string; record: unknown }[] = kind === 'signIns' ? this.deps.state.timedSignIns(upTo) : this.deps.state.timedDirectoryAudits(upTo);
    const lowest = clauses.filter((cl) => cl.field === timeField && (cl.op === 'ge' || cl.op === 'gt')).reduce((m, cl) => Math.max(m, cl.value as number), Number.NEGATIVE_INFINITY);
    const page: Record<string, unknown>[] = [];
    let more = false;
    for (const { t, id, record } of records) {
      if (t < lowest) break;
      if (after && (t > after.t || (t === after.t && id >= after.id))) continue;
      const rec = record as Record<string, unknown>;
      if (kind === 'signIns' && !signInEventTypesOf(record as GraphSignIn).some((e) => eventTypes.has(e))) continue;
      if (!matchesFilter(clauses, (f) => (f === timeField ? t : readPath(rec, f)))) continue;
      if (page.length === top) {
        more = true;
        break;
      }
      page.push(kind === 'signIns' ? signInForVersion(record as GraphSignIn, version) : rec);
    }
    const last = page[page.length - 1];
    const next = more && last ? { $skiptoken: encodeToken({ t: Date.parse(String(last[timeField])), id: String(last['id']) }) } : undefined;
    return this.#page(c, `auditLogs/${kind}`, page, next);
  }

  #auditOne(c: Ctx, kind: 'signIns' | 'directoryAudits', id: string): SimResponse {
    if (kind === 'signIns') {
      const version = c.req.version ?? 'v1.0';
      const rec = this.deps.state.visibleSignIns().find((x) => x.id === id);
      // v1.0 knows interactive sign-ins only.
      if (!rec || (version === 'v1.0' && !signInEventTypesOf(rec).includes('interactiveUser'))) throw new GraphHttpError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist.`);
      return { status: 200, headers: {}, body: signInForVersion(rec, version) };
    }
    const rec = this.deps.state.visibleDirectoryAudits().find((x) => x.id === id);
    if (!rec) throw new GraphHttpError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist.`);
    return { status: 200, headers: {}, body: rec };
  }

  // ---------- folders ----------
  /** A folder by id or well-known name, as Graph takes them; a display name is not an id (400, as Graph answers). */
  #folder(userId: string, idOrName: string): StoredFolder {
    if (!this.deps.state.user(userId)) throw userNotFound(userId);
    const f = this.deps.state.folder(userId, idOrName);
    const lower = idOrName.toLowerCase();
    if (f && f.id !== idOrName && f.wellKnownName !== lower) throw badRequest('Id is malformed.', 'ErrorInvalidIdMalformed');
    if (!f) throw new GraphHttpError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    return f;
  }

  /** v1.0's mailFolder (`sizeInBytes` and `wellKnownName` are beta only). */
  #folderJson(userId: string, f: StoredFolder): Record<string, unknown> {
    const counts = this.deps.state.folderCounts(userId, f.id);
    return { id: f.id, displayName: f.displayName, parentFolderId: f.parentFolderId, childFolderCount: counts.children, unreadItemCount: counts.unread, totalItemCount: counts.total, isHidden: f.isHidden };
  }

  #listFolders(c: Ctx, userId: string, parent: string | undefined): SimResponse {
    if (!this.deps.state.user(userId)) throw userNotFound(userId);
    const parentId = parent ? this.#folder(userId, parent).id : this.deps.state.folder(userId, 'msgfolderroot')?.id;
    const includeHidden = (c.req.query.get('includeHiddenFolders') ?? '').toLowerCase() === 'true';
    let folders = this.deps.state.folders(userId).filter((f) => f.parentFolderId === parentId && (includeHidden || !f.isHidden));
    const filter = c.req.query.get('$filter');
    if (filter) {
      const clauses = parseFilter(filter, { fields: { displayName: 'string' } });
      folders = folders.filter((f) => matchesFilter(clauses, () => f.displayName));
    }
    const top = topOf(c.req.query, 10, 1000);
    const skip = Number.parseInt(c.req.query.get('$skip') ?? '0', 10) || 0;
    const page = folders.slice(skip, skip + top).map((f) => this.#folderJson(userId, f));
    const next = new URLSearchParams(c.req.query);
    next.set('$skip', String(skip + top));
    return this.#page(c, `users('${userId}')/mailFolders`, page, skip + top < folders.length ? Object.fromEntries(next) : undefined, true);
  }

  #createFolder(c: Ctx, userId: string, parent: string | undefined): SimResponse {
    if (!this.deps.state.user(userId)) throw userNotFound(userId);
    const body = objectBody(c.req.body);
    const name = body['displayName'];
    if (typeof name !== 'string' || name.trim().length === 0 || name.length > 255) throw badRequest('displayName is required (1-255 characters).', 'ErrorInvalidRequest');
    const isHidden = body['isHidden'] === true;
    if (body['isHidden'] !== undefined && typeof body['isHidden'] !== 'boolean') throw badRequest('isHidden must be a boolean.', 'ErrorInvalidRequest');
    try {
      const f = this.deps.state.createFolder(userId, name, isHidden, parent);
      return { status: 201, headers: {}, body: { '@odata.context': `${this.deps.graphUrl}/$metadata#users('${userId}')/mailFolders/$entity`, ...this.#folderJson(userId, f) } };
    } catch (err) {
      if (err instanceof TenantStateError && err.kind === 'invalid') throw new GraphHttpError(409, 'ErrorFolderExists', err.message);
      throw err;
    }
  }

  #rules(userId: string, folder: string): SimResponse {
    const f = this.#folder(userId, folder);
    if (f.wellKnownName !== 'inbox') throw badRequest('Message rules are only available on the Inbox folder.', 'ErrorInvalidRequest');
    return { status: 200, headers: {}, body: { '@odata.context': `${this.deps.graphUrl}/$metadata#users('${userId}')/mailFolders('inbox')/messageRules`, value: this.deps.state.inboxRules(userId) } };
  }

  // ---------- messages ----------
  #messageJson(c: Ctx, m: StoredMessage): Record<string, unknown> {
    const select = selectOf(c.req.query);
    const full: Record<string, unknown> = { ...m.message, id: c.immutable ? m.immutableId : m.restId, parentFolderId: m.folderId, categories: m.message.categories ?? [], isRead: m.message.isRead ?? false };
    if (/outlook\.body-content-type\s*=\s*"?text"?/i.test(c.req.headers['prefer'] ?? '') && m.message.body?.contentType === 'html') {
      full['body'] = { contentType: 'text', content: m.message.body.content.replace(/<[^>]*>/g, ' ').replace(/[ \t]+/g, ' ').trim() };
    }
    if (!select) {
      delete full['internetMessageHeaders'];
      return full;
    }
    const out: Record<string, unknown> = { id: full['id'] };
    for (const key of Object.keys(full)) if (select.has(key.toLowerCase())) out[key] = full[key];
    if (select.has('internetmessageheaders')) out['internetMessageHeaders'] = m.message.internetMessageHeaders ?? [];
    return out;
  }

  #message(userId: string, id: string): StoredMessage {
    if (!this.deps.state.user(userId)) throw userNotFound(userId);
    const m = this.deps.state.message(userId, id);
    if (!m) throw notFound(`message ${id.slice(0, 64)}`);
    return m;
  }

  #getMessage(c: Ctx, userId: string, id: string): SimResponse {
    return { status: 200, headers: {}, body: { '@odata.context': `${this.deps.graphUrl}/$metadata#users('${userId}')/messages/$entity`, ...this.#messageJson(c, this.#message(userId, id)) } };
  }

  #mime(userId: string, id: string): SimResponse {
    const m = this.#message(userId, id);
    return { status: 200, headers: { 'Content-Type': 'text/plain' }, text: this.deps.state.mimeOf(m) };
  }

  #listMessages(c: Ctx, userId: string, folder: string | undefined): SimResponse {
    if (!this.deps.state.user(userId)) throw userNotFound(userId);
    let messages: StoredMessage[];
    if (folder) messages = this.deps.state.messagesIn(userId, this.#folder(userId, folder).id);
    else messages = this.deps.state.folders(userId).flatMap((f) => this.deps.state.messagesIn(userId, f.id)).sort((a, b) => b.visibleAt - a.visibleAt);
    const filter = c.req.query.get('$filter');
    if (filter) {
      const clauses = parseFilter(filter, { fields: { receivedDateTime: 'datetime', internetMessageId: 'string', subject: 'string', isRead: 'string' } });
      messages = messages.filter((m) => matchesFilter(clauses, (f) => (f === 'receivedDateTime' ? m.visibleAt : f === 'isRead' ? String(m.message.isRead ?? false) : readPath(m.message as unknown as Record<string, unknown>, f))));
    }
    const top = topOf(c.req.query, 10, 1000);
    const skip = Number.parseInt(c.req.query.get('$skip') ?? '0', 10) || 0;
    const page = messages.slice(skip, skip + top).map((m) => this.#messageJson(c, m));
    const next = new URLSearchParams(c.req.query);
    next.set('$skip', String(skip + top));
    return this.#page(c, `users('${userId}')/messages`, page, skip + top < messages.length ? Object.fromEntries(next) : undefined, true);
  }

  #patchMessage(c: Ctx, userId: string, id: string): SimResponse {
    this.#message(userId, id);
    const body = objectBody(c.req.body);
    const patch: { isRead?: boolean; categories?: string[]; importance?: string } = {};
    if (body['isRead'] !== undefined) {
      if (typeof body['isRead'] !== 'boolean') throw badRequest('isRead must be a boolean.', 'ErrorInvalidRequest');
      patch.isRead = body['isRead'];
    }
    if (body['categories'] !== undefined) {
      const cats = body['categories'];
      if (!Array.isArray(cats) || cats.length > 50 || !cats.every((x) => typeof x === 'string' && x.length <= 255)) throw badRequest('categories must be an array of strings.', 'ErrorInvalidRequest');
      patch.categories = cats as string[];
    }
    if (body['importance'] !== undefined) {
      if (body['importance'] !== 'low' && body['importance'] !== 'normal' && body['importance'] !== 'high') throw badRequest('importance must be low, normal or high.', 'ErrorInvalidRequest');
      patch.importance = body['importance'];
    }
    return { status: 200, headers: {}, body: this.#messageJson(c, this.deps.state.updateMessage(userId, id, patch)) };
  }

  #move(c: Ctx, userId: string, id: string): SimResponse {
    this.#message(userId, id);
    const dest = objectBody(c.req.body)['destinationId'];
    if (typeof dest !== 'string' || dest.length === 0) throw badRequest('destinationId is required.', 'ErrorInvalidRequest');
    this.#folder(userId, dest);
    const moved = this.deps.state.moveMessage(userId, id, dest);
    return { status: 201, headers: {}, body: { '@odata.context': `${this.deps.graphUrl}/$metadata#users('${userId}')/messages/$entity`, ...this.#messageJson(c, moved) } };
  }

  #sendMail(c: Ctx, userId: string): SimResponse {
    if (!this.deps.state.user(userId)) throw userNotFound(userId);
    const body = objectBody(c.req.body);
    const msg = body['message'];
    if (typeof msg !== 'object' || msg === null) throw badRequest('Empty Payload. JSON content expected.', 'ErrorInvalidRequest');
    const m = msg as Record<string, unknown>;
    const recipients = (key: string): GraphRecipient[] => {
      const v = m[key];
      if (v === undefined) return [];
      if (!Array.isArray(v) || v.length > 500) throw badRequest(`${key} must be an array of recipients.`, 'ErrorInvalidRecipients');
      return v.map((r) => {
        const a = (r as { emailAddress?: { address?: unknown; name?: unknown } })?.emailAddress;
        if (typeof a?.address !== 'string' || !a.address.includes('@')) throw badRequest('At least one recipient is not valid.', 'ErrorInvalidRecipients');
        return { emailAddress: { address: a.address, name: typeof a.name === 'string' ? a.name : null } };
      });
    };
    const to = recipients('toRecipients');
    const cc = recipients('ccRecipients');
    const bcc = recipients('bccRecipients');
    if (to.length + cc.length + bcc.length === 0) throw badRequest('At least one recipient is required, but none were found.', 'ErrorInvalidRecipients');
    const rawBody = m['body'] as { contentType?: unknown; content?: unknown } | undefined;
    const content = typeof rawBody?.content === 'string' ? rawBody.content : '';
    const contentType = typeof rawBody?.contentType === 'string' && rawBody.contentType.toLowerCase() === 'html' ? 'html' : 'text';
    const attachments: MimeAttachment[] = [];
    const rawAttachments = m['attachments'];
    if (rawAttachments !== undefined) {
      if (!Array.isArray(rawAttachments) || rawAttachments.length > 50) throw badRequest('attachments must be an array.', 'ErrorInvalidRequest');
      for (const a of rawAttachments as Record<string, unknown>[]) {
        if (a?.['@odata.type'] !== '#microsoft.graph.fileAttachment' || typeof a['name'] !== 'string' || typeof a['contentBytes'] !== 'string') {
          throw badRequest('Only #microsoft.graph.fileAttachment with name and contentBytes is supported.', 'ErrorInvalidRequest');
        }
        attachments.push({ name: a['name'], contentType: typeof a['contentType'] === 'string' ? a['contentType'] : 'application/octet-stream', contentBase64: a['contentBytes'] });
      }
    }
    const message: Partial<GraphMessage> & { bccRecipients?: GraphRecipient[] } = {
      subject: typeof m['subject'] === 'string' ? m['subject'] : '',
      body: { contentType, content },
      toRecipients: to,
      ccRecipients: cc,
      bccRecipients: bcc,
      importance: typeof m['importance'] === 'string' ? m['importance'] : 'normal',
      ...(Array.isArray(m['categories']) ? { categories: (m['categories'] as unknown[]).filter((x): x is string => typeof x === 'string') } : {}),
      ...(m['internetMessageHeaders'] !== undefined ? { internetMessageHeaders: customHeaders(m['internetMessageHeaders']) } : {}),
    };
    this.deps.state.sendMail(userId, message, attachments, body['saveToSentItems'] !== false);
    return { status: 202, headers: {} };
  }

  // ---------- delta ----------
  #delta(c: Ctx, userId: string, folderName: string): SimResponse {
    const folder = this.#folder(userId, folderName);
    const skipToken = c.req.query.get('$skiptoken');
    const deltaToken = c.req.query.get('$deltatoken');
    type Mark = { c: number; s: number };
    type Round = { f: string; lo: Mark | null; hi: Mark; r: number | null; o: number };
    let round: Round;
    if (skipToken) {
      round = decodeToken<Round>(skipToken, (v) => typeof v['f'] === 'string' && typeof v['o'] === 'number' && typeof v['hi'] === 'object');
    } else {
      const hi = { c: this.deps.state.clock.now().getTime(), s: this.deps.state.sequence };
      if (deltaToken) {
        const d = decodeToken<{ f: string; c: number; s: number; r: number | null }>(deltaToken, (v) => typeof v['f'] === 'string' && typeof v['c'] === 'number' && typeof v['s'] === 'number');
        round = { f: d.f, lo: { c: d.c, s: d.s }, hi, r: d.r, o: 0 };
      } else {
        let r: number | null = null;
        const filter = c.req.query.get('$filter');
        if (filter) {
          const clauses = parseFilter(filter, { fields: { receivedDateTime: 'datetime' } });
          const ge = clauses.find((x) => x.op === 'ge' || x.op === 'gt');
          if (!ge || clauses.length !== 1) throw badRequest('Only receivedDateTime ge is supported in $filter for message delta.', 'ErrorInvalidUrlQueryFilter');
          r = ge.value as number;
        }
        round = { f: folder.id, lo: null, hi, r, o: 0 };
      }
    }
    if (round.f !== folder.id) throw badRequest('The delta token belongs to another folder.', 'SyncStateInvalid');
    const pageSize = maxPageSize(c.req.headers['prefer']) ?? 10;
    const { changed, removed } = this.deps.state.folderChanges(userId, folder.id, round.lo ? { clock: round.lo.c, seq: round.lo.s } : null, { clock: round.hi.c, seq: round.hi.s });
    const items: Record<string, unknown>[] = [
      ...changed.filter((m) => round.r === null || m.visibleAt >= round.r).map((m) => this.#messageJson(c, m)),
      ...removed.map((d) => ({ '@odata.type': '#microsoft.graph.message', id: c.immutable ? d.immutableId : d.restId, '@removed': { reason: 'deleted' } })),
    ];
    const page = items.slice(round.o, round.o + pageSize);
    const link = `${this.deps.graphUrl}/users/${encodeURIComponent(userId)}/mailFolders/${encodeURIComponent(folderName)}/messages/delta`;
    const body: Record<string, unknown> = { '@odata.context': `${this.deps.graphUrl}/$metadata#Collection(message)`, value: page };
    if (round.o + pageSize < items.length) body['@odata.nextLink'] = `${link}?$skiptoken=${encodeToken({ ...round, o: round.o + pageSize })}`;
    else body['@odata.deltaLink'] = `${link}?$deltatoken=${encodeToken({ f: round.f, c: round.hi.c, s: round.hi.s, r: round.r })}`;
    const headers: Record<string, string> = {};
    if (maxPageSize(c.req.headers['prefer']) !== undefined) headers['Preference-Applied'] = `odata.maxpagesize=${pageSize}`;
    return { status: 200, headers, body };
  }

  // ---------- $batch ----------
  async #batch(req: SimRequest, caller: GraphCaller): Promise<SimResponse> {
    const body = objectBody(req.body);
    const requests = body['requests'];
    if (!Array.isArray(requests) || requests.length === 0) throw badRequest('Invalid batch payload format: requests is required.', 'BadRequest');
    if (requests.length > MAX_BATCH) throw badRequest(`Number of batch request steps exceeds the maximum of ${MAX_BATCH}.`, 'BadRequest');
    interface Item {
      id: string;
      method: string;
      url: string;
      headers: Record<string, string>;
      body: unknown;
      dependsOn: string[];
    }
    const items: Item[] = requests.map((raw: unknown, i: number) => {
      const r = (raw ?? {}) as Record<string, unknown>;
      if (typeof r['id'] !== 'string' || typeof r['method'] !== 'string' || typeof r['url'] !== 'string') throw badRequest(`Invalid batch payload format: request ${i} needs id, method and url.`);
      if (/^[a-z]+:\/\//i.test(r['url'])) throw badRequest(`Invalid request URL '${r['url']}': batch URLs are relative.`);
      const headers: Record<string, string> = {};
      if (r['headers'] && typeof r['headers'] === 'object') for (const [k, v] of Object.entries(r['headers'] as Record<string, unknown>)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
      const dependsOn = Array.isArray(r['dependsOn']) ? (r['dependsOn'] as unknown[]).filter((x): x is string => typeof x === 'string') : [];
      return { id: r['id'], method: r['method'].toUpperCase(), url: r['url'], headers, body: r['body'], dependsOn };
    });
    const ids = new Set(items.map((i) => i.id));
    if (ids.size !== items.length) throw badRequest('Invalid batch payload format: request ids must be unique.');
    for (const it of items) for (const d of it.dependsOn) if (!ids.has(d) || d === it.id) throw badRequest(`Invalid batch payload format: dependsOn '${d}' of request '${it.id}' is not a request of this batch.`);
    const done = new Map<string, SimResponse>();
    let pending = items;
    while (pending.length > 0) {
      const ready = pending.filter((it) => it.dependsOn.every((d) => done.has(d)));
      if (ready.length === 0) throw badRequest('Invalid batch payload format: dependsOn has a cycle.');
      pending = pending.filter((it) => !ready.includes(it));
      // Steps whose dependencies are met run in parallel, at most 4 at a time (Outlook's batch behaviour).
      const results: SimResponse[] = new Array<SimResponse>(ready.length);
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < ready.length) {
          const i = next++;
          const it = ready[i] as Item;
          if (it.dependsOn.some((d) => (done.get(d)?.status ?? 500) >= 400)) {
            results[i] = { status: 424, headers: {}, body: graphErrorBody('FailedDependency', 'A request this one depends on failed.', this.deps.realClock.now(), randomUUID(), randomUUID()) };
            continue;
          }
          const [rawPath, rawQuery] = splitUrl(it.url);
          const split = splitVersion(rawPath);
          const inner: SimRequest = { method: it.method, path: split.path, version: split.explicit ? split.version : (req.version ?? 'v1.0'), query: new URLSearchParams(rawQuery), headers: { ...pickHeaders(req.headers), ...it.headers }, body: it.body };
          results[i] = await this.dispatch(inner, caller, true);
        }
      };
      await Promise.all(Array.from({ length: Math.min(BATCH_PARALLELISM, ready.length) }, worker));
      ready.forEach((it, i) => done.set(it.id, results[i] as SimResponse));
    }
    const responses = items.map((it) => {
      const r = done.get(it.id) as SimResponse;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(r.headers)) if (['retry-after', 'content-type', 'location', 'preference-applied'].includes(k.toLowerCase())) headers[k] = v;
      const out: Record<string, unknown> = { id: it.id, status: r.status, headers };
      if (r.text !== undefined) out['body'] = Buffer.from(r.text, 'utf8').toString('base64');
      else if (r.malformed !== undefined) out['body'] = r.malformed; // a broken step body arrives as a string
      else if (r.body !== undefined) out['body'] = r.body;
      return out;
    });
    const throttled = responses.some((r) => r['status'] === 429);
    return { status: throttled && this.deps.batchFailsWhenThrottled ? 424 : 200, headers: {}, body: { responses } };
  }

  // ---------- helpers ----------
  #select(c: Ctx, record: Record<string, unknown>): Record<string, unknown> {
    const select = selectOf(c.req.query);
    if (!select) return record;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(record)) if (k.startsWith('@odata') || k === 'id' || select.has(k.toLowerCase())) out[k] = v;
    return out;
  }

  #page(c: Ctx, contextPath: string, value: unknown[], next: Record<string, string> | undefined, replaceQuery = false): SimResponse {
    // Links stay in the version asked (a beta nextLink read from v1.0 would lose beta's records and fields).
    const root = c.req.version === 'beta' ? this.deps.graphUrl.replace(/\/v1\.0$/, '/beta') : this.deps.graphUrl;
    const body: Record<string, unknown> = { '@odata.context': `${root}/$metadata#${contextPath}`, value };
    if (next) {
      const q = replaceQuery ? new URLSearchParams(next) : new URLSearchParams(c.req.query);
      if (!replaceQuery) for (const [k, v] of Object.entries(next)) q.set(k, v);
      body['@odata.nextLink'] = `${root}${c.req.path}?${q.toString().replace(/%24/g, '$')}`;
    }
    return { status: 200, headers: {}, body };
  }
}

/** Graph accepts at most this many custom internet message headers on a message it sends. */
export const MAX_CUSTOM_HEADERS = 5;

/** sendMail's `message.internetMessageHeaders`: only custom "x-" headers, at most five, names and values strings. */
function customHeaders(raw: unknown): GraphInternetMessageHeader[] {
  if (!Array.isArray(raw)) throw badRequest('internetMessageHeaders must be an array of {name, value}.', 'ErrorInvalidRequest');
  if (raw.length > MAX_CUSTOM_HEADERS) throw badRequest(`Maximum number of headers in one message should be less than or equal to ${MAX_CUSTOM_HEADERS}.`, 'InvalidInternetMessageHeaderCollection');
  return raw.map((h: unknown) => {
    const name = (h as { name?: unknown })?.name;
    const value = (h as { value?: unknown })?.value;
    if (typeof name !== 'string' || typeof value !== 'string' || !/^[\x21-\x39\x3b-\x7e]+$/.test(name)) {
      throw badRequest('Each internet message header needs a name and a value.', 'InvalidInternetMessageHeader');
    }
    if (!/^x-/i.test(name)) throw badRequest(`The internet message header name '${name}' should start with 'x-' or 'X-'.`, 'InvalidInternetMessageHeader');
    return { name, value };
  });
}

function splitPath(path: string): string[] {
  // OData key syntax: mailFolders('inbox') is mailFolders/inbox.
  return path
    .split('/')
    .filter(Boolean)
    .flatMap((s) => {
      const m = /^([^()]+)\('([^']*)'\)$/.exec(s);
      return m ? [m[1] ?? '', m[2] ?? ''] : [s];
    })
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

function matches(pattern: string[], segments: string[]): boolean {
  if (pattern.length !== segments.length) return false;
  return pattern.every((p, i) => p === '{}' || p.toLowerCase() === segments[i]?.toLowerCase());
}

const literalCount = (p: string[]): number => p.filter((s) => s !== '{}').length;

export function stripVersion(path: string): string {
  return splitVersion(path).path;
}

/** `/v1.0/x` → v1.0 and `/x`; `/beta/x` → beta and `/x`; `/x` → v1.0 (not explicit) and `/x`. */
export function splitVersion(path: string): { version: GraphVersion; path: string; explicit: boolean } {
  const p = path.startsWith('/') ? path : `/${path}`;
  const m = /^\/(v1\.0|beta)(?=\/|$)/i.exec(p);
  if (!m) return { version: 'v1.0', path: p, explicit: false };
  return { version: (m[1] ?? '').toLowerCase() === 'beta' ? 'beta' : 'v1.0', path: p.slice(m[0].length) || '/', explicit: true };
}

function splitUrl(url: string): [string, string] {
  const i = url.indexOf('?');
  return i < 0 ? [url, ''] : [url.slice(0, i), url.slice(i + 1)];
}

function pickHeaders(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['client-request-id']) if (h[k]) out[k] = h[k];
  return out;
}

function topOf(q: URLSearchParams, def: number, max: number): number {
  const raw = q.get('$top');
  if (raw === null) return def;
  const n = Number.parseInt(raw, 10);
  if (!Number.isFinite(n) || n < 1 || String(n) !== raw.trim()) throw badRequest(`Invalid value '${raw}' for $top.`);
  if (n > max) throw badRequest(`The limit of '${max}' for $top query has been exceeded. The value from the incoming request is '${n}'.`);
  return n;
}

function skipOf(q: URLSearchParams): number {
  const token = q.get('$skiptoken');
  if (!token) return 0;
  return decodeToken<{ o: number }>(token, (v) => typeof v['o'] === 'number').o;
}

function selectOf(q: URLSearchParams): Set<string> | undefined {
  const s = q.get('$select');
  if (!s) return undefined;
  return new Set(s.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean));
}

function maxPageSize(prefer: string | undefined): number | undefined {
  const m = /odata\.maxpagesize\s*=\s*(\d+)/i.exec(prefer ?? '');
  if (!m) return undefined;
  return Math.min(1000, Math.max(1, Number.parseInt(m[1] ?? '10', 10)));
}

function readPath(rec: Record<string, unknown>, path: string): string | number | null | undefined {
  let cur: unknown = rec;
  for (const part of path.split('/')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return typeof cur === 'string' || typeof cur === 'number' ? (typeof cur === 'number' ? String(cur) : cur) : cur === null ? null : undefined;
}

function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('Empty Payload. JSON content expected.', 'BadRequest');
  return body as Record<string, unknown>;
}
