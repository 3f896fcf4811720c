// The installation time on SQLite and PostgreSQL (each PG test in a database of its own): recorded once, never moved,
// and concurrent first starts agree on one value.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureInstalledAt, INSTALLED_AT_CURSOR, readInstalledAt } from '../../server/src/store/installed-at.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import type { Store, StoreConfig } from '../../server/src/store/store.ts';
import { TestDatabases } from './test-databases.ts';

const databases = new TestDatabases();
afterAll(() => databases.cleanup());

describe.each(['sqlite', 'postgres'] as const)('installation time on %s', (dialect) => {
  let store: Store;
  let config: StoreConfig;
  beforeEach(async () => {
    config = await databases.config(dialect);
    store = await openStore(config);
  });
  afterEach(async () => {
    await store.close();
  });

  it('is recorded on first start and never moves, across restarts too', async () => {
    expect(await readInstalledAt(store.db)).toBeNull();
    expect(await ensureInstalledAt(store.db, new Date('2026-05-01T08:00:00Z'))).toBe('2026-05-01T08:00:00.000Z');
    expect(await ensureInstalledAt(store.db, new Date('2026-06-01T08:00:00Z'))).toBe('2026-05-01T08:00:00.000Z');
    await store.close();
    store = await openStore(config);
    expect(await ensureInstalledAt(store.db, new Date('2026-07-01T08:00:00Z'))).toBe('2026-05-01T08:00:00.000Z');
    // Pollers' cursor listings do not see it.
    expect((await store.listCursors('messages:')).size).toBe(0);
    expect(await store.getCursor(INSTALLED_AT_CURSOR)).toBe('2026-05-01T08:00:00.000Z');
  });

  it('concurrent first starts agree on one time', async () => {
    const times = Array.from({ length: 6 }, (_, i) => new Date(Date.parse('2026-05-01T08:00:00Z') + i * 1000));
    const got = await Promise.all(times.map((t) => ensureInstalledAt(store.db, t)));
    expect(new Set(got).size).toBe(1);
    expect(await readInstalledAt(store.db)).toBe(got[0]);
  });
});
