// The subset of Microsoft Graph v1.0 JSON shapes (and, for sign-ins, beta's) that Lantern reads and the
// simulator serves.
// Field names and nesting follow Graph exactly; every field Graph may omit is optional here.
// These describe what Graph *sends*: code that receives them from the network must validate them
// (server/src/ingest/normalise-*.ts) before trusting any field.

export interface GraphUser {
  id: string;
  userPrincipalName: string;
  displayName?: string;
  mail?: string | null;
  accountEnabled?: boolean;
  city?: string | null;
  country?: string | null;
  officeLocation?: string | null;
  jobTitle?: string | null;
  department?: string | null;
  usageLocation?: string | null;
}

export interface GraphGeoCoordinates {
  latitude?: number | null;
  longitude?: number | null;
  altitude?: number | null;
}

export interface GraphSignInLocation {
  city?: string | null;
  state?: string | null;
  countryOrRegion?: string | null;
  geoCoordinates?: GraphGeoCoordinates | null;
}

export interface GraphDeviceDetail {
  deviceId?: string | null;
  displayName?: string | null;
  operatingSystem?: string | null;
  browser?: string | null;
  isCompliant?: boolean | null;
  isManaged?: boolean | null;
  trustType?: string | null;
}

export interface GraphSignInStatus {
  errorCode: number;
  failureReason?: string | null;
  additionalDetails?: string | null;
}

export interface GraphSignIn {
  id: string;
  createdDateTime: string;
  userId: string;
  userPrincipalName: string;
  userDisplayName?: string | null;
  appId?: string | null;
  appDisplayName?: string | null;
  ipAddress?: string | null;
  clientAppUsed?: string | null;
  correlationId?: string | null;
  conditionalAccessStatus?: string | null;
  isInteractive?: boolean | null;
  riskDetail?: string | null;
  riskLevelAggregated?: string | null;
  riskLevelDuringSignIn?: string | null;
  riskState?: string | null;
  riskEventTypes_v2?: string[] | null;
  resourceDisplayName?: string | null;
  resourceId?: string | null;
  status?: GraphSignInStatus | null;
  deviceDetail?: GraphDeviceDetail | null;
  location?: GraphSignInLocation | null;
  appliedConditionalAccessPolicies?: unknown[] | null;
  // Beta only (Graph v1.0 has none of these; the simulator serves them on /beta alone).
  /** "interactiveUser", "nonInteractiveUser", "servicePrincipal", "managedIdentity". */
  signInEventTypes?: string[] | null;
  /** "none", "oAuth2", "ropc", "wsFederation", "saml20", "deviceCode", ... */
  authenticationProtocol?: string | null;
  sessionId?: string | null;
  uniqueTokenIdentifier?: string | null;
  userAgent?: string | null;
}

export interface GraphIdentity {
  id?: string | null;
  displayName?: string | null;
  userPrincipalName?: string | null;
  ipAddress?: string | null;
}

export interface GraphTargetResource {
  id?: string | null;
  displayName?: string | null;
  type?: string | null;
  userPrincipalName?: string | null;
  modifiedProperties?: { displayName?: string | null; oldValue?: string | null; newValue?: string | null }[] | null;
}

export interface GraphDirectoryAudit {
  id: string;
  activityDateTime: string;
  activityDisplayName: string;
  category?: string | null;
  correlationId?: string | null;
  loggedByService?: string | null;
  operationType?: string | null;
  result?: string | null;
  resultReason?: string | null;
  initiatedBy?: { user?: GraphIdentity | null; app?: { appId?: string | null; displayName?: string | null } | null } | null;
  targetResources?: GraphTargetResource[] | null;
  additionalDetails?: { key?: string | null; value?: string | null }[] | null;
}

/** `#microsoft.graph.microsoftAuthenticatorAuthenticationMethod`, `...phoneAuthenticationMethod`, etc. */
export interface GraphAuthenticationMethod {
  '@odata.type': string;
  id: string;
  displayName?: string | null;
  deviceTag?: string | null;
  phoneAppVersion?: string | null;
  phoneNumber?: string | null;
  phoneType?: string | null;
  emailAddress?: string | null;
  createdDateTime?: string | null;
}

export interface GraphMailFolder {
  id: string;
  displayName: string;
  parentFolderId?: string | null;
  childFolderCount?: number;
  unreadItemCount?: number;
  totalItemCount?: number;
  isHidden?: boolean;
  wellKnownName?: string | null;
}

export interface GraphRecipient {
  emailAddress: { name?: string | null; address?: string | null };
}

export interface GraphMessageRulePredicates {
  bodyContains?: string[];
  bodyOrSubjectContains?: string[];
  subjectContains?: string[];
  senderContains?: string[];
  recipientContains?: string[];
  fromAddresses?: GraphRecipient[];
  sentToAddresses?: GraphRecipient[];
  headerContains?: string[];
  importance?: string;
  isAutomaticReply?: boolean;
  hasAttachments?: boolean;
  sentToMe?: boolean;
  sentOnlyToMe?: boolean;
  [other: string]: unknown;
}

export interface GraphMessageRuleActions {
  moveToFolder?: string | null;
  copyToFolder?: string | null;
  delete?: boolean | null;
  permanentDelete?: boolean | null;
  markAsRead?: boolean | null;
  markImportance?: string | null;
  stopProcessingRules?: boolean | null;
  forwardTo?: GraphRecipient[] | null;
  forwardAsAttachmentTo?: GraphRecipient[] | null;
  redirectTo?: GraphRecipient[] | null;
  assignCategories?: string[] | null;
}

export interface GraphMessageRule {
  id: string;
  displayName: string;
  sequence?: number;
  isEnabled?: boolean;
  hasError?: boolean;
  isReadOnly?: boolean;
  conditions?: GraphMessageRulePredicates | null;
  exceptions?: GraphMessageRulePredicates | null;
  actions?: GraphMessageRuleActions | null;
}

export interface GraphInternetMessageHeader {
  name: string;
  value: string;
}

export interface GraphMessage {
  id: string;
  internetMessageId?: string | null;
  conversationId?: string | null;
  parentFolderId?: string | null;
  subject?: string | null;
  receivedDateTime?: string | null;
  sentDateTime?: string | null;
  createdDateTime?: string | null;
  hasAttachments?: boolean;
  importance?: string;
  isRead?: boolean;
  bodyPreview?: string;
  body?: { contentType: 'text' | 'html'; content: string } | null;
  from?: GraphRecipient | null;
  sender?: GraphRecipient | null;
  replyTo?: GraphRecipient[];
  toRecipients?: GraphRecipient[];
  ccRecipients?: GraphRecipient[];
  categories?: string[];
  internetMessageHeaders?: GraphInternetMessageHeader[];
}

export interface GraphErrorBody {
  error: {
    code: string;
    message: string;
    innerError?: { date?: string; 'request-id'?: string; 'client-request-id'?: string };
  };
}
