// Trusting an explicit CA (the simulator's, or a corporate proxy's) without NODE_EXTRA_CA_CERTS, which Node
// reads only at process start: an undici dispatcher for fetch, and an msal-node network module over it.
import { rootCertificates } from 'node:tls';
import { Agent } from 'undici';
import type { Dispatcher } from 'undici';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

/** Largest token-endpoint or metadata response read (they are a few KB). */
const MAX_AUTH_RESPONSE = 1024 * 1024;

export function caDispatcher(caPem: string): Dispatcher {
  return new Agent({ connect: { ca: [...rootCertificates, caPem] } });
}

/** msal-node's network client over fetch with the given dispatcher. */
export function msalNetworkClient(dispatcher: Dispatcher): INetworkModule {
  const send = async <T>(url: string, method: 'GET' | 'POST', options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> => {
    const init: RequestInit & { dispatcher: Dispatcher } = { method, headers: options?.headers ?? {}, dispatcher };
    if (method === 'POST') init.body = options?.body ?? '';
    init.signal = AbortSignal.timeout(timeout ?? 30_000);
    const response = await fetch(url, init);
    const text = await response.text();
    if (text.length > MAX_AUTH_RESPONSE) throw new Error(`identity provider response from ${new URL(url).host} is too large`);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    let body: unknown = {};
    try {
      body = text === '' ? {} : JSON.parse(text);
    } catch {
      throw new Error(`identity provider at ${new URL(url).host} answered ${response.status} with a body that is not JSON`);
    }
    return { headers, body: body as T, status: response.status };
  };
  return {
    sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions, timeout?: number) => send<T>(url, 'GET', options, timeout),
    sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>(url, 'POST', options),
  };
}
