// Lantern's own mailbox, resolved through Graph at start: LANTERN_SECURITY_MAILBOX (a UPN, a primary SMTP
// address or an object id) must name a user of the tenant (a shared mailbox is one, with its sign-in disabled).
// Everything Lantern sends goes out from it, signed; mail sent to it is triaged as user reports.
import type { Clock } from '../clock.ts';
import { ConfigError } from '../config.ts';
import type { GraphUserSummary } from '../graph/graph-api.ts';
import { LanternMailSigner, signingSendMail, type SecurityMailbox, type SendMailApi } from './lantern-mail.ts';

/** LANTERN_SECURITY_MAILBOX names no user of the tenant: a configuration error, reported in one line. */
export class SecurityMailboxError extends ConfigError {
  constructor(message: string) {
    super(message);
    this.name = 'SecurityMailboxError';
  }
}

export interface LanternMailbox {
  mailbox: SecurityMailbox;
  signer: LanternMailSigner;
  /** Graph sendMail that signs everything Lantern sends (digests, reporter feedback, notifications). */
  send: SendMailApi;
}

/** The directory entry `wanted` names (object id, userPrincipalName or mail, any case). Throws SecurityMailboxError. */
export function resolveSecurityMailbox(users: readonly GraphUserSummary[], wanted: string): SecurityMailbox {
  const key = wanted.trim().toLowerCase();
  if (!key) throw new SecurityMailboxError("Lantern needs its own mailbox: set LANTERN_SECURITY_MAILBOX to the security mailbox's UPN or object id");
  const user = users.find((u) => u.id.toLowerCase() === key || u.userPrincipalName.toLowerCase() === key || u.mail?.toLowerCase() === key);
  if (!user) {
    throw new SecurityMailboxError(
      `LANTERN_SECURITY_MAILBOX '${wanted}' is not a user of this tenant (none of the ${users.length} users Graph lists has that id, UPN or address); create the mailbox or fix the setting`,
    );
  }
  const upn = user.userPrincipalName.toLowerCase();
  const addresses = [...new Set([user.mail?.toLowerCase(), upn].filter((a): a is string => !!a))];
  return { id: user.id, upn, addresses, displayName: user.displayName };
}

export function lanternMailboxFrom(users: readonly GraphUserSummary[], wanted: string, secret: Buffer, graph: SendMailApi, clock: Clock): LanternMailbox {
  const mailbox = resolveSecurityMailbox(users, wanted);
  const signer = new LanternMailSigner(secret, mailbox);
  return { mailbox, signer, send: signingSendMail(graph, signer, () => clock.now()) };
}
