// The real MailScorer: the mail module's assessMail with a MailContext built from the tenant directory,
// Lantern's own sender history and, when given, identity detection's open account-takeover incidents.
import type { Clock } from '../clock.ts';
import { assessMail } from '../mail/assess.ts';
import type { MailContext } from '../mail/mail-context.ts';
import type { ParsedMail } from '../mail/parsed-mail.ts';
import { defaultMailPolicy, type MailPolicy } from '../mail/mail-policy.ts';
import type { MailScorer, ScoringFacts } from './mail-scorer.ts';

export interface TenantDirectory {
  /** Accepted domains, lower case. */
  domains: readonly string[];
  /** Display names of the organisation's people (impersonation checks). */
  internalDisplayNames: readonly string[];
  /** Partner domains trusted for links. */
  trustedDomains?: readonly string[];
}

/** An open identity incident saying an account is compromised. */
export interface SenderCompromise {
  incidentId: string;
  severity: string;
  /** When the compromise began (ISO). */
  since: string;
}

/**
 * Looks up whether the account behind a sender address (lower case) was compromised at the time `at` (ISO) the
 * message arrived: the incident, or null. Built by the caller from the identity engine; must be synchronous and cheap.
 */
export type SenderCompromiseLookup = (address: string, at: string) => SenderCompromise | null;

/**
 * `mail` and `compromise` are optional: without them no account lookup is made. The lookup's time is the arrival time,
 * else the message's Date header, else `clock`.
 */
export function mailContextFor(directory: TenantDirectory, facts: ScoringFacts, mail?: ParsedMail, compromise?: SenderCompromiseLookup, clock?: Clock): MailContext {
  const { address, domain } = facts.sender;
  const context: MailContext = {
    tenantDomains: directory.domains.map((d) => d.toLowerCase()),
    internalDisplayNames: [...directory.internalDisplayNames],
    ...(directory.trustedDomains ? { trustedDomains: [...directory.trustedDomains] } : {}),
    sender: {
      messagesToOrganisation: address?.messageCount ?? 0,
      domainMessagesToOrganisation: domain?.messageCount ?? 0,
      phishReports: address?.reportCount ?? 0,
    },
  };
  const senderAddress = mail?.from?.address ?? null;
  if (compromise && senderAddress) {
    const at = facts.receivedAt ?? mail?.date ?? clock?.now().toISOString() ?? null;
    if (at) {
      let found: SenderCompromise | null = null;
      try {
        found = compromise(senderAddress.toLowerCase(), at);
      } catch {
        found = null; // a failing lookup must not stop mail scoring; the message is judged on its own
      }
      context.senderAccount = found
        ? { compromised: true, incidentId: found.incidentId, severity: found.severity, since: found.since }
        : { compromised: false };
    }
  }
  return context;
}

/**
 * `compromise`, when given, is asked about every sender; a hit adds `sender.compromised-account` (65–70 points for a
 * high or critical incident, enough to hold). `clock` is read only when a message has neither arrival time nor Date.
 */
export function createMailScorer(
  directory: TenantDirectory,
  policy: MailPolicy = defaultMailPolicy,
  compromise?: SenderCompromiseLookup,
  clock?: Clock,
): MailScorer {
  return (mail, facts) => assessMail(mail, mailContextFor(directory, facts, mail, compromise, clock), policy);
}
