// Small builders for the detection models' cases: a routine history and the event under test, as data.
import type { AuthMethod, InboxRule, InboxRuleEvent, SecurityInfoEvent, SignInEvent } from '@lantern/shared';

export const CASE_DOMAIN = 'contoso.com';
export const CASE_START = '2026-03-01T00:00:00.000Z';

export interface Place {
  ip: string;
  country: string;
  city: string;
  lat: number;
  lon: number;
}

/** Real public addresses so the offline ASN table answers (operators as of the package's data). */
export const places = {
  paris: { ip: '90.84.10.20', country: 'FR', city: 'Paris', lat: 48.86, lon: 2.35 },
  lyon: { ip: '90.90.40.7', country: 'FR', city: 'Lyon', lat: 45.76, lon: 4.84 },
  london: { ip: '81.2.69.160', country: 'GB', city: 'London', lat: 51.51, lon: -0.13 },
  newYork: { ip: '24.29.10.15', country: 'US', city: 'New York', lat: 40.71, lon: -74.01 },
  lagos: { ip: '102.89.32.7', country: 'NG', city: 'Lagos', lat: 6.45, lon: 3.39 },
  hanoi: { ip: '113.160.5.9', country: 'VN', city: 'Hanoi', lat: 21.03, lon: 105.85 },
  /** A hosting provider's address, as used by attacker infrastructure. */
  vps: { ip: '45.77.10.33', country: 'NL', city: 'Amsterdam', lat: 52.37, lon: 4.9 },
} as const satisfies Record<string, Place>;

export function hoursAfter(at: string, hours: number): string {
  return new Date(Date.parse(at) + hours * 3_600_000).toISOString();
}

export function upnOf(user: string): string {
  return `${user}@${CASE_DOMAIN}`;
}

let seq = 0;

export function signIn(user: string, at: string, place: Place, over: Partial<SignInEvent> = {}): SignInEvent {
  return {
    id: over.id ?? `si-${user}-${at}-${seq++}`,
    kind: 'signIn',
    at,
    userId: user,
    upn: upnOf(user),
    ip: place.ip,
    country: place.country,
    city: place.city,
    state: null,
    lat: place.lat,
    lon: place.lon,
    appId: null,
    appName: 'Office 365 Exchange Online',
    resourceName: null,
    clientApp: 'Browser',
    os: 'Windows10',
    browser: 'Edge',
    deviceId: null,
    deviceName: null,
    interactive: true,
    success: true,
    errorCode: 0,
    failureReason: null,
    authProtocol: null,
    userAgent: null,
    riskLevel: null,
    ...over,
  };
}

/** Shifts a place's address to a neighbouring /24 so each user has their own home network. */
export function nearby(place: Place, n: number): Place {
  const parts = place.ip.split('.');
  parts[2] = String((Number(parts[2]) + n) % 250);
  return { ...place, ip: parts.join('.') };
}

/**
 * `days` days of ordinary work: each user signs in twice a day (08:xx and 14:xx UTC) from their place.
 * `placeOf` gives each user's place; by default users spread over Paris and Lyon home addresses.
 */
export function routine(users: readonly string[], days: number, placeOf: (user: string, i: number) => Place = (_u, i) => nearby(i % 2 ? places.lyon : places.paris, i), start = CASE_START): SignInEvent[] {
  const out: SignInEvent[] = [];
  for (let d = 0; d < days; d++) {
    users.forEach((u, i) => {
      const p = placeOf(u, i);
      out.push(signIn(u, hoursAfter(start, d * 24 + 8 + i / 60), p));
      out.push(signIn(u, hoursAfter(start, d * 24 + 14 + i / 60), p));
    });
  }
  return out;
}

export const COLLEAGUES = ['bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan'];

export function securityInfo(user: string, at: string, over: Partial<SecurityInfoEvent> = {}): SecurityInfoEvent {
  return {
    id: over.id ?? `sec-${user}-${at}`,
    kind: 'securityInfo',
    at,
    userId: user,
    upn: upnOf(user),
    activity: 'User registered security info',
    action: 'registered',
    method: 'Authenticator App with Notification and Code',
    methodType: 'authenticator',
    byAdmin: false,
    ip: null,
    success: true,
    methodsAfter: null,
    ...over,
  };
}

export function method(id: string, type: AuthMethod['type']): AuthMethod {
  return { id, type, displayName: null, createdAt: null };
}

export function rule(over: Partial<InboxRule> = {}): InboxRule {
  return {
    id: 'rule-1',
    name: 'Newsletters',
    enabled: true,
    sequence: 1,
    hasConditions: true,
    conditionTerms: ['newsletter@news.example'],
    moveToFolder: 'Newsletters',
    copyToFolder: null,
    delete: false,
    permanentDelete: false,
    markAsRead: false,
    stopProcessing: false,
    forwardTo: [],
    forwardAsAttachmentTo: [],
    redirectTo: [],
    ...over,
  };
}

export function ruleEvent(user: string, at: string, r: InboxRule, change: InboxRuleEvent['change'] = 'created', previous: InboxRule | null = null): InboxRuleEvent {
  return { id: `${user}:${r.id}:${change}:${at}`, kind: 'inboxRule', at, userId: user, upn: upnOf(user), change, rule: r, previous };
}

/** Fourteen days of routine for alice and her colleagues: enough for neither to be learning. */
export function office(days = 14): SignInEvent[] {
  return routine(['alice', ...COLLEAGUES], days);
}

/** The day after the routine ends. */
export function dayAfter(days = 14, hour = 10): string {
  return hoursAfter(CASE_START, days * 24 + hour);
}
