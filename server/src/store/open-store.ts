// Opens the configured store: SQLite (better-sqlite3, WAL, a file under the data directory) by default, or
// PostgreSQL (pg) in its own schema; then brings the schema up to date with Kysely's Migrator.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely';
import type { Database } from './database.ts';
import { coreMigrations } from './migrations/index.ts';
import { KyselyStore } from './kysely-store.ts';
import type { OpenStoreOptions, Store, StoreConfig } from './store.ts';
import { StoreError } from './store-error.ts';
import { PRIVATE_DIR_MODE, narrowSqliteFiles, preparePrivateSqliteFile } from './private-files.ts';
import { postgresFailureLine } from './postgres-failure.ts';
import { lockSqliteFile } from './sqlite-lock.ts';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

class InCodeMigrationProvider implements MigrationProvider {
  readonly #migrations: Record<string, Migration>;
  constructor(migrations: Record<string, Migration>) {
    this.#migrations = migrations;
  }
  async getMigrations(): Promise<Record<string, Migration>> {
    return this.#migrations;
  }
}

export async function openStore(config: StoreConfig, options: OpenStoreOptions = {}): Promise<Store> {
  const migrations: Record<string, Migration> = { ...coreMigrations };
  for (const [name, m] of Object.entries(options.migrations ?? {})) {
    if (name in migrations) throw new StoreError('migration name collides with an existing one', { name });
    migrations[name] = m;
  }
  const clock = options.clock ?? { now: () => new Date() };

  let db: Kysely<Database>;
  let schema: string | undefined;
  let unlock: (() => void) | null = null;
  if (config.kind === 'sqlite') {
    if (config.file !== ':memory:') {
      // A missing directory is made private; an existing one is the caller's (startLantern narrows the data directory).
      mkdirSync(dirname(config.file), { recursive: true, mode: PRIVATE_DIR_MODE });
      preparePrivateSqliteFile(config.file);
      // one process per SQLite database: a second one refuses here
      unlock = lockSqliteFile(config.file);
    }
    const sqlite = new SqliteDatabase(config.file);
    sqlite.pragma('journal_mode = WAL');
    if (config.file !== ':memory:') narrowSqliteFiles(config.file);
    // NORMAL is durable against a killed process (WAL is fsynced at checkpoints); only power loss may drop
    // the last transactions, which re-polling recovers since cursors are in the same transactions.
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  } else {
    schema = config.schema;
    if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new StoreError('invalid PostgreSQL schema name', { schema });
    if (schema !== undefined) {
      const client = new pg.Client({ connectionString: config.url });
      await client.connect().catch((err: unknown) => {
        const line = postgresFailureLine(config.url, err);
        throw line ? new StoreError(line) : err;
      });
      try {
        await client.query(`create schema if not exists "${schema}"`);
      } finally {
        await client.end();
      }
    }
    const pool = new pg.Pool({
      connectionString: config.url,
      max: 10,
      ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}),
    });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }

  const migrator = new Migrator({
    db,
    provider: new InCodeMigrationProvider(migrations),
    ...(schema !== undefined ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    unlock?.();
    const connection = config.kind === 'postgres' ? postgresFailureLine(config.url, error) : null;
    if (connection) throw new StoreError(connection);
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new StoreError(`migration failed: ${error instanceof Error ? error.message : String(error)}`, { migration: failed });
  }
  return new KyselyStore(db, config.kind, clock, unlock ?? undefined);
}
