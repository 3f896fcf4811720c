// When Lantern was installed: recorded once, on first start, in the cursors table, and never moved. The first
// inbox delta of every mailbox starts there, and mail received before it is never moved, tagged or locked
// (project rule: Lantern never acts on mail that arrived before it was installed).
import type { Kysely } from 'kysely';
import type { Database } from './database.ts';

export const INSTALLED_AT_CURSOR = 'lantern:installedAt';

/** The recorded installation time (ISO), or null before the first start. */
export async function readInstalledAt(db: Kysely<Database>): Promise<string | null> {
  const row = await db.selectFrom('cursors').select('value').where('source', '=', INSTALLED_AT_CURSOR).executeTakeFirst();
  if (!row) return null;
  if (!Number.isFinite(Date.parse(row.value))) throw new Error(`the stored installation time is not a time: '${row.value.slice(0, 40)}'`);
  return new Date(Date.parse(row.value)).toISOString();
}

/**
 * Records `now` as the installation time unless one is recorded already (an insert that does nothing on
 * conflict, so concurrent first starts agree), and returns the recorded time.
 */
export async function ensureInstalledAt(db: Kysely<Database>, now: Date): Promise<string> {
  const at = now.toISOString();
  await db
    .insertInto('cursors')
    .values({ source: INSTALLED_AT_CURSOR, value: at, updated_at: at })
    .onConflict((oc) => oc.column('source').doNothing())
    .execute();
  const recorded = await readInstalledAt(db);
  if (recorded === null) throw new Error('the installation time could not be recorded');
  return recorded;
}
