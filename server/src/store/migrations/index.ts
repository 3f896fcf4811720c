// Lantern's schema migrations, applied in name order by Kysely's Migrator at `openStore`.
//
// To add a migration (any module may):
//   1. create `server/src/store/migrations/NNNN-short-name.ts` (next free number, zero-padded) exporting
//      `async function up(db: Kysely<unknown>)` and `async function down(db: Kysely<unknown>)`;
//      use Kysely's schema builder (db.schema...) so the same step runs on SQLite and PostgreSQL
//      (portable column types: text, varchar(n), integer, bigint, real, boolean; times as ISO text);
//   2. import it statically below (`import * as shortName from './NNNN-short-name.ts'`) and list it in
//      `coreMigrations` under its file name (`'NNNN-short-name': shortName`).
// Never edit a migration that has shipped: add a new one. Names are sorted, so the number decides order.
// A module that ships outside this folder can instead pass `openStore(config, { migrations })`.
import type { Migration } from 'kysely';
import * as ingestCore from './0001-ingest-core.ts';
import * as triage from './0060-triage.ts';
import * as mailbox from './0040-mailbox.ts';
import * as mailboxAliases from './0041-mailbox-aliases.ts';
import * as eventLog from './0070-event-log.ts';
import * as incidentResponse from './0080-incident-response.ts';
import * as cluster from './0085-cluster.ts';

export const coreMigrations: Readonly<Record<string, Migration>> = {
  '0001-ingest-core': ingestCore,
  '0060-triage': triage,
  '0040-mailbox': mailbox,
  '0041-mailbox-aliases': mailboxAliases,
  '0070-event-log': eventLog,
  '0080-incident-response': incidentResponse,
  '0085-cluster': cluster,
};
