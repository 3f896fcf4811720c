// Lantern's own mail: signed on the way out through the real Graph client and the simulator, recognised on
// the way in, never scored or acted on; a forged signature header gets no pass.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphMessage, MessageEvent } from '@lantern/shared';
import { ManualClock } from '../../server/src/clock.ts';
import { GraphError } from '../../server/src/graph/graph-error.ts';
import type { GraphApi } from '../../server/src/graph/graph-api.ts';
import { LANTERN_SIGNATURE_HEADER, LanternMailSigner, signingSendMail, type SecurityMailbox } from '../../server/src/mailbox/lantern-mail.ts';
import { mailboxGraphFrom } from '../../server/src/mailbox/mailbox-graph-from.ts';
import { createMailScorer } from '../../server/src/mailbox/mail-scorer-default.ts';
import { MailboxService } from '../../server/src/mailbox/mailbox-service.ts';
import { startSimulator, type RunningSimulator } from '../../server/src/sim/simulator.ts';
import { simulatorGraphApi } from '../../server/src/sim/simulator-graph-api.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import type { Store } from '../../server/src/store/store.ts';
import { END, PHISH_MIME, scenario, userId } from '../routes/app-fixture.ts';

const SECRET = Buffer.alloc(32, 7);
const LANTERN_ID = '00000000-0000-4000-8000-00000000a1a1';
const MAILBOX: SecurityMailbox = { id: LANTERN_ID, upn: 'lantern@contoso.test', addresses: ['lantern@contoso.test'], displayName: 'Lantern Security' };

function received(message: Partial<GraphMessage>): GraphMessage {
  return {
    id: 'm1',
    subject: 'Your held mail',
    from: { emailAddress: { address: 'lantern@contoso.test', name: 'Lantern Security' } },
    toRecipients: [{ emailAddress: { address: 'User1@contoso.test' } }],
    ...message,
  };
}

describe('LanternMailSigner', () => {
  const signer = new LanternMailSigner(SECRET, MAILBOX);
  const at = new Date('2026-03-02T10:00:00Z');
  const signed = signer.sign({ subject: 'Your held mail', toRecipients: [{ emailAddress: { address: 'user1@contoso.test' } }] }, at);
  const headers = signed.internetMessageHeaders!;

  it('adds one X- header that verifies on the received copy', () => {
    expect(headers).toHaveLength(1);
    expect(headers[0]!.name).toBe(LANTERN_SIGNATURE_HEADER);
    expect(headers[0]!.name.toLowerCase().startsWith('x-')).toBe(true);
    expect(signer.isOwnMail(received({ internetMessageHeaders: headers }))).toBe(true);
  });

  it('gives no pass to a forged header, a copied header on other mail, another sender or another key', () => {
    const value = headers[0]!.value;
    const forged = value.replace(/s=[A-Za-z0-9_-]{43}$/, `s=${'A'.repeat(43)}`);
    expect(signer.isOwnMail(received({ internetMessageHeaders: [{ name: LANTERN_SIGNATURE_HEADER, value: forged }] }))).toBe(false);
    expect(signer.isOwnMail(received({ internetMessageHeaders: [{ name: LANTERN_SIGNATURE_HEADER, value: 'v1; trust me' }] }))).toBe(false);
    // The genuine header, copied onto a message with another subject or recipient.
    expect(signer.isOwnMail(received({ subject: 'Reset your password now', internetMessageHeaders: headers }))).toBe(false);
    expect(signer.isOwnMail(received({ toRecipients: [{ emailAddress: { address: 'user2@contoso.test' } }], internetMessageHeaders: headers }))).toBe(false);
    // The genuine header from someone else, or with Exchange's sender not the security mailbox.
    expect(signer.isOwnMail(received({ from: { emailAddress: { address: 'attacker@evil.example' } }, internetMessageHeaders: headers }))).toBe(false);
    expect(signer.isOwnMail(received({ sender: { emailAddress: { address: 'user3@contoso.test' } }, internetMessageHeaders: headers }))).toBe(false);
    // Two signature headers, or none.
    expect(signer.isOwnMail(received({ internetMessageHeaders: [...headers, ...headers] }))).toBe(false);
    expect(signer.isOwnMail(received({}))).toBe(false);
    // The genuine header on a copy received long after it was signed (a replay), or before.
    expect(signer.isOwnMail(received({ receivedDateTime: '2026-03-02T10:05:00Z', internetMessageHeaders: headers }))).toBe(true);
    expect(signer.isOwnMail(received({ receivedDateTime: '2026-03-05T10:00:00Z', internetMessageHeaders: headers }))).toBe(false);
    expect(signer.isOwnMail(received({ receivedDateTime: '2026-03-02T09:00:00Z', internetMessageHeaders: headers }))).toBe(false);
    // Another deployment's key.
    expect(new LanternMailSigner(Buffer.alloc(32, 8), MAILBOX).isOwnMail(received({ internetMessageHeaders: headers }))).toBe(false);
  });
});

describe("the simulator's sendMail and Lantern's own mail in live scoring", () => {
  let dir: string;
  let sim: RunningSimulator;
  let store: Store;
  let graph: GraphApi;
  let mailbox: MailboxService;
  const clock = new ManualClock(END);
  const signer = new LanternMailSigner(SECRET, MAILBOX);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lantern-own-mail-'));
    const s = scenario();
    s.users = [...(s.users ?? []), { id: LANTERN_ID, userPrincipalName: 'lantern@contoso.test', mail: 'lantern@contoso.test', displayName: 'Lantern Security' }];
    sim = await startSimulator({ scenario: s, clock, throttling: false });
    store = await openStore({ kind: 'sqlite', file: join(dir, 'lantern.sqlite') });
    graph = simulatorGraphApi(sim, { logger: pino({ level: 'silent' }) });
    mailbox = new MailboxService({
      db: store.db,
      graph: mailboxGraphFrom(graph),
      scorer: createMailScorer({ domains: ['contoso.test'], internalDisplayNames: ['User 1', 'User 2', 'User 3'] }),
      clock,
      ownMail: signer,
    });
  });

  afterAll(async () => {
    await store?.close();
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const event = (user: number, messageId: string): MessageEvent => ({
    kind: 'message', id: `${userId(user)}:${messageId}`, at: clock.now().toISOString(), userId: userId(user), upn: `user${user}@contoso.test`,
    messageId, internetMessageId: null, folder: 'inbox', subject: null, fromAddress: 'lantern@contoso.test', fromName: null, receivedAt: null,
  });

  it('refuses headers Graph refuses: names not starting with x-, and more than five', async () => {
    const base = { subject: 's', body: { contentType: 'Text', content: 'x' }, toRecipients: [{ emailAddress: { address: 'user2@contoso.test' } }] };
    await expect(graph.sendMail(LANTERN_ID, { ...base, internetMessageHeaders: [{ name: 'Authentication-Results', value: 'spf=pass' }] })).rejects.toSatisfy(
      (e: unknown) => e instanceof GraphError && e.status === 400 && e.code === 'InvalidInternetMessageHeader',
    );
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `X-H${i}`, value: 'v' }));
    await expect(graph.sendMail(LANTERN_ID, { ...base, internetMessageHeaders: six })).rejects.toSatisfy((e: unknown) => e instanceof GraphError && e.status === 400);
  });

  it("delivers Lantern's signed mail with its header, and live scoring neither scores nor acts on it", async () => {
    // A digest-like message full of action links: scored, it would look like phishing.
    const send = signingSendMail(graph, signer, () => clock.now());
    await send.sendMail(
      LANTERN_ID,
      {
        subject: 'Lantern: 3 messages held for you — verify and release',
        body: { contentType: 'HTML', content: '<p>Urgent: verify your account.</p><p><a href="http://198.51.100.7/digest/act?token=x">Release this message</a></p>' },
        toRecipients: [{ emailAddress: { address: 'user1@contoso.test' } }],
      },
      false,
    );
    const copy = sim.state.messagesIn(userId(1), 'inbox').find((m) => m.message.from?.emailAddress.address === 'lantern@contoso.test');
    expect(copy).toBeDefined();
    const viaGraph = (await graph.getMessage(userId(1), copy!.immutableId, ['internetMessageHeaders', 'from'])) as GraphMessage;
    expect(viaGraph.internetMessageHeaders?.map((h) => h.name)).toContain(LANTERN_SIGNATURE_HEADER);
    expect(sim.state.mimeOf(copy!)).toContain(`${LANTERN_SIGNATURE_HEADER}: v1; `);

    const outcome = await mailbox.scoreInboundMessage(event(1, copy!.immutableId));
    expect(outcome).toEqual({ messageId: copy!.immutableId, action: 'skipped', score: null });
    expect(await mailbox.repo.listActions(userId(1))).toEqual([]);
    expect(sim.state.whereIs(userId(1), copy!.immutableId)?.wellKnownName).toBe('inbox');
    const stored = await mailbox.assessments.stored(userId(1), copy!.immutableId);
    expect(stored?.assessment.reasons.map((r) => r.code)).toEqual(['lantern.own-mail']);
    expect(stored?.assessment.verdict).toBe('deliver');
  });

  it('scores phishing that claims to be from Lantern with a forged signature header', async () => {
    const mime = PHISH_MIME.replace('From: "Microsoft 365 Security" <security-alert@micros0ft-verify.example>', 'From: "Lantern Security" <lantern@contoso.test>').replace(
      'MIME-Version: 1.0',
      `${LANTERN_SIGNATURE_HEADER}: v1; n=AAAAAAAAAAAAAAAA; t=1772445600; s=${'B'.repeat(43)}\r\nMIME-Version: 1.0`,
    );
    const stored = sim.state.addMessage({ userId: userId(2), folder: 'inbox', message: { id: 'forged-lantern' }, mime });
    expect(stored.message.internetMessageHeaders?.some((h) => h.name === LANTERN_SIGNATURE_HEADER)).toBe(true);
    const outcome = await mailbox.scoreInboundMessage(event(2, stored.immutableId));
    expect(outcome.action).not.toBe('skipped');
    expect(outcome.score).toBeGreaterThan(0);
    const assessed = await mailbox.assessments.stored(userId(2), stored.immutableId);
    expect(assessed?.assessment.reasons.map((r) => r.code)).not.toContain('lantern.own-mail');
  });

  it("leaves the security mailbox's own inbox to report triage", async () => {
    const stored = sim.state.addMessage({ userId: LANTERN_ID, folder: 'inbox', message: { id: 'to-lantern' }, mime: PHISH_MIME });
    const outcome = await mailbox.scoreInboundMessage({ ...event(1, stored.immutableId), userId: LANTERN_ID, upn: 'lantern@contoso.test' });
    expect(outcome.action).toBe('skipped');
    expect(await mailbox.assessments.stored(LANTERN_ID, stored.immutableId)).toBeNull();
  });
});
