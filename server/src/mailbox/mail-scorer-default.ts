// The real MailScorer: the mail module's assessMail with a MailContext built from the tenant directory and
// Lantern's own sender history.
import { assessMail } from '../mail/assess.ts';
import type { MailContext } from '../mail/mail-context.ts';
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

export function mailContextFor(directory: TenantDirectory, facts: ScoringFacts): MailContext {
  const { address, domain } = facts.sender;
  return {
    tenantDomains: directory.domains.map((d) => d.toLowerCase()),
    internalDisplayNames: [...directory.internalDisplayNames],
    ...(directory.trustedDomains ? { trustedDomains: [...directory.trustedDomains] } : {}),
    sender: {
      messagesToOrganisation: address?.messageCount ?? 0,
      domainMessagesToOrganisation: domain?.messageCount ?? 0,
      phishReports: address?.reportCount ?? 0,
    },
  };
}

export function createMailScorer(directory: TenantDirectory, policy: MailPolicy = defaultMailPolicy): MailScorer {
  return (mail, facts) => assessMail(mail, mailContextFor(directory, facts), policy);
}
