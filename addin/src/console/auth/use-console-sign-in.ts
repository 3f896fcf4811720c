// How the console signs in, decided once per page load from GET /api/public-config: 'tenant' → Microsoft Entra
// ID through MSAL (loaded on demand, so the demo never downloads it); 'demo', or a server without the endpoint
// → the demo's user picker (/demo/api/token). Components get a ConsoleAuth, never MSAL.
import { useEffect, useReducer, useState } from 'react';
import type { ConsoleAuth } from './console-auth.ts';
import { loadPublicConfig } from './public-config-client.ts';

export type ConsoleSignIn =
  | { kind: 'loading' }
  | { kind: 'demo' }
  | { kind: 'tenant'; auth: ConsoleAuth; startError: string | null };

/** One resolution per base URL: MSAL's redirect answer must be handled exactly once (StrictMode runs effects twice). */
const resolutions = new Map<string, Promise<ConsoleSignIn>>();

async function resolveSignIn(baseUrl: string): Promise<ConsoleSignIn> {
  const config = await loadPublicConfig(baseUrl).catch(() => null);
  if (!config || config.mode === 'demo') return { kind: 'demo' };
  const { createEntraConsoleAuth } = await import('./entra-console-auth.ts');
  const auth = createEntraConsoleAuth(config, `${baseUrl.replace(/\/+$/, '')}/addin/console.html`);
  try {
    await auth.start();
    return { kind: 'tenant', auth, startError: null };
  } catch (err) {
    return { kind: 'tenant', auth, startError: err instanceof Error ? err.message : 'Sign-in did not complete.' };
  }
}

/** The console's sign-in; re-renders on every sign-in state change. */
export function useConsoleSignIn(baseUrl: string): ConsoleSignIn {
  const [signIn, setSignIn] = useState<ConsoleSignIn>({ kind: 'loading' });
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    let live = true;
    let unsubscribe: () => void = () => {};
    let pending = resolutions.get(baseUrl);
    if (!pending) {
      pending = resolveSignIn(baseUrl);
      resolutions.set(baseUrl, pending);
    }
    void pending.then((s) => {
      if (!live) return;
      if (s.kind === 'tenant') unsubscribe = s.auth.subscribe(rerender);
      setSignIn(s);
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [baseUrl]);
  return signIn;
}
