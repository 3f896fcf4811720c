// The simulated tenant's dedicated "Lantern" mailbox: the security mailbox Lantern sends digests and feedback
// from and receives reports at. It is a mailbox, not a person: no sign-ins, no security-info changes, no
// inbox rules and no mail of its own, so identity detection has nothing to learn or flag about it.
import { createHash } from 'node:crypto';
import type { GraphUser, TenantScenario } from '@lantern/shared';
import { buildMailbox, type Mailbox } from './mail-folders.ts';
import type { Prng } from './prng.ts';
import { COUNTRY_NAMES } from './people.ts';
import type { Org } from './tenant-model.ts';

export const LANTERN_MAILBOX_LOCAL_PART = 'lantern';
export const LANTERN_MAILBOX_DISPLAY_NAME = 'Lantern Security';

export function buildLanternMailbox(prng: Prng, org: Org): { user: GraphUser; mailbox: Mailbox } {
  const upn = `${LANTERN_MAILBOX_LOCAL_PART}@${org.domain}`;
  const hq = org.offices[0]?.city ?? null;
  const user: GraphUser = {
    id: prng.guid(),
    userPrincipalName: upn,
    displayName: LANTERN_MAILBOX_DISPLAY_NAME,
    mail: upn,
    accountEnabled: true,
    city: hq?.city ?? null,
    country: hq ? (COUNTRY_NAMES[hq.country] ?? hq.country) : null,
    officeLocation: hq?.city ?? null,
    jobTitle: 'Security mailbox',
    department: 'IT Security',
    usageLocation: hq?.country ?? org.country,
  };
  return { user, mailbox: buildMailbox(prng, []) };
}

/** The scenario's dedicated Lantern mailbox (lantern@ its primary domain), or null when it has none. */
export function lanternMailboxOf(scenario: TenantScenario): GraphUser | null {
  const domain = scenario.tenant.domains[0]?.toLowerCase();
  if (!domain) return null;
  return (scenario.users ?? []).find((u) => u.userPrincipalName.toLowerCase() === `${LANTERN_MAILBOX_LOCAL_PART}@${domain}`) ?? null;
}

/** The scenario with a Lantern mailbox: itself when it has one, else a copy with one added (id from the tenant id). */
export function withLanternMailbox(scenario: TenantScenario): TenantScenario {
  if (lanternMailboxOf(scenario)) return scenario;
  const domain = scenario.tenant.domains[0];
  if (!domain) return scenario;
  const h = createHash('sha256').update(`${scenario.tenant.id}:lantern-mailbox`).digest('hex');
  const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
  const upn = `${LANTERN_MAILBOX_LOCAL_PART}@${domain}`;
  const user: GraphUser = { id, userPrincipalName: upn, mail: upn, displayName: LANTERN_MAILBOX_DISPLAY_NAME, accountEnabled: true, jobTitle: 'Security mailbox', department: 'IT Security' };
  return { ...scenario, users: [...(scenario.users ?? []), user] };
}
