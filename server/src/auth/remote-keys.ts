// The tenant's signing keys, fetched (and cached, refreshed on unknown kid) from its JWKS endpoint:
// https://login.microsoftonline.com/{tid}/discovery/v2.0/keys in production, the simulator's in demo.
import { createRemoteJWKSet, customFetch, type JWTVerifyGetKey } from 'jose';
import type { Dispatcher } from 'undici';
import { caDispatcher } from '../graph/https-trust.ts';

export interface RemoteKeysOptions {
  /** Extra CA (PEM) to trust for the JWKS host (the simulator's). */
  caPem?: string;
  timeoutMs?: number;
}

export function entraJwksUri(tenantId: string, authorityHost = 'https://login.microsoftonline.com'): string {
  return `${authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(tenantId)}/discovery/v2.0/keys`;
}

export function remoteKeys(jwksUri: string, options: RemoteKeysOptions = {}): JWTVerifyGetKey {
  if (!jwksUri.startsWith('https://')) throw new Error('the JWKS endpoint must be https');
  const dispatcher: Dispatcher | undefined = options.caPem ? caDispatcher(options.caPem) : undefined;
  return createRemoteJWKSet(new URL(jwksUri), {
    timeoutDuration: options.timeoutMs ?? 5000,
    cooldownDuration: 30_000,
    cacheMaxAge: 3_600_000,
    ...(dispatcher
      ? { [customFetch]: (url: string, init: RequestInit) => fetch(url, { ...init, dispatcher } as RequestInit) }
      : {}),
  });
}
