// The console's auth wrapper (addin/src/console/auth/console-auth.ts) over a fake MSAL-shaped client: the
// outcome of a redirect, token caching and silent refresh near expiry, shared concurrent refreshes, the
// 'sign-in-required' state when MSAL needs interaction, and sign-out.
import { describe, expect, it } from 'vitest';
import {
  ConsoleAuthError,
  createMsalConsoleAuth,
  SignInRequiredError,
  type MsalAccountLike,
  type MsalClientLike,
  type MsalResultLike,
} from '../../addin/src/console/auth/console-auth.ts';

const SCOPE = 'api://lantern.contoso.test/cccccccc-1111-4222-8333-444444444444/access_as_user';
const T0 = Date.parse('2026-03-01T09:00:00Z');

function account(n: number): MsalAccountLike {
  return {
    homeAccountId: `home-${n}`,
    localAccountId: `local-${n}`,
    environment: 'login.microsoftonline.com',
    tenantId: 'tenant',
    username: `analyst${n}@contoso.test`,
    name: `Analyst ${n}`,
    idTokenClaims: { oid: `oid-${n}` },
  };
}

class InteractionRequiredAuthError extends Error {
  override readonly name = 'InteractionRequiredAuthError';
  constructor(readonly errorCode: string) {
    super(errorCode);
  }
}

/** An MSAL-shaped fake: a token store the test controls, recording what the wrapper asked for. */
class FakeMsal implements MsalClientLike {
  accounts: MsalAccountLike[] = [];
  active: MsalAccountLike | null = null;
  redirectResult: MsalResultLike | null = null;
  silentCalls: { scopes: string[]; account: MsalAccountLike }[] = [];
  loginCalls: { scopes: string[] }[] = [];
  logoutCalls = 0;
  /** What the next acquireTokenSilent does. */
  silent: (n: number) => Promise<MsalResultLike> = (n) => Promise.resolve(this.result(`token-${n}`, 60));
  constructor(private readonly now: () => number) {}
  result(token: string, minutes: number, acc: MsalAccountLike | null = this.active): MsalResultLike {
    return { accessToken: token, expiresOn: new Date(this.now() + minutes * 60_000), account: acc };
  }
  initialize = () => Promise.resolve();
  handleRedirectPromise = () => Promise.resolve(this.redirectResult);
  getActiveAccount = () => this.active;
  setActiveAccount = (a: MsalAccountLike | null) => {
    this.active = a;
  };
  getAllAccounts = () => this.accounts;
  loginRedirect = (r: { scopes: string[] }) => {
    this.loginCalls.push(r);
    return Promise.resolve();
  };
  acquireTokenSilent = (r: { scopes: string[]; account: MsalAccountLike }) => {
    this.silentCalls.push(r);
    return this.silent(this.silentCalls.length);
  };
  logoutRedirect = () => {
    this.logoutCalls += 1;
    return Promise.resolve();
  };
}

function setup() {
  let now = T0;
  const msal = new FakeMsal(() => now);
  const auth = createMsalConsoleAuth({ client: msal, scope: SCOPE, now: () => now, refreshMarginMs: 5 * 60_000 });
  return { msal, auth, advance: (minutes: number) => (now += minutes * 60_000) };
}

describe('console auth over MSAL', () => {
  it('with no account after start it is signed out, and getToken asks for sign-in without calling MSAL', async () => {
    const { msal, auth } = setup();
    await auth.start();
    expect(auth.state).toBe('signed-out');
    expect(auth.account).toBeNull();
    await expect(auth.getToken()).rejects.toThrow(SignInRequiredError);
    expect(msal.silentCalls).toHaveLength(0);
  });

  it('signIn redirects for the API scope', async () => {
    const { msal, auth } = setup();
    await auth.start();
    await auth.signIn();
    expect(msal.loginCalls).toEqual([{ scopes: [SCOPE] }]);
  });

  it('after the redirect back, the account is active and the token from the redirect is used until near expiry', async () => {
    const { msal, auth, advance } = setup();
    const a = account(1);
    msal.redirectResult = msal.result('from-redirect', 60, a);
    const changes: string[] = [];
    auth.subscribe(() => changes.push(auth.state));
    await auth.start();
    expect(auth.state).toBe('signed-in');
    expect(changes).toEqual(['signed-in']);
    expect(auth.account).toEqual({ id: 'oid-1', username: 'analyst1@contoso.test', name: 'Analyst 1' });
    expect(msal.active).toBe(a);

    expect(await auth.getToken()).toBe('from-redirect');
    advance(50);
    expect(await auth.getToken()).toBe('from-redirect');
    expect(msal.silentCalls).toHaveLength(0);

    advance(6); // 4 minutes left: inside the refresh margin
    expect(await auth.getToken()).toBe('token-1');
    expect(msal.silentCalls).toEqual([{ scopes: [SCOPE], account: a }]);
    expect(await auth.getToken()).toBe('token-1');
    expect(msal.silentCalls).toHaveLength(1);
  });

  it('picks up an account MSAL already knows (a reload) and fetches a token silently', async () => {
    const { msal, auth } = setup();
    msal.accounts = [account(2)];
    await auth.start();
    expect(auth.state).toBe('signed-in');
    expect(msal.active).toBe(msal.accounts[0]);
    expect(await auth.getToken()).toBe('token-1');
  });

  it('concurrent callers share one silent refresh', async () => {
    const { msal, auth } = setup();
    msal.accounts = [account(3)];
    await auth.start();
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    msal.silent = async (n) => {
      await gate;
      return msal.result(`token-${n}`, 60);
    };
    const pending = Promise.all([auth.getToken(), auth.getToken(), auth.getToken()]);
    release();
    expect(await pending).toEqual(['token-1', 'token-1', 'token-1']);
    expect(msal.silentCalls).toHaveLength(1);
  });

  it('when MSAL needs interaction the state becomes sign-in-required and getToken keeps refusing until sign-in', async () => {
    const { msal, auth } = setup();
    msal.accounts = [account(4)];
    await auth.start();
    msal.silent = () => Promise.reject(new InteractionRequiredAuthError('interaction_required'));
    const changes: string[] = [];
    auth.subscribe(() => changes.push(auth.state));
    const err = await auth.getToken().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SignInRequiredError);
    expect((err as SignInRequiredError).reason).toBe('interaction-required');
    expect(auth.state).toBe('sign-in-required');
    expect(changes).toEqual(['sign-in-required']);
    await expect(auth.getToken()).rejects.toThrow(SignInRequiredError);
    expect(msal.silentCalls).toHaveLength(1);
    expect(auth.account?.username).toBe('analyst4@contoso.test');
  });

  it('an ordinary failure (network) is a ConsoleAuthError, the state stays signed-in, and the next call retries', async () => {
    const { msal, auth } = setup();
    msal.accounts = [account(5)];
    await auth.start();
    msal.silent = () => Promise.reject(Object.assign(new Error('offline'), { errorCode: 'network_error' }));
    const err = await auth.getToken().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConsoleAuthError);
    expect((err as ConsoleAuthError).code).toBe('network_error');
    expect(auth.state).toBe('signed-in');
    msal.silent = (n) => Promise.resolve(msal.result(`token-${n}`, 60));
    expect(await auth.getToken()).toBe('token-2');
  });

  it('a result without an expiry is not cached', async () => {
    const { msal, auth } = setup();
    msal.accounts = [account(6)];
    await auth.start();
    msal.silent = (n) => Promise.resolve({ accessToken: `token-${n}`, expiresOn: null, account: msal.active });
    expect(await auth.getToken()).toBe('token-1');
    expect(await auth.getToken()).toBe('token-2');
  });

  it('signOut forgets the account and the cached token and logs out at the identity provider', async () => {
    const { msal, auth } = setup();
    msal.redirectResult = msal.result('from-redirect', 60, account(7));
    await auth.start();
    await auth.signOut();
    expect(auth.state).toBe('signed-out');
    expect(auth.account).toBeNull();
    expect(msal.active).toBeNull();
    expect(msal.logoutCalls).toBe(1);
    await expect(auth.getToken()).rejects.toThrow(SignInRequiredError);
  });

  it('a failed redirect (an error answer from the identity provider) leaves it signed out with a ConsoleAuthError', async () => {
    const { msal, auth } = setup();
    msal.handleRedirectPromise = () => Promise.reject(Object.assign(new Error('AADSTS50105'), { errorCode: 'access_denied' }));
    await expect(auth.start()).rejects.toThrow(ConsoleAuthError);
    expect(auth.state).toBe('signed-out');
  });
});
