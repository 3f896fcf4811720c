// Test helper: a locally generated RS256 key, its JWKS (createLocalJWKSet) and SignJWT-issued tokens
// shaped like Entra's v2 access tokens for the add-in's API.
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';

export const TENANT_ID = '11111111-2222-3333-4444-555555555555';
export const CLIENT_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
export const NOW = new Date('2026-11-20T10:00:00Z');

export interface TokenOptions {
  claims?: JWTPayload & Record<string, unknown>;
  /** Claims to leave out. */
  omit?: string[];
  issuer?: string;
  audience?: string;
  /** Seconds from NOW (negative = already expired). */
  expiresIn?: number;
  kid?: string;
}

export interface LocalIssuer {
  keys: JWTVerifyGetKey;
  token(userOid: string, options?: TokenOptions): Promise<string>;
  /** A token signed by a different key with the same kid. */
  foreignToken(userOid: string): Promise<string>;
}

export async function createLocalIssuer(): Promise<LocalIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const other = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const keys = createLocalJWKSet({ keys: [jwk] });

  async function sign(key: CryptoKey, userOid: string, options: TokenOptions = {}): Promise<string> {
    const claims: Record<string, unknown> = {
      tid: TENANT_ID,
      oid: userOid,
      scp: 'access_as_user',
      preferred_username: `${userOid}@contoso.test`,
      name: `User ${userOid}`,
      ver: '2.0',
      ...options.claims,
    };
    for (const k of options.omit ?? []) delete claims[k];
    const iat = Math.floor(NOW.getTime() / 1000) - 60;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'test-key', typ: 'JWT' })
      .setIssuer(options.issuer ?? `https://login.microsoftonline.com/${TENANT_ID}/v2.0`)
      .setAudience(options.audience ?? CLIENT_ID)
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(Math.floor(NOW.getTime() / 1000) + (options.expiresIn ?? 3600))
      .sign(key);
  }

  return {
    keys,
    token: (oid, options) => sign(privateKey, oid, options),
    foreignToken: (oid) => sign(other.privateKey, oid),
  };
}
