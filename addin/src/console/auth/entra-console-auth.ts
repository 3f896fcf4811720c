// The one place the console touches @azure/msal-browser: a PublicClientApplication (authorization code flow
// with PKCE, redirect sign-in, tokens in sessionStorage) for the settings from GET /api/public-config.
import { PublicClientApplication } from '@azure/msal-browser';
import type { PublicConfigResponse } from '../../../../shared/src/api.ts';
import { createMsalConsoleAuth, type ConsoleAuth } from './console-auth.ts';

export function createEntraConsoleAuth(config: PublicConfigResponse, redirectUri: string): ConsoleAuth {
  const client = new PublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      redirectUri,
      postLogoutRedirectUri: redirectUri,
      ...(config.knownAuthorities ? { knownAuthorities: config.knownAuthorities } : {}),
    },
    cache: { cacheLocation: 'sessionStorage' },
  });
  return createMsalConsoleAuth({ client, scope: config.scope, now: () => Date.now(), redirectUri });
}
