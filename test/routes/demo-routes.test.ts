import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import { DemoMailboxResponse, DemoUsersResponse, MeResponse } from '@lantern/shared/api';
import { startFixture, userId, type AppFixture } from './app-fixture.ts';

describe('demo endpoints outside demo mode', () => {
  let fx: AppFixture;
  beforeAll(async () => {
    fx = await startFixture();
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('do not exist', async () => {
    expect((await fx.app.inject({ method: 'GET', url: '/demo/api/users' })).statusCode).toBe(404);
    expect((await fx.app.inject({ method: 'POST', url: '/demo/api/token', payload: { userId: userId(1) } })).statusCode).toBe(404);
    expect((await fx.app.inject({ method: 'GET', url: `/demo/api/mailbox/${userId(1)}` })).statusCode).toBe(404);
  });
});

describe('demo endpoints in demo mode', () => {
  let fx: AppFixture;
  beforeAll(async () => {
    fx = await startFixture({ demo: true });
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('list the simulated users and mint tokens the API accepts', async () => {
    const users = (await fx.app.inject({ method: 'GET', url: '/demo/api/users' })).json() as DemoUsersResponse;
    expect(Value.Check(DemoUsersResponse, users)).toBe(true);
    expect(users.items.map((u) => u.upn)).toEqual(['user1@contoso.test', 'user2@contoso.test', 'user3@contoso.test']);

    const token = await fx.app.inject({ method: 'POST', url: '/demo/api/token', payload: { userId: userId(2), analyst: true } });
    expect(token.statusCode).toBe(200);
    const me = await fx.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${(token.json() as { accessToken: string }).accessToken}` } });
    expect(me.json() as MeResponse).toEqual({ upn: 'user2@contoso.test', displayName: 'User 2', roles: ['Lantern.SecurityAnalyst'] });

    const unknown = await fx.app.inject({ method: 'POST', url: '/demo/api/token', payload: { userId: 'nobody' } });
    expect(unknown.statusCode).toBe(404);
    const bad = await fx.app.inject({ method: 'POST', url: '/demo/api/token', payload: { user: 'x' } });
    expect(bad.statusCode).toBe(400);
  });

  it('show a mailbox folder, including the hidden held folder', async () => {
    const inbox = (await fx.app.inject({ method: 'GET', url: `/demo/api/mailbox/${userId(1)}?folder=inbox` })).json() as DemoMailboxResponse;
    expect(Value.Check(DemoMailboxResponse, inbox)).toBe(true);
    expect(inbox.items.map((m) => m.subject)).toEqual(['Urgent: your mailbox will be suspended today', 'Notes from meeting 2', 'Notes from meeting 1']);

    const noteId = inbox.items[2]!.id;
    await fx.mailbox.actions.hold(userId(1), noteId, 'test', { score: 50, verdict: 'hold' });
    const held = (await fx.app.inject({ method: 'GET', url: `/demo/api/mailbox/${userId(1)}?folder=held` })).json() as DemoMailboxResponse;
    expect(held.items.map((m) => m.id)).toEqual([noteId]);
    const after = (await fx.app.inject({ method: 'GET', url: `/demo/api/mailbox/${userId(1)}` })).json() as DemoMailboxResponse;
    expect(after.items.map((m) => m.id)).not.toContain(noteId);
    expect((await fx.app.inject({ method: 'GET', url: `/demo/api/mailbox/${userId(1)}?folder=drafts` })).statusCode).toBe(400);
  });
});
