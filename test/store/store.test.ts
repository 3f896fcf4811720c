// The same suite runs against SQLite and PostgreSQL (each PG test in a database of its own, created and dropped).
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SignInEvent, MessageEvent } from '@lantern/shared';
import { openStore } from '../../server/src/store/open-store.ts';
import type { Store, StoreConfig } from '../../server/src/store/store.ts';
import { TestDatabases } from './test-databases.ts';

const databases = new TestDatabases();
afterAll(() => databases.cleanup());

function signIn(id: string, userId: string, at: string): SignInEvent {
  return {
    id, kind: 'signIn', at, userId, upn: `${userId}@contoso.test`, ip: '203.0.113.9', country: 'GB', city: 'London', state: null,
    lat: null, lon: null, appId: null, appName: 'Office 365', resourceName: null, clientApp: 'Browser', os: 'Windows', browser: 'Edge',
    deviceId: null, deviceName: null, interactive: true, success: true, errorCode: 0, failureReason: null, authProtocol: null,
    userAgent: null, riskLevel: null,
  };
}

function message(id: string, userId: string, at: string): MessageEvent {
  return { id, kind: 'message', at, userId, upn: `${userId}@contoso.test`, messageId: id, internetMessageId: `<${id}@x>`, folder: 'inbox', subject: 'hello', fromAddress: 'a@b.test', fromName: 'A', receivedAt: at };
}

describe.each(['sqlite', 'postgres'] as const)('store on %s', (dialect) => {
  let store: Store;
  let config: StoreConfig;
  beforeEach(async () => {
    config = await databases.config(dialect);
    store = await openStore(config);
  });
  afterEach(async () => {
    await store.close();
  });

  it('stores events once per (kind, id) and reports which were new', async () => {
    const a = signIn('s1', 'u1', '2026-01-01T10:00:00Z');
    const b = signIn('s2', 'u1', '2026-01-01T11:00:00Z');
    const first = await store.commit({ events: [a, b, a] });
    expect(first.inserted.map((e) => e.id)).toEqual(['s1', 's2']);
    expect(first.duplicates).toBe(1);
    const second = await store.commit({ events: [b, signIn('s3', 'u2', '2026-01-01T12:00:00Z')] });
    expect(second.inserted.map((e) => e.id)).toEqual(['s3']);
    expect(second.duplicates).toBe(1);
    // The same id under another kind is another event.
    const third = await store.commit({ events: [message('s1', 'u1', '2026-01-01T10:00:00Z')] });
    expect(third.inserted).toHaveLength(1);
    expect(await store.countEvents({ kind: 'signIn' })).toBe(3);
    expect(await store.countEvents({})).toBe(4);
  });

  it('lists and counts events by kind, user and time, and round-trips payloads', async () => {
    const events = [
      signIn('a', 'u1', '2026-01-01T10:00:00.000Z'),
      signIn('b', 'u2', '2026-01-02T10:00:00.000Z'),
      signIn('c', 'u1', '2026-01-03T10:00:00+00:00'),
      message('m', 'u1', '2026-01-02T12:00:00.000Z'),
    ];
    await store.commit({ events });
    const u1 = await store.listEvents({ kind: 'signIn', userId: 'u1' });
    expect(u1.map((e) => e.id)).toEqual(['a', 'c']);
    expect(u1[0]).toEqual(events[0]);
    const window = await store.listEvents({ from: '2026-01-02T00:00:00Z', to: '2026-01-03T10:00:00Z' });
    expect(window.map((e) => e.id)).toEqual(['b', 'm']);
    expect(await store.countEvents({ userId: 'u1', from: '2026-01-02T00:00:00Z' })).toBe(2);
    const newest = await store.listEvents({ kind: 'signIn', order: 'desc', limit: 1 });
    expect(newest.map((e) => e.id)).toEqual(['c']);
    expect(await store.existingEventIds('signIn', ['a', 'b', 'zz', 'm'])).toEqual(new Set(['a', 'b']));
  });

  it('sets, replaces and deletes cursors and snapshots in the same commit as events', async () => {
    await store.commit({
      events: [signIn('x', 'u1', '2026-01-01T00:00:00Z')],
      cursors: { signIns: '2026-01-01T00:00:00.000Z', 'messages:u1': 'delta-1', 'messages:u2': 'delta-2', 'messagesX': 'other' },
      snapshots: [{ source: 'inboxRules', key: 'u1', value: { rules: [{ id: 'r1' }] } }, { source: 'inboxRules', key: 'u2', value: [] }],
    });
    expect(await store.getCursor('signIns')).toBe('2026-01-01T00:00:00.000Z');
    expect(await store.getCursor('nothing')).toBeNull();
    expect(await store.listCursors('messages:')).toEqual(new Map([['messages:u1', 'delta-1'], ['messages:u2', 'delta-2']]));
    expect(await store.getSnapshot('inboxRules', 'u1')).toEqual({ rules: [{ id: 'r1' }] });
    expect(await store.getSnapshots('inboxRules', ['u1', 'u2', 'u3'])).toEqual(new Map<string, unknown>([['u1', { rules: [{ id: 'r1' }] }], ['u2', []]]));
    await store.commit({ cursors: { signIns: '2026-01-02T00:00:00.000Z', 'messages:u2': null }, snapshots: [{ source: 'inboxRules', key: 'u1', value: null }] });
    expect(await store.getCursor('signIns')).toBe('2026-01-02T00:00:00.000Z');
    expect(await store.getCursor('messages:u2')).toBeNull();
    expect(await store.getSnapshot('inboxRules', 'u1')).toBeNull();
  });

  it('commits nothing when any part of the batch fails', async () => {
    const bad = { ...signIn('bad', 'u1', 'not a time') };
    await expect(store.commit({ events: [signIn('ok', 'u1', '2026-01-01T00:00:00Z'), bad], cursors: { signIns: 'later' } })).rejects.toThrow(/time/);
    expect(await store.countEvents({})).toBe(0);
    expect(await store.getCursor('signIns')).toBeNull();
    // A failure inside a transaction rolls back what the transaction wrote before it.
    await expect(
      store.db.transaction().execute(async (trx) => {
        await trx.insertInto('cursors').values({ source: 'half', value: 'v', updated_at: 'now' }).execute();
        await trx.insertInto('cursors').values({ source: 'half', value: 'v', updated_at: 'now' }).execute();
      }),
    ).rejects.toThrow();
    expect(await store.getCursor('half')).toBeNull();
  });

  it('keeps data across reopen and stores large batches in one commit', async () => {
    const many = Array.from({ length: 2345 }, (_, i) => signIn(`id-${i}`, `u${i % 7}`, new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString()));
    const res = await store.commit({ events: many, cursors: { signIns: 'end' } });
    expect(res.inserted).toHaveLength(2345);
    await store.close();
    store = await openStore(config);
    expect(await store.countEvents({ kind: 'signIn' })).toBe(2345);
    expect(await store.countEvents({ kind: 'signIn', userId: 'u3' })).toBe(many.filter((e) => e.userId === 'u3').length);
    expect(await store.getCursor('signIns')).toBe('end');
    const again = await store.commit({ events: many.slice(0, 1000) });
    expect(again.inserted).toHaveLength(0);
    expect(again.duplicates).toBe(1000);
  });

  it('runs migrations of other modules, and their tables are usable through store.db', async () => {
    await store.close();
    store = await openStore(config, {
      migrations: {
        '0100-test-notes': {
          async up(db) {
            await db.schema.createTable('test_notes').addColumn('id', 'varchar(64)', (c) => c.primaryKey()).addColumn('body', 'text').execute();
          },
        },
      },
    });
    const db = store.db.withTables<{ test_notes: { id: string; body: string | null } }>();
    await db.insertInto('test_notes').values({ id: 'n1', body: 'hi' }).execute();
    expect(await db.selectFrom('test_notes').selectAll().execute()).toEqual([{ id: 'n1', body: 'hi' }]);
  });
});
