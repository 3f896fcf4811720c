// The Graph calls of incident response (containment of a compromised account). The real client
// (create-graph-api.ts) implements them; `responseGraphOf` finds them on a GraphApi that has them.
//
// Calls, application permissions (Microsoft Graph v1.0 docs) and answers:
//   POST   /users/{id}/revokeSignInSessions                                  User.RevokeSessions.All     200 {value: true}
//   PATCH  /users/{id} {accountEnabled}                                      User.EnableDisableAccount.All + User.Read.All
//                                                                            (or User.ReadWrite.All)     204
//   PATCH  /users/{id} {passwordProfile: {forceChangePasswordNextSignIn}}    User-PasswordProfile.ReadWrite.All
//                                                                            (or User.ReadWrite.All)     204
//   GET    /users/{id}/mailFolders/inbox/messageRules                        MailboxSettings.Read        200 {value: [...]}
//   DELETE /users/{id}/mailFolders/inbox/messageRules/{ruleId}               MailboxSettings.ReadWrite   204
//   POST   /users/{id}/mailFolders/inbox/messageRules (undo of a removal)    MailboxSettings.ReadWrite   201 rule
//   DELETE /users/{id}/authentication/{kind}Methods/{methodId}               UserAuthenticationMethod.ReadWrite.All 204
import type { GraphApi } from './graph-api.ts';

/** The path segment under /authentication/ for each deletable authentication method type. */
export const AUTH_METHOD_SEGMENTS: Readonly<Record<string, string>> = {
  '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod': 'microsoftAuthenticatorMethods',
  '#microsoft.graph.phoneAuthenticationMethod': 'phoneMethods',
  '#microsoft.graph.emailAuthenticationMethod': 'emailMethods',
  '#microsoft.graph.fido2AuthenticationMethod': 'fido2Methods',
  '#microsoft.graph.softwareOathAuthenticationMethod': 'softwareOathMethods',
  '#microsoft.graph.temporaryAccessPassAuthenticationMethod': 'temporaryAccessPassMethods',
  '#microsoft.graph.windowsHelloForBusinessAuthenticationMethod': 'windowsHelloForBusinessMethods',
};

export interface IdentityResponseApi {
  revokeSignInSessions(userId: string): Promise<void>;
  setAccountEnabled(userId: string, enabled: boolean): Promise<void>;
  /** Makes the user change their password at next sign-in. */
  requirePasswordChange(userId: string): Promise<void>;
  /** The user's inbox rules (Graph JSON). */
  listInboxRules(userId: string): Promise<unknown[]>;
  deleteInboxRule(userId: string, ruleId: string): Promise<void>;
  /** Creates an inbox rule (Graph messageRule JSON without id); returns the new rule's id. */
  createInboxRule(userId: string, rule: Record<string, unknown>): Promise<string>;
  /** Deletes one authentication method; `odataType` picks the collection (AUTH_METHOD_SEGMENTS). */
  deleteAuthMethod(userId: string, odataType: string, methodId: string): Promise<void>;
}

const RESPONSE_METHODS: readonly (keyof IdentityResponseApi)[] = [
  'revokeSignInSessions',
  'setAccountEnabled',
  'requirePasswordChange',
  'listInboxRules',
  'deleteInboxRule',
  'createInboxRule',
  'deleteAuthMethod',
];

/** The response calls of `graph` when its implementation has them (the real client does), else null. */
export function responseGraphOf(graph: GraphApi): IdentityResponseApi | null {
  const g = graph as GraphApi & Partial<IdentityResponseApi>;
  return RESPONSE_METHODS.every((m) => typeof g[m] === 'function') ? (g as GraphApi & IdentityResponseApi) : null;
}
