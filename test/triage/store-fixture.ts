// Fresh stores for triage tests, on SQLite and PostgreSQL (each PostgreSQL store in a database of its own,
// created here and dropped by close()).
import type { Kysely } from 'kysely';
import { openStore } from '../../server/src/store/open-store.ts';
import type { Store } from '../../server/src/store/store.ts';
import type { TriageTables } from '../../server/src/triage/triage-tables.ts';
import { TestDatabases } from '../store/test-databases.ts';

export class StoreFixture {
  readonly #databases = new TestDatabases();
  readonly #stores: Store[] = [];

  async open(dialect: 'sqlite' | 'postgres'): Promise<{ store: Store; db: Kysely<TriageTables> }> {
    const store = await openStore(await this.#databases.config(dialect));
    this.#stores.push(store);
    return { store, db: store.db as unknown as Kysely<TriageTables> };
  }

  async close(): Promise<void> {
    for (const s of this.#stores) await s.close();
    await this.#databases.cleanup();
  }
}
