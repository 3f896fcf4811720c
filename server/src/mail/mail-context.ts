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

export interface MailContext {
  /** The tenant's own accepted domains (lower case), e.g. ["contoso.com", "contoso.onmicrosoft.com"]. */
  tenantDomains?: string[];
  /** Display names of people in the organisation (as in the directory), for impersonation checks. */
  internalDisplayNames?: string[];
  /** Registrable domains the organisation trusts as partners (their SharePoint links are not "outside"). */
  trustedDomains?: string[];
  /** Sender history lookups, already done by the caller. */
  sender?: SenderHistory;
}

export const emptyMailContext: MailContext = {};
