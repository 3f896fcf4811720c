// The app's Graph token by client credentials (secret or certificate) through @azure/msal-node, which caches
// it in memory and renews it before expiry. The token is handed to the Graph client only; it is never logged.
import { ConfidentialClientApplication } from '@azure/msal-node';
import type { Configuration } from '@azure/msal-node';
import type { Dispatcher } from 'undici';
import type { ClientCredential } from '../config.ts';
import { msalNetworkClient } from './https-trust.ts';
import { TokenAcquisitionError } from './graph-error.ts';

export interface AppCredentials {
  /** e.g. https://login.microsoftonline.com/{tenantId}, or the simulator's https://localhost:PORT/{tenantId}. */
  authority: string;
  clientId: string;
  credential: ClientCredential;
  /** Hosts (host:port) msal trusts without Microsoft's instance discovery, e.g. the simulator's. */
  knownAuthorities?: string[];
  /** Default https://graph.microsoft.com/.default */
  scope?: string;
}

export interface TokenProvider {
  getAccessToken(): Promise<string>;
}

/** A 40-hex-digit thumbprint is SHA-1 (what the Entra portal shows), 64 digits SHA-256. */
function certificate(thumbprint: string, privateKey: string): { thumbprint?: string; thumbprintSha256?: string; privateKey: string } {
  const hex = thumbprint.replace(/[^0-9a-f]/gi, '');
  return hex.length === 40 ? { thumbprint: hex, privateKey } : { thumbprintSha256: hex, privateKey };
}

export function msalTokenProvider(creds: AppCredentials, dispatcher?: Dispatcher): TokenProvider {
  const auth: Configuration['auth'] = {
    clientId: creds.clientId,
    authority: creds.authority,
    ...(creds.knownAuthorities ? { knownAuthorities: creds.knownAuthorities } : {}),
    ...(creds.credential.kind === 'secret'
      ? { clientSecret: creds.credential.secret }
      : { clientCertificate: certificate(creds.credential.thumbprint, creds.credential.privateKeyPem) }),
  };
  const app = new ConfidentialClientApplication({
    auth,
    ...(dispatcher ? { system: { networkClient: msalNetworkClient(dispatcher) } } : {}),
  });
  const scopes = [creds.scope ?? 'https://graph.microsoft.com/.default'];
  return {
    async getAccessToken(): Promise<string> {
      let result;
      try {
        result = await app.acquireTokenByClientCredential({ scopes });
      } catch (err) {
        // msal errors carry codes and descriptions, not the secret; keep only the first line.
        const msg = err instanceof Error ? err.message.split('\n')[0] ?? err.name : 'unknown error';
        throw new TokenAcquisitionError(msg, creds.authority);
      }
      if (!result?.accessToken) throw new TokenAcquisitionError('no access token in the response', creds.authority);
      return result.accessToken;
    },
  };
}
