// The console's sign-in, behind one small interface so the React components never see MSAL:
// `signIn()` starts an interactive sign-in (a redirect to the identity provider), `getToken()` answers an
// access token for the Lantern API (cached until shortly before it expires, then refreshed silently), and
// `signOut()` ends the session. When no silent token can be had the state becomes 'sign-in-required' and
// getToken() throws SignInRequiredError; the UI shows the sign-in button again.

/** The signed-in analyst as the console shows them. */
export interface ConsoleAccount {
  /** Directory object id (Entra `oid`), or MSAL's home account id when the token carries none. */
  id: string;
  username: string;
  name: string | null;
}

export type ConsoleAuthState = 'starting' | 'signed-out' | 'signed-in' | 'sign-in-required';

export interface ConsoleAuth {
  readonly state: ConsoleAuthState;
  readonly account: ConsoleAccount | null;
  /** Settles the outcome of a redirect back from the identity provider; call once when the page loads. */
  start(): Promise<void>;
  signIn(): Promise<void>;
  getToken(): Promise<string>;
  signOut(): Promise<void>;
  /** Called on every state or account change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

export class SignInRequiredError extends Error {
  override readonly name = 'SignInRequiredError';
  constructor(readonly reason: 'no-account' | 'interaction-required') {
    super(reason === 'no-account' ? 'Sign in to use the console.' : 'Your session has ended: sign in again.');
  }
}

export class ConsoleAuthError extends Error {
  override readonly name = 'ConsoleAuthError';
  constructor(
    readonly operation: 'start' | 'sign-in' | 'token' | 'sign-out',
    message: string,
    readonly code: string | null,
  ) {
    super(message);
  }
}

// The slice of @azure/msal-browser's IPublicClientApplication the wrapper uses, structurally typed so tests
// can hand it a fake and only msal-console-auth.ts imports MSAL itself.
export interface MsalAccountLike {
  homeAccountId: string;
  environment: string;
  tenantId: string;
  localAccountId: string;
  username: string;
  name?: string | undefined;
  idTokenClaims?: { oid?: string | undefined; [claim: string]: unknown } | undefined;
}
export interface MsalResultLike {
  accessToken: string;
  expiresOn: Date | null;
  account: MsalAccountLike | null;
}
export interface MsalClientLike {
  initialize(): Promise<void>;
  handleRedirectPromise(): Promise<MsalResultLike | null>;
  getActiveAccount(): MsalAccountLike | null;
  setActiveAccount(account: MsalAccountLike | null): void;
  getAllAccounts(): MsalAccountLike[];
  loginRedirect(request: { scopes: string[]; redirectUri?: string }): Promise<void>;
  acquireTokenSilent(request: { scopes: string[]; account: MsalAccountLike }): Promise<MsalResultLike>;
  logoutRedirect(request: { account?: MsalAccountLike | null; postLogoutRedirectUri?: string }): Promise<void>;
}

export interface MsalConsoleAuthOptions {
  client: MsalClientLike;
  /** The Lantern API scope, e.g. api://host/{clientId}/access_as_user. */
  scope: string;
  /** Milliseconds since the epoch (injected so tests control token expiry). */
  now: () => number;
  /** A token is refreshed this long before it expires (default 5 minutes). */
  refreshMarginMs?: number;
  redirectUri?: string;
}

/** MSAL signals "only an interactive sign-in can help" with these (InteractionRequiredAuthError and friends). */
const INTERACTION_CODES = new Set(['interaction_required', 'login_required', 'consent_required', 'no_tokens_found', 'no_account_error', 'invalid_grant', 'bad_token']);

export function isInteractionRequired(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { name?: unknown; errorCode?: unknown };
  return e.name === 'InteractionRequiredAuthError' || (typeof e.errorCode === 'string' && INTERACTION_CODES.has(e.errorCode));
}

function errorCode(err: unknown): string | null {
  const code = typeof err === 'object' && err !== null ? (err as { errorCode?: unknown }).errorCode : undefined;
  return typeof code === 'string' ? code : null;
}

function toAccount(a: MsalAccountLike): ConsoleAccount {
  const oid = a.idTokenClaims?.oid;
  return { id: typeof oid === 'string' ? oid : a.localAccountId || a.homeAccountId, username: a.username, name: a.name ?? null };
}

/** The wrapper's logic over an MSAL-shaped client: account selection, token cache and refresh, sign-in state. */
export function createMsalConsoleAuth(o: MsalConsoleAuthOptions): ConsoleAuth {
  const margin = o.refreshMarginMs ?? 5 * 60_000;
  const listeners = new Set<() => void>();
  let state: ConsoleAuthState = 'starting';
  let msalAccount: MsalAccountLike | null = null;
  let cached: { token: string; expiresAt: number } | null = null;
  let inflight: Promise<string> | null = null;

  const set = (next: ConsoleAuthState, account: MsalAccountLike | null): void => {
    const changed = next !== state || account !== msalAccount;
    state = next;
    msalAccount = account;
    if (account === null) cached = null;
    if (changed) for (const l of [...listeners]) l();
  };
  const remember = (r: MsalResultLike): string => {
    // No expiry from MSAL: use the token once, and ask again next time (MSAL has its own cache).
    cached = r.expiresOn ? { token: r.accessToken, expiresAt: r.expiresOn.getTime() } : null;
    return r.accessToken;
  };

  async function refresh(account: MsalAccountLike): Promise<string> {
    try {
      const r = await o.client.acquireTokenSilent({ scopes: [o.scope], account });
      if (r.account && r.account !== account) {
        o.client.setActiveAccount(r.account);
        set('signed-in', r.account);
      }
      return remember(r);
    } catch (err) {
      if (isInteractionRequired(err)) {
        cached = null;
        set('sign-in-required', account);
        throw new SignInRequiredError('interaction-required');
      }
      throw new ConsoleAuthError('token', 'Could not get a token for Lantern; try again.', errorCode(err));
    }
  }

  return {
    get state() {
      return state;
    },
    get account() {
      return msalAccount ? toAccount(msalAccount) : null;
    },
    async start() {
      let result: MsalResultLike | null;
      try {
        await o.client.initialize();
        result = await o.client.handleRedirectPromise();
      } catch (err) {
        set('signed-out', null);
        throw new ConsoleAuthError('start', 'Sign-in did not complete; try again.', errorCode(err));
      }
      const account = result?.account ?? o.client.getActiveAccount() ?? o.client.getAllAccounts()[0] ?? null;
      if (account) o.client.setActiveAccount(account);
      if (result?.account) remember(result);
      set(account ? 'signed-in' : 'signed-out', account);
    },
    async signIn() {
      try {
        await o.client.loginRedirect({ scopes: [o.scope], ...(o.redirectUri ? { redirectUri: o.redirectUri } : {}) });
      } catch (err) {
        throw new ConsoleAuthError('sign-in', 'Could not start sign-in; try again.', errorCode(err));
      }
    },
    async getToken() {
      const account = msalAccount;
      if (!account || state === 'signed-out' || state === 'starting') throw new SignInRequiredError('no-account');
      if (state === 'sign-in-required') throw new SignInRequiredError('interaction-required');
      if (cached && cached.expiresAt - margin > o.now()) return cached.token;
      // Concurrent callers share one silent request.
      inflight ??= refresh(account).finally(() => {
        inflight = null;
      });
      return inflight;
    },
    async signOut() {
      const account = msalAccount;
      o.client.setActiveAccount(null);
      set('signed-out', null);
      try {
        await o.client.logoutRedirect({ account, ...(o.redirectUri ? { postLogoutRedirectUri: o.redirectUri } : {}) });
      } catch (err) {
        throw new ConsoleAuthError('sign-out', 'Could not sign out at the identity provider.', errorCode(err));
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
