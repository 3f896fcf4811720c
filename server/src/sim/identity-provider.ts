// A local OpenID Connect identity provider in the shape of Microsoft Entra ID v2.0 endpoints:
// discovery, JWKS, and a token endpoint for client_credentials (client secret) and on-behalf-of
// (jwt-bearer), so @azure/msal-node runs against it unchanged; and, for browser sign-in in the demo, an
// authorize page (pick a user, tick "analyst") with the authorization_code grant and PKCE (S256). Token lifetimes follow the wall clock
// (`realClock`), not the scenario clock, because MSAL caches tokens by real time.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, jwtVerify, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import type { GraphUser } from '@lantern/shared';
import { SECURITY_ANALYST_ROLE } from '@lantern/shared/api';
import type { Clock } from '../clock.ts';

export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const TOKEN_SECONDS = 3599;
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);
/** Authorization codes live ten minutes, like Entra's, and are used once. */
export const AUTHORIZATION_CODE_SECONDS = 600;
const MAX_PENDING_CODES = 1000;
const MAX_PARAM_LENGTH = 2048;

export interface IdentityProviderOptions {
  tenantId: string;
  /** https://localhost:PORT */
  baseUrl: string;
  clientSecrets: Record<string, string>;
  realClock: Clock;
  /** Application permissions written into app-only Graph tokens' `roles`. */
  appRoles: string[];
  lookupUser: (idOrUpn: string) => GraphUser | undefined;
  /** The scenario's users, listed on the demo's authorize page (otherwise it asks for a UPN). */
  listUsers?: () => GraphUser[];
  /**
   * Public (SPA) clients allowed the authorization code flow: client id → redirect URIs. Without an entry a
   * client may use any redirect URI on localhost / 127.0.0.1 (the demo runs there).
   */
  spaRedirectUris?: Record<string, string[]>;
}

/** What GET /{tenant}/oauth2/v2.0/authorize answers: an HTML page, or a redirect back to the client. */
export type AuthorizeResult = { kind: 'page'; status: number; html: string } | { kind: 'redirect'; location: string };

interface PendingCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  userId: string;
  analyst: boolean;
  scopes: string[];
  nonce: string | null;
  expiresAt: number;
}

export interface MintUserTokenOptions {
  /** Object id or UPN of a scenario user; `oid`, `preferred_username` and `name` come from it. */
  user: string;
  /** The add-in API's client id (or `api://host/{clientId}`). */
  audience: string;
  /** Default `access_as_user`. */
  scopes?: string[];
  /** App roles, e.g. `Lantern.SecurityAnalyst`. */
  roles?: string[];
  /** Client id of the app the token was issued to (azp); default: the audience. */
  authorizedParty?: string;
  expiresInSeconds?: number;
}

export interface GraphCaller {
  kind: 'app' | 'user';
  appId: string;
  /** The signed-in user's object id (delegated tokens). */
  userId: string | undefined;
  roles: string[];
  scopes: string[];
}

export class TokenRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenRejectedError';
  }
}

export interface TokenEndpointResult {
  status: number;
  body: Record<string, unknown>;
}

export class IdentityProvider {
  readonly issuer: string;
  readonly #kid: string;
  #jwk: JWK;

  private constructor(
    readonly options: IdentityProviderOptions,
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    jwk: JWK,
  ) {
    this.issuer = `${options.baseUrl}/${options.tenantId}/v2.0`;
    this.#kid = randomUUID();
    this.#jwk = { ...jwk, kid: this.#kid, use: 'sig', alg: 'RS256' };
  }

  static async create(options: IdentityProviderOptions): Promise<IdentityProvider> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    return new IdentityProvider(options, privateKey, publicKey, await exportJWK(publicKey));
  }

  /** The document msal-node reads from `{authority}/v2.0/.well-known/openid-configuration`. */
  openIdConfiguration(): Record<string, unknown> {
    const t = `${this.options.baseUrl}/${this.options.tenantId}`;
    return {
      token_endpoint: `${t}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      jwks_uri: `${t}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: this.issuer,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${this.options.baseUrl}/oidc/userinfo`,
      authorization_endpoint: `${t}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${t}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${t}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'oid', 'roles', 'scp'],
      tenant_region_scope: 'EU',
      cloud_instance_name: 'localhost',
      cloud_graph_host_name: 'localhost',
      msgraph_host: 'localhost',
    };
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.#jwk] };
  }

  async #sign(claims: JWTPayload, seconds: number): Promise<string> {
    const now = Math.floor(this.options.realClock.now().getTime() / 1000);
    return new SignJWT({ ...claims, tid: this.options.tenantId, uti: randomUUID().replace(/-/g, '').slice(0, 22) })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.#kid })
      .setIssuer(this.issuer)
      .setIssuedAt(now)
      .setNotBefore(now - 5)
      .setExpirationTime(now + seconds)
      .sign(this.privateKey);
  }

  /** A token as the add-in would get it for the signed-in user (audience: the add-in API). */
  async mintUserToken(o: MintUserTokenOptions): Promise<string> {
    const user = this.options.lookupUser(o.user);
    if (!user) throw new TokenRejectedError(`no user ${o.user} in the scenario`);
    return this.#sign(
      {
        aud: o.audience,
        azp: o.authorizedParty ?? o.audience.replace(/^api:\/\/.*\//, ''),
        sub: `sub-${user.id}`,
        oid: user.id,
        preferred_username: user.userPrincipalName,
        name: user.displayName ?? user.userPrincipalName,
        scp: (o.scopes ?? ['access_as_user']).join(' '),
        ...(o.roles && o.roles.length > 0 ? { roles: o.roles } : {}),
        ver: '2.0',
      },
      o.expiresInSeconds ?? TOKEN_SECONDS,
    );
  }

  /** Verifies a bearer token presented to the simulated Graph. */
  async verifyGraphToken(token: string): Promise<GraphCaller> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.publicKey, { issuer: this.issuer, audience: [GRAPH_AUDIENCE, GRAPH_APP_ID], currentDate: this.options.realClock.now(), algorithms: ['RS256'] }));
    } catch (err) {
      const code = (err as { code?: string }).code;
      throw new TokenRejectedError(code === 'ERR_JWT_EXPIRED' ? 'Lifetime validation failed, the token is expired.' : code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' ? 'Invalid audience.' : 'Access token validation failure. Invalid signature or format.');
    }
    const roles = Array.isArray(payload['roles']) ? payload['roles'].filter((r): r is string => typeof r === 'string') : [];
    const scopes = typeof payload['scp'] === 'string' ? payload['scp'].split(' ').filter(Boolean) : [];
    const appId = typeof payload['appid'] === 'string' ? payload['appid'] : '';
    const oid = typeof payload['oid'] === 'string' ? payload['oid'] : undefined;
    return payload['idtyp'] === 'user' ? { kind: 'user', appId, userId: oid, roles, scopes } : { kind: 'app', appId, userId: undefined, roles, scopes };
  }

  readonly #codes = new Map<string, PendingCode>();

  #redirectAllowed(clientId: string, redirectUri: string): boolean {
    const registered = this.options.spaRedirectUris?.[clientId];
    if (registered) return registered.includes(redirectUri);
    try {
      const u = new URL(redirectUri);
      return (u.protocol === 'http:' || u.protocol === 'https:') && (u.hostname === 'localhost' || u.hostname === '127.0.0.1') && u.hash === '';
    } catch {
      return false;
    }
  }

  /**
   * GET /{tenant}/oauth2/v2.0/authorize (demo only: no password). Without `lantern_user` it answers a page
   * listing the tenant's users with an "analyst" checkbox; the page submits back here with `lantern_user`
   * (and `lantern_analyst=1`), which issues a one-time code and redirects to `redirect_uri?code=…&state=…`.
   */
  authorize(query: URLSearchParams): AuthorizeResult {
    const get = (k: string): string => (query.get(k) ?? '').slice(0, MAX_PARAM_LENGTH);
    const clientId = get('client_id');
    const redirectUri = get('redirect_uri');
    if (!clientId || !redirectUri || !this.#redirectAllowed(clientId, redirectUri)) {
      return this.#page(400, 'Sign-in error', `<p>AADSTS50011: The redirect URI '${escapeHtml(redirectUri)}' specified in the request does not match the redirect URIs configured for the application '${escapeHtml(clientId)}'.</p>`);
    }
    const back = (params: Record<string, string>): AuthorizeResult => {
      const u = new URL(redirectUri);
      const out = new URLSearchParams({ ...params, ...(query.has('state') ? { state: get('state') } : {}) });
      // MSAL.js asks for response_mode=fragment; query is the OAuth default.
      if (get('response_mode') === 'fragment') u.hash = out.toString();
      else for (const [k, v] of out) u.searchParams.set(k, v);
      return { kind: 'redirect', location: u.toString() };
    };
    if (get('response_type') !== 'code') return back({ error: 'unsupported_response_type', error_description: 'AADSTS700054: response_type must be code.' });
    const challenge = get('code_challenge');
    if (get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
      return back({ error: 'invalid_request', error_description: 'AADSTS9002325: Proof Key for Code Exchange (S256) is required for this client.' });
    }
    const scopes = get('scope').split(' ').filter(Boolean);
    const resourceScopes = scopes.filter((sc) => !OIDC_SCOPES.has(sc));
    if (resourceScopes.some((sc) => !sc.endsWith('/access_as_user'))) {
      return back({ error: 'invalid_scope', error_description: `AADSTS70011: The provided value for scope ${resourceScopes.join(' ')} is not valid. This simulator's browser sign-in issues tokens for access_as_user only.` });
    }
    const chosen = get('lantern_user');
    if (!chosen) return this.#page(200, 'Sign in (demo)', this.#userPicker(query));
    const user = this.options.lookupUser(chosen);
    if (!user) return this.#page(400, 'Sign in (demo)', `<p role="alert">No user ${escapeHtml(chosen)} in this tenant.</p>${this.#userPicker(query)}`);
    const now = this.options.realClock.now().getTime();
    for (const [c, p] of this.#codes) if (p.expiresAt <= now) this.#codes.delete(c);
    if (this.#codes.size >= MAX_PENDING_CODES) this.#codes.delete(this.#codes.keys().next().value as string);
    const code = randomBytes(32).toString('base64url');
    this.#codes.set(code, {
      clientId,
      redirectUri,
      codeChallenge: challenge,
      userId: user.id,
      analyst: get('lantern_analyst') === '1',
      scopes,
      nonce: query.get('nonce')?.slice(0, MAX_PARAM_LENGTH) ?? null,
      expiresAt: now + AUTHORIZATION_CODE_SECONDS * 1000,
    });
    return back({ code, client_info: clientInfo(user.id, this.options.tenantId) });
  }

  #userPicker(query: URLSearchParams): string {
    const hidden = [...query]
      .filter(([k]) => !k.startsWith('lantern_'))
      .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v.slice(0, MAX_PARAM_LENGTH))}">`)
      .join('');
    const users = this.options.listUsers?.() ?? [];
    const chooser =
      users.length > 0
        ? `<select name="lantern_user" aria-label="User">${users
            .slice(0, 5000)
            .map((u) => `<option value="${escapeHtml(u.id)}">${escapeHtml(u.displayName ?? u.userPrincipalName)} (${escapeHtml(u.userPrincipalName)})</option>`)
            .join('')}</select>`
        : '<input name="lantern_user" aria-label="User principal name" placeholder="user@tenant" required>';
    return (
      '<p>Demo tenant: choose who you are. There is no password.</p>' +
      `<form method="get">${hidden}<p>${chooser}</p><p><label><input type="checkbox" name="lantern_analyst" value="1"> Security analyst (${SECURITY_ANALYST_ROLE})</label></p><p><button type="submit">Sign in</button></p></form>`
    );
  }

  #page(status: number, title: string, body: string): AuthorizeResult {
    return {
      kind: 'page',
      status,
      html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
    };
  }

  /** grant_type=authorization_code: a public client redeems its one-time code with the PKCE verifier. */
  async #redeemCode(form: URLSearchParams): Promise<TokenEndpointResult> {
    const code = form.get('code') ?? '';
    const pending = this.#codes.get(code);
    // One use only: a code is forgotten the moment anyone presents it.
    this.#codes.delete(code);
    if (!pending || pending.expiresAt <= this.options.realClock.now().getTime()) {
      return this.#error(400, 'invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity or was already used. Send a new interactive authorization request for this user and resource.');
    }
    if ((form.get('client_id') ?? '') !== pending.clientId) return this.#error(400, 'invalid_grant', 70000, 'The provided authorization code was issued to a different client.');
    if ((form.get('redirect_uri') ?? '') !== pending.redirectUri) return this.#error(400, 'invalid_grant', 50148, 'The redirect_uri does not match the one used in the authorization request.');
    const verifier = form.get('code_verifier') ?? '';
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || createHash('sha256').update(verifier).digest('base64url') !== pending.codeChallenge) {
      return this.#error(400, 'invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.');
    }
    const user = this.options.lookupUser(pending.userId);
    if (!user) return this.#error(400, 'invalid_grant', 50034, 'The user account does not exist in the directory.');
    const resourceScopes = pending.scopes.filter((sc) => !OIDC_SCOPES.has(sc));
    const resource = resourceScopes[0]?.slice(0, -'/access_as_user'.length) ?? pending.clientId;
    // v2 access tokens carry the API's client id as audience, whichever identifier the scope named it by.
    const audience = resource.slice(resource.lastIndexOf('/') + 1);
    const access = await this.mintUserToken({ user: user.id, audience, roles: pending.analyst ? [SECURITY_ANALYST_ROLE] : [], authorizedParty: pending.clientId });
    const idToken = await this.#sign(
      { aud: pending.clientId, sub: `sub-${user.id}`, oid: user.id, preferred_username: user.userPrincipalName, name: user.displayName ?? user.userPrincipalName, ...(pending.nonce ? { nonce: pending.nonce } : {}), ver: '2.0' },
      TOKEN_SECONDS,
    );
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        scope: resourceScopes.join(' '),
        expires_in: TOKEN_SECONDS,
        ext_expires_in: TOKEN_SECONDS,
        access_token: access,
        id_token: idToken,
        client_info: clientInfo(user.id, this.options.tenantId),
      },
    };
  }

  /** POST /{tenant}/oauth2/v2.0/token, form fields already parsed. */
  async token(form: URLSearchParams, authorization: string | undefined): Promise<TokenEndpointResult> {
    if (form.get('grant_type') === 'authorization_code') return this.#redeemCode(form);
    let clientId = form.get('client_id') ?? '';
    let secret = form.get('client_secret') ?? '';
    if (authorization?.startsWith('Basic ')) {
      const [id, s] = Buffer.from(authorization.slice(6), 'base64').toString('utf8').split(':');
      clientId = decodeURIComponent(id ?? '');
      secret = decodeURIComponent(s ?? '');
    }
    const grant = form.get('grant_type') ?? '';
    if (grant !== 'client_credentials' && grant !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      return this.#error(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grant}'.`);
    }
    const expected = this.options.clientSecrets[clientId];
    if (expected === undefined) return this.#error(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${this.options.tenantId}'.`);
    if (secret !== expected) return this.#error(401, 'invalid_client', 7000215, 'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.');
    const scopes = (form.get('scope') ?? '').split(' ').filter((s) => s && !OIDC_SCOPES.has(s));
    const graphScopes = scopes.filter((s) => s.startsWith(`${GRAPH_AUDIENCE}/`) || s.startsWith(`${GRAPH_APP_ID}/`));
    if (graphScopes.length === 0 || graphScopes.length !== scopes.length) {
      return this.#error(400, 'invalid_scope', 1002012, `The provided value for scope ${scopes.join(' ')} is not valid. This simulator issues tokens for ${GRAPH_AUDIENCE} only.`);
    }
    if (grant === 'client_credentials') {
      if (graphScopes.length !== 1 || !graphScopes[0]?.endsWith('/.default')) {
        return this.#error(400, 'invalid_scope', 1002012, `The provided value for scope ${scopes.join(' ')} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
      }
      const access = await this.#sign({ aud: GRAPH_AUDIENCE, appid: clientId, azp: clientId, idtyp: 'app', oid: `sp-${clientId}`, sub: `sp-${clientId}`, roles: this.options.appRoles, ver: '1.0' }, TOKEN_SECONDS);
      return { status: 200, body: { token_type: 'Bearer', expires_in: TOKEN_SECONDS, ext_expires_in: TOKEN_SECONDS, access_token: access } };
    }
    // On-behalf-of: exchange a user token whose audience is this client for a delegated Graph token.
    if (form.get('requested_token_use') !== 'on_behalf_of') return this.#error(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'requested_token_use'.");
    const assertion = form.get('assertion') ?? '';
    let user: JWTPayload;
    try {
      ({ payload: user } = await jwtVerify(assertion, this.publicKey, { issuer: this.issuer, currentDate: this.options.realClock.now(), algorithms: ['RS256'] }));
    } catch {
      return this.#error(400, 'invalid_grant', 50013, 'Assertion failed signature validation or has expired.');
    }
    const aud = typeof user.aud === 'string' ? user.aud : '';
    if (aud !== clientId && !aud.endsWith(`/${clientId}`)) return this.#error(400, 'invalid_grant', 50013, `Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was '${aud}' and the expected audience is '${clientId}'.`);
    const delegated = graphScopes.map((s) => s.slice(s.lastIndexOf('/') + 1)).flatMap((s) => (s === '.default' ? ['User.Read', 'Mail.ReadWrite', 'Mail.Send'] : [s]));
    const access = await this.#sign(
      { aud: GRAPH_AUDIENCE, appid: clientId, azp: clientId, idtyp: 'user', oid: user['oid'], sub: user.sub, upn: user['preferred_username'], name: user['name'], scp: delegated.join(' '), ver: '1.0' },
      TOKEN_SECONDS,
    );
    return { status: 200, body: { token_type: 'Bearer', scope: graphScopes.join(' '), expires_in: TOKEN_SECONDS, ext_expires_in: TOKEN_SECONDS, access_token: access } };
  }

  #error(status: number, error: string, code: number, description: string): TokenEndpointResult {
    const traceId = randomUUID();
    const correlationId = randomUUID();
    const timestamp = this.options.realClock.now().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
    return {
      status,
      body: {
        error,
        error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
        error_codes: [code],
        timestamp,
        trace_id: traceId,
        correlation_id: correlationId,
      },
    };
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** MSAL's client_info: base64url of {uid, utid}, the account's home ids. */
function clientInfo(userId: string, tenantId: string): string {
  return Buffer.from(JSON.stringify({ uid: userId, utid: tenantId }), 'utf8').toString('base64url');
}
