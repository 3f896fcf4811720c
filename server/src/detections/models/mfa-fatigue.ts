import { dayAfter, hoursAfter, nearby, office, places, signIn } from '../case-builders.ts';
import { fmtTime, placeOf, sourceKeys } from '../evidence.ts';
import { defineModel, scoreInBand } from '../model.ts';

export const mfaFatigue = defineModel({
  meta: {
    id: 'saas.mfa-fatigue',
    title: 'MFA fatigue: many denied prompts, then a success',
    description:
      'A successful sign-in right after a burst of MFA prompts the user denied or ignored: the attacker, holding the password, pushed prompts until the user approved one.',
    severity: 'high',
    mitre: [{ id: 'T1621', name: 'Multi-Factor Authentication Request Generation' }],
    references: [
      'https://attack.mitre.org/techniques/T1621/',
      'https://www.microsoft.com/en-us/security/blog/2022/03/22/dev-0537-criminal-actor-targeting-organizations-for-data-exfiltration-and-destruction/',
    ],
    knownFalsePositives: ['A user whose phone lost connectivity and who retried many times'],
    knownGaps: ['Number matching makes fatigue rarer; denials reported only as interrupts (50074) are not counted'],
    eventKinds: ['signIn'],
  },
  params: { minDenials: 3, windowMinutes: 60, fullDenials: 10 },
  evaluate(ctx, p) {
    const e = ctx.event;
    const x = ctx.facts;
    if (e.kind !== 'signIn' || !e.success || !x) return null;
    const n = ctx.recent.mfaDenialsWithin(e.userId, ctx.now, p.windowMinutes);
    if (n < p.minDenials) return null;
    return {
      score: scoreInBand('high', (n - p.minDenials) / (p.fullDenials - p.minDenials)),
      reasons: [
        {
          code: 'mfa.fatigue',
          text: `${e.upn} had ${n} MFA prompts denied or failed in the ${p.windowMinutes} minutes before a successful sign-in at ${fmtTime(e.at)} from ${placeOf(e, x.asnOrg, x.asn)}.`,
        },
      ],
      sources: sourceKeys(e, x, ctx.source?.sharedEgress ?? false, false),
    };
  },
  cases: () => {
    const at = dayAfter(14, 22);
    const denied = (i: number) => signIn('alice', hoursAfter(at, -0.5 + i * 0.05), places.vps, { success: false, errorCode: 500121, failureReason: 'Authentication failed during strong authentication request.' });
    return [
      { name: 'six denied prompts then an approval', kind: 'true-positive', history: [...office(), ...[0, 1, 2, 3, 4, 5].map(denied)], event: signIn('alice', at, places.vps) },
      { name: 'an ordinary sign-in', kind: 'true-negative', history: office(), event: signIn('alice', at, nearby(places.paris, 0)) },
      { name: 'two failed prompts then success', kind: 'near-miss', history: [...office(), denied(0), denied(1)], event: signIn('alice', at, nearby(places.paris, 0)) },
    ];
  },
});
