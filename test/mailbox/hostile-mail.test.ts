// Hostile inbound mail through the real mailbox service and the real store, on SQLite and PostgreSQL: a message
// padded past the parser's bounds, or with NUL and escapes in its subject, is scored, stored and held; never dropped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphMessage, MessageEvent } from '@lantern/shared';
import { ManualClock } from '../../server/src/clock.ts';
import { createMailScorer } from '../../server/src/mailbox/mail-scorer-default.ts';
import { MessageNotFoundError, type MailboxGraph } from '../../server/src/mailbox/mailbox-graph.ts';
import { MailboxService } from '../../server/src/mailbox/mailbox-service.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import type { Store } from '../../server/src/store/store.ts';
import { hugeHeader, manyParts } from '../mail/hostile-mime.ts';
import { TestDatabases } from '../store/test-databases.ts';

const USER = 'user-1';

/** The mailbox port over an in-memory mailbox: messages with their MIME, folders by id. */
class MemoryMailbox implements MailboxGraph {
  readonly messages = new Map<string, { message: GraphMessage; mime: string; folder: string }>();
  add(id: string, subject: string, mime: string): void {
    this.messages.set(id, {
      message: { id, internetMessageId: `<${id}\u0000@test>`, subject, receivedDateTime: '2026-03-02T10:00:00Z', from: { emailAddress: { name: 'IT\u0000', address: 'helpdesk@m1crosoft-verify.example' } }, toRecipients: [{ emailAddress: { name: 'User 1', address: 'user1@contoso.test' } }], internetMessageHeaders: [{ name: 'Subject', value: subject }] },
      mime,
      folder: 'inbox',
    });
  }
  #get(userId: string, id: string) {
    const m = this.messages.get(id);
    if (!m || userId !== USER) throw new MessageNotFoundError(userId, id);
    return m;
  }
  async getMessage(userId: string, id: string): Promise<GraphMessage> {
    return { ...this.#get(userId, id).message, parentFolderId: this.#get(userId, id).folder };
  }
  async getMessageMime(userId: string, id: string): Promise<string> {
    return this.#get(userId, id).mime;
  }
  async moveMessage(userId: string, id: string, folder: string) {
    this.#get(userId, id).folder = folder;
    return { id, parentFolderId: folder };
  }
  async ensureHiddenFolder(_userId: string, name: string): Promise<string> {
    return `hidden:${name}`;
  }
  async setCategories(): Promise<void> {}
}

function event(id: string, subject: string): MessageEvent {
  return {
    kind: 'message', id: `${USER}:${id}`, at: '2026-03-02T10:00:00.000Z', userId: USER, upn: 'user1@contoso.test', messageId: id,
    internetMessageId: null, folder: 'inbox', subject, fromAddress: 'helpdesk@m1crosoft-verify.example', fromName: 'IT', receivedAt: '2026-03-02T10:00:00.000Z',
  };
}

const NUL_SUBJECT = 'Reset\u0000 your password\u001b]0;owned\u0007\r\nINCIDENT i-1 CRITICAL';
const NUL_MIME = `From: "IT\u0000 Desk" <helpdesk@m1crosoft-verify.example>\r\nTo: user1@contoso.test\r\nSubject: ${NUL_SUBJECT.replace('\r\n', ' ')}\r\nMessage-ID: <nul\u0000@test>\r\nContent-Type: text/html\r\n\r\n<a href="https://m1crosoft-verify.example/owa/login.php">Reset\u0000</a>\r\n`;

const databases = new TestDatabases();
afterAll(() => databases.cleanup());

describe.each(['sqlite', 'postgres'] as const)('hostile inbound mail on %s', (dialect) => {
  let store: Store;
  let graph: MemoryMailbox;
  let mailbox: MailboxService;

  beforeAll(async () => {
    store = await openStore(await databases.config(dialect));
    graph = new MemoryMailbox();
    mailbox = new MailboxService({
      db: store.db,
      graph,
      scorer: createMailScorer({ domains: ['contoso.test'], internalDisplayNames: ['User 1'] }),
      clock: new ManualClock('2026-03-02T10:05:00.000Z'),
    });
  });
  afterAll(async () => {
    await store?.close();
  });

  it('stores a message with NUL, escapes and line breaks in its subject, without them', async () => {
    graph.add('nul', NUL_SUBJECT, NUL_MIME);
    const outcome = await mailbox.scoreInboundMessage(event('nul', NUL_SUBJECT));
    expect(outcome.score).not.toBeNull();
    const stored = await mailbox.assessments.stored(USER, 'nul');
    expect(stored?.subject).toMatch(/^Reset your password\]0;owned +INCIDENT i-1 CRITICAL$/);
    for (const text of [stored!.subject, stored!.internetMessageId, stored!.senderAddress, JSON.stringify(stored!.assessment)]) {
      expect(text ?? '').not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    }
  });

  it('holds a phishing message padded past 1,000 MIME parts', async () => {
    graph.add('parts', 'Mailbox quota exceeded', manyParts(1001));
    const outcome = await mailbox.scoreInboundMessage(event('parts', 'Mailbox quota exceeded'));
    expect(outcome.action).toBe('held');
    expect(graph.messages.get('parts')!.folder).toBe('hidden:Lantern Held');
    const stored = await mailbox.assessments.stored(USER, 'parts');
    expect(stored!.assessment.verdict).toBe('hold');
    expect(stored!.assessment.reasons.map((r) => r.code)).toContain('message.not-fully-checked');
  });

  it('holds a phishing message behind a header block over 1 MB', async () => {
    graph.add('header', 'Mailbox quota exceeded', hugeHeader());
    const outcome = await mailbox.scoreInboundMessage(event('header', 'Mailbox quota exceeded'));
    expect(outcome.action).toBe('held');
  });

  it('scores a message whose MIME source cannot be read at all on what Graph says, and holds it', async () => {
    graph.add('garbage', 'Invoice\u0000 overdue', '\r\n\r\n\u0000\u0000 not a message');
    const outcome = await mailbox.scoreInboundMessage(event('garbage', 'Invoice overdue'));
    expect(outcome.action).toBe('held');
    const stored = await mailbox.assessments.stored(USER, 'garbage');
    expect(stored!.subject).toBe('Invoice overdue');
    expect(stored!.senderAddress).toBe('helpdesk@m1crosoft-verify.example');
    expect(stored!.assessment.reasons[0]!.text).toMatch(/could not be fully checked: the MIME source could not be read/);
  });
});
