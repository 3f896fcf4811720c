// What Graph's two versions say about a sign-in. v1.0's `signIn` has the properties below and lists
// interactive sign-ins only; beta adds the event types (interactive, non-interactive, service principal,
// managed identity, listed only when `$filter` names them) and fields such as `authenticationProtocol`.
// The lists are checked against Microsoft's published typings by test/graph-contract/sign-in-fields.test.ts.

/** Every property of `microsoft.graph.signIn` in v1.0 (@microsoft/microsoft-graph-types), `id` included. */
export const V1_SIGN_IN_PROPERTIES: readonly string[] = [
  'appDisplayName',
  'appId',
  'appliedConditionalAccessPolicies',
  'clientAppUsed',
  'conditionalAccessStatus',
  'correlationId',
  'createdDateTime',
  'deviceDetail',
  'id',
  'ipAddress',
  'isInteractive',
  'location',
  'resourceDisplayName',
  'resourceId',
  'riskDetail',
  'riskEventTypes',
  'riskEventTypes_v2',
  'riskLevelAggregated',
  'riskLevelDuringSignIn',
  'riskState',
  'status',
  'userDisplayName',
  'userId',
  'userPrincipalName',
];

/** Beta-only sign-in properties Lantern reads, and what each gives detection. */
export const BETA_SIGN_IN_FIELDS = {
  signInEventTypes: 'interactive and non-interactive sign-ins told apart',
  authenticationProtocol: 'the authentication flow (device code, ROPC)',
  sessionId: 'sign-ins of one session linked',
  uniqueTokenIdentifier: 'the token a sign-in issued',
  userAgent: 'the client user agent',
} as const;

export type BetaSignInField = keyof typeof BETA_SIGN_IN_FIELDS;

/**
 * What sign-ins read from v1.0 lack: beta's fields, and the non-interactive sign-ins themselves (token
 * refreshes, about nine in ten of a tenant's sign-ins), which v1.0 does not list.
 */
export const SIGN_IN_DATA_MISSING_ON_V1: readonly SignInData[] = ['nonInteractiveSignIns', ...(Object.keys(BETA_SIGN_IN_FIELDS) as BetaSignInField[])];

/** Sign-in data a detection model may need beyond v1.0 (ModelMeta.requires). */
export type SignInData = 'nonInteractiveSignIns' | BetaSignInField;

export type SignInEventType = 'interactiveUser' | 'nonInteractiveUser' | 'servicePrincipal' | 'managedIdentity';

/** The user sign-in event types Lantern reads from beta, one query each. */
export const USER_SIGN_IN_EVENT_TYPES: readonly SignInEventType[] = ['interactiveUser', 'nonInteractiveUser'];
