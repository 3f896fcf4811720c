// A local OpenID Connect identity provider in the shape of Microsoft Entra ID v2.0 endpoints:
// discovery, JWKS, and a token endpoint for client_credentials (client secret) and on-behalf-of
// (jwt-bearer), so @azure/msal-node runs against it unchanged. Token lifetimes follow the wall clock
// (`realClock`), not the scenario clock, because MSAL caches tokens by real time.
import { randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, jwtVerify, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import type { GraphUser } from '@lantern/shared';
import type { Clock } from '../clock.ts';

export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const TOKEN_SECONDS = 3599;
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

export interface IdentityProviderOptions {
  tenantId: string;
  /** https://localhost:PORT */
  baseUrl: string;
  clientSecrets: Record<string, string>;
  realClock: Clock;
  /** Application permissions written into app-only Graph tokens' `roles`. */
  appRoles: string[];
  lookupUser: (idOrUpn: string) => GraphUser | undefined;
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

  /** POST /{tenant}/oauth2/v2.0/token, form fields already parsed. */
  async token(form: URLSearchParams, authorization: string | undefined): Promise<TokenEndpointResult> {
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
