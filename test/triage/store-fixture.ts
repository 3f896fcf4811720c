// Fresh stores for triage tests, on SQLite and PostgreSQL (each in its own schema).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { openStore } from '../../server/src/store/open-store.ts';
import type { Store } from '../../server/src/store/store.ts';
import type { TriageTables } from '../../server/src/triage/triage-tables.ts';

export const PG_URL = process.env.LANTERN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export class StoreFixture {
  readonly #tmp = mkdtempSync(join(tmpdir(), 'lantern-triage-'));
  readonly #schemas: string[] = [];
  readonly #stores: Store[] = [];

  async open(dialect: 'sqlite' | 'postgres', prefix = 'lantern_triage'): Promise<{ store: Store; db: Kysely<TriageTables> }> {
    const suffix = randomBytes(6).toString('hex');
    let store: Store;
    if (dialect === 'sqlite') store = await openStore({ kind: 'sqlite', file: join(this.#tmp, suffix, 'lantern.db') });
    else {
      const schema = `${prefix}_${suffix}`;
      this.#schemas.push(schema);
      store = await openStore({ kind: 'postgres', url: PG_URL, schema });
    }
    this.#stores.push(store);
    return { store, db: store.db as unknown as Kysely<TriageTables> };
  }

  async close(): Promise<void> {
    for (const s of this.#stores) await s.close();
    rmSync(this.#tmp, { recursive: true, force: true });
    if (this.#schemas.length === 0) return;
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    for (const s of this.#schemas) await client.query(`drop schema if exists "${s}" cascade`);
    await client.end();
  }
}
