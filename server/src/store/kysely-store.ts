// The Store over any Kysely dialect; the SQL here is portable between SQLite and PostgreSQL.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DomainEvent, EventKind } from '@lantern/shared';
import { DOMAIN_EVENT_KINDS, type LogEntry, type LogEvent } from '../pipeline/log-event.ts';
import type { Database } from './database.ts';
import type { CommitBatch, CommitResult, EventQuery, Store } from './store.ts';
import { StoreError } from './store-error.ts';

/** Rows per INSERT: 6 parameters each stays far below SQLite's and PostgreSQL's parameter limits. */
const INSERT_CHUNK = 500;
/** Keys per IN (...) list. */
const LOOKUP_CHUNK = 900;
const MAX_LIST = 100_000;

function canonicalTime(at: string, context: Record<string, string>): string {
  const t = Date.parse(at);
  if (!Number.isFinite(t)) throw new StoreError('event time is not a valid ISO time', { ...context, at });
  return new Date(t).toISOString();
}

function parseJson(text: string, context: Record<string, string>): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new StoreError('stored JSON is unreadable', context);
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class KyselyStore implements Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly db: Kysely<Database>;
  readonly #clock: { now(): Date };

  readonly #onClose: (() => void) | undefined;

  /** `onClose`: run once the database is closed (gives back the SQLite file's lock). */
  constructor(db: Kysely<Database>, dialect: 'sqlite' | 'postgres', clock: { now(): Date }, onClose?: () => void) {
    this.db = db;
    this.dialect = dialect;
    this.#clock = clock;
    this.#onClose = onClose;
  }

  async commit<E extends LogEvent = DomainEvent>(batch: CommitBatch<E>, within?: (trx: Transaction<Database>) => Promise<void>): Promise<CommitResult<E>> {
    const now = this.#clock.now().toISOString();
    // Deduplicate within the batch first, and validate before opening the transaction.
    const unique = new Map<string, E>();
    let duplicates = 0;
    for (const e of batch.events ?? []) {
      const key = `${e.kind}\u0000${e.id}`;
      if (unique.has(key)) duplicates++;
      else unique.set(key, e);
    }
    const rows = [...unique.values()].map((e) => ({
      kind: e.kind,
      id: e.id,
      user_id: e.userId,
      at: canonicalTime(e.at, { kind: e.kind, id: e.id }),
      payload: JSON.stringify(e),
      stored_at: now,
    }));
    const snapshots = (batch.snapshots ?? []).map((s) => ({
      source: s.source,
      key: s.key,
      value: s.value === null || s.value === undefined ? null : JSON.stringify(s.value),
    }));
    const cursors = Object.entries(batch.cursors ?? {});

    const insertedKeys = await this.db.transaction().execute(async (trx) => {
      const keys = new Set<string>();
      // Sequence numbers: lock the head row first (it is held to commit), so a later transaction's numbers
      // are always higher and become visible after ours; a consumer never sees seq n+1 before n.
      let fresh: (typeof rows[number] & { seq: number })[] = [];
      if (rows.length > 0) {
        const head = await trx.updateTable('event_log_head').set({ seq: sql`seq` }).where('id', '=', 1).returning('seq').executeTakeFirstOrThrow();
        let next = Number(head.seq);
        const known = new Set<string>();
        const byKind = new Map<string, string[]>();
        for (const r of rows) {
          const ids = byKind.get(r.kind);
          if (ids) ids.push(r.id);
          else byKind.set(r.kind, [r.id]);
        }
        for (const [kind, ids] of byKind) {
          for (const chunk of chunks(ids, LOOKUP_CHUNK)) {
            const found = await trx.selectFrom('events').select('id').where('kind', '=', kind as LogEvent['kind']).where('id', 'in', chunk).execute();
            for (const f of found) known.add(`${kind}\u0000${f.id}`);
          }
        }
        fresh = rows.filter((r) => !known.has(`${r.kind}\u0000${r.id}`)).map((r) => ({ ...r, seq: ++next }));
        if (fresh.length > 0) await trx.updateTable('event_log_head').set({ seq: next }).where('id', '=', 1).execute();
      }
      for (const chunk of chunks(fresh, INSERT_CHUNK)) {
        const res = await trx
          .insertInto('events')
          .values(chunk)
          .onConflict((oc) => oc.columns(['kind', 'id']).doNothing())
          .returning(['kind', 'id'])
          .execute();
        for (const r of res) keys.add(`${r.kind}\u0000${r.id}`);
      }
      for (const [source, value] of cursors) await setCursor(trx, source, value, now);
      for (const s of snapshots) await setSnapshot(trx, s.source, s.key, s.value, now);
      if (within) await within(trx);
      return keys;
    });

    const inserted: E[] = [];
    for (const [key, e] of unique) {
      if (insertedKeys.has(key)) inserted.push(e);
      else duplicates++;
    }
    return { inserted, duplicates };
  }

  async getCursor(source: string): Promise<string | null> {
    const row = await this.db.selectFrom('cursors').select('value').where('source', '=', source).executeTakeFirst();
    return row?.value ?? null;
  }

  async listCursors(prefix: string): Promise<Map<string, string>> {
    // substr, not LIKE: no escaping rules, and no dependence on the database's collation.
    const rows = await this.db
      .selectFrom('cursors')
      .select(['source', 'value'])
      .where((eb) => eb(eb.fn<string>('substr', [eb.ref('source'), eb.lit(1), eb.lit(prefix.length)]), '=', prefix))
      .execute();
    return new Map(rows.map((r) => [r.source, r.value]));
  }

  async getSnapshot(source: string, key: string): Promise<unknown> {
    const row = await this.db
      .selectFrom('snapshots')
      .select('value')
      .where('source', '=', source)
      .where('key', '=', key)
      .executeTakeFirst();
    return row ? parseJson(row.value, { source, key }) : null;
  }

  async getSnapshots(source: string, keys: readonly string[]): Promise<Map<string, unknown>> {
    const out = new Map<string, unknown>();
    for (const chunk of chunks([...new Set(keys)], LOOKUP_CHUNK)) {
      if (chunk.length === 0) continue;
      const rows = await this.db
        .selectFrom('snapshots')
        .select(['key', 'value'])
        .where('source', '=', source)
        .where('key', 'in', chunk)
        .execute();
      for (const r of rows) out.set(r.key, parseJson(r.value, { source, key: r.key }));
    }
    return out;
  }

  async existingEventIds(kind: EventKind, ids: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const chunk of chunks([...new Set(ids)], LOOKUP_CHUNK)) {
      if (chunk.length === 0) continue;
      const rows = await this.db.selectFrom('events').select('id').where('kind', '=', kind).where('id', 'in', chunk).execute();
      for (const r of rows) out.add(r.id);
    }
    return out;
  }

  async readLog(afterSeq: number, limit = 500): Promise<LogEntry[]> {
    const rows = await this.db
      .selectFrom('events')
      .select(['kind', 'id', 'seq', 'payload'])
      .where('seq', '>', afterSeq)
      .orderBy('seq', 'asc')
      .limit(Math.max(1, Math.min(limit, MAX_LIST)))
      .execute();
    return rows.map((r) => ({ seq: Number(r.seq), event: parseJson(r.payload, { kind: r.kind, id: r.id }) as LogEvent }));
  }

  async logHead(): Promise<number> {
    const row = await this.db.selectFrom('event_log_head').select('seq').where('id', '=', 1).executeTakeFirst();
    return row ? Number(row.seq) : 0;
  }

  async listEvents(query: EventQuery): Promise<DomainEvent[]> {
    const limit = Math.max(0, Math.min(query.limit ?? 1000, MAX_LIST));
    const dir = query.order ?? 'asc';
    const rows = await this.#filtered(query)
      .select(['kind', 'id', 'payload'])
      .orderBy('at', dir)
      .orderBy('id', dir)
      .limit(limit)
      .execute();
    return rows.map((r) => parseJson(r.payload, { kind: r.kind, id: r.id }) as DomainEvent);
  }

  async countEvents(query: Omit<EventQuery, 'limit' | 'order'>): Promise<number> {
    const row = await this.#filtered(query)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  #closed = false;

  async close(): Promise<void> {
    await this.db.destroy();
    if (!this.#closed) this.#onClose?.();
    this.#closed = true;
  }

  #filtered(query: Omit<EventQuery, 'limit' | 'order'>) {
    let q = this.db.selectFrom('events');
    q = query.kind !== undefined ? q.where('kind', '=', query.kind) : q.where('kind', 'in', DOMAIN_EVENT_KINDS);
    if (query.userId !== undefined) q = q.where('user_id', '=', query.userId);
    if (query.from !== undefined) q = q.where('at', '>=', canonicalTime(query.from, { bound: 'from' }));
    if (query.to !== undefined) q = q.where('at', '<', canonicalTime(query.to, { bound: 'to' }));
    return q;
  }
}

async function setCursor(trx: Transaction<Database>, source: string, value: string | null, now: string): Promise<void> {
  if (value === null) {
    await trx.deleteFrom('cursors').where('source', '=', source).execute();
    return;
  }
  await trx
    .insertInto('cursors')
    .values({ source, value, updated_at: now })
    .onConflict((oc) => oc.column('source').doUpdateSet({ value, updated_at: now }))
    .execute();
}

async function setSnapshot(trx: Transaction<Database>, source: string, key: string, value: string | null, now: string): Promise<void> {
  if (value === null) {
    await trx.deleteFrom('snapshots').where('source', '=', source).where('key', '=', key).execute();
    return;
  }
  await trx
    .insertInto('snapshots')
    .values({ source, key, value, updated_at: now })
    .onConflict((oc) => oc.columns(['source', 'key']).doUpdateSet({ value, updated_at: now }))
    .execute();
}
