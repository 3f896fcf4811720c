// Stores for tests that run on both dialects: a SQLite file in a temporary directory, or a PostgreSQL database of
// its own (created here and dropped by `cleanup`), never a shared one.
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { StoreConfig } from '../../server/src/store/store.ts';

const PG_ADMIN_URL = process.env.LANTERN_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export class TestDatabases {
  readonly #dir = mkdtempSync(join(tmpdir(), 'lantern-test-db-'));
  readonly #databases: string[] = [];

  async config(dialect: 'sqlite' | 'postgres', name = randomBytes(5).toString('hex')): Promise<StoreConfig> {
    if (dialect === 'sqlite') return { kind: 'sqlite', file: join(this.#dir, name, 'lantern.db') };
    const db = `lantern_test_${name}`;
    const client = new pg.Client({ connectionString: PG_ADMIN_URL });
    await client.connect();
    try {
      await client.query(`create database "${db}"`);
    } finally {
      await client.end();
    }
    this.#databases.push(db);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${db}`;
    return { kind: 'postgres', url: url.toString() };
  }

  async cleanup(): Promise<void> {
    rmSync(this.#dir, { recursive: true, force: true });
    if (this.#databases.length === 0) return;
    const client = new pg.Client({ connectionString: PG_ADMIN_URL });
    await client.connect();
    try {
      for (const db of this.#databases) await client.query(`drop database if exists "${db}" with (force)`);
    } finally {
      await client.end();
    }
  }
}
