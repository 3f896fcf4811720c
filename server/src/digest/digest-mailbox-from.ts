// Adapts the mailbox module to digests: each action runs as the user the signed link is bound to, with no
// roles, so the mailbox's own policy (e.g. "release needs approval") applies exactly as in the task pane.
import type { AuthUser } from '../auth/auth-user.ts';
import type { MailboxService } from '../mailbox/mailbox-service.ts';
import type { DigestMailbox, DigestUser } from './digest-service.ts';

function asUser(u: DigestUser, tenantId: string): AuthUser {
  return { oid: u.id, tid: tenantId, upn: u.upn.toLowerCase(), name: u.displayName, roles: [] };
}

export function digestMailboxFrom(service: MailboxService, tenantId: string): DigestMailbox {
  return {
    held: async (u) => (await service.heldList(asUser(u, tenantId))).items,
    release: async (u, id) => (await service.release(asUser(u, tenantId), id)).message,
    requestRelease: async (u, id) => (await service.requestRelease(asUser(u, tenantId), id)).message,
    report: async (u, id) => (await service.report(asUser(u, tenantId), id, 'Reported from the held-mail digest.')).message,
  };
}
