// Digest links: signed, expiring, single-use, bound to one user + message + action; GET only confirms.
import Fastify, { type FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { HeldMessage } from '@lantern/shared/api';
import { ManualClock } from '../../server/src/clock.ts';
import { DigestService, type DigestMailbox, type DigestUser } from '../../server/src/digest/digest-service.ts';
import { signDigestLink, verifyDigestLink, DigestLinkError } from '../../server/src/digest/digest-link.ts';
import { digestLinkRoutes } from '../../server/src/routes/digest-links.ts';
import { StoreFixture } from '../triage/store-fixture.ts';

const fixture = new StoreFixture();
afterAll(() => fixture.close());
const secret = randomBytes(32);
const alice: DigestUser = { id: 'u-alice', upn: 'alice@contoso.example', displayName: 'Alice' };
const bob: DigestUser = { id: 'u-bob', upn: 'bob@contoso.example', displayName: 'Bob' };

/** Held mail per user; release puts it back, once. */
class HeldMailbox {
  readonly byUser = new Map<string, HeldMessage[]>();
  readonly released: string[] = [];
  /** A held message whose release request the security team denied. */
  addDenied(user: DigestUser, id: string, why: string): void {
    const list = this.byUser.get(user.id) ?? [];
    list.push({ messageId: id, subject: `Subject ${id}`, from: 'x@evil.example', receivedAt: '2026-11-19T08:00:00Z', heldAt: '2026-11-19T08:00:01Z', score: 90, verdict: 'hold', why, release: 'request', releaseRequested: false, state: 'denied', actions: ['report'], notice: 'The security team denied your request to release this message. It stays held because it is dangerous.' });
    this.byUser.set(user.id, list);
  }
  add(user: DigestUser, id: string, release: HeldMessage['release']): void {
    const list = this.byUser.get(user.id) ?? [];
    list.push({ messageId: id, subject: `Subject ${id}`, from: 'x@evil.example', receivedAt: '2026-11-19T08:00:00Z', heldAt: '2026-11-19T08:00:01Z', score: 70, verdict: 'hold', why: 'It looked dangerous.', release, releaseRequested: false, state: 'held', actions: release === 'allowed' ? ['report', 'release'] : ['report', 'request-release'], notice: null });
    this.byUser.set(user.id, list);
  }
  async heldFor(user: DigestUser): Promise<HeldMessage[]> { return this.byUser.get(user.id) ?? []; }
  async release(user: DigestUser, messageId: string): Promise<string> {
    const list = this.byUser.get(user.id) ?? [];
    const i = list.findIndex((h) => h.messageId === messageId);
    if (i < 0) throw Object.assign(new Error('No such message in your mailbox.'), { statusCode: 404 });
    list.splice(i, 1);
    this.released.push(`${user.id}/${messageId}`);
    return 'The message is back in your inbox.';
  }
  async requestRelease(): Promise<string> { return 'Requested.'; }
  async report(): Promise<string> { return 'Reported.'; }
}

describe('digest links', () => {
  let app: FastifyInstance;
  let clock: ManualClock;
  let mailbox: HeldMailbox;
  let digest: DigestService;
  const sent: { from: string; message: { subject: string; body: { content: string }; toRecipients: { emailAddress: { address: string } }[] } }[] = [];

  beforeEach(async () => {
    const { db } = await fixture.open('sqlite');
    clock = new ManualClock('2026-11-20T07:00:00Z');
    mailbox = new HeldMailbox();
    const port: DigestMailbox = { held: (u) => mailbox.heldFor(u), release: (u, m) => mailbox.release(u, m), requestRelease: () => mailbox.requestRelease(), report: () => mailbox.report() };
    sent.length = 0;
    digest = new DigestService({
      db, clock, secret, baseUrl: 'https://lantern.test', mailbox: port, fromUserId: 'u-lantern',
      graph: { sendMail: async (from, message) => void sent.push({ from, message: message as (typeof sent)[number]['message'] }) },
      listUsers: async () => [alice, bob],
    });
    app = Fastify();
    await app.register(digestLinkRoutes, { digest });
    await app.ready();
  });

  function tokenOf(url: string): string {
    return new URL(url).searchParams.get('token')!;
  }

  it('releases a held message once; the second use is refused; GET never acts', async () => {
    mailbox.add(alice, 'm1', 'allowed');
    const token = tokenOf(digest.link(alice, 'm1', 'release'));
    const confirm = await app.inject({ method: 'GET', url: `/digest/act?token=${token}` });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('<form method="post"');
    expect(confirm.headers['referrer-policy']).toBe('no-referrer');
    expect(mailbox.released).toEqual([]);
    const first = await app.inject({ method: 'POST', url: '/digest/act', payload: `token=${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(first.statusCode).toBe(200);
    expect(mailbox.released).toEqual(['u-alice/m1']);
    const again = await app.inject({ method: 'POST', url: '/digest/act', payload: `token=${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(again.statusCode).toBe(410);
    expect(again.body).toMatch(/already used/);
    expect((await app.inject({ method: 'GET', url: `/digest/act?token=${token}` })).statusCode).toBe(410);
    expect(mailbox.released).toHaveLength(1);
  });

  it('refuses expired and tampered links, and links signed with another secret', async () => {
    mailbox.add(alice, 'm2', 'allowed');
    const token = tokenOf(digest.link(alice, 'm2', 'release'));
    // Tampered: same signature, payload re-bound to Bob.
    const [payload, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = `${Buffer.from(JSON.stringify({ ...claims, sub: bob.id })).toString('base64url')}.${sig}`;
    const tampered = await app.inject({ method: 'POST', url: '/digest/act', payload: `token=${forged}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(tampered.statusCode).toBe(400);
    const foreign = signDigestLink(randomBytes(32), { sub: alice.id, upn: alice.upn, mid: 'm2', act: 'release' }, clock.now(), 3600);
    expect((await app.inject({ method: 'GET', url: `/digest/act?token=${foreign}` })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/digest/act?token=not-a-token' })).statusCode).toBe(400);
    clock.advance(8 * 86_400_000);
    const expired = await app.inject({ method: 'POST', url: '/digest/act', payload: `token=${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toMatch(/expired/);
    expect(mailbox.released).toEqual([]);
  });

  it('gives a link back when the action fails, so it can be retried', async () => {
    const token = tokenOf(digest.link(alice, 'gone', 'release'));
    const r = await app.inject({ method: 'POST', url: '/digest/act', payload: `token=${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(r.statusCode).toBe(409);
    expect((await app.inject({ method: 'GET', url: `/digest/act?token=${token}` })).statusCode).toBe(200);
  });

  it('verifyDigestLink binds user, message and action', () => {
    const t = signDigestLink(secret, { sub: 'u1', upn: 'u1@x', mid: 'm', act: 'report' }, new Date('2026-01-01T00:00:00Z'), 60);
    const c = verifyDigestLink(secret, t, new Date('2026-01-01T00:00:30Z'));
    expect([c.sub, c.mid, c.act]).toEqual(['u1', 'm', 'report']);
    expect(() => verifyDigestLink(secret, t, new Date('2026-01-01T00:01:01Z'))).toThrow(DigestLinkError);
  });

  it('sends digests by preference: daily, weekly, off; only to users with held mail; offers the links policy allows', async () => {
    mailbox.add(alice, 'a1', 'allowed');
    mailbox.add(alice, 'a2', 'request');
    await digest.setPreference(bob.id, 'off');
    mailbox.add(bob, 'b1', 'allowed');
    expect(await digest.sendDue()).toEqual({ sent: 1, empty: 0, off: 1 });
    expect(sent[0]?.message.toRecipients[0]?.emailAddress.address).toBe(alice.upn);
    const html = sent[0]!.message.body.content;
    expect(html.match(/digest\/act\?token=/g)).toHaveLength(4); // a1: release + report; a2: request-release + report
    expect(html).not.toContain('<script');
    // Not due again within the day; due the next day; weekly waits a week.
    clock.advance(3_600_000);
    expect((await digest.sendDue()).sent).toBe(0);
    clock.advance(86_400_000);
    expect((await digest.sendDue()).sent).toBe(1);
    await digest.setPreference(alice.id, 'weekly');
    clock.advance(2 * 86_400_000);
    expect((await digest.sendDue()).sent).toBe(0);
    clock.advance(6 * 86_400_000);
    expect((await digest.sendDue()).sent).toBe(1);
  });

  it('follows the message state: a denied request is said, not offered again; the why is whole sentences', async () => {
    const why = 'Nobody at contoso.example has received mail from x@evil.example before. It asks you to sign in at evil.example.';
    mailbox.addDenied(alice, 'd1', why);
    expect((await digest.sendDue()).sent).toBe(1);
    const html = sent[0]!.message.body.content;
    expect(html.match(/digest\/act\?token=/g)).toHaveLength(1); // report only
    expect(html).not.toContain('Request release');
    expect(html).toContain('The security team denied your request to release this message.');
    expect(html).toContain(why);
  });
});
