// Lantern's normalised domain events. Graph JSON is validated and turned into these once, at the edge
// (server/src/ingest/normalise.ts); everything inward (store, baselines, detections, incidents) sees only
// these typed values. Times are ISO 8601 strings in UTC.

export type EventKind = 'signIn' | 'securityInfo' | 'inboxRule' | 'message';

interface EventBase {
  /** Stable and unique per kind: the Graph record id, or a derived id for snapshot diffs. */
  id: string;
  kind: EventKind;
  at: string;
  userId: string;
  /** userPrincipalName, lower-cased. */
  upn: string;
}

export interface SignInEvent extends EventBase {
  kind: 'signIn';
  ip: string | null;
  /** Two-letter country code as Graph gives it (e.g. "US"). */
  country: string | null;
  city: string | null;
  state: string | null;
  lat: number | null;
  lon: number | null;
  appId: string | null;
  appName: string | null;
  resourceName: string | null;
  /** Graph's clientAppUsed: "Browser", "Mobile Apps and Desktop clients", "Exchange ActiveSync", "IMAP4", ... */
  clientApp: string | null;
  os: string | null;
  browser: string | null;
  deviceId: string | null;
  deviceName: string | null;
  interactive: boolean;
  success: boolean;
  /** 0 on success; Entra error code otherwise (50126 bad password, 500121 MFA denied, 50074 MFA required, ...). */
  errorCode: number;
  failureReason: string | null;
  /** "deviceCode", "ropc", "none", ... when the record carries it. */
  authProtocol: string | null;
  userAgent: string | null;
  /** Beta's `sessionId`: the sign-ins of one session share it (absent on v1.0 records). */
  sessionId?: string | null;
  riskLevel: string | null;
}

export type AuthMethodType =
  | 'authenticator'
  | 'phone'
  | 'email'
  | 'fido2'
  | 'windowsHello'
  | 'softwareOath'
  | 'temporaryAccessPass'
  | 'password'
  | 'platformCredential'
  | 'other';

export interface AuthMethod {
  id: string;
  type: AuthMethodType;
  displayName: string | null;
  createdAt: string | null;
}

export type SecurityInfoAction =
  | 'registered'
  | 'changed-default'
  | 'updated'
  | 'deleted'
  | 'started'
  | 'canceled'
  | 'fraud-reported'
  | 'other';

export interface SecurityInfoEvent extends EventBase {
  kind: 'securityInfo';
  /** Graph activityDisplayName, e.g. "User registered security info". */
  activity: string;
  action: SecurityInfoAction;
  /** The method named by resultReason, e.g. "Authenticator App with Notification and Code". */
  method: string | null;
  methodType: AuthMethodType | null;
  byAdmin: boolean;
  ip: string | null;
  success: boolean;
  /** The user's methods as read after this change, when they could be read. */
  methodsAfter: AuthMethod[] | null;
}

export interface InboxRule {
  id: string;
  name: string;
  enabled: boolean;
  sequence: number | null;
  /** False when the rule applies to every message. */
  hasConditions: boolean;
  /** Every word or address the conditions match on, flattened, for keyword checks. */
  conditionTerms: string[];
  /** Display name of the destination folder, resolved from its id; the id itself when unresolvable. */
  moveToFolder: string | null;
  copyToFolder: string | null;
  /** The Graph ids of those folders: rule versions are compared on these, never on the names. Absent in
   * snapshots stored before ids were kept. */
  moveToFolderId?: string | null;
  copyToFolderId?: string | null;
  delete: boolean;
  permanentDelete: boolean;
  markAsRead: boolean;
  stopProcessing: boolean;
  forwardTo: string[];
  forwardAsAttachmentTo: string[];
  redirectTo: string[];
}

export interface InboxRuleEvent extends EventBase {
  kind: 'inboxRule';
  /**
   * `existing`: a rule already present when Lantern first saw the mailbox (its first snapshot). It is state,
   * not a change: baselines learn from it, detections ignore it.
   */
  change: 'created' | 'changed' | 'deleted' | 'existing';
  rule: InboxRule;
  previous: InboxRule | null;
}

/** Metadata of a message seen by the inbox delta. Bodies are never stored. */
export interface MessageEvent extends EventBase {
  kind: 'message';
  messageId: string;
  internetMessageId: string | null;
  folder: string;
  subject: string | null;
  fromAddress: string | null;
  fromName: string | null;
  receivedAt: string | null;
}

export type DomainEvent = SignInEvent | SecurityInfoEvent | InboxRuleEvent | MessageEvent;

/** A reason behind a score: a stable code and a sentence with the concrete evidence. */
export interface Reason {
  code: string;
  text: string;
}

export type Severity = 'low' | 'medium' | 'high' | 'critical';

/** Severity bands shared by detections and incidents: low 0–21, medium 22–47, high 48–73, critical 74–100. */
export function severityOf(score: number): Severity {
  if (score >= 74) return 'critical';
  if (score >= 48) return 'high';
  if (score >= 22) return 'medium';
  return 'low';
}
