// A small hand-written tenant and the real client libraries wired to a simulator, for test/sim.
import { ConfidentialClientApplication } from '@azure/msal-node';
import { Client } from '@microsoft/microsoft-graph-client';
import type { GraphMessage, GraphSignIn, TenantScenario } from '@lantern/shared';
import type { RunningSimulator } from '../../server/src/sim/simulator.ts';
import { SIM_CLIENT_ID, SIM_CLIENT_SECRET } from '../../server/src/sim/simulator.ts';
import type { Dispatcher } from 'undici';
import { trustingDispatcher, trustingFetchOptions, trustingMsalNetworkClient } from '../../server/src/sim/trust.ts';

export const T0 = Date.parse('2026-03-01T00:00:00Z');
export const iso = (msFromT0: number): string => new Date(T0 + msFromT0).toISOString();
export const HOUR = 3_600_000;

export function userId(i: number): string {
  return `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
}

export function signIn(i: number, at: string, user = 1): GraphSignIn {
  return { id: `si-${String(i).padStart(4, '0')}`, createdDateTime: at, userId: userId(user), userPrincipalName: `user${user}@contoso.test`, ipAddress: `203.0.113.${i % 250}`, status: { errorCode: 0 } };
}

export function message(id: string, at: string, subject: string): GraphMessage {
  return {
    id,
    internetMessageId: `<${id}@mail.example>`,
    subject,
    receivedDateTime: at,
    sentDateTime: at,
    from: { emailAddress: { name: 'Sender', address: 'sender@mail.example' } },
    toRecipients: [{ emailAddress: { address: 'user1@contoso.test' } }],
    body: { contentType: 'text', content: `Body of ${subject}` },
    internetMessageHeaders: [{ name: 'Authentication-Results', value: 'spf=pass smtp.mailfrom=mail.example' }],
  };
}

/** 25 users, 60 sign-ins one per hour from T0, two audits, rules for user 1, and mail for user 1. */
export function smallScenario(): TenantScenario {
  const users = Array.from({ length: 25 }, (_, k) => ({ id: userId(k + 1), userPrincipalName: `user${k + 1}@contoso.test`, mail: `user${k + 1}@contoso.test`, displayName: `User ${k + 1}` }));
  return {
    version: 1,
    tenant: { id: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', displayName: 'Contoso', domains: ['contoso.test'] },
    start: iso(0),
    end: iso(72 * HOUR),
    users,
    signIns: Array.from({ length: 60 }, (_, i) => signIn(i, iso(i * HOUR), (i % 3) + 1)),
    directoryAudits: [
      { id: 'da-1', activityDateTime: iso(2 * HOUR), activityDisplayName: 'User registered security info', loggedByService: 'Authentication Methods', category: 'UserManagement' },
      { id: 'da-2', activityDateTime: iso(3 * HOUR), activityDisplayName: 'Update user', loggedByService: 'Core Directory', category: 'UserManagement' },
    ],
    mailFolders: [{ userId: userId(1), folders: [{ id: 'folder-rss', displayName: 'RSS Feeds' }] }],
    inboxRules: [
      { userId: userId(1), at: iso(0), rules: [{ id: 'r1', displayName: 'Newsletters', sequence: 1, isEnabled: true, actions: { moveToFolder: 'folder-rss' } }] },
      { userId: userId(1), at: iso(10 * HOUR), rules: [] },
    ],
    messages: [
      { userId: userId(1), folder: 'inbox', message: message('m-1', iso(1 * HOUR), 'first') },
      { userId: userId(1), folder: 'inbox', message: message('m-2', iso(2 * HOUR), 'second') },
      { userId: userId(1), folder: 'inbox', message: message('m-3', iso(3 * HOUR), 'third') },
      { userId: userId(1), folder: 'inbox', message: message('m-late', iso(30 * HOUR), 'arrives later') },
      { userId: userId(1), folder: 'folder-rss', message: message('m-rss', iso(1 * HOUR), 'feed item') },
    ],
  };
}

export async function appToken(sim: RunningSimulator): Promise<string> {
  const cca = new ConfidentialClientApplication({
    auth: { clientId: SIM_CLIENT_ID, clientSecret: SIM_CLIENT_SECRET, authority: sim.authority, knownAuthorities: [sim.knownAuthority] },
    system: { networkClient: trustingMsalNetworkClient(sim.caPem) },
  });
  const result = await cca.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
  if (!result?.accessToken) throw new Error('no token');
  return result.accessToken;
}

export function graphClient(sim: RunningSimulator, token: string): Client {
  return Client.initWithMiddleware({
    authProvider: { getAccessToken: async () => token },
    baseUrl: sim.baseUrl,
    customHosts: new Set(['localhost']),
    fetchOptions: trustingFetchOptions(sim.caPem),
  });
}

const dispatchers = new WeakMap<RunningSimulator, Dispatcher>();

/** Plain fetch against the simulator (for status codes and headers the Graph client hides). */
export async function rawFetch(sim: RunningSimulator, path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
  let dispatcher = dispatchers.get(sim);
  if (!dispatcher) dispatchers.set(sim, (dispatcher = trustingDispatcher(sim.caPem)));
  return fetch(path.startsWith('https://') ? path : `${sim.graphUrl}${path}`, { ...init, headers, dispatcher } as RequestInit);
}
