// What the tenant knows about a message's sender and recipient, as plain data filled in by the caller.
// Absent fields mean "unknown": the detections that need them stay silent.

export interface SenderHistory {
  /** Messages this recipient received from the sender's address before this one. */
  messagesToRecipient?: number;
  /** Messages anyone in the organisation received from the sender's address before. */
  messagesToOrganisation?: number;
  /** Messages anyone in the organisation received from the sender's registrable domain before. */
  domainMessagesToOrganisation?: number;
  /** Total inbound messages the organisation received over the same window (to judge rarity). */
  organisationInboundTotal?: number;
  /** Earlier messages from this sender reported as phishing by users, and how many of those a analyst confirmed. */
  phishReports?: number;
  confirmedPhish?: number;
}

/** What identity detection knows about the sending account (an internal sender whose account may be taken over). */
export interface SenderAccount {
  /** True when an open identity incident says the sender's account is compromised. */
  compromised: boolean;
  /** The identity incident's id, for the analyst. */
  incidentId?: string;
  /** The incident's severity ('low' | 'medium' | 'high' | 'critical'). */
  severity?: string;
  /** When the compromise began (ISO), as far as identity detection knows. */
  since?: string;
}

export interface MailContext {
  /** The tenant's own accepted domains (lower case), e.g. ["contoso.com", "contoso.onmicrosoft.com"]. */
  tenantDomains?: string[];
  /** Display names of people in the organisation (as in the directory), for impersonation checks. */
  internalDisplayNames?: string[];
  /** Registrable domains the organisation trusts as partners (their SharePoint links are not "outside"). */
  trustedDomains?: string[];
  /** Sender history lookups, already done by the caller. */
  sender?: SenderHistory;
  /** Identity detection's view of the sending account, filled for senders the tenant knows. */
  senderAccount?: SenderAccount;
}

export const emptyMailContext: MailContext = {};
