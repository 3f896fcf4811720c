// On SQLite and on PostgreSQL, the fully built app: one user cannot read or act on another user's mail (IDOR),
// and SQL-injection strings in every kind of parameter are inert (no 5xx, no rows of others, nothing dropped).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_ANALYST_ROLE } from '@lantern/shared/api';
import { folderOf, userId } from '../routes/app-fixture.ts';
import { TestDatabases } from '../store/test-databases.ts';
import { startFullApp, type FullApp } from './full-app.ts';

const INJECTIONS = [
  "' OR '1'='1",
  "x' OR 1=1 --",
  '") OR 1=1 --',
  "'; DROP TABLE events; --",
  "x'; DELETE FROM triage_reports; --",
  "%' OR 'a' LIKE '%",
  "\\' OR 1=1 /*",
  "1 UNION SELECT name FROM sqlite_master --",
  "1' UNION SELECT datname FROM pg_database --",
  "$$; DROP SCHEMA public CASCADE; --",
];

describe.each(['sqlite', 'postgres'] as const)('on %s', (dialect) => {
  const databases = new TestDatabases();
  let full: FullApp;
  const enc = encodeURIComponent;
  let user1: Record<string, string>;
  let user2: Record<string, string>;
  let analyst: Record<string, string>;

  beforeAll(async () => {
    full = await startFullApp({ storeConfig: await databases.config(dialect) });
    user1 = { authorization: `Bearer ${await full.issuer.token(userId(1))}` };
    user2 = { authorization: `Bearer ${await full.issuer.token(userId(2))}` };
    analyst = { authorization: `Bearer ${await full.issuer.token(userId(3), { claims: { roles: [SECURITY_ANALYST_ROLE] } })}` };
  });
  afterAll(async () => {
    await full?.close();
    await databases.cleanup();
  });

  const get = (url: string, headers: Record<string, string>) => full.fx.app.inject({ method: 'GET', url, headers });
  const post = (url: string, headers: Record<string, string>, payload: object = {}) =>
    full.fx.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });

  it("keeps each user to their own mailbox: another user's messages are 404 to read and to act on", async () => {
    expect((await get('/api/messages/msg-phish/assessment', user1)).statusCode).toBe(200);
    expect((await post('/api/messages/msg-note-2/report', user1, { comment: 'odd' })).statusCode).toBe(200);
    await full.fx.drain();
    for (const id of ['msg-phish', 'msg-note-1', 'msg-note-2']) {
      expect((await get(`/api/messages/${id}/assessment`, user2)).statusCode, id).toBe(404);
      expect((await get(`/api/messages/x/assessment?internetMessageId=${enc(`<${id}@test>`)}`, user2)).statusCode, id).toBe(404);
      for (const action of ['report', 'release', 'release-request']) {
        expect((await post(`/api/messages/${id}/${action}`, user2)).statusCode, `${action} ${id}`).toBe(404);
      }
    }
    expect(JSON.stringify((await get('/api/held', user2)).json())).not.toContain('msg-phish');
    expect((await get('/api/my-reports', user2)).json()).toEqual({ items: [] });
    expect((await get('/api/my-reports', user1)).json().items).toHaveLength(1);
    expect(folderOf(full.fx.sim, 1, 'msg-note-1')).toBe('inbox');
  });

  it('treats SQL-injection strings as data in paths, queries and bodies', async () => {
    const before = (await get('/api/messages/msg-phish/assessment', user1)).json();
    const reportsBefore = (await get('/api/console/reports?status=all', analyst)).json();
    for (const s of INJECTIONS) {
      const answers = [
        await get(`/api/messages/${enc(s)}/assessment`, user1),
        await get(`/api/messages/x/assessment?internetMessageId=${enc(s)}`, user1),
        await post(`/api/messages/${enc(s)}/report`, user1, { comment: s }),
        await get(`/api/console/campaigns/${enc(s)}`, analyst),
        await post(`/api/release-requests/${enc(s)}/approve`, analyst),
        await post(`/api/console/reports/${enc(s)}/decide`, analyst, { verdict: 'phish' }),
        await get(`/digest/act?token=${enc(s)}`, {}),
        await get(`/demo/api/mailbox/${enc(s)}`, {}),
      ];
      for (const res of answers) expect(res.statusCode, `${res.raw.req.url} with ${s}`).toBeLessThan(500);
      for (const field of ['user', 'sender', 'domain']) {
        const res = await get(`/api/console/search?${field}=${enc(s)}`, analyst);
        expect(res.statusCode, `${field}=${s}`).toBe(200);
        expect(res.json(), `${field}=${s}`).toEqual({ items: [] });
      }
    }
    await full.fx.drain();
    // Nothing was changed or dropped: the same assessment, the same reports.
    expect((await get('/api/messages/msg-phish/assessment', user1)).json()).toEqual(before);
    expect((await get('/api/console/reports?status=all', analyst)).json()).toEqual(reportsBefore);
    expect((await get('/api/my-reports', user1)).json().items).toHaveLength(1);
  });
});
