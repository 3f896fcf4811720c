import { beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { ManualClock } from '../../server/src/clock.ts';
import { AuthError } from '../../server/src/auth/auth-error.ts';
import { createTokenVerifier, type TokenVerifier } from '../../server/src/auth/token-verifier.ts';
import { CLIENT_ID, createLocalIssuer, NOW, TENANT_ID, type LocalIssuer } from './local-issuer.ts';

let issuer: LocalIssuer;
let verifier: TokenVerifier;

beforeAll(async () => {
  issuer = await createLocalIssuer();
  verifier = createTokenVerifier({
    tenantId: TENANT_ID,
    clientId: CLIENT_ID,
    appIdUri: `api://lantern.contoso.test/${CLIENT_ID}`,
    extraIssuers: ['https://localhost:4443/demo/v2.0'],
    keys: issuer.keys,
    clock: new ManualClock(NOW),
  });
});

async function reason(token: string): Promise<string> {
  try {
    await verifier.verify(token);
  } catch (err) {
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).statusCode).toBe(401);
    return (err as AuthError).reason;
  }
  throw new Error('token was accepted');
}

describe('token verifier', () => {
  it('accepts a v2 token for this API and tenant and returns the user from its claims', async () => {
    const user = await verifier.verify(await issuer.token('u-1', { claims: { roles: ['Lantern.SecurityAnalyst'], preferred_username: 'Ana@Contoso.test' } }));
    expect(user).toEqual({ oid: 'u-1', tid: TENANT_ID, upn: 'ana@contoso.test', name: 'User u-1', roles: ['Lantern.SecurityAnalyst'] });
  });

  it('accepts the v1 issuer, the application id URI audience and the configured demo issuer', async () => {
    const v1 = await issuer.token('u-1', { issuer: `https://sts.windows.net/${TENANT_ID}/`, omit: ['preferred_username'], claims: { upn: 'v1@contoso.test' } });
    expect((await verifier.verify(v1)).upn).toBe('v1@contoso.test');
    const uri = await issuer.token('u-1', { audience: `api://lantern.contoso.test/${CLIENT_ID}` });
    expect((await verifier.verify(uri)).oid).toBe('u-1');
    const demo = await issuer.token('u-1', { issuer: 'https://localhost:4443/demo/v2.0' });
    expect((await verifier.verify(demo)).oid).toBe('u-1');
  });

  it('refuses another tenant issuer, another audience, another tenant id, expiry and a missing scope', async () => {
    expect(await reason(await issuer.token('u', { issuer: 'https://login.microsoftonline.com/99999999-2222-3333-4444-555555555555/v2.0' }))).toBe('issuer');
    expect(await reason(await issuer.token('u', { audience: '00000003-0000-0000-c000-000000000000' }))).toBe('audience');
    expect(await reason(await issuer.token('u', { claims: { tid: '99999999-2222-3333-4444-555555555555' } }))).toBe('tenant');
    expect(await reason(await issuer.token('u', { expiresIn: -600 }))).toBe('expired');
    expect(await reason(await issuer.token('u', { claims: { scp: 'Mail.Read' } }))).toBe('scope');
    expect(await reason(await issuer.token('u', { omit: ['scp'], claims: { roles: ['Mail.Read'] } }))).toBe('scope');
    expect(await reason(await issuer.token('u', { omit: ['oid'] }))).toBe('claims');
  });

  it('tolerates small clock skew but not more', async () => {
    expect((await verifier.verify(await issuer.token('u', { expiresIn: -60 }))).oid).toBe('u');
    expect(await reason(await issuer.token('u', { expiresIn: -121 }))).toBe('expired');
  });

  it('still refuses a remembered token once it has expired', async () => {
    const clock = new ManualClock(NOW);
    const cached = createTokenVerifier({ tenantId: TENANT_ID, clientId: CLIENT_ID, keys: issuer.keys, clock });
    const token = await issuer.token('u-9', { expiresIn: 300 });
    expect((await cached.verify(token)).oid).toBe('u-9');
    expect((await cached.verify(token)).oid).toBe('u-9');
    clock.advance(300_000 + 121_000);
    await expect(cached.verify(token)).rejects.toMatchObject({ reason: 'expired' });
  });

  it('refuses a token signed by another key, an HMAC token and garbage', async () => {
    expect(await reason(await issuer.foreignToken('u'))).toBe('signature');
    const hs = await new SignJWT({ tid: TENANT_ID, oid: 'u', scp: 'access_as_user' })
      .setProtectedHeader({ alg: 'HS256', kid: 'test-key' })
      .setIssuer(`https://login.microsoftonline.com/${TENANT_ID}/v2.0`)
      .setAudience(CLIENT_ID)
      .setExpirationTime(Math.floor(NOW.getTime() / 1000) + 600)
      .sign(new TextEncoder().encode('a-shared-secret-that-is-long-enough!!'));
    expect(await reason(hs)).toBe('algorithm');
    expect(await reason('not.a.jwt')).toBe('malformed');
    expect(await reason('x'.repeat(20_000))).toBe('malformed');
  });
});
