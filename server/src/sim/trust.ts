// Making Node clients trust a private CA (the simulator's) without NODE_EXTRA_CA_CERTS, which Node reads
// only at process start. Generic: works for any https endpoint whose chain ends at `caPem`.
//  - fetch / @microsoft/microsoft-graph-client v3: pass `trustingFetchOptions(caPem)` as `fetchOptions`
//    (Node's global fetch accepts an undici `dispatcher`).
//  - @azure/msal-node 7: pass `trustingMsalNetworkClient(caPem)` as `system.networkClient`.
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { Agent, type Dispatcher } from 'undici';
import { rootCertificates } from 'node:tls';

const agents = new Map<string, Dispatcher>();

/**
 * An undici dispatcher trusting `caPem` in addition to Node's bundled roots. One per CA, reused: building
 * a TLS context with all roots is costly, and a dispatcher per request also loses connection reuse.
 */
export function trustingDispatcher(caPem: string): Dispatcher {
  let agent = agents.get(caPem);
  if (!agent) {
    agent = new Agent({ connect: { ca: [...rootCertificates, caPem] } });
    if (agents.size > 16) agents.clear();
    agents.set(caPem, agent);
  }
  return agent;
}

/** RequestInit extras for Node's global fetch (also the Graph client's `fetchOptions`). */
export function trustingFetchOptions(caPem: string, dispatcher: Dispatcher = trustingDispatcher(caPem)): RequestInit & { dispatcher: Dispatcher } {
  return { dispatcher } as RequestInit & { dispatcher: Dispatcher };
}

/** A fetch function bound to the trusting dispatcher (for jose's createRemoteJWKSet `[customFetch]`, etc.). */
export function trustingFetch(caPem: string, dispatcher: Dispatcher = trustingDispatcher(caPem)): typeof fetch {
  return (input, init) => fetch(input, { ...init, dispatcher } as RequestInit);
}

/** msal-node's network module (same behaviour as its built-in HttpClient) over a trusting fetch. */
export function trustingMsalNetworkClient(caPem: string, dispatcher: Dispatcher = trustingDispatcher(caPem)): INetworkModule {
  const doFetch = trustingFetch(caPem, dispatcher);
  const send = async <T>(url: string, method: 'GET' | 'POST', options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> => {
    const init: RequestInit = { method, headers: options?.headers ?? {} };
    if (method === 'POST') init.body = options?.body ?? '';
    if (timeout) init.signal = AbortSignal.timeout(timeout);
    const response = await doFetch(url, init);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    return { headers, body: (await response.json()) as T, status: response.status };
  };
  return {
    sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions, timeout?: number) => send<T>(url, 'GET', options, timeout),
    sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>(url, 'POST', options),
  };
}
