import type { LastSignIn, UserBaseline } from '../../baseline/baselines.ts';
import type { Baselines } from '../../baseline/baselines.ts';
import { Feature, weightAt } from '../../baseline/feature.ts';
import { CASE_START, COLLEAGUES, dayAfter, hoursAfter, nearby, office, places, routine, signIn, type Place } from '../case-builders.ts';
import { fmtHours, placeOf, sourceKeys } from '../evidence.ts';
import { distanceKm } from '../geo-distance.ts';
import { defineModel, scoreInBand } from '../model.ts';

/** Countries the user knows well (decayed weight at least the familiar weight). */
function familiarCountries(b: Baselines, u: UserBaseline, day: number): number {
  let n = 0;
  for (const s of u.features[Feature.country]!.values()) if (weightAt(s, day, b.config.halfLifeDays) >= b.config.familiarWeight) n++;
  return n;
}

/**
 * Whether the last sign-in's location says where the person was. A private address: yes. A shared egress
 * (office NAT, corporate or commercial VPN, or an exit several colleagues use as usual): only where the user lives, that is, a city they know well, for
 * a user who does not hop between countries. An office network is then trusted; a VPN exit is not.
 */
function trustedLocation(b: Baselines, u: UserBaseline, last: LastSignIn, day: number, maxHomeCountries: number): boolean {
  const lastIp24 = last.ip ? last.ip.slice(0, last.ip.lastIndexOf('.')) : null;
  if (!b.isSharedEgress(last.ip, lastIp24) && !b.isSharedSource(last.ip, u)) return true;
  const city = last.city ? `${last.country ?? '?'}|${last.city}` : null;
  if (b.userWeight(u, Feature.city, city, day) < b.config.familiarWeight) return false;
  return familiarCountries(b, u, day) <= maxHomeCountries;
}

/** An office whose one NAT address all colleagues share (a shared egress with a trusted location). */
const parisOffice: Place = { ...places.paris, ip: '90.84.10.20' };
/** Exits of a commercial VPN in four countries, shared by colleagues. */
const vpnExits: Place[] = [
  { ip: '146.70.8.10', country: 'GB', city: 'London', lat: 51.51, lon: -0.13 },
  { ip: '146.70.72.10', country: 'DE', city: 'Frankfurt', lat: 50.11, lon: 8.68 },
  { ip: '146.70.168.10', country: 'US', city: 'New York', lat: 40.71, lon: -74.01 },
  { ip: '85.115.96.10', country: 'ES', city: 'Madrid', lat: 40.42, lon: -3.7 },
];

export const impossibleTravel = defineModel({
  meta: {
    id: 'saas.impossible-travel',
    title: 'Impossible travel between two sign-ins',
    description:
      'Two successful sign-ins of the same user whose distance and time apart imply a speed no traveller reaches. Learned shared egress (corporate VPN, cloud proxies) and commuting between two places the user knows well are ignored, because geolocation of those says little about where the person is.',
    severity: 'medium',
    mitre: [{ id: 'T1078.004', name: 'Valid Accounts: Cloud Accounts' }],
    references: [
      'https://learn.microsoft.com/en-us/defender-cloud-apps/anomaly-detection-policy#impossible-travel',
      'https://www.microsoft.com/en-us/security/blog/2023/07/14/analysis-of-storm-0558-techniques-for-unauthorized-email-access/',
    ],
    knownFalsePositives: ['A personal VPN switched on and off', 'Mobile carriers that geolocate to a distant gateway', 'A colleague using the account from another office (shared credentials)'],
    knownGaps: ['Needs coordinates in the sign-in record; country-only records are skipped', 'An attacker proxying through the user\'s own city is invisible here'],
    eventKinds: ['signIn'],
  },
  params: {
    /** Below this distance, geolocation error dominates. */
    minDistanceKm: 500,
    /** Faster than an airliner including airports. */
    maxSpeedKmh: 900,
    /** Speeds above this are saturating evidence. */
    fullSpeedKmh: 5000,
    /** Location unusualness of the new sign-in that strengthens the case. */
    unusualLocation: 35,
    /** A shared egress's location is trusted for users who know at most this many countries well. */
    maxHomeCountries: 2,
    /** From a shared egress (office NAT, but also a corporate VPN whose exit sits in the head-office city), the
     * person may be anywhere in the region: only a far jump counts. */
    sharedEgressMinDistanceKm: 2000,
  },
  evaluate(ctx, p) {
    const e = ctx.event;
    const x = ctx.facts;
    const s = ctx.source;
    const last = ctx.user?.lastSuccess;
    if (e.kind !== 'signIn' || !e.success || !x || !s || !last) return null;
    if (e.lat === null || e.lon === null || last.lat === null || last.lon === null) return null;
    if (s.sharedEgress || s.orgLearning) return null;
    const u = ctx.user;
    if (!u) return null;
    const km = distanceKm(last.lat, last.lon, e.lat, e.lon);
    if (km < p.minDistanceKm) return null;
    const dt = x.t - last.t;
    const hours = Math.max(dt, 60_000) / 3_600_000;
    const speed = km / hours;
    if (speed <= p.maxSpeedKmh) return null;
    const b = ctx.baselines;
    // A VPN exit colleagues use as usual says nothing about where the person is.
    if (b.isSharedSource(e.ip, u) && !trustedLocation(b, u, { ...last, ip: e.ip, city: e.city, country: e.country }, x.day, p.maxHomeCountries)) return null;
    if (!trustedLocation(b, u, last, x.day, p.maxHomeCountries)) return null;
    const lastIp24 = last.ip ? last.ip.slice(0, last.ip.lastIndexOf('.')) : null;
    if (km < p.sharedEgressMinDistanceKm && (b.isSharedEgress(last.ip, lastIp24) || b.isSharedSource(last.ip, u))) return null;
    // Two places the user knows well (home and a VPN exit they use every week): not travel at all.
    const cityNow = x.cityKey;
    const cityThen = last.city ? `${last.country ?? '?'}|${last.city}` : null;
    const fam = b.config.familiarWeight;
    if (b.userWeight(u, Feature.city, cityNow, x.day) >= fam && b.userWeight(u, Feature.city, cityThen, x.day) >= fam) return null;
    const strength = 0.5 * Math.min(1, (speed - p.maxSpeedKmh) / (p.fullSpeedKmh - p.maxSpeedKmh)) + (s.location >= p.unusualLocation ? 0.5 : 0);
    const asnRare = x.asn !== null && b.orgUsers(Feature.asn, x.asn, ctx.user) < b.config.orgSeveralUsers;
    return {
      score: scoreInBand('medium', strength),
      reasons: [
        {
          code: 'travel.impossible',
          text: `${e.upn} signed in from ${placeOf(e, x.asnOrg, x.asn)} at ${e.at.slice(0, 16).replace('T', ' ')} UTC, ${fmtHours(dt)} after a sign-in from ${placeOf(last, last.asnOrg, last.asn)}: ${Math.round(km)} km apart, ${Math.round(speed)} km/h.`,
        },
      ],
      sources: sourceKeys(e, x, s.sharedEgress, asnRare),
    };
  },
  cases: () => [
    {
      name: 'Paris then Hanoi two hours later',
      kind: 'true-positive',
      history: [...office(), signIn('alice', dayAfter(14, 8), nearby(places.paris, 0))],
      event: signIn('alice', dayAfter(14, 10), places.hanoi),
    },
    {
      name: 'Paris then Lyon the same afternoon (a train ride)',
      kind: 'true-negative',
      history: [...office(), signIn('alice', dayAfter(14, 8), nearby(places.paris, 0))],
      event: signIn('alice', dayAfter(14, 12), places.lyon),
    },
    {
      name: 'Paris then New York ten hours later (a flight)',
      kind: 'near-miss',
      history: [...office(), signIn('alice', dayAfter(14, 8), nearby(places.paris, 0))],
      event: signIn('alice', hoursAfter(dayAfter(14, 8), 10), places.newYork),
    },
    {
      name: 'an ordinary sign-in at the Paris office (NAT shared by everyone), then Hanoi 40 minutes later on a new unmanaged device',
      kind: 'true-positive',
      history: [...routine(['alice', ...COLLEAGUES], 14, () => parisOffice), signIn('alice', dayAfter(14, 9), parisOffice)],
      event: signIn('alice', hoursAfter(dayAfter(14, 9), 40 / 60), places.hanoi, { os: 'Linux', browser: 'Firefox', deviceId: null }),
    },
    {
      name: 'a commercial-VPN user whose exit, shared with colleagues, changes country several times a day',
      kind: 'near-miss',
      history: [
        ...[0, 1, 2, 3].flatMap((k) => routine(['alice', ...COLLEAGUES.slice(0, 5)], 14, (_u, i) => vpnExits[(i + k) % vpnExits.length]!, hoursAfter(CASE_START, 2 * k))),
        signIn('alice', dayAfter(14, 9), vpnExits[0]!),
      ],
      event: signIn('alice', hoursAfter(dayAfter(14, 9), 40 / 60), places.hanoi),
    },
  ],
});
