// Live scoring end to end: new mail arrives in a simulated mailbox, the real ingestion runtime polls it and
// commits a MessageEvent, startMailScoring assesses it and applies the verdict's action through Graph.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { MessageEvent } from '@lantern/shared';
import { startMailScoring, type MailScoring } from '../../server/src/mailbox/mail-scoring.ts';
import type { InboundOutcome } from '../../server/src/mailbox/mailbox-service.ts';
import { startIngestion, type Ingestion } from '../../server/src/runtime/start-ingestion.ts';
import { benignMime, folderOf, PHISH_MIME, startFixture, userId, type AppFixture } from '../routes/app-fixture.ts';
import { simulatorGraphApi } from '../../server/src/sim/simulator-graph-api.ts';

let fx: AppFixture;
let ingestion: Ingestion;
let scoring: MailScoring;
const outcomes: InboundOutcome[] = [];
const failures: unknown[] = [];

beforeAll(async () => {
  fx = await startFixture();
  const logger = pino({ level: 'silent' });
  const graph = simulatorGraphApi(fx.sim, {
    logger,
  });
  ingestion = startIngestion({ graph, store: fx.store, clock: fx.clock, logger, autoStart: false, sources: ['messages'], users: [userId(1)] });
  scoring = startMailScoring({
    ingestion,
    service: fx.mailbox,
    onOutcome: (o) => outcomes.push(o),
    onError: (err) => failures.push(err),
  });
  await ingestion.pollOnce('messages');
  await scoring.idle();
});

afterAll(async () => {
  await scoring?.stop();
  await ingestion?.stop();
  await fx?.close();
});

const ids = new Map<string, string>();

function arrive(id: string, subject: string, from: string, mime: string): void {
  const stored = fx.sim.state.addMessage({
    userId: userId(1),
    folder: 'inbox',
    message: { id, internetMessageId: `<${id}@test>`, subject, from: { emailAddress: { address: from } }, toRecipients: [{ emailAddress: { address: 'user1@contoso.test' } }] },
    mime,
  });
  ids.set(id, stored.immutableId);
}

describe('live scoring of inbound mail', () => {
  it('assesses each new inbound message once and applies its verdict through Graph', async () => {
    outcomes.length = 0;
    fx.clock.advance(60_000);
    arrive('live-phish', 'Urgent: your mailbox will be suspended today', 'security-alert@micros0ft-verify.example', PHISH_MIME.replace('phish-1@', 'phish-live@'));
    arrive('live-note', 'Notes from meeting 9', 'ana@contoso.test', benignMime(9));
    fx.clock.advance(60_000);
    await ingestion.pollOnce('messages');
    await scoring.idle();
    expect(failures).toEqual([]);

    const byId = new Map<string, InboundOutcome>();
    for (const o of outcomes) byId.set(o.messageId, o);
    const phishId = ids.get('live-phish')!;
    const noteId = ids.get('live-note')!;
    const phish = byId.get(phishId);
    const note = byId.get(noteId);
    expect(phish && note).toBeTruthy();
    expect(phish!.score!).toBeGreaterThan(note!.score!);

    for (const [id, outcome] of [[phishId, phish!], [noteId, note!]] as const) {
      const stored = await fx.mailbox.assessments.stored(userId(1), id);
      const verdict = stored!.assessment.verdict;
      const inSim = fx.sim.state.message(userId(1), id)!;
      const folder = folderOf(fx.sim, 1, id);
      if (verdict === 'hold') {
        expect(outcome.action).toBe('held');
        expect(folder).toBe('Lantern Held');
      } else {
        expect(folder).toBe('inbox');
        const expected = verdict === 'tag' ? ['Lantern: suspicious'] : verdict === 'lock-links' ? ['Lantern: links locked'] : [];
        expect(inSim.message.categories ?? []).toEqual(expected);
        expect(outcome.action).toBe(verdict === 'deliver' ? 'recorded' : verdict === 'tag' ? 'tagged' : 'links-locked');
      }
    }
  });

  it('does not act twice on a message seen again', async () => {
    const id = ids.get('live-phish')!;
    const before = (await fx.mailbox.repo.listActions(userId(1))).length;
    const event: MessageEvent = {
      kind: 'message', id: `replay-${id}`, at: fx.clock.now().toISOString(), userId: userId(1), upn: 'user1@contoso.test',
      messageId: id, internetMessageId: '<live-phish@test>', folder: 'inbox', subject: null, fromAddress: null, fromName: null, receivedAt: null,
    };
    const outcome = await fx.mailbox.scoreInboundMessage(event);
    expect(outcome.action).toBe('skipped');
    expect((await fx.mailbox.repo.listActions(userId(1))).length).toBe(before);
  });

  it('counts senders so a second message from the same address is no longer first-time', async () => {
    const facts = await fx.mailbox.repo.senderFacts('ana@contoso.test', 'contoso.test');
    expect(facts.address?.messageCount).toBeGreaterThanOrEqual(1);
    expect(facts.domain?.messageCount).toBeGreaterThanOrEqual(facts.address!.messageCount);
  });
});

describe('tag and untag', () => {
  it('tags with an Outlook category, records it, and release removes it again', async () => {
    const user = { oid: userId(1), tid: fx.sim.tenantId, upn: 'user1@contoso.test', name: 'User 1', roles: [] };
    const id = ids.get('live-note')!;
    await fx.mailbox.actions.addCategory(userId(1), id, 'test', 'tag');
    expect(fx.sim.state.message(userId(1), id)!.message.categories).toContain('Lantern: suspicious');
    const res = await fx.mailbox.release(user, id);
    expect(res.status).toBe('released');
    expect(fx.sim.state.message(userId(1), id)!.message.categories ?? []).not.toContain('Lantern: suspicious');
    const kinds = (await fx.mailbox.repo.listActions(userId(1))).filter((a) => a.message_id_before === id).map((a) => a.action);
    expect(kinds).toEqual(expect.arrayContaining(['tag', 'untag']));
  });
});
