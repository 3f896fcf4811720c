// The tables of triage, reputation and digests (created by store/migrations/0060-triage.ts). Times are ISO 8601
// UTC text. No mail bodies: only metadata, verdicts and narratives.

/** Lantern's index of inbound mail metadata, one row per copy (mailbox, message). */
export interface MailIndexTable {
  mailbox: string;
  message_id: string;
  internet_message_id: string | null;
  sender: string | null;
  sender_domain: string | null;
  subject: string | null;
  subject_norm: string;
  /** Space-separated final link hosts, registrable domains and link keys. */
  link_hosts: string;
  link_domains: string;
  link_keys: string;
  received_at: string;
  verdict: string | null;
  score: number | null;
  indexed_at: string;
}

export interface MailIndexLinksTable {
  mailbox: string;
  message_id: string;
  link_domain: string;
  link_host: string;
  link_key: string;
  received_at: string;
}

export type CampaignStatus = 'open' | 'contained' | 'remediated' | 'closed' | 'restored';

export interface TriageCampaignsTable {
  id: string;
  sender: string | null;
  subject: string | null;
  first_received_at: string | null;
  last_received_at: string | null;
  mailboxes: number;
  copies: number;
  reporters: number;
  verdict: string | null;
  confidence: number | null;
  status: CampaignStatus;
  contained_at: string | null;
  narrative: string | null;
  created_at: string;
  updated_at: string;
}

export type MemberState = 'present' | 'removed' | 'restored' | 'missing';

export interface TriageCampaignMembersTable {
  campaign_id: string;
  mailbox: string;
  message_id: string;
  internet_message_id: string | null;
  /** Comma-separated CampaignMatch values. */
  matched_on: string;
  received_at: string | null;
  state: MemberState;
  /** The mailbox module's hold of this copy while removed. */
  hold_id: string | null;
  /** The copy's id in the held folder while removed. */
  held_message_id: string | null;
  /** 1 when the copy was already held before the campaign's removal (undo then leaves it held). */
  held_before: number;
  from_folder_id: string | null;
  removed_at: string | null;
  restored_at: string | null;
}

export type ReportStatus = 'new' | 'needs-person' | 'closed';
export type ReportOutcome = 'remediated' | 'closed-benign' | 'closed-spam' | 'contained' | 'escalated' | 'closed-by-analyst';

export interface TriageReportsTable {
  id: string;
  source: 'add-in' | 'reporting-mailbox';
  reporter_id: string;
  reporter_upn: string;
  mailbox: string;
  message_id: string;
  internet_message_id: string | null;
  sender: string | null;
  subject: string | null;
  reported_at: string;
  campaign_id: string | null;
  verdict: string | null;
  confidence: number | null;
  score: number | null;
  /** TriageReason[] as JSON. */
  reasons: string | null;
  summary: string | null;
  status: ReportStatus;
  outcome: ReportOutcome | null;
  /** The plain message for the reporter. */
  feedback: string | null;
  feedback_sent: number;
  triaged_at: string | null;
  closed_at: string | null;
  closed_by: string | null;
}

export interface ReputationTable {
  kind: 'address' | 'domain';
  key: string;
  score: number;
  malicious: number;
  suspicious: number;
  spam: number;
  benign: number;
  reports: number;
  updated_at: string;
}

export interface TriageAuditTable {
  id: string;
  at: string;
  actor: string;
  action: string;
  target_kind: string;
  target_id: string;
  /** JSON. */
  detail: string | null;
}

export type DigestFrequency = 'off' | 'daily' | 'weekly';

export interface DigestPreferencesTable {
  user_id: string;
  frequency: DigestFrequency;
  last_sent_at: string | null;
  updated_at: string;
}

export interface DigestUsedLinksTable {
  link_id: string;
  user_id: string;
  action: string;
  used_at: string;
}

export interface TriageTables {
  mail_index: MailIndexTable;
  mail_index_links: MailIndexLinksTable;
  triage_campaigns: TriageCampaignsTable;
  triage_campaign_members: TriageCampaignMembersTable;
  triage_reports: TriageReportsTable;
  reputation: ReputationTable;
  triage_audit: TriageAuditTable;
  digest_preferences: DigestPreferencesTable;
  digest_used_links: DigestUsedLinksTable;
}
