// Leases: which instance does a piece of work (a consumer partition, a poll, a digest run) right now. On
// PostgreSQL a lease is a session advisory lock held on one dedicated connection: exclusive across every
// instance, and released by the server the moment the holding process dies (SIGKILL closes its socket), so a
// survivor can take the work over on its next try. In one process (SQLite) every lease is granted.
import pg from 'pg';

export interface Leases {
  /** Holds `key` if free (true when held, already or now). */
  tryHold(key: string): Promise<boolean>;
  holds(key: string): boolean;
  release(key: string): Promise<void>;
  /** Keys held now. */
  held(): string[];
  /** Runs `fn` while holding `key`, waiting for it if another instance holds it (setup steps, one at a time). */
  exclusive<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** The connection that held the leases was lost: none is held any more (the instance must stop acting). */
  lost(): boolean;
  close(): Promise<void>;
}

/** One process owns all the work: every lease is granted. */
export function localLeases(): Leases {
  const held = new Set<string>();
  return {
    async tryHold(key) {
      held.add(key);
      return true;
    },
    holds: () => true,
    async release(key) {
      held.delete(key);
    },
    held: () => [...held],
    exclusive: (_key, fn) => fn(),
    lost: () => false,
    async close() {
      held.clear();
    },
  };
}

export interface PgLeasesOptions {
  url: string;
  /** Called once if the connection drops (every lease is gone with it). */
  onLost?: (err: unknown) => void;
}

/** Advisory locks, namespaced by 'lantern:' and hashed to 64 bits by PostgreSQL itself. */
export async function pgLeases(options: PgLeasesOptions): Promise<Leases> {
  const client = new pg.Client({ connectionString: options.url, application_name: 'lantern-leases' });
  await client.connect();
  const held = new Set<string>();
  let lost = false;
  let closing = false;
  const markLost = (err: unknown) => {
    if (lost || closing) return;
    lost = true;
    held.clear();
    options.onLost?.(err);
  };
  client.on('error', markLost);
  client.on('end', () => markLost(new Error('the lease connection ended')));
  // one query at a time on the lease connection
  let chain: Promise<unknown> = Promise.resolve();
  const query = <T extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<T>> => {
    const p = chain.then(() => client.query<T>(text, values));
    chain = p.catch(() => undefined);
    return p;
  };

  return {
    async tryHold(key) {
      if (lost) return false;
      if (held.has(key)) return true;
      const r = await query<{ ok: boolean }>('select pg_try_advisory_lock(hashtextextended($1, 0)) as ok', [`lantern:${key}`]);
      const ok = r.rows[0]?.ok === true;
      if (ok) held.add(key);
      return ok;
    },
    holds: (key) => !lost && held.has(key),
    async release(key) {
      if (!held.delete(key) || lost) return;
      await query('select pg_advisory_unlock(hashtextextended($1, 0))', [`lantern:${key}`]);
    },
    held: () => [...held],
    async exclusive(key, fn) {
      // a separate connection, so waiting does not hold up the lease queries
      const c = new pg.Client({ connectionString: options.url, application_name: 'lantern-setup' });
      await c.connect();
      try {
        await c.query('select pg_advisory_lock(hashtextextended($1, 0))', [`lantern:${key}`]);
        return await fn();
      } finally {
        await c.end().catch(() => undefined);
      }
    },
    lost: () => lost,
    async close() {
      closing = true;
      held.clear();
      await client.end().catch(() => undefined);
    },
  };
}
