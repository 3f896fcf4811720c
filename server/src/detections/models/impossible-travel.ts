import { Feature } from '../../baseline/feature.ts';
import { dayAfter, hoursAfter, nearby, office, places, signIn } from '../case-builders.ts';
import { fmtHours, placeOf, sourceKeys } from '../evidence.ts';
import { distanceKm } from '../geo-distance.ts';
import { defineModel, scoreInBand } from '../model.ts';

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
  },
  evaluate(ctx, p) {
    const e = ctx.event;
    const x = ctx.facts;
    const s = ctx.source;
    const last = ctx.user?.lastSuccess;
    if (e.kind !== 'signIn' || !e.success || !x || !s || !last) return null;
    if (e.lat === null || e.lon === null || last.lat === null || last.lon === null) return null;
    if (s.sharedEgress || s.orgLearning) return null;
    const b = ctx.baselines;
    const lastIp24 = last.ip ? last.ip.slice(0, last.ip.lastIndexOf('.')) : null;
    if (b.isSharedEgress(last.ip, lastIp24)) return null;
    const km = distanceKm(last.lat, last.lon, e.lat, e.lon);
    if (km < p.minDistanceKm) return null;
    const dt = x.t - last.t;
    const hours = Math.max(dt, 60_000) / 3_600_000;
    const speed = km / hours;
    if (speed <= p.maxSpeedKmh) return null;
    // Two places the user knows well (home and a VPN exit they use every week): not travel at all.
    const cityNow = x.cityKey;
    const cityThen = last.city ? `${last.country ?? '?'}|${last.city}` : null;
    const fam = b.config.familiarWeight;
    if (b.userWeight(ctx.user, Feature.city, cityNow, x.day) >= fam && b.userWeight(ctx.user, Feature.city, cityThen, x.day) >= fam) return null;
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
  ],
});
