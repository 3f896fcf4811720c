// Validates the add-in's bearer token (Office SSO, MSAL nested app authentication, or the demo IdP):
// signature against the tenant's keys, issuer, audience, expiry, tenant and the access_as_user scope.
import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Clock } from '../clock.ts';
import { AuthError } from './auth-error.ts';
import type { AuthUser } from './auth-user.ts';

export const ACCESS_AS_USER_SCOPE = 'access_as_user';
/** Tokens longer than this are refused before any parsing. */
export const MAX_TOKEN_LENGTH = 16 * 1024;

export interface TokenVerifierOptions {
  /** The tenant whose users may call the API; tokens for other tenants are refused. */
  tenantId: string;
  /** The API's (add-in's) application id: the token's audience. */
  clientId: string;
  /** Application id URI (e.g. "api://lantern.example.com/{clientId}"), also accepted as audience. */
  appIdUri?: string;
  /** Issuers accepted besides Entra's v2 and v1 issuers for the tenant (the demo IdP's issuer). */
  extraIssuers?: string[];
  /** Signing keys: createRemoteJWKSet in production and demo, createLocalJWKSet in tests. */
  keys: JWTVerifyGetKey;
  clock: Clock;
  /** Allowed clock skew in seconds (default 120). */
  clockToleranceSec?: number;
  /** Verified tokens remembered (until they expire) so repeated calls skip the signature check (default 1,000; 0 = off). */
  cacheSize?: number;
}

export interface TokenVerifier {
  verify(token: string): Promise<AuthUser>;
}

export function entraIssuers(tenantId: string): string[] {
  return [`https://login.microsoftonline.com/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`];
}

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const issuers = [...entraIssuers(options.tenantId), ...(options.extraIssuers ?? [])];
  const audiences = [options.clientId, ...(options.appIdUri ? [options.appIdUri] : [])];
  const tolerance = options.clockToleranceSec ?? 120;
  const cacheSize = options.cacheSize ?? 1000;
  /** token → the user it names and when it stops being valid (ms). Insertion order = age. */
  const cache = new Map<string, { user: AuthUser; validUntil: number }>();

  return {
    async verify(token: string): Promise<AuthUser> {
      if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
        throw new AuthError('malformed', 'The access token is missing or too long.');
      }
      const now = options.clock.now().getTime();
      const hit = cache.get(token);
      if (hit) {
        if (now <= hit.validUntil) return hit.user;
        cache.delete(token);
      }
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, options.keys, {
          issuer: issuers,
          audience: audiences,
          algorithms: ['RS256'],
          currentDate: options.clock.now(),
          clockTolerance: tolerance,
          requiredClaims: ['exp', 'iss', 'aud'],
        }));
      } catch (err) {
        throw translateJoseError(err);
      }
      const user = Object.freeze(userFromClaims(payload, options.tenantId));
      if (cacheSize > 0 && typeof payload.exp === 'number') {
        if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
        cache.set(token, { user, validUntil: payload.exp * 1000 + tolerance * 1000 });
      }
      return user;
    },
  };
}

function translateJoseError(err: unknown): AuthError {
  if (err instanceof errors.JWTExpired) return new AuthError('expired', 'The access token has expired; get a new one.');
  if (err instanceof errors.JWTClaimValidationFailed) {
    const claim = err.claim;
    if (claim === 'iss') return new AuthError('issuer', 'The access token was not issued for this tenant.');
    if (claim === 'aud') return new AuthError('audience', 'The access token is not meant for this API.');
    if (claim === 'nbf') return new AuthError('not-yet-valid', 'The access token is not valid yet.');
    return new AuthError('claims', `The access token's ${claim} claim is invalid.`);
  }
  if (err instanceof errors.JWSSignatureVerificationFailed || err instanceof errors.JWKSNoMatchingKey) {
    return new AuthError('signature', 'The access token signature does not verify.');
  }
  if (err instanceof errors.JOSEAlgNotAllowed) return new AuthError('algorithm', 'The access token uses a signing algorithm this API refuses.');
  if (err instanceof errors.JOSEError) return new AuthError('malformed', 'The access token could not be read.');
  // Key-set fetch failures and the like: still a 401 for the caller (the cause is logged by the handler).
  return new AuthError('unverifiable', 'The access token could not be verified.');
}

function stringClaim(payload: JWTPayload, name: string): string | null {
  const v = payload[name];
  return typeof v === 'string' && v.length > 0 && v.length <= 512 ? v : null;
}

function userFromClaims(payload: JWTPayload, tenantId: string): AuthUser {
  const tid = stringClaim(payload, 'tid');
  if (tid === null || tid.toLowerCase() !== tenantId.toLowerCase()) {
    throw new AuthError('tenant', 'The access token belongs to another tenant.');
  }
  const scp = stringClaim(payload, 'scp');
  if (scp === null || !scp.split(' ').includes(ACCESS_AS_USER_SCOPE)) {
    throw new AuthError('scope', `The access token lacks the ${ACCESS_AS_USER_SCOPE} scope.`);
  }
  const oid = stringClaim(payload, 'oid');
  if (oid === null) throw new AuthError('claims', 'The access token names no user (oid).');
  const upn = stringClaim(payload, 'preferred_username') ?? stringClaim(payload, 'upn') ?? stringClaim(payload, 'unique_name');
  if (upn === null) throw new AuthError('claims', 'The access token names no user principal.');
  const rawRoles = payload['roles'];
  const roles = Array.isArray(rawRoles)
    ? rawRoles.filter((r): r is string => typeof r === 'string' && r.length <= 256).slice(0, 100)
    : [];
  return { oid, tid, upn: upn.toLowerCase(), name: stringClaim(payload, 'name'), roles };
}
