// The mail API end to end: real app, real SQLite store, real GraphApi against the simulator, tokens from
// the simulator's identity provider.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import { ApiError, HeldListResponse, MessageAssessmentResponse, ReportResponse } from '@lantern/shared/api';
import type { UserReport } from '../../server/src/mailbox/mailbox-service.ts';
import { folderOf, startFixture, userId, type AppFixture } from './app-fixture.ts';

let fx: AppFixture;
let user1: string;
let user2: string;

beforeAll(async () => {
  fx = await startFixture({ captureLogs: true });
  user1 = await fx.token(1);
  user2 = await fx.token(2);
});
afterAll(async () => {
  await fx?.close();
});

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const enc = encodeURIComponent;

function expectApiError(body: unknown, code: string): void {
  expect(Value.Check(ApiError, body)).toBe(true);
  expect((body as ApiError).error.code).toBe(code);
}

describe('GET /api/me', () => {
  it('answers who the caller is from the token', async () => {
    const res = await fx.app.inject({ method: 'GET', url: '/api/me', headers: auth(await fx.token(1, { analyst: true })) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ upn: 'user1@contoso.test', displayName: 'User 1', roles: ['Lantern.SecurityAnalyst'] });
  });

  it('refuses missing, malformed, wrong-audience and wrong-scope tokens with 401', async () => {
    const none = await fx.app.inject({ method: 'GET', url: '/api/me' });
    expect(none.statusCode).toBe(401);
    expectApiError(none.json(), 'invalid_token');
    const basic = await fx.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(basic.statusCode).toBe(401);
    const aud = await fx.app.inject({ method: 'GET', url: '/api/me', headers: auth(await fx.token(1, { audience: '00000003-0000-0000-c000-000000000000' })) });
    expect(aud.statusCode).toBe(401);
    const scope = await fx.app.inject({ method: 'GET', url: '/api/me', headers: auth(await fx.token(1, { scopes: ['Mail.Read'] })) });
    expect(scope.statusCode).toBe(401);
    const unknownRoute = await fx.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(unknownRoute.statusCode).toBe(401);
  });
});

describe('GET /api/messages/:id/assessment', () => {
  it('assesses a message of the caller, explains it and keeps the result', async () => {
    const res = await fx.app.inject({ method: 'GET', url: `/api/messages/${enc('msg-phish')}/assessment`, headers: auth(user1) });
    expect(res.statusCode).toBe(200);
    const body = res.json() as MessageAssessmentResponse;
    expect(Value.Check(MessageAssessmentResponse, body)).toBe(true);
    expect(body.held).toBe(false);
    expect(body.assessment.score).toBeGreaterThan(0);
    expect(body.assessment.reasons.length).toBeGreaterThan(0);
    expect(body.assessment.sender.address).toBe('security-alert@micros0ft-verify.example');

    const requestsBefore = fx.sim.stats().httpRequests;
    const again = await fx.app.inject({ method: 'GET', url: `/api/messages/msg-phish/assessment`, headers: auth(user1) });
    expect(again.json()).toEqual(body);
    expect(fx.sim.stats().httpRequests).toBe(requestsBefore);
  });

  it('finds the stored assessment by internetMessageId when the id changed', async () => {
    const res = await fx.app.inject({
      method: 'GET',
      url: `/api/messages/some-other-id/assessment?internetMessageId=${enc('<msg-phish@test>')}`,
      headers: auth(user1),
    });
    expect(res.statusCode).toBe(200);
    const first = await fx.app.inject({ method: 'GET', url: `/api/messages/msg-phish/assessment`, headers: auth(user1) });
    expect((res.json() as MessageAssessmentResponse).messageId).toBe((first.json() as MessageAssessmentResponse).messageId);
  });

  it("answers 404 for another user's message id, even one already assessed for its owner", async () => {
    for (const id of ['msg-phish', 'msg-note-1', 'no-such-message']) {
      const res = await fx.app.inject({ method: 'GET', url: `/api/messages/${id}/assessment`, headers: auth(user2) });
      expect(res.statusCode).toBe(404);
      expectApiError(res.json(), 'not_found');
    }
    const byImid = await fx.app.inject({ method: 'GET', url: `/api/messages/x/assessment?internetMessageId=${enc('<msg-phish@test>')}`, headers: auth(user2) });
    expect(byImid.statusCode).toBe(404);
    for (const action of ['report', 'release', 'release-request']) {
      const res = await fx.app.inject({ method: 'POST', url: `/api/messages/msg-note-1/${action}`, headers: auth(user2), payload: {} });
      expect(res.statusCode).toBe(404);
    }
    expect(folderOf(fx.sim, 1, 'msg-note-1')).toBe('inbox');
  });

  it('takes message ids with URL-reserved characters (Graph ids are base64)', async () => {
    const res = await fx.app.inject({ method: 'GET', url: `/api/messages/${enc('AAMkAG+x/y==')}/assessment`, headers: auth(user1) });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: 'No such message in your mailbox.' } });
  });

  it('validates the path and query bounds', async () => {
    const long = await fx.app.inject({ method: 'GET', url: `/api/messages/${'a'.repeat(600)}/assessment`, headers: auth(user1) });
    expect(long.statusCode).toBe(400);
    expectApiError(long.json(), 'invalid_request');
  });
});

describe('POST /api/messages/:id/report', () => {
  it('records the report, moves the message to junk, acknowledges at once and tells subscribers', async () => {
    const seen: UserReport[] = [];
    const unsubscribe = fx.mailbox.onReport((r) => {
      seen.push(r);
    });
    const res = await fx.app.inject({ method: 'POST', url: '/api/messages/msg-note-2/report', headers: auth(user1), payload: { comment: 'odd tone' } });
    unsubscribe();
    expect(res.statusCode).toBe(200);
    const body = res.json() as ReportResponse;
    expect(Value.Check(ReportResponse, body)).toBe(true);
    expect(body.message).toMatch(/Junk/);
    expect(folderOf(fx.sim, 1, 'msg-note-2')).toBe('junkemail');

    const reports = await fx.mailbox.listReports('new');
    const report = reports.find((r) => r.id === body.reportId);
    expect(report).toMatchObject({ reporterId: userId(1), reporterUpn: 'user1@contoso.test', subject: 'Notes from meeting 2', senderAddress: 'ana@contoso.test', comment: 'odd tone', movedTo: 'junkemail' });
    expect(report?.assessment?.score).toEqual(expect.any(Number));
    await new Promise((r) => setTimeout(r, 20));
    expect(seen.map((r) => r.id)).toEqual([body.reportId]);

    const again = await fx.app.inject({ method: 'POST', url: '/api/messages/msg-note-2/report', headers: auth(user1), payload: {} });
    expect((again.json() as ReportResponse).reportId).toBe(body.reportId);
    const view = await fx.app.inject({ method: 'GET', url: '/api/messages/msg-note-2/assessment', headers: auth(user1) });
    expect((view.json() as MessageAssessmentResponse).reported).toBe(true);
  });

  it('refuses malformed bodies with 400, non-JSON with 415 and oversized bodies with 413', async () => {
    const tooLong = await fx.app.inject({ method: 'POST', url: '/api/messages/msg-note-1/report', headers: auth(user1), payload: { comment: 'x'.repeat(2001) } });
    expect(tooLong.statusCode).toBe(400);
    expectApiError(tooLong.json(), 'invalid_request');
    const wrongType = await fx.app.inject({ method: 'POST', url: '/api/messages/msg-note-1/report', headers: auth(user1), payload: { comment: 42 } });
    expect(wrongType.statusCode).toBe(400);
    const broken = await fx.app.inject({
      method: 'POST',
      url: '/api/messages/msg-note-1/report',
      headers: { ...auth(user1), 'content-type': 'application/json' },
      payload: '{"comment": "secret-text-that-must-not-echo',
    });
    expect(broken.statusCode).toBe(400);
    expectApiError(broken.json(), 'invalid_json');
    expect(broken.body).not.toContain('secret-text');
    const huge = await fx.app.inject({
      method: 'POST',
      url: '/api/messages/msg-note-1/report',
      headers: { ...auth(user1), 'content-type': 'application/json' },
      payload: JSON.stringify({ comment: 'y'.repeat(70 * 1024) }),
    });
    expect(huge.statusCode).toBe(413);
    expectApiError(huge.json(), 'payload_too_large');
    expect(folderOf(fx.sim, 1, 'msg-note-1')).toBe('inbox');
  });
});

describe('hold, release and release requests', () => {
  it('holds into the hidden folder, lists it as held, and release puts it back where it was', async () => {
    const hold = await fx.mailbox.actions.hold(userId(1), 'msg-note-1', 'test', { score: 60, verdict: 'hold' });
    const where = fx.sim.state.whereIs(userId(1), 'msg-note-1');
    expect(where?.folderName).toBe('Lantern Held');
    expect(fx.sim.state.folder(userId(1), where!.folderId)?.isHidden).toBe(true);

    const held = await fx.app.inject({ method: 'GET', url: '/api/held', headers: auth(user1) });
    const list = held.json() as HeldListResponse;
    expect(Value.Check(HeldListResponse, list)).toBe(true);
    expect(list.items.map((i) => [i.messageId, i.release])).toEqual([[hold.message_id, 'allowed']]);
    const other = await fx.app.inject({ method: 'GET', url: '/api/held', headers: auth(user2) });
    expect((other.json() as HeldListResponse).items).toEqual([]);

    const view = await fx.app.inject({ method: 'GET', url: `/api/messages/${hold.message_id}/assessment`, headers: auth(user1) });
    expect((view.json() as MessageAssessmentResponse).held).toBe(true);

    const release = await fx.app.inject({ method: 'POST', url: `/api/messages/${hold.message_id}/release`, headers: auth(user1) });
    expect(release.statusCode).toBe(200);
    expect(folderOf(fx.sim, 1, 'msg-note-1')).toBe('inbox');
    const after = await fx.app.inject({ method: 'GET', url: '/api/held', headers: auth(user1) });
    expect((after.json() as HeldListResponse).items).toEqual([]);
    const actions = await fx.mailbox.repo.listActions(userId(1));
    const mine = actions.filter((a) => a.message_id_before === hold.original_message_id || a.message_id_before === hold.message_id);
    const h = mine.find((a) => a.action === 'hold');
    const r = mine.find((a) => a.action === 'release');
    expect(h).toMatchObject({ action: 'hold', from_folder: r?.to_folder, to_folder: hold.held_folder_id });
    expect(r).toMatchObject({ action: 'release', actor: userId(1), from_folder: hold.held_folder_id });
    const nothing = await fx.app.inject({ method: 'POST', url: `/api/messages/msg-note-1/release`, headers: auth(user1) });
    expect(nothing.statusCode).toBe(409);
    expectApiError(nothing.json(), 'not_held');
  });

  it('needs an analyst to release a high-scoring hold: request, list, approve', async () => {
    const hold = await fx.mailbox.actions.hold(userId(1), 'msg-phish', 'test', { score: 95, verdict: 'hold' });
    const self = await fx.app.inject({ method: 'POST', url: `/api/messages/${hold.message_id}/release`, headers: auth(user1) });
    expect(self.statusCode).toBe(403);
    expectApiError(self.json(), 'approval_required');
    expect(folderOf(fx.sim, 1, 'msg-phish')).toBe('Lantern Held');

    const req = await fx.app.inject({ method: 'POST', url: `/api/messages/${hold.message_id}/release-request`, headers: auth(user1) });
    expect(req.statusCode).toBe(200);
    const { requestId } = req.json() as { requestId: string };
    const view = await fx.app.inject({ method: 'GET', url: `/api/messages/${hold.message_id}/assessment`, headers: auth(user1) });
    expect(view.json()).toMatchObject({ held: true, release: 'request', releaseRequested: true });

    const noRole = await fx.app.inject({ method: 'GET', url: '/api/release-requests', headers: auth(user1) });
    expect(noRole.statusCode).toBe(403);
    expectApiError(noRole.json(), 'forbidden');
    const noRoleApprove = await fx.app.inject({ method: 'POST', url: `/api/release-requests/${requestId}/approve`, headers: auth(user2) });
    expect(noRoleApprove.statusCode).toBe(403);

    const analyst = await fx.token(3, { analyst: true });
    const list = await fx.app.inject({ method: 'GET', url: '/api/release-requests?status=pending', headers: auth(analyst) });
    expect(list.statusCode).toBe(200);
    expect((list.json() as { items: Array<{ id: string; userUpn: string }> }).items).toEqual([expect.objectContaining({ id: requestId, userUpn: 'user1@contoso.test' })]);
    const approve = await fx.app.inject({ method: 'POST', url: `/api/release-requests/${requestId}/approve`, headers: auth(analyst) });
    expect(approve.statusCode).toBe(200);
    expect(folderOf(fx.sim, 1, 'msg-phish')).toBe('inbox');
    const twice = await fx.app.inject({ method: 'POST', url: `/api/release-requests/${requestId}/approve`, headers: auth(analyst) });
    expect(twice.statusCode).toBe(409);
    const missing = await fx.app.inject({ method: 'POST', url: `/api/release-requests/nope/deny`, headers: auth(analyst) });
    expect(missing.statusCode).toBe(404);
    const released = await fx.app.inject({ method: 'GET', url: `/api/messages/msg-phish/assessment`, headers: auth(user1) });
    expect(released.json()).toMatchObject({ held: false, state: 'released', actions: ['report'] });
  });

  it('answers one state per message: a denial stays visible and is not offered again; a report ends the user\'s part', async () => {
    // Released by the previous test, so its REST id changed with the move.
    const current = fx.sim.state.whereIs(userId(1), 'msg-phish')!.restId;
    const hold = await fx.mailbox.actions.hold(userId(1), current, 'test', { score: 95, verdict: 'hold' });
    const view = async () => (await fx.app.inject({ method: 'GET', url: `/api/messages/${hold.message_id}/assessment`, headers: auth(user1) })).json() as MessageAssessmentResponse;
    expect(await view()).toMatchObject({ state: 'held', actions: ['report', 'request-release'] });

    const req = await fx.app.inject({ method: 'POST', url: `/api/messages/${hold.message_id}/release-request`, headers: auth(user1) });
    const { requestId } = req.json() as { requestId: string };
    expect(await view()).toMatchObject({ state: 'release-requested', actions: ['report'], releaseRequested: true });

    const analyst = await fx.token(3, { analyst: true });
    expect((await fx.app.inject({ method: 'POST', url: `/api/release-requests/${requestId}/deny`, headers: auth(analyst) })).statusCode).toBe(200);
    const denied = await view();
    expect(Value.Check(MessageAssessmentResponse, denied)).toBe(true);
    expect(denied).toMatchObject({ held: true, state: 'denied', actions: ['report'], releaseRequested: false });
    expect(denied.notice).toMatch(/denied your request/);
    const again = await fx.app.inject({ method: 'POST', url: `/api/messages/${hold.message_id}/release-request`, headers: auth(user1) });
    expect(again.statusCode).toBe(409);
    expectApiError(again.json(), 'release_denied');
    const held = (await fx.app.inject({ method: 'GET', url: '/api/held', headers: auth(user1) })).json() as HeldListResponse;
    expect(held.items.find((i) => i.messageId === hold.message_id)).toMatchObject({ state: 'denied', actions: ['report'] });

    expect((await fx.app.inject({ method: 'POST', url: `/api/messages/${hold.message_id}/report`, headers: auth(user1), payload: {} })).statusCode).toBe(200);
    expect(await view()).toMatchObject({ state: 'reported', actions: [], reported: true });
    const afterReport = await fx.app.inject({ method: 'POST', url: `/api/messages/${hold.message_id}/release`, headers: auth(user1) });
    expect(afterReport.statusCode).toBe(409);
    expectApiError(afterReport.json(), 'reported');
    expect(folderOf(fx.sim, 1, 'msg-phish')).toBe('Lantern Held');
  });
});

describe('logging', () => {
  it('never writes tokens or request bodies to the log', async () => {
    await fx.app.inject({ method: 'POST', url: '/api/messages/msg-u2/report', headers: auth(user2), payload: { comment: 'comment-body-marker' } });
    const text = fx.logs.join('');
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toContain(user1.slice(-40));
    expect(text).not.toContain(user2.slice(-40));
    expect(text).not.toContain('comment-body-marker');
    expect(text).not.toContain('Dear user');
  });
});
