// The mailbox module's holds as incident response sees them: mail from an incident's accounts still held, and its
// release through the same mailbox action the release requests use.
import { sql, type Kysely } from 'kysely';
import type { HeldMailPort } from '../incidents/incident-response.ts';
import type { MailboxService } from '../mailbox/mailbox-service.ts';
import type { MailboxTables } from '../mailbox/mailbox-tables.ts';

export function incidentHeldMail(mailbox: MailboxService, db: Kysely<MailboxTables>): HeldMailPort {
  return {
    async heldFrom(addresses, since) {
      if (addresses.length === 0) return [];
      const rows = await db
        .selectFrom('mail_holds as h')
        .innerJoin('mail_assessments as a', (j) => j.onRef('a.user_id', '=', 'h.user_id').onRef('a.message_id', '=', 'h.message_id'))
        .select('h.id')
        .where('h.status', '=', 'held')
        .where(sql<string>`lower(a.sender_address)`, 'in', [...addresses])
        .where((eb) => eb(eb.fn.coalesce('a.received_at', 'h.held_at'), '>=', since))
        .limit(1000)
        .execute();
      return rows.map((r) => ({ holdId: r.id }));
    },
    async release(holdId, actor) {
      const hold = await mailbox.repo.holdById(holdId);
      if (!hold || hold.status !== 'held') return false;
      await mailbox.actions.releaseHold(hold, actor);
      return true;
    },
  };
}
