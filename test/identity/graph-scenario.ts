// A small hand-made tenant scenario in Graph JSON, shared by the identity tests: Alice and eight colleagues
// work from France for two weeks; then a sign-in from Lagos, an Authenticator registered the next day, a
// hidden inbox rule, and a colleague (Bob) who later signs in from the attacker's address.
import type { GraphDirectoryAudit, GraphMessageRule, GraphSignIn, TenantScenario } from '@lantern/shared';

const START = Date.parse('2026-03-01T00:00:00Z');
const H = 3_600_000;
export const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan'];
export const ATTACKER_IP = '102.89.32.7';
const iso = (t: number) => new Date(t).toISOString();

let n = 0;
export function graphSignIn(user: string, t: number, ip: string, place: { city: string; country: string; lat: number; lon: number }, errorCode = 0): GraphSignIn {
  return {
    id: `gs-${n++}`,
    createdDateTime: iso(t),
    userId: `id-${user}`,
    userPrincipalName: `${user}@contoso.com`,
    appDisplayName: 'Office 365 Exchange Online',
    ipAddress: ip,
    clientAppUsed: 'Browser',
    isInteractive: true,
    status: { errorCode },
    deviceDetail: { operatingSystem: 'Windows10', browser: 'Edge 120.0.0' },
    location: { city: place.city, countryOrRegion: place.country, geoCoordinates: { latitude: place.lat, longitude: place.lon } },
  };
}

const paris = { city: 'Paris', country: 'FR', lat: 48.86, lon: 2.35 };
const lagos = { city: 'Lagos', country: 'NG', lat: 6.45, lon: 3.39 };

export function attackScenario(): TenantScenario {
  n = 0;
  const signIns: GraphSignIn[] = [];
  for (let d = 0; d < 14; d++) {
    USERS.forEach((u, i) => {
      signIns.push(graphSignIn(u, START + d * 24 * H + 8 * H + i * 60_000, `90.84.${10 + i}.20`, paris));
      signIns.push(graphSignIn(u, START + d * 24 * H + 14 * H + i * 60_000, `90.84.${10 + i}.20`, paris));
    });
  }
  const login = START + 14 * 24 * H + 9 * H;
  signIns.push(graphSignIn('alice', login, ATTACKER_IP, lagos));
  signIns.push(graphSignIn('alice', login + 25 * H, ATTACKER_IP, lagos));
  signIns.push(graphSignIn('bob', login + 50 * H, ATTACKER_IP, lagos));
  // Malformed records: counted and skipped.
  signIns.push({ id: 'broken' } as GraphSignIn);
  const audit: GraphDirectoryAudit = {
    id: 'audit-1',
    activityDateTime: iso(login + 25 * H + 5 * 60_000),
    activityDisplayName: 'User registered security info',
    loggedByService: 'Authentication Methods',
    category: 'UserManagement',
    result: 'success',
    resultReason: 'User registered Authenticator App with Notification and Code',
    initiatedBy: { user: { id: 'id-alice', userPrincipalName: 'alice@contoso.com', ipAddress: ATTACKER_IP } },
    targetResources: [{ id: 'id-alice', type: 'User', userPrincipalName: 'alice@contoso.com' }],
  };
  const other: GraphDirectoryAudit = { id: 'audit-2', activityDateTime: iso(login), activityDisplayName: 'Update user', loggedByService: 'Core Directory' };
  const hidden: GraphMessageRule = {
    id: 'rule-x',
    displayName: '.',
    sequence: 2,
    isEnabled: true,
    conditions: { bodyOrSubjectContains: ['invoice', 'payment'] },
    actions: { moveToFolder: 'folder-rss', markAsRead: true, stopProcessingRules: true },
  };
  const newsletter: GraphMessageRule = { id: 'rule-n', displayName: 'Newsletters', sequence: 1, isEnabled: true, conditions: { senderContains: ['news@'] }, actions: { moveToFolder: 'folder-news' } };
  return {
    version: 1,
    tenant: { id: 't1', displayName: 'Contoso', domains: ['contoso.com'] },
    start: iso(START),
    end: iso(START + 20 * 24 * H),
    users: USERS.map((u) => ({ id: `id-${u}`, userPrincipalName: `${u}@contoso.com`, displayName: u })),
    signIns,
    directoryAudits: [audit, other],
    authenticationMethods: [
      { userId: 'id-alice', at: iso(START), methods: [{ '@odata.type': '#microsoft.graph.phoneAuthenticationMethod', id: 'm-phone', phoneType: 'mobile' }] },
      {
        userId: 'id-alice',
        at: iso(login + 25 * H + 6 * 60_000),
        methods: [
          { '@odata.type': '#microsoft.graph.phoneAuthenticationMethod', id: 'm-phone', phoneType: 'mobile' },
          { '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod', id: 'm-auth', displayName: 'SM-A536B' },
        ],
      },
    ],
    mailFolders: [{ userId: 'id-alice', folders: [{ id: 'folder-rss', displayName: 'RSS Feeds' }, { id: 'folder-news', displayName: 'Newsletters' }] }],
    inboxRules: [
      { userId: 'id-alice', at: iso(START), rules: [newsletter] },
      { userId: 'id-alice', at: iso(login + 26 * H), rules: [newsletter, hidden] },
    ],
  };
}
