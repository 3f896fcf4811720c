// Nested app authentication (NAA) is Microsoft's documented alternative to Office SSO: MSAL.js
// (@azure/msal-browser's createNestablePublicClientApplication) acquires the token through the Outlook host.
// @azure/msal-browser is not a dependency of Lantern yet, so this is the adapter interface a deployment plugs
// in; the task pane falls back to it when Office SSO is unavailable (see ssoFallbackAdvised).

export interface NaaTokenSource {
  /**
   * A token for Lantern's API scope (`api://HOST/CLIENT_ID/access_as_user`), silently when MSAL can, with
   * a popup when it must. Rejects with an Error.
   */
  getToken(): Promise<string>;
}
