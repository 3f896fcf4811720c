// Instances of one deployment sharing a PostgreSQL database: each writes a heartbeat row (when it started, when it
// was last seen, the work it holds, and how far each of its pollers has completed) so the others can tell it is
// alive, take over its work when it is not, and order the identity engine's input by every poller's progress.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cluster_instances')
    .addColumn('instance_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('tenant_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('started_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_seen', 'varchar(32)', (c) => c.notNull())
    .addColumn('stopped', 'integer', (c) => c.notNull().defaultTo(0))
    /** JSON: string[] of the work held (consumer leases, active jobs). */
    .addColumn('jobs', 'text', (c) => c.notNull())
    /** JSON: { [source]: { state, completeThrough } } of this instance's pollers. */
    .addColumn('sources', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('cluster_instances').execute();
}
