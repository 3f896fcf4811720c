// The tables the mailbox module owns (created by store/migrations/*-mailbox.ts). Times are ISO 8601 UTC text.
// Mail bodies are never stored: assessments keep features, verdict and narratives only.

export interface MailAssessmentsTable {
  user_id: string;
  /** Immutable Graph id of the message when assessed. */
  message_id: string;
  internet_message_id: string | null;
  subject: string | null;
  sender_address: string | null;
  received_at: string | null;
  score: number;
  verdict: string;
  /** The MailAssessment as JSON. */
  assessment: string;
  assessed_at: string;
}

/** First-time-sender facts, tenant-wide, by address and by domain. */
export interface MailSenderHistoryTable {
  kind: 'address' | 'domain';
  sender: string;
  first_seen: string;
  last_seen: string;
  message_count: number;
  report_count: number;
}

/** A held message: where it came from, so release can put it back. */
export interface MailHoldsTable {
  id: string;
  user_id: string;
  /** The message's id while held (immutable ids make it equal to original_message_id). */
  message_id: string;
  original_message_id: string;
  from_folder_id: string;
  held_folder_id: string;
  held_at: string;
  score: number;
  verdict: string;
  status: 'held' | 'released';
  released_at: string | null;
  released_by: string | null;
}

/** Every action taken on a mailbox: who, what, when, from where to where, ids before and after. */
export interface MailActionsTable {
  id: string;
  user_id: string;
  action: string;
  actor: string;
  at: string;
  message_id_before: string;
  message_id_after: string;
  from_folder: string | null;
  to_folder: string | null;
  detail: string | null;
}

export interface MailReportsTable {
  id: string;
  reporter_id: string;
  reporter_upn: string;
  message_id: string;
  internet_message_id: string | null;
  sender_address: string | null;
  subject: string | null;
  /** MailAssessment JSON at report time, or null when it could not be assessed. */
  assessment: string | null;
  comment: string | null;
  reported_at: string;
  /** Folder the message was moved to (e.g. junkemail), or null when left in place. */
  moved_to: string | null;
  message_id_after: string;
  status: string;
}

export interface ReleaseRequestsTable {
  id: string;
  hold_id: string;
  user_id: string;
  user_upn: string;
  message_id: string;
  subject: string | null;
  sender_address: string | null;
  score: number;
  requested_at: string;
  status: 'pending' | 'approved' | 'denied';
  decided_by: string | null;
  decided_at: string | null;
}

/** Folders Lantern created in a mailbox (the hidden "Lantern Held"), so each is created once. */
export interface MailboxFoldersTable {
  user_id: string;
  purpose: string;
  folder_id: string;
  created_at: string;
}

/** Ids a message was asked for by (REST ids, ids before a move) → the id its assessment is stored under. */
export interface MailMessageAliasesTable {
  user_id: string;
  alias_id: string;
  message_id: string;
}

export type MailboxTables = {
  mail_message_aliases: MailMessageAliasesTable;
  mail_assessments: MailAssessmentsTable;
  mail_sender_history: MailSenderHistoryTable;
  mail_holds: MailHoldsTable;
  mail_actions: MailActionsTable;
  mail_reports: MailReportsTable;
  release_requests: ReleaseRequestsTable;
  mailbox_folders: MailboxFoldersTable;
};
