// Builds Graph beta signIn records (v1.0's properties plus `signInEventTypes`; the simulator serves v1.0 a
// projection). Nested objects that repeat (locations, device details, statuses, empty
// arrays) are shared between records to keep large scenarios small in memory: treat records as immutable.
import type { GraphDeviceDetail, GraphSignIn, GraphSignInLocation, GraphSignInStatus } from '@lantern/shared';
import type { SignInApp } from './apps.ts';
import type { Network } from './networks.ts';
import type { City } from './places.ts';

export interface Endpoint {
  ip: string;
  network: Network;
  location: GraphSignInLocation;
}

export interface SignInIdentity {
  id: string;
  userPrincipalName: string;
  displayName: string;
}

export interface SignInSpec {
  t: number;
  app: SignInApp;
  endpoint: Endpoint;
  device: GraphDeviceDetail;
  clientAppUsed: string;
  interactive: boolean;
  status: GraphSignInStatus;
  correlationId: string;
}

const locations = new Map<City, GraphSignInLocation>();

export function locationOf(city: City): GraphSignInLocation {
  let loc = locations.get(city);
  if (!loc) {
    loc = {
      city: city.city,
      state: city.state,
      countryOrRegion: city.country,
      geoCoordinates: { altitude: null, latitude: city.latitude, longitude: city.longitude },
    };
    locations.set(city, loc);
  }
  return loc;
}

export const STATUS = {
  success: { errorCode: 0, failureReason: null, additionalDetails: null },
  invalidPassword: {
    errorCode: 50126,
    failureReason: 'Error validating credentials due to invalid username or password.',
    additionalDetails: "The user didn't enter the right credentials. It's expected to see some number of these errors in your logs due to users making mistakes.",
  },
  mfaRequired: {
    errorCode: 50074,
    failureReason: 'Strong Authentication is required.',
    additionalDetails: 'The user was required to complete multifactor authentication to access the resource.',
  },
  mfaDenied: {
    errorCode: 500121,
    failureReason: 'Authentication failed during strong authentication request.',
    additionalDetails: 'MFA denied; user declined the authentication',
  },
  accountLocked: {
    errorCode: 50053,
    failureReason: 'The account is locked, you\'ve tried to sign in too many times with an incorrect user ID or password.',
    additionalDetails: null,
  },
} as const satisfies Record<string, GraphSignInStatus>;

const NONE_LIST: string[] = [];
const INTERACTIVE_USER: string[] = ['interactiveUser'];
const NON_INTERACTIVE_USER: string[] = ['nonInteractiveUser'];
const NO_POLICIES: unknown[] = [];

export function makeSignIn(id: string, who: SignInIdentity, spec: SignInSpec): GraphSignIn {
  const failed = spec.status.errorCode !== 0;
  return {
    id,
    createdDateTime: graphTime(spec.t),
    userDisplayName: who.displayName,
    userPrincipalName: who.userPrincipalName,
    userId: who.id,
    appId: spec.app.appId,
    appDisplayName: spec.app.appDisplayName,
    ipAddress: spec.endpoint.ip,
    clientAppUsed: spec.clientAppUsed,
    correlationId: spec.correlationId,
    conditionalAccessStatus: failed ? 'notApplied' : spec.interactive ? 'success' : 'notApplied',
    isInteractive: spec.interactive,
    riskDetail: 'none',
    riskLevelAggregated: 'none',
    riskLevelDuringSignIn: 'none',
    riskState: 'none',
    riskEventTypes_v2: NONE_LIST,
    resourceDisplayName: spec.app.resourceDisplayName,
    resourceId: spec.app.resourceId,
    status: spec.status,
    deviceDetail: spec.device,
    location: spec.endpoint.location,
    appliedConditionalAccessPolicies: NO_POLICIES,
    signInEventTypes: spec.interactive ? INTERACTIVE_USER : NON_INTERACTIVE_USER,
  };
}

/** Graph's timestamp form for audit logs: whole seconds, "Z". */
export function graphTime(t: number): string {
  const day = Math.floor(t / DAY_MS);
  if (day !== cachedDay) {
    cachedDay = day;
    const prefix = new Date(day * DAY_MS).toISOString();
    for (let i = 0; i < 11; i++) TIME_CODES[i] = prefix.charCodeAt(i);
  }
  const s = Math.floor((t - day * DAY_MS) / 1000);
  const hh = Math.floor(s / 3600);
  const mm = Math.floor(s / 60) % 60;
  const ss = s % 60;
  const codes = TIME_CODES;
  codes[11] = 48 + Math.floor(hh / 10);
  codes[12] = 48 + (hh % 10);
  codes[14] = 48 + Math.floor(mm / 10);
  codes[15] = 48 + (mm % 10);
  codes[17] = 48 + Math.floor(ss / 10);
  codes[18] = 48 + (ss % 10);
  // One flat string (a template literal would keep a rope of pieces alive for every record).
  return String.fromCharCode.apply(null, codes);
}

const DAY_MS = 86_400_000;
let cachedDay = Number.NaN;
const TIME_CODES: number[] = Array.from('0000-00-00T00:00:00Z', (c) => c.charCodeAt(0));
