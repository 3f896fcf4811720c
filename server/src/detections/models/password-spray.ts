import { Feature } from '../../baseline/feature.ts';
import { dayAfter, hoursAfter, office, places, signIn } from '../case-builders.ts';
import { fmtTime, placeOf } from '../evidence.ts';
import { defineModel, scoreInBand } from '../model.ts';

export const passwordSpray = defineModel({
  meta: {
    id: 'saas.password-spray',
    title: 'Password spray from one source',
    description:
      'One address fails to sign in as many different users with wrong passwords within hours. Every targeted user is named, so the spray and any account it opened form one incident.',
    severity: 'medium',
    mitre: [{ id: 'T1110.003', name: 'Brute Force: Password Spraying' }],
    references: [
      'https://learn.microsoft.com/en-us/security/operations/incident-response-playbook-password-spray',
      'https://www.microsoft.com/en-us/security/blog/2024/01/25/midnight-blizzard-guidance-for-responders-on-nation-state-attack/',
    ],
    knownFalsePositives: ['A new office or VPN exit in its first days (before colleagues are seen succeeding from it) on a morning of expired passwords', 'A misconfigured service account or scanner cycling through users'],
    knownGaps: ['Low-and-slow sprays over many days and sprays rotating addresses per attempt stay under the threshold'],
    eventKinds: ['signIn'],
  },
  params: { minUsers: 8, windowHours: 24, fullUsers: 50, maxKnownUsers: 2 },
  evaluate(ctx, p) {
    const e = ctx.event;
    const x = ctx.facts;
    if (e.kind !== 'signIn' || !e.ip || !x || ctx.orgLearning) return null;
    // An address many colleagues sign in from successfully is an office or VPN exit, not a sprayer.
    if (ctx.baselines.orgUsers(Feature.ip, e.ip) > p.maxKnownUsers) return null;
    if (ctx.recent.failuresBySource.get(e.ip) === undefined) return null;
    const failed = ctx.recent.failedFrom(e.ip, ctx.now, p.windowHours);
    const mine = failed.some((f) => f.userId === e.userId);
    const n = failed.length + (mine || e.success ? 0 : 1);
    if (n < p.minUsers) return null;
    // The event that crosses the threshold names every earlier target too.
    const crossing = !mine && !e.success && failed.length === p.minUsers - 1;
    const also = crossing ? failed.filter((f) => f.userId !== e.userId).map((f) => ({ userId: f.userId, upn: f.upn })) : undefined;
    return {
      score: scoreInBand('medium', (n - p.minUsers) / (p.fullUsers - p.minUsers)),
      reasons: [
        {
          code: 'spray.source',
          text: `${placeOf(e, x.asnOrg, x.asn)} failed to sign in as ${n} different users within ${p.windowHours} hours (seen ${fmtTime(e.at)} for ${e.upn}${e.success ? ', this time successfully' : ''}).`,
        },
      ],
      sources: [`ip:${e.ip}`],
      ...(also ? { also } : {}),
    };
  },
  cases: () => {
    const at = dayAfter(14, 3);
    const victims = Array.from({ length: 12 }, (_, i) => `user${i}`);
    const fail = (u: string, i: number) => signIn(u, hoursAfter(at, -2 + i * 0.1), places.vps, { success: false, errorCode: 50126, failureReason: 'Invalid username or password.' });
    return [
      { name: 'alice is the twelfth user the address fails on', kind: 'true-positive', history: [...office(), ...victims.slice(0, 11).map(fail)], event: fail('alice', 20) },
      { name: 'alice mistypes her own password at home', kind: 'true-negative', history: office(), event: signIn('alice', at, places.paris, { success: false, errorCode: 50126 }) },
      { name: 'four users mistyped their password from the same hotel', kind: 'near-miss', history: [...office(), ...victims.slice(0, 3).map(fail)], event: fail('alice', 20) },
    ];
  },
});
