// The real GraphApi: msal-node for the token, @microsoft/microsoft-graph-client v3 for requests (auth header,
// Graph/custom hosts, nextLink handling), and Lantern's own retry loop around each request so that throttling
// is honoured (Retry-After on 429/503/504), counted per caller, and bounded.
import { AuthenticationHandler, Client, HTTPMessageHandler, ResponseType } from '@microsoft/microsoft-graph-client';
import type { GraphRequest, Middleware } from '@microsoft/microsoft-graph-client';
import type { Logger } from 'pino';
import type { Dispatcher } from 'undici';
import type {
  BatchItemResult,
  DeltaPage,
  GraphApi,
  GraphObserver,
  GraphUserSummary,
  InboxDeltaOptions,
  MailboxPurpose,
  MailFolderSummary,
  SignInQuery,
  TimeWindow,
  UserList,
} from './graph-api.ts';
import { GraphError, LICENCE_REQUIRED_CODE, LicenceRequiredError, isNoMailboxError } from './graph-error.ts';
import type { GraphErrorContext } from './graph-error.ts';
import { caDispatcher } from './https-trust.ts';
import { AUTH_METHOD_SEGMENTS, type IdentityResponseApi } from './response-graph.ts';
import { msalTokenProvider } from './msal-token-provider.ts';
import type { AppCredentials, TokenProvider } from './msal-token-provider.ts';

export interface GraphApiOptions {
  /** e.g. https://graph.microsoft.com/v1.0, or the simulator's https://localhost:PORT/v1.0 */
  graphUrl: string;
  /** App credentials for msal-node; or `tokenProvider` to supply tokens another way. */
  credentials?: AppCredentials;
  tokenProvider?: TokenProvider;
  /** Extra CA certificate (PEM) to trust for Graph and the authority. */
  caPem?: string;
  logger: Logger;
  /** Attempts after the first, per request (default 6). */
  maxRetries?: number;
  /** Per attempt (default 30 s). */
  requestTimeoutMs?: number;
  /** Longest Retry-After honoured as given; longer ones are cut to this (default 120 s). */
  maxRetryAfterMs?: number;
  /**
   * Longest a `$batch` item waits, in total, for its throttling to end (default 60 s). An item Graph asks to
   * wait longer comes back as throttled (with `retryAfterMs`) so the batch's other items are not held up.
   */
  maxBatchItemWaitMs?: number;
  /** Waits between attempts; injectable so tests need not sleep for real. */
  sleep?: (ms: number) => Promise<void>;
  /** $top for sign-ins and audits (Graph allows up to 1,000; default 1,000). */
  pageSize?: number;
  /** odata.maxpagesize for the inbox delta (default 100). */
  deltaPageSize?: number;
  observer?: GraphObserver;
}

const MAX_BATCH = 20;
const MAX_JSON_BYTES = 64 * 1024 * 1024;
const MAX_MIME_BYTES = 50 * 1024 * 1024;
/** Sends of one `$batch` item before it is given up (throttled, failing or left unanswered). */
export const MAX_BATCH_ITEM_ATTEMPTS = 8;
const IMMUTABLE_IDS = 'IdType="ImmutableId"';
const THROTTLE_STATUSES = new Set([429, 503, 504]);
const RETRYABLE_SERVER_STATUSES = new Set([500, 502, 503, 504]);
/**
 * Outer `$batch` answers handled item by item rather than thrown: 424 (Microsoft documents it for a batch
 * one of whose requests was throttled), 429 and 5xx. Their body may still hold per-item answers.
 */
const BATCH_OUTER_PER_ITEM = (status: number): boolean => status === 424 || status === 429 || (status >= 500 && status <= 599);
/** Inner statuses retried for that item alone: throttling, server trouble, and a failed dependency. */
const BATCH_ITEM_RETRY = (status: number): boolean => status === 424 || status === 429 || status === 500 || status === 502 || status === 503 || status === 504;

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

const MAILBOX_PURPOSES: ReadonlySet<string> = new Set(['user', 'linked', 'shared', 'room', 'equipment', 'others']);

interface SendRequest {
  method: Method;
  /** Path relative to the version root (`/users/…`) or a whole nextLink/deltaLink URL. */
  path: string;
  body?: unknown;
  prefer?: string[];
  /** Retry timeouts, network failures and 5xx (GETs and $batch of GETs); throttling is retried always. */
  idempotent: boolean;
  read: 'json' | 'text' | 'none';
  maxBytes?: number;
  /** Non-2xx statuses returned to the caller (body parsed when possible) instead of retried or thrown. */
  pass?: (status: number) => boolean;
  /** Longest total wait for throttling (429/503/504) before failing with retryAfterMs (default: no limit). */
  maxThrottleWaitMs?: number;
}

interface SendResult {
  status: number;
  body: unknown;
  requestId: string | null;
  /** The answer's Retry-After, in ms (only read for passed statuses). */
  retryAfterMs: number | null;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Retry-After as seconds or an HTTP date, in ms; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const date = Date.parse(v);
  if (Number.isFinite(date)) return Math.max(0, date - nowMs);
  return null;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

/** Graph's error body → code and message, tolerating anything. */
function errorInfo(body: unknown): { code: string; message: string; requestId: string | null } {
  const err = isObj(body) && isObj(body.error) ? body.error : null;
  const inner = err && isObj(err.innerError) ? err.innerError : null;
  return {
    code: (err && str(err.code)) ?? 'UnknownError',
    message: ((err && str(err.message)) ?? 'no error message').slice(0, 500),
    requestId: inner ? str(inner['request-id']) : null,
  };
}

function makeError(message: string, ctx: GraphErrorContext): GraphError {
  if (ctx.status === 403 && ctx.code === LICENCE_REQUIRED_CODE) return new LicenceRequiredError(ctx);
  return new GraphError(message, ctx);
}

function odataTime(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) throw new RangeError(`not an ISO time: ${iso}`);
  return new Date(t).toISOString();
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

/** Path for logs and errors: no scheme or host; the query kept (it holds no secrets). */
function loggable(path: string): string {
  if (/^https?:\/\//i.test(path)) {
    const u = new URL(path);
    return `${u.pathname}${u.search}`.slice(0, 300);
  }
  return path.slice(0, 300);
}

class GraphCore {
  readonly client: Client;
  readonly logger: Logger;
  readonly maxRetries: number;
  readonly maxRetryAfterMs: number;
  readonly maxBatchItemWaitMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly pageSize: number;
  readonly deltaPageSize: number;
  /** https://graph.microsoft.com (or the simulator's origin): beta requests go to origin + '/beta'. */
  readonly origin: string;

  constructor(options: GraphApiOptions) {
    const url = new URL(options.graphUrl);
    if (url.protocol !== 'https:') throw new RangeError('graphUrl must be https (the Graph client sends tokens only over https)');
    const version = url.pathname.replace(/^\/+|\/+$/g, '') || 'v1.0';
    const dispatcher: Dispatcher | undefined = options.caPem ? caDispatcher(options.caPem) : undefined;
    const tokens = options.tokenProvider ?? (options.credentials ? msalTokenProvider(options.credentials, dispatcher) : null);
    if (!tokens) throw new RangeError('createGraphApi needs credentials or a tokenProvider');
    const auth = new AuthenticationHandler({ getAccessToken: () => tokens.getAccessToken() });
    const timeoutMs = options.requestTimeoutMs ?? 30_000;
    // The per-attempt timeout starts once the token is in hand, right before the HTTP request.
    const timeout: Middleware = {
      execute: async (context) => {
        context.options = { ...(context.options ?? {}), signal: AbortSignal.timeout(timeoutMs) };
        await http.execute(context);
      },
    };
    const http = new HTTPMessageHandler();
    auth.setNext(timeout);
    const graphHosts = new Set(['graph.microsoft.com', 'graph.microsoft.us', 'dod-graph.microsoft.us', 'microsoftgraph.chinacloudapi.cn']);
    this.client = Client.initWithMiddleware({
      middleware: auth,
      baseUrl: url.origin,
      defaultVersion: version,
      ...(graphHosts.has(url.hostname) ? {} : { customHosts: new Set([url.hostname]) }),
      ...(dispatcher ? { fetchOptions: { dispatcher } as RequestInit } : {}),
    });
    this.origin = url.origin;
    this.logger = options.logger;
    this.maxRetries = options.maxRetries ?? 6;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
    this.maxBatchItemWaitMs = options.maxBatchItemWaitMs ?? 60_000;
    this.sleep = options.sleep ?? defaultSleep;
    this.pageSize = Math.max(1, Math.min(options.pageSize ?? 1000, 1000));
    this.deltaPageSize = Math.max(1, Math.min(options.deltaPageSize ?? 100, 1000));
  }
}

class GraphHttpApi implements GraphApi, IdentityResponseApi {
  readonly #core: GraphCore;
  readonly #observers: readonly GraphObserver[];

  constructor(core: GraphCore, observers: readonly GraphObserver[]) {
    this.#core = core;
    this.#observers = observers;
  }

  withObserver(observer: GraphObserver): GraphApi {
    return new GraphHttpApi(this.#core, [...this.#observers, observer]);
  }

  #notify<K extends keyof GraphObserver>(event: K, info: Parameters<NonNullable<GraphObserver[K]>>[0]): void {
    for (const o of this.#observers) {
      try {
        (o[event] as ((i: typeof info) => void) | undefined)?.call(o, info);
      } catch {
        // An observer's failure must not break a request.
      }
    }
  }

  /** One request with retries; throws GraphError (or LicenceRequiredError) when it finally fails. */
  async #send(req: SendRequest): Promise<SendResult> {
    const core = this.#core;
    const path = loggable(req.path);
    let attempt = 0;
    let throttleWaited = 0;
    for (;;) {
      this.#notify('onRequest', { method: req.method, path });
      let request: GraphRequest = core.client
        .api(req.path)
        .header('Prefer', [IMMUTABLE_IDS, ...(req.prefer ?? [])].join(', '))
        .responseType(ResponseType.RAW);
      if (req.body !== undefined) request = request.header('Content-Type', 'application/json');
      let response: Response;
      try {
        response = (await (req.method === 'GET'
          ? request.get()
          : req.method === 'POST'
            ? request.post(req.body === undefined ? undefined : JSON.stringify(req.body))
            : req.method === 'DELETE'
              ? request.delete()
              : request.patch(JSON.stringify(req.body)))) as Response;
      } catch (err) {
        const timeout = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError' || /abort|timed? ?out/i.test(err.message));
        const detail = err instanceof Error ? err.message.split('\n')[0] ?? err.name : String(err);
        const code = /could not acquire a Graph token/.test(detail) ? 'TokenAcquisitionFailed' : timeout ? 'Timeout' : 'NetworkError';
        const ctx: GraphErrorContext = { method: req.method, path, status: 0, code, requestId: null };
        if (req.idempotent && attempt < core.maxRetries) {
          attempt++;
          const wait = this.#backoff(attempt);
          this.#notify('onRetry', { reason: code, attempt, path });
          core.logger.warn({ method: req.method, path, attempt, waitMs: wait, reason: code, detail }, 'graph request failed, retrying');
          await core.sleep(wait);
          continue;
        }
        throw new GraphError(detail, ctx);
      }

      const requestId = response.headers.get('request-id') ?? response.headers.get('client-request-id');
      const status = response.status;
      if ((status < 200 || status >= 300) && req.pass?.(status)) {
        const body = await this.#readJson(response, MAX_JSON_BYTES).catch(() => null);
        return { status, body, requestId, retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), Date.now()) };
      }
      if (THROTTLE_STATUSES.has(status) || (req.idempotent && RETRYABLE_SERVER_STATUSES.has(status))) {
        const body = await this.#readJson(response, MAX_JSON_BYTES).catch(() => null);
        const info = errorInfo(body);
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'), Date.now());
        const throttled = THROTTLE_STATUSES.has(status);
        const overBudget = throttled && req.maxThrottleWaitMs !== undefined && throttleWaited + Math.min(retryAfter ?? this.#backoff(attempt + 1), core.maxRetryAfterMs) > req.maxThrottleWaitMs;
        if (overBudget) {
          const asked = retryAfter ?? this.#backoff(attempt + 1);
          this.#notify('onThrottled', { status, retryAfterMs: asked, path, inner: false });
          throw makeError(info.message, { method: req.method, path, status, code: info.code, requestId: requestId ?? info.requestId, retryAfterMs: asked });
        }
        if (attempt < core.maxRetries) {
          attempt++;
          const wait = Math.min(retryAfter ?? this.#backoff(attempt), core.maxRetryAfterMs);
          if (throttled) throttleWaited += wait;
          if (THROTTLE_STATUSES.has(status)) this.#notify('onThrottled', { status, retryAfterMs: wait, path, inner: false });
          else this.#notify('onRetry', { reason: `HTTP ${status}`, attempt, path });
          core.logger.warn({ method: req.method, path, status, code: info.code, requestId, attempt, waitMs: wait }, 'graph throttled or unavailable, retrying');
          await core.sleep(wait);
          continue;
        }
        throw makeError(info.message, { method: req.method, path, status, code: info.code, requestId: requestId ?? info.requestId });
      }
      if (status < 200 || status >= 300) {
        const body = await this.#readJson(response, MAX_JSON_BYTES).catch(() => null);
        const info = errorInfo(body);
        throw makeError(info.message, { method: req.method, path, status, code: info.code, requestId: requestId ?? info.requestId });
      }
      if (req.read === 'none' || status === 204) {
        await response.body?.cancel().catch(() => undefined);
        return { status, body: null, requestId, retryAfterMs: null };
      }
      try {
        const body = req.read === 'json' ? await this.#readJson(response, req.maxBytes ?? MAX_JSON_BYTES) : await this.#readText(response, req.maxBytes ?? MAX_MIME_BYTES);
        return { status, body, requestId, retryAfterMs: null };
      } catch (err) {
        const detail = err instanceof Error ? err.message : String(err);
        if (req.idempotent && attempt < core.maxRetries) {
          attempt++;
          const wait = this.#backoff(attempt);
          this.#notify('onRetry', { reason: 'MalformedResponse', attempt, path });
          core.logger.warn({ method: req.method, path, status, requestId, attempt, detail }, 'graph response unreadable, retrying');
          await core.sleep(wait);
          continue;
        }
        throw new GraphError(detail, { method: req.method, path, status, code: 'MalformedResponse', requestId });
      }
    }
  }

  #backoff(attempt: number): number {
    return Math.min(500 * 2 ** (attempt - 1), 30_000);
  }

  async #readText(response: Response, maxBytes: number): Promise<string> {
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new Error(`response of ${declared} bytes exceeds the ${maxBytes}-byte limit`);
    }
    const text = await response.text();
    if (text.length > maxBytes) throw new Error(`response exceeds the ${maxBytes}-byte limit`);
    return text;
  }

  async #readJson(response: Response, maxBytes: number): Promise<unknown> {
    const text = await this.#readText(response, maxBytes);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new Error('response body is not valid JSON');
    }
  }

  async #getJson(path: string, prefer?: string[]): Promise<unknown> {
    return (await this.#send({ method: 'GET', path, read: 'json', idempotent: true, ...(prefer ? { prefer } : {}) })).body;
  }

  /** Follows @odata.nextLink whole, yielding each page's `value`. */
  async *#pages(firstPath: string, what: string): AsyncIterable<unknown[]> {
    let next: string | null = firstPath;
    let pages = 0;
    while (next) {
      const body = await this.#getJson(next);
      if (!isObj(body) || !Array.isArray(body.value)) {
        throw new GraphError(`${what} page has no value array`, { method: 'GET', path: loggable(next), status: 200, code: 'MalformedResponse', requestId: null });
      }
      pages++;
      yield body.value as unknown[];
      const link = body['@odata.nextLink'];
      next = typeof link === 'string' && link !== '' ? link : null;
      if (pages > 100_000) throw new GraphError(`${what} paging does not end`, { method: 'GET', path: loggable(firstPath), status: 200, code: 'MalformedResponse', requestId: null });
    }
  }

  async listUsers(): Promise<UserList> {
    const users: GraphUserSummary[] = [];
    let invalid = 0;
    const select = 'id,userPrincipalName,displayName,mail,accountEnabled';
    for await (const page of this.#pages(`/users?$select=${select}&$top=999`, 'users')) {
      for (const u of page) {
        const id = isObj(u) ? str(u.id) : null;
        const upn = isObj(u) ? str(u.userPrincipalName) : null;
        if (!isObj(u) || !id || !upn || id.length > 256 || upn.length > 256) {
          invalid++;
          continue;
        }
        users.push({
          id,
          userPrincipalName: upn,
          displayName: str(u.displayName),
          mail: str(u.mail),
          accountEnabled: typeof u.accountEnabled === 'boolean' ? u.accountEnabled : null,
        });
      }
    }
    return { users, invalid };
  }

  listSignIns(window: TimeWindow, query: SignInQuery = { api: 'v1.0' }): AsyncIterable<unknown[]> {
    const time = `createdDateTime ge ${odataTime(window.from)} and createdDateTime le ${odataTime(window.to)}`;
    if (query.api === 'v1.0') return this.#pages(`/auditLogs/signIns?$filter=${enc(time)}&$top=${this.#core.pageSize}`, 'sign-ins');
    // Beta lists interactive sign-ins unless $filter names the event type; a whole URL picks the version.
    const filter = `signInEventTypes/any(t: t eq '${query.eventType}') and ${time}`;
    return this.#pages(`${this.#core.origin}/beta/auditLogs/signIns?$filter=${enc(filter)}&$top=${this.#core.pageSize}`, `${query.eventType} sign-ins (beta)`);
  }

  listDirectoryAudits(window: TimeWindow, filter?: string): AsyncIterable<unknown[]> {
    const clauses = [...(filter ? [filter] : []), `activityDateTime ge ${odataTime(window.from)}`, `activityDateTime le ${odataTime(window.to)}`];
    return this.#pages(`/auditLogs/directoryAudits?$filter=${enc(clauses.join(' and '))}&$top=${this.#core.pageSize}`, 'directory audits');
  }

  async getAuthMethods(userId: string): Promise<unknown[]> {
    const out: unknown[] = [];
    for await (const page of this.#pages(`/users/${enc(userId)}/authentication/methods`, 'authentication methods')) out.push(...page);
    return out;
  }

  /**
   * GETs of up to 20 URLs in `$batch`es, each item retried on its own: an item answered 429/503/504 (or 424,
   * 500, 502) waits its own Retry-After (else a backoff) and is sent again alone or with others then due,
   * while the answered items are done. An outer 424/429/5xx is not thrown: its per-item answers are used
   * when it has them, otherwise every item it carried waits the outer Retry-After. An item still throttled
   * after MAX_BATCH_ITEM_ATTEMPTS sends, or asked to wait past maxBatchItemWaitMs in total, comes back as a
   * failed result with `retryAfterMs`. Other outer failures (400, 401, 403, ...) still throw.
   */
  async #batchGet(urls: ReadonlyMap<string, string>, what: string): Promise<Map<string, BatchItemResult>> {
    if (urls.size > MAX_BATCH) throw new RangeError(`a $batch holds at most ${MAX_BATCH} requests (got ${urls.size})`);
    const core = this.#core;
    const results = new Map<string, BatchItemResult>();
    // Batch item ids must be simple; map them back to the caller's keys.
    const keys = [...urls.keys()];
    const urlOf = (id: string): string => urls.get(keys[Number(id) - 1] as string) as string;
    const keyOf = (id: string): string => keys[Number(id) - 1] as string;
    // Time here is the sum of the waits slept (the sleep is injectable), so due times need no wall clock.
    let now = 0;
    const pending = new Map<string, { due: number; attempts: number; waited: number }>(keys.map((_, i) => [String(i + 1), { due: 0, attempts: 0, waited: 0 }]));

    /** An item to send again after `waitMs`, or given up when its attempts or wait budget are spent. */
    const again = (id: string, waitMs: number, status: number, code: string, message: string, requestId: string | null): void => {
      const p = pending.get(id);
      if (!p) return;
      const wait = Math.min(waitMs, core.maxRetryAfterMs);
      if (p.attempts >= MAX_BATCH_ITEM_ATTEMPTS || p.waited + wait > core.maxBatchItemWaitMs) {
        pending.delete(id);
        const error = makeError(message, { method: 'GET', path: urlOf(id), status, code, requestId });
        results.set(keyOf(id), THROTTLE_STATUSES.has(status) || status === 424 ? { ok: false, error, retryAfterMs: waitMs } : { ok: false, error });
        return;
      }
      p.due = now + wait;
      p.waited += wait;
    };

    while (pending.size > 0) {
      const due = [...pending.entries()].filter(([, p]) => p.due <= now).map(([id]) => id);
      if (due.length === 0) {
        const next = Math.min(...[...pending.values()].map((p) => p.due));
        await core.sleep(next - now);
        now = next;
        continue;
      }
      for (const id of due) (pending.get(id) as { attempts: number }).attempts++;
      const requests = due.map((id) => ({ id, method: 'GET', url: urlOf(id), headers: { Prefer: IMMUTABLE_IDS } }));
      const res = await this.#send({ method: 'POST', path: '/$batch', body: { requests }, read: 'json', idempotent: true, pass: BATCH_OUTER_PER_ITEM });
      const responses = isObj(res.body) && Array.isArray(res.body.responses) ? res.body.responses : null;
      const outerOk = res.status >= 200 && res.status < 300;
      if (!responses && outerOk) {
        throw new GraphError(`${what} $batch answer has no responses array`, { method: 'POST', path: '/$batch', status: res.status, code: 'MalformedResponse', requestId: res.requestId });
      }
      const answered = new Set<string>();
      let throttledItems = 0;
      for (const item of responses ?? []) {
        if (!isObj(item)) continue;
        const id = typeof item.id === 'string' ? item.id : typeof item.id === 'number' ? String(item.id) : null;
        if (!id || !due.includes(id) || answered.has(id)) continue;
        answered.add(id);
        const status = typeof item.status === 'number' ? item.status : 0;
        const headers = isObj(item.headers) ? item.headers : {};
        const header = (name: string): string | null => {
          for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return str(v);
          return null;
        };
        if (status >= 200 && status < 300) {
          pending.delete(id);
          results.set(keyOf(id), { ok: true, status, body: item.body ?? null });
          continue;
        }
        const info = errorInfo(item.body);
        const requestId = header('request-id') ?? info.requestId;
        if (BATCH_ITEM_RETRY(status)) {
          const p = pending.get(id) as { attempts: number };
          const wait = parseRetryAfter(header('retry-after'), Date.now()) ?? this.#backoff(p.attempts);
          if (THROTTLE_STATUSES.has(status)) {
            throttledItems++;
            this.#notify('onThrottled', { status, retryAfterMs: Math.min(wait, core.maxRetryAfterMs), path: urlOf(id), inner: true });
          } else this.#notify('onRetry', { reason: `item HTTP ${status}`, attempt: p.attempts, path: urlOf(id) });
          again(id, wait, status, info.code, info.message, requestId);
          continue;
        }
        pending.delete(id);
        results.set(keyOf(id), { ok: false, error: makeError(info.message, { method: 'GET', path: urlOf(id), status, code: info.code, requestId }) });
      }
      // Items the answer left out (a partial answer, or an outer 424/429/5xx without per-item answers) are
      // sent again: after the outer Retry-After when there is one, else after a backoff.
      const outerInfo = errorInfo(res.body);
      let outerThrottleNoted = false;
      for (const id of due) {
        if (answered.has(id) || !pending.has(id)) continue;
        const p = pending.get(id) as { attempts: number };
        const wait = outerOk ? this.#backoff(p.attempts) : (res.retryAfterMs ?? this.#backoff(p.attempts));
        const status = outerOk ? 0 : res.status;
        if (THROTTLE_STATUSES.has(status) && !outerThrottleNoted) {
          outerThrottleNoted = true; // one throttled answer, however many items it carried
          this.#notify('onThrottled', { status, retryAfterMs: Math.min(wait, core.maxRetryAfterMs), path: '/$batch', inner: false });
        }
        again(id, wait, status, outerOk ? 'BatchItemUnanswered' : outerInfo.code, outerOk ? 'no answer for this item in the $batch reply' : outerInfo.message, res.requestId);
      }
      const unanswered = due.filter((id) => !answered.has(id)).length;
      if (!outerOk || throttledItems > 0 || unanswered > 0) {
        core.logger.warn({ what, status: res.status, throttled: throttledItems, unanswered, waiting: pending.size, requestId: res.requestId }, 'graph $batch items throttled or unanswered; retrying those items alone');
      }
    }
    return results;
  }

  batchGetInboxRules(userIds: readonly string[]): Promise<Map<string, BatchItemResult>> {
    return this.#batchGet(new Map(userIds.map((id) => [id, `/users/${enc(id)}/mailFolders/inbox/messageRules`])), 'inbox rules');
  }

  batchListMailFolders(userIds: readonly string[]): Promise<Map<string, BatchItemResult>> {
    return this.#batchGet(
      new Map(userIds.map((id) => [id, `/users/${enc(id)}/mailFolders?$top=250&includeHiddenFolders=true`])),
      'mail folders',
    );
  }

  async batchMailboxPurposes(userIds: readonly string[]): Promise<Map<string, { ok: true; purpose: MailboxPurpose } | { ok: false; error: GraphError }>> {
    const raw = await this.#batchGet(new Map(userIds.map((id) => [id, `/users/${enc(id)}/mailboxSettings?$select=userPurpose`])), 'mailbox settings');
    const out = new Map<string, { ok: true; purpose: MailboxPurpose } | { ok: false; error: GraphError }>();
    for (const [id, r] of raw) {
      if (r.ok) {
        const purpose = isObj(r.body) ? str(r.body.userPurpose) : null;
        out.set(id, { ok: true, purpose: purpose && MAILBOX_PURPOSES.has(purpose) ? (purpose as MailboxPurpose) : 'others' });
      } else if (isNoMailboxError(r.error)) out.set(id, { ok: true, purpose: 'none' });
      else out.set(id, { ok: false, error: r.error });
    }
    return out;
  }

  nextPages(nextLink: string, what: string): AsyncIterable<unknown[]> {
    return this.#pages(nextLink, what);
  }

  async listMailFolders(userId: string): Promise<unknown[]> {
    const out: unknown[] = [];
    for await (const page of this.#pages(`/users/${enc(userId)}/mailFolders?$top=250&includeHiddenFolders=true`, 'mail folders')) out.push(...page);
    return out;
  }

  async ensureHiddenFolder(userId: string, name: string): Promise<MailFolderSummary> {
    const folders = await this.listMailFolders(userId);
    for (const f of folders) {
      if (isObj(f) && f.displayName === name && typeof f.id === 'string') return { id: f.id, displayName: name };
    }
    const res = await this.#send({
      method: 'POST',
      path: `/users/${enc(userId)}/mailFolders`,
      body: { displayName: name, isHidden: true },
      read: 'json',
      idempotent: false,
    });
    const id = isObj(res.body) ? str(res.body.id) : null;
    if (!id) throw new GraphError('created folder has no id', { method: 'POST', path: `/users/${userId}/mailFolders`, status: res.status, code: 'MalformedResponse', requestId: res.requestId });
    return { id, displayName: name };
  }

  async getMessage(userId: string, messageId: string, select?: readonly string[]): Promise<unknown> {
    const q = select && select.length > 0 ? `?$select=${select.map(enc).join(',')}` : '';
    return this.#getJson(`/users/${enc(userId)}/messages/${enc(messageId)}${q}`, ['outlook.body-content-type="text"']);
  }

  async getMessageMime(userId: string, messageId: string): Promise<string> {
    const res = await this.#send({ method: 'GET', path: `/users/${enc(userId)}/messages/${enc(messageId)}/$value`, read: 'text', idempotent: true, maxBytes: MAX_MIME_BYTES });
    return res.body as string;
  }

  async moveMessage(userId: string, messageId: string, destinationId: string): Promise<string> {
    const path = `/users/${enc(userId)}/messages/${enc(messageId)}/move`;
    const res = await this.#send({ method: 'POST', path, body: { destinationId }, read: 'json', idempotent: false });
    const id = isObj(res.body) ? str(res.body.id) : null;
    if (!id) throw new GraphError('moved message has no id', { method: 'POST', path, status: res.status, code: 'MalformedResponse', requestId: res.requestId });
    return id;
  }

  async setMessageCategories(userId: string, messageId: string, categories: readonly string[]): Promise<void> {
    await this.#send({ method: 'PATCH', path: `/users/${enc(userId)}/messages/${enc(messageId)}`, body: { categories }, read: 'none', idempotent: true });
  }

  async inboxDelta(userId: string, link?: string | null, options: InboxDeltaOptions = {}): Promise<DeltaPage> {
    const first = `/users/${enc(userId)}/mailFolders/inbox/messages/delta`;
    const since = options.receivedSince;
    const path = link ?? (since ? `${first}?$filter=${enc(`receivedDateTime ge ${odataTime(since)}`)}` : first);
    const res = await this.#send({
      method: 'GET',
      path,
      read: 'json',
      idempotent: true,
      prefer: [`odata.maxpagesize=${this.#core.deltaPageSize}`],
      ...(options.maxThrottleWaitMs !== undefined ? { maxThrottleWaitMs: options.maxThrottleWaitMs } : {}),
    });
    const body = res.body;
    if (!isObj(body) || !Array.isArray(body.value)) {
      throw new GraphError('delta page has no value array', { method: 'GET', path: loggable(path), status: res.status, code: 'MalformedResponse', requestId: res.requestId });
    }
    const nextLink = str(body['@odata.nextLink']);
    const deltaLink = str(body['@odata.deltaLink']);
    if (!nextLink && !deltaLink) {
      throw new GraphError('delta page has neither nextLink nor deltaLink', { method: 'GET', path: loggable(path), status: res.status, code: 'MalformedResponse', requestId: res.requestId });
    }
    return { records: body.value as unknown[], nextLink, deltaLink: nextLink ? null : deltaLink };
  }

  async sendMail(userId: string, message: unknown, saveToSentItems = false): Promise<void> {
    await this.#send({ method: 'POST', path: `/users/${enc(userId)}/sendMail`, body: { message, saveToSentItems }, read: 'none', idempotent: false });
  }

  // ---- incident response (response-graph.ts) ----

  async revokeSignInSessions(userId: string): Promise<void> {
    // Revoking twice is harmless: it only moves signInSessionsValidFromDateTime forward.
    await this.#send({ method: 'POST', path: `/users/${enc(userId)}/revokeSignInSessions`, read: 'none', idempotent: true });
  }

  async setAccountEnabled(userId: string, enabled: boolean): Promise<void> {
    await this.#send({ method: 'PATCH', path: `/users/${enc(userId)}`, body: { accountEnabled: enabled }, read: 'none', idempotent: true });
  }

  async requirePasswordChange(userId: string): Promise<void> {
    await this.#send({ method: 'PATCH', path: `/users/${enc(userId)}`, body: { passwordProfile: { forceChangePasswordNextSignIn: true } }, read: 'none', idempotent: true });
  }

  async listInboxRules(userId: string): Promise<unknown[]> {
    const out: unknown[] = [];
    for await (const page of this.#pages(`/users/${enc(userId)}/mailFolders/inbox/messageRules`, 'inbox rules')) out.push(...page);
    return out;
  }

  async deleteInboxRule(userId: string, ruleId: string): Promise<void> {
    await this.#send({ method: 'DELETE', path: `/users/${enc(userId)}/mailFolders/inbox/messageRules/${enc(ruleId)}`, read: 'none', idempotent: true });
  }

  async createInboxRule(userId: string, rule: Record<string, unknown>): Promise<string> {
    const path = `/users/${enc(userId)}/mailFolders/inbox/messageRules`;
    const res = await this.#send({ method: 'POST', path, body: rule, read: 'json', idempotent: false });
    const id = isObj(res.body) ? str(res.body.id) : null;
    if (!id) throw new GraphError('created rule has no id', { method: 'POST', path, status: res.status, code: 'MalformedResponse', requestId: res.requestId });
    return id;
  }

  async deleteAuthMethod(userId: string, odataType: string, methodId: string): Promise<void> {
    const segment = AUTH_METHOD_SEGMENTS[odataType];
    const path = `/users/${enc(userId)}/authentication/${segment ?? 'methods'}/${enc(methodId)}`;
    if (!segment) throw new GraphError(`authentication methods of type ${odataType} cannot be deleted through Graph`, { method: 'DELETE', path, status: 0, code: 'UnsupportedMethodType', requestId: null });
    await this.#send({ method: 'DELETE', path, read: 'none', idempotent: true });
  }
}

export function createGraphApi(options: GraphApiOptions): GraphApi {
  return new GraphHttpApi(new GraphCore(options), options.observer ? [options.observer] : []);
}
