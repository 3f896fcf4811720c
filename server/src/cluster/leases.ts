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

  return {
    async tryHold(key) {
      if (lost) return false;
      if (held.has(key)) return true;
      const r = await client.query<{ ok: boolean }>('select pg_try_advisory_lock(hashtextextended($1, 0)) as ok', [`lantern:${key}`]);
      const ok = r.rows[0]?.ok === true;
      if (ok) held.add(key);
      return ok;
    },
    holds: (key) => !lost && held.has(key),
    async release(key) {
      if (!held.delete(key) || lost) return;
      await client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [`lantern:${key}`]);
    },
    held: () => [...held],
    lost: () => lost,
    async close() {
      closing = true;
      held.clear();
      await client.end().catch(() => undefined);
    },
  };
}
