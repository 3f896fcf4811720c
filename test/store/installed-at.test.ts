// The installation time on SQLite and PostgreSQL (each PG test in a fresh schema): recorded once, never moved,
// and concurrent first starts agree on one value.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureInstalledAt, INSTALLED_AT_CURSOR, readInstalledAt } from '../../server/src/store/installed-at.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import type { Store, StoreConfig } from '../../server/src/store/store.ts';

const PG_URL = process.env.LANTERN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const tmp = mkdtempSync(join(tmpdir(), 'lantern-installed-'));
const schemas: string[] = [];

afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  for (const s of schemas) await client.query(`drop schema if exists "${s}" cascade`);
  await client.end();
});

function freshConfig(dialect: 'sqlite' | 'postgres'): StoreConfig {
  const suffix = randomBytes(6).toString('hex');
  if (dialect === 'sqlite') return { kind: 'sqlite', file: join(tmp, `store-${suffix}`, 'lantern.db') };
  const schema = `lantern_installed_test_${suffix}`;
  schemas.push(schema);
  return { kind: 'postgres', url: PG_URL, schema };
}

describe.each(['sqlite', 'postgres'] as const)('installation time on %s', (dialect) => {
  let store: Store;
  let config: StoreConfig;
  beforeEach(async () => {
    config = freshConfig(dialect);
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
