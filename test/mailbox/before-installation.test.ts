// The project rule at the action layer: mail received before Lantern was installed is never moved, tagged or
// locked, even when it reaches live scoring (a mailbox added later, a delta restarted); it is scored for
// information only. End to end: old phishing already in the inbox at first start stays untouched, new
// phishing is held.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { MessageEvent } from '@lantern/shared';
import { startMailScoring, type MailScoring } from '../../server/src/mailbox/mail-scoring.ts';
import type { InboundOutcome } from '../../server/src/mailbox/mailbox-service.ts';
import { startIngestion, type Ingestion } from '../../server/src/runtime/start-ingestion.ts';
import { simulatorGraphApi } from '../../server/src/sim/simulator-graph-api.ts';
import { readInstalledAt } from '../../server/src/store/installed-at.ts';
import { END, folderOf, PHISH_MIME, startFixture, userId, type AppFixture } from '../routes/app-fixture.ts';

let fx: AppFixture;
let ingestion: Ingestion;
let scoring: MailScoring;
const outcomes: InboundOutcome[] = [];

beforeAll(async () => {
  fx = await startFixture();
  const logger = pino({ level: 'silent' });
  ingestion = startIngestion({ graph: simulatorGraphApi(fx.sim, { logger }), store: fx.store, clock: fx.clock, logger, autoStart: false, sources: ['messages'], users: [userId(1)] });
  scoring = startMailScoring({ ingestion, service: fx.mailbox, onOutcome: (o) => outcomes.push(o) });
});

afterAll(async () => {
  await scoring?.stop();
  await ingestion?.stop();
  await fx?.close();
});

describe('mail received before installation', () => {
  it('first start: the phishing already in the inbox is left alone, new phishing is held', async () => {
    // The fixture's inbox holds 'msg-phish' from 2026-03-01 09:00; Lantern first starts at END (03-03).
    await ingestion.pollOnce('messages');
    await scoring.idle();
    expect(await readInstalledAt(fx.store.db)).toBe(END);
    expect(outcomes).toEqual([]);
    expect(folderOf(fx.sim, 1, 'msg-phish')).toBe('inbox');

    fx.clock.advance(60_000);
    const fresh = fx.sim.state.addMessage({
      userId: userId(1),
      message: { id: 'new-phish', internetMessageId: '<new-phish@test>', subject: 'Urgent: your mailbox will be suspended today', from: { emailAddress: { address: 'security-alert@micros0ft-verify.example' } } },
      mime: PHISH_MIME.replace('phish-1@', 'phish-new@'),
    });
    fx.clock.advance(1000);
    await ingestion.pollOnce('messages');
    await scoring.idle();
    expect(outcomes.map((o) => [o.messageId, o.action])).toEqual([[fresh.immutableId, 'held']]);
    expect(folderOf(fx.sim, 1, fresh.immutableId)).toBe('Lantern Held');
  });

  it('an old message that reaches scoring anyway is scored for information, not moved, tagged or locked', async () => {
    const old = fx.sim.state.whereIs(userId(1), 'msg-phish');
    if (!old) throw new Error('fixture message missing');
    const actionsBefore = (await fx.mailbox.repo.listActions(userId(1))).length;
    const event: MessageEvent = {
      kind: 'message', id: `late-${old.immutableId}`, at: '2026-03-01T09:00:00.000Z', userId: userId(1), upn: 'user1@contoso.test',
      messageId: old.immutableId, internetMessageId: '<msg-phish@test>', folder: 'inbox', subject: null, fromAddress: null, fromName: null, receivedAt: '2026-03-01T09:00:00Z',
    };
    const outcome = await fx.mailbox.scoreInboundMessage(event);
    expect(outcome.action).toBe('recorded');
    expect(outcome.notActedBecause).toBe('received-before-installation');
    // Its verdict would have held it: the score is recorded, the mailbox untouched.
    const stored = await fx.mailbox.assessments.stored(userId(1), old.immutableId);
    expect(stored?.assessment.verdict).not.toBe('deliver');
    expect(outcome.score).toBe(stored?.assessment.score);
    expect(folderOf(fx.sim, 1, old.immutableId)).toBe('inbox');
    expect(fx.sim.state.message(userId(1), old.immutableId)?.message.categories ?? []).toEqual([]);
    expect((await fx.mailbox.repo.listActions(userId(1))).length).toBe(actionsBefore);
  });
});
