import { Feature } from '../../baseline/feature.ts';
import { dayAfter, hoursAfter, nearby, office, places, signIn } from '../case-builders.ts';
import { fmtTime, placeOf, sourceKeys } from '../evidence.ts';
import { defineModel, scoreInBand } from '../model.ts';

export const signInAfterPasswordSpray = defineModel({
  meta: {
    id: 'saas.sign-in-after-password-spray',
    title: 'Successful sign-in from a password-spraying source',
    description:
      'A sign-in succeeds from an address that, in the hours before, failed to sign in as many different users with bad passwords: one of the sprayed passwords worked.',
    severity: 'high',
    mitre: [{ id: 'T1110.003', name: 'Brute Force: Password Spraying' }],
    references: [
      'https://www.microsoft.com/en-us/security/blog/2024/01/25/midnight-blizzard-guidance-for-responders-on-nation-state-attack/',
      'https://learn.microsoft.com/en-us/security/operations/incident-response-playbook-password-spray',
    ],
    knownFalsePositives: ['An office or VPN exit before it is learned as shared egress, on a morning of expired passwords'],
    knownGaps: ['Low-and-slow sprays over many days and rotating addresses stay under the threshold'],
    eventKinds: ['signIn'],
  },
  params: { minUsers: 8, windowHours: 24, fullUsers: 50, maxKnownUsers: 2 },
  evaluate(ctx, p) {
    const e = ctx.event;
    const x = ctx.facts;
    const s = ctx.source;
    if (e.kind !== 'signIn' || !e.success || !e.ip || !x || !s || s.sharedEgress || ctx.orgLearning) return null;
    if (ctx.baselines.orgUsers(Feature.ip, e.ip) > p.maxKnownUsers) return null;
    if (ctx.recent.failuresBySource.get(e.ip) === undefined) return null;
    const n = ctx.recent.failedUsersFrom(e.ip, ctx.now, p.windowHours);
    if (n < p.minUsers) return null;
    return {
      score: scoreInBand('high', (n - p.minUsers) / (p.fullUsers - p.minUsers)),
      reasons: [
        {
          code: 'spray.success',
          text: `${e.upn} signed in successfully at ${fmtTime(e.at)} from ${placeOf(e, x.asnOrg, x.asn)}, an address that failed to sign in as ${n} different users in the previous ${p.windowHours} hours.`,
        },
      ],
      sources: sourceKeys(e, x, s.sharedEgress, true),
    };
  },
  cases: () => {
    const at = dayAfter(14, 3);
    const victims = Array.from({ length: 12 }, (_, i) => `user${i}`);
    const fail = (u: string, i: number) => signIn(u, hoursAfter(at, -2 + i * 0.1), places.vps, { success: false, errorCode: 50126, failureReason: 'Invalid username or password.' });
    return [
      { name: 'twelve users failed from one address, then alice succeeds from it', kind: 'true-positive', history: [...office(), ...victims.map(fail)], event: signIn('alice', at, places.vps) },
      { name: 'alice signs in from home during the spray', kind: 'true-negative', history: [...office(), ...victims.map(fail)], event: signIn('alice', at, nearby(places.paris, 0)) },
      { name: 'four users mistyped their password from the address', kind: 'near-miss', history: [...office(), ...victims.slice(0, 4).map(fail)], event: signIn('alice', at, places.vps) },
    ];
  },
});
