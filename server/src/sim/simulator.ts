// The tenant simulator: one HTTPS server on loopback serving the simulated Graph (`/v1.0/...`, also
// without the prefix) and the local identity provider (`/{tenant}/...`).
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TenantScenario } from '@lantern/shared';
import { systemClock, type Clock } from '../clock.ts';
import { generateCertificates, type Certificates } from './certificates.ts';
import { FaultInjector, type FaultOptions } from './faults.ts';
import { GraphApi, splitVersion, type SimRequest, type SimResponse } from './graph-api.ts';
import { graphErrorBody } from './graph-error.ts';
import { IdentityProvider, TokenRejectedError, type MintUserTokenOptions } from './identity-provider.ts';
import { SimStats, type SimStatsSnapshot } from './sim-stats.ts';
import { TenantState } from './tenant-state.ts';
import { Throttle, type ThrottlingOptions } from './throttle.ts';

/** The confidential client the simulator accepts when `clientSecrets` is not given. */
export const SIM_CLIENT_ID = '11111111-2222-3333-4444-555555555555';
export const SIM_CLIENT_SECRET = 'lantern-sim-secret';
/** Application permissions in app-only tokens (what Lantern's app registration asks for). */
export const SIM_APP_ROLES = ['User.Read.All', 'AuditLog.Read.All', 'Directory.Read.All', 'UserAuthenticationMethod.Read.All', 'MailboxSettings.Read', 'Mail.ReadWrite', 'Mail.Send'];

export interface SimulatorOptions {
  scenario: TenantScenario;
  /** The scenario clock: records appear once it passes their time. */
  clock: Clock;
  /** Wall clock for token lifetimes, throttling windows and certificates (default: the system clock). */
  realClock?: Clock;
  /** Default 0 (any free port). The server listens on 127.0.0.1 only. */
  port?: number;
  /** Graph's limits by default; `false` turns throttling off; partial options override single numbers. */
  throttling?: Partial<ThrottlingOptions> | false;
  faults?: FaultOptions;
  /** Answer a $batch holding a throttled (429) item with an outer 424, as Microsoft documents (default: 200). */
  batchFailsWhenThrottled?: boolean;
  /** Whether `/beta` answers (default true); false answers every beta request 400, as a tenant refusing beta. */
  betaAvailable?: boolean;
  /** Default: made at start. */
  certificates?: Certificates;
  /** client id → secret (default: SIM_CLIENT_ID → SIM_CLIENT_SECRET). */
  clientSecrets?: Record<string, string>;
  /** Largest request body accepted (default 4 MiB, Graph's sendMail limit). */
  maxBodyBytes?: number;
}

export interface RunningSimulator {
  /** https://localhost:PORT */
  baseUrl: string;
  /** baseUrl + '/v1.0' */
  graphUrl: string;
  tenantId: string;
  /** https://localhost:PORT/{tenantId}: the MSAL authority. */
  authority: string;
  /** 'localhost:PORT': MSAL's knownAuthorities entry. */
  knownAuthority: string;
  /** Token issuer: authority + '/v2.0'. */
  issuer: string;
  jwksUri: string;
  /** The CA certificate clients must trust. */
  caPem: string;
  port: number;
  state: TenantState;
  stats(): SimStatsSnapshot;
  resetStats(): void;
  /** A signed user token (as the add-in gets it), for tests and the demo. */
  mintUserToken(options: MintUserTokenOptions): Promise<string>;
  /** The IdP's public keys (for jose's createLocalJWKSet in tests). */
  jwks(): { keys: Record<string, unknown>[] };
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const realClock = options.realClock ?? systemClock;
  const certificates = options.certificates ?? (await generateCertificates(realClock));
  const state = new TenantState(options.scenario, options.clock);
  const stats = new SimStats();
  const maxBody = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const clientSecrets = options.clientSecrets ?? { [SIM_CLIENT_ID]: SIM_CLIENT_SECRET };
  let idp: IdentityProvider | undefined;
  let graph: GraphApi | undefined;

  const server: Server = createServer({ key: certificates.keyPem, cert: certificates.certPem }, (req, res) => {
    if (!idp || !graph) {
      res.writeHead(503).end();
      return;
    }
    handle(req, res, idp, graph, state.tenantId, stats, maxBody, realClock).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `https://localhost:${port}`;
  const graphUrl = `${baseUrl}/v1.0`;
  idp = await IdentityProvider.create({ tenantId: state.tenantId, baseUrl, clientSecrets, realClock, appRoles: SIM_APP_ROLES, lookupUser: (u) => state.user(u) });
  graph = new GraphApi({
    state,
    graphUrl,
    throttle: options.throttling === false ? undefined : new Throttle(options.throttling ?? {}, realClock),
    faults: new FaultInjector(options.faults),
    stats,
    realClock,
    ...(options.batchFailsWhenThrottled ? { batchFailsWhenThrottled: true } : {}),
    ...(options.betaAvailable === false ? { betaAvailable: false } : {}),
  });
  const provider = idp;
  return {
    baseUrl,
    graphUrl,
    tenantId: state.tenantId,
    authority: `${baseUrl}/${state.tenantId}`,
    knownAuthority: `localhost:${port}`,
    issuer: provider.issuer,
    jwksUri: `${baseUrl}/${state.tenantId}/discovery/v2.0/keys`,
    caPem: certificates.caPem,
    port,
    state,
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    mintUserToken: (o) => provider.mintUserToken(o),
    jwks: () => provider.jwks() as { keys: Record<string, unknown>[] },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

class BodyTooLargeError extends Error {}

async function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > max) throw new BodyTooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new BodyTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function handle(req: IncomingMessage, res: ServerResponse, idp: IdentityProvider, graph: GraphApi, tenantId: string, stats: SimStats, maxBody: number, realClock: Clock): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://localhost');
  const method = (req.method ?? 'GET').toUpperCase();
  const segments = url.pathname.split('/').filter(Boolean);
  const send = (status: number, headers: Record<string, string>, body?: string): void => {
    res.writeHead(status, { 'Cache-Control': 'no-store', ...headers });
    res.end(body);
  };
  const json = (status: number, value: unknown, headers: Record<string, string> = {}): void => send(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers }, JSON.stringify(value));

  // ----- identity provider: /{tenant}/... -----
  const first = segments[0]?.toLowerCase() ?? '';
  if (first === tenantId.toLowerCase() || first === 'common' || first === 'organizations') {
    const rest = segments.slice(1).join('/').toLowerCase();
    if (method === 'GET' && rest === 'v2.0/.well-known/openid-configuration') return json(200, idp.openIdConfiguration());
    if (method === 'GET' && rest === 'discovery/v2.0/keys') return json(200, idp.jwks());
    if (method === 'POST' && rest === 'oauth2/v2.0/token') {
      let body: Buffer;
      try {
        body = await readBody(req, 64 * 1024);
      } catch {
        return json(413, { error: 'invalid_request', error_description: 'Request body too large.' });
      }
      const result = await idp.token(new URLSearchParams(body.toString('utf8')), req.headers.authorization);
      if (result.status === 200) stats.token();
      return json(result.status, result.body);
    }
    return json(404, { error: 'not_found', error_description: `The simulator's identity provider does not serve ${url.pathname}.` });
  }

  // ----- Graph -----
  const requestId = randomUUID();
  const clientRequestId = typeof req.headers['client-request-id'] === 'string' ? req.headers['client-request-id'] : requestId;
  const fail = (status: number, code: string, message: string): void => {
    stats.record(`${method} (rejected)`, status, false);
    json(status, graphErrorBody(code, message, realClock.now(), requestId, clientRequestId), { 'request-id': requestId, 'client-request-id': clientRequestId });
  };
  const auth = req.headers.authorization ?? '';
  if (!/^Bearer\s+\S+/i.test(auth)) {
    req.resume();
    return fail(401, 'InvalidAuthenticationToken', 'Access token is empty.');
  }
  let caller;
  try {
    caller = await idp.verifyGraphToken(auth.replace(/^Bearer\s+/i, ''));
  } catch (err) {
    req.resume();
    return fail(401, 'InvalidAuthenticationToken', err instanceof TokenRejectedError ? err.message : 'Access token validation failure.');
  }
  let body: unknown;
  if (method !== 'GET' && method !== 'HEAD') {
    let raw: Buffer;
    try {
      raw = await readBody(req, maxBody);
    } catch {
      return fail(413, 'RequestEntityTooLarge', `The request body exceeds ${maxBody} bytes.`);
    }
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8')) as unknown;
      } catch {
        return fail(400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
      }
    }
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
  const { path, version } = splitVersion(url.pathname);
  const simReq: SimRequest = { method, path, version, query: url.searchParams, headers, body };
  const response: SimResponse = await graph.dispatch(simReq, caller);
  if (response.text !== undefined) return send(response.status, response.headers, response.text);
  if (response.malformed !== undefined) return send(response.status, response.headers, response.malformed);
  if (response.body === undefined) return send(response.status, response.headers);
  return send(response.status, response.headers, JSON.stringify(response.body));
}
