// Derived facts of a sign-in, computed once per event (offline ASN, ranges, device, hour of week) and
// shared by the baselines and every detection model.
import type { SignInEvent } from '@lantern/shared';
import type { AsnTable } from '../geo/asn.ts';
import { ipv4ToNumber } from '../geo/asn.ts';
import { DAY_MS } from './feature.ts';

export interface SignInFacts {
  t: number;
  day: number;
  /** 0 = Sunday 00:00–01:00 UTC … 167. */
  hourOfWeek: number;
  ip24: string | null;
  ip16: string | null;
  asn: string | null;
  asnOrg: string | null;
  /** "FR|Lyon" */
  cityKey: string | null;
  /** "Windows10|Edge" (browser version dropped) */
  device: string | null;
  legacy: boolean;
}

/** Graph clientAppUsed values of protocols that cannot do modern authentication (MFA). Data, not code. */
export const LEGACY_CLIENT_APPS: ReadonlySet<string> = new Set(
  [
    'exchange activesync',
    'imap4',
    'imap',
    'pop3',
    'pop',
    'smtp',
    'authenticated smtp',
    'autodiscover',
    'exchange online powershell',
    'exchange web services',
    'mapi over http',
    'offline address book',
    'outlook anywhere (rpc over http)',
    'other clients',
    'reporting web services',
    'universal outlook',
  ],
);

export function isLegacyClientApp(clientApp: string | null): boolean {
  return clientApp !== null && LEGACY_CLIENT_APPS.has(clientApp.toLowerCase());
}

function stripVersion(s: string): string {
  const m = /^(.*?)[\s/]*\d+(\.\d+)*\s*$/.exec(s);
  return m && m[1] ? m[1] : s;
}

export class BadEventTimeError extends Error {
  constructor(readonly eventId: string, readonly at: string) {
    super(`event ${eventId} has an unreadable time ${JSON.stringify(at)}`);
    this.name = 'BadEventTimeError';
  }
}

export function signInFacts(e: SignInEvent, asn: AsnTable | null, parsedT?: number): SignInFacts {
  const t = parsedT ?? Date.parse(e.at);
  if (!Number.isFinite(t)) throw new BadEventTimeError(e.id, e.at);
  const day = Math.floor(t / DAY_MS);
  const hour = Math.floor((t - day * DAY_MS) / 3_600_000);
  const dow = (day + 4) % 7;
  let ip24: string | null = null;
  let ip16: string | null = null;
  let asnKey: string | null = null;
  let asnOrg: string | null = null;
  if (e.ip) {
    const n = ipv4ToNumber(e.ip);
    if (n !== null) {
      const a = e.ip.lastIndexOf('.');
      ip24 = e.ip.slice(0, a);
      ip16 = e.ip.slice(0, e.ip.lastIndexOf('.', a - 1));
      if (asn) {
        const info = asn.lookupNumber(n);
        if (info) {
          asnKey = String(info.asn);
          asnOrg = info.org;
        }
      }
    } else if (e.ip.includes(':')) {
      // IPv6: /48 and /32 stand in for the ranges; no ASN data for IPv6 is loaded.
      const parts = e.ip.toLowerCase().split(':');
      ip24 = parts.slice(0, 3).join(':');
      ip16 = parts.slice(0, 2).join(':');
    }
  }
  const os = e.os;
  const browser = e.browser ? stripVersion(e.browser) : null;
  return {
    t,
    day,
    hourOfWeek: dow * 24 + hour,
    ip24,
    ip16,
    asn: asnKey,
    asnOrg,
    cityKey: e.city ? `${e.country ?? '?'}|${e.city}` : null,
    device: os || browser ? `${os ?? '?'}|${browser ?? '?'}` : null,
    legacy: isLegacyClientApp(e.clientApp),
  };
}
