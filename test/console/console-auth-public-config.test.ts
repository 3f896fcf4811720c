// The console's reading of GET /api/public-config (addin/src/console/auth/public-config-client.ts): valid
// settings pass, a missing endpoint or a malformed answer is a PublicConfigUnavailableError (the console then
// falls back to demo sign-in).
import { describe, expect, it } from 'vitest';
import { loadPublicConfig, PublicConfigUnavailableError } from '../../addin/src/console/auth/public-config-client.ts';

const answer = (status: number, body: unknown): typeof fetch => async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const TENANT = { mode: 'tenant', clientId: 'cid', authority: 'https://login.microsoftonline.com/tid', scope: 'api://h/cid/access_as_user' };

describe('loadPublicConfig', () => {
  it('returns valid settings', async () => {
    const seen: string[] = [];
    const doFetch: typeof fetch = async (url, init) => {
      seen.push(String(url));
      return answer(200, TENANT)(url, init);
    };
    expect(await loadPublicConfig('https://lantern.test/', doFetch)).toEqual(TENANT);
    expect(seen).toEqual(['https://lantern.test/api/public-config']);
  });

  it('refuses a missing endpoint, a malformed answer and an unreachable server', async () => {
    await expect(loadPublicConfig('https://l', answer(404, { error: { code: 'not_found', message: 'x' } }))).rejects.toMatchObject({ status: 404 });
    await expect(loadPublicConfig('https://l', answer(200, { ...TENANT, mode: 'other' }))).rejects.toThrow(PublicConfigUnavailableError);
    await expect(loadPublicConfig('https://l', answer(200, { mode: 'tenant' }))).rejects.toThrow(PublicConfigUnavailableError);
    await expect(loadPublicConfig('https://l', () => Promise.reject(new TypeError('fetch failed')))).rejects.toMatchObject({ status: null });
  });
});
