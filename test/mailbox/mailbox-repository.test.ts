// The mailbox tables on both dialects: the same suite on SQLite and PostgreSQL (a database of its own, created and dropped).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailboxRepository } from '../../server/src/mailbox/mailbox-repository.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import type { Store } from '../../server/src/store/store.ts';
import { TestDatabases } from '../store/test-databases.ts';

const dialects: Array<[string, () => Promise<{ store: Store; cleanup: () => Promise<void> }>]> = (['sqlite', 'postgres'] as const).map((dialect) => [
  dialect,
  async () => {
    const databases = new TestDatabases();
    const store = await openStore(await databases.config(dialect));
    return { store, cleanup: () => databases.cleanup() };
  },
]);

describe.each(dialects)('mailbox repository on %s', (_name, open) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let repo: MailboxRepository;

  beforeAll(async () => {
    ({ store, cleanup } = await open());
    repo = new MailboxRepository(store.db);
  });
  afterAll(async () => {
    await store?.close();
    await cleanup?.();
  });

  it('counts senders by address and domain, messages and reports apart', async () => {
    await repo.recordSender('a@x.example', 'x.example', '2026-03-01T00:00:00.000Z', false);
    await repo.recordSender('a@x.example', 'x.example', '2026-03-02T00:00:00.000Z', false);
    await repo.recordSender('b@x.example', 'x.example', '2026-03-03T00:00:00.000Z', true);
    const facts = await repo.senderFacts('a@x.example', 'x.example');
    expect(facts.address).toEqual({ firstSeen: '2026-03-01T00:00:00.000Z', messageCount: 2, reportCount: 0 });
    expect(facts.domain).toEqual({ firstSeen: '2026-03-01T00:00:00.000Z', messageCount: 2, reportCount: 1 });
    expect((await repo.senderFacts('new@y.example', 'y.example')).address).toBeNull();
  });

  it('stores assessments per mailbox and finds them by id, alias or internetMessageId', async () => {
    const row = {
      user_id: 'u1', message_id: 'imm-1', internet_message_id: '<m1@x>', subject: 's', sender_address: 'a@x.example',
      received_at: null, score: 42.5, verdict: 'tag', assessment: '{"score":42.5}', assessed_at: '2026-03-01T00:00:00.000Z',
    };
    await repo.saveAssessment(row);
    await repo.saveAssessment({ ...row, score: 43 });
    await repo.saveAlias('u1', 'rest-1', 'imm-1');
    expect((await repo.findAssessment('u1', 'imm-1'))?.score).toBe(43);
    expect((await repo.findAssessment('u1', 'rest-1'))?.message_id).toBe('imm-1');
    expect((await repo.findAssessment('u1', 'other', '<m1@x>'))?.message_id).toBe('imm-1');
    expect(await repo.findAssessment('u2', 'imm-1')).toBeNull();
    expect(await repo.findAssessment('u2', 'rest-1', '<m1@x>')).toBeNull();
    await repo.renameAssessment('u1', 'imm-1', 'imm-2');
    expect((await repo.findAssessment('u1', 'rest-1'))?.message_id).toBe('imm-2');
    expect(await repo.resolveAlias('u1', 'imm-1')).toBe('imm-2');
  });

  it('decides a release request once', async () => {
    await repo.insertReleaseRequest({
      id: 'rr-1', hold_id: 'h-1', user_id: 'u1', user_upn: 'u1@x', message_id: 'm', subject: null, sender_address: null,
      score: 90, requested_at: '2026-03-01T00:00:00.000Z', status: 'pending', decided_by: null, decided_at: null,
    });
    expect(await repo.decideReleaseRequest('rr-1', 'approved', 'analyst', '2026-03-01T01:00:00.000Z')).toBe(true);
    expect(await repo.decideReleaseRequest('rr-1', 'denied', 'analyst', '2026-03-01T02:00:00.000Z')).toBe(false);
    expect((await repo.releaseRequestById('rr-1'))?.status).toBe('approved');
  });
});
