import { Feature } from '../../baseline/feature.ts';
import { COLLEAGUES, dayAfter, nearby, office, places, routine, signIn } from '../case-builders.ts';
import { fmtTime, placeOf, sourceKeys } from '../evidence.ts';
import { defineModel, scoreInBand } from '../model.ts';

export const legacyProtocolSignIn = defineModel({
  meta: {
    id: 'saas.legacy-protocol-sign-in',
    title: 'First legacy-protocol sign-in, from an unusual source',
    description:
      'A user signs in for the first time through a protocol that cannot do MFA (IMAP, POP, SMTP AUTH, Exchange ActiveSync basic auth, older PowerShell), in an organisation where few colleagues use it, and from a source unusual for the user: password-only access that sidesteps conditional access.',
    severity: 'high',
    mitre: [
      { id: 'T1078.004', name: 'Valid Accounts: Cloud Accounts' },
      { id: 'T1110.003', name: 'Brute Force: Password Spraying' },
    ],
    references: [
      'https://learn.microsoft.com/en-us/entra/identity/conditional-access/policy-block-legacy-authentication',
      'https://www.microsoft.com/en-us/security/blog/2021/10/26/protect-your-business-from-password-sprays-with-microsoft-dart-recommendations/',
    ],
    knownFalsePositives: ['A user setting up a mail client or printer that still speaks IMAP or SMTP while travelling'],
    knownGaps: ['Graph v1.0 sometimes reports legacy clients as "Other clients" without naming the protocol'],
    eventKinds: ['signIn'],
  },
  params: { orgCommonFraction: 0.1, unusualLocation: 35 },
  evaluate(ctx, p) {
    const e = ctx.event;
    const x = ctx.facts;
    const s = ctx.source;
    if (e.kind !== 'signIn' || !e.success || !x || !s || !x.legacy || s.orgLearning || s.learning) return null;
    const b = ctx.baselines;
    if (b.userWeight(ctx.user, Feature.clientApp, e.clientApp, x.day) > 0) return null;
    const orgUsers = b.orgUsers(Feature.clientApp, e.clientApp, ctx.user);
    if (orgUsers / Math.max(1, b.org.activeUsers) >= p.orgCommonFraction) return null;
    if (s.location < p.unusualLocation) return null;
    return {
      score: scoreInBand('high', Math.min(1, (s.location - p.unusualLocation) / 50)),
      reasons: [
        {
          code: 'legacy.first-use',
          text: `${e.upn} signed in with ${e.clientApp} for the first time at ${fmtTime(e.at)}, from ${placeOf(e, x.asnOrg, x.asn)}; ${orgUsers === 0 ? 'no colleague uses it' : `${orgUsers} colleague${orgUsers === 1 ? '' : 's'} use it`}; the source is unusual for the user.`,
        },
      ],
      sources: sourceKeys(e, x, s.sharedEgress, false),
    };
  },
  cases: () => [
    { name: 'first IMAP sign-in, from a hosting provider', kind: 'true-positive', history: office(), event: signIn('alice', dayAfter(), places.vps, { clientApp: 'IMAP4' }) },
    { name: 'first IMAP sign-in, from home (a mail client being set up)', kind: 'near-miss', history: office(), event: signIn('alice', dayAfter(), nearby(places.paris, 0), { clientApp: 'IMAP4' }) },
    {
      name: 'a user who reads mail over IMAP every day',
      kind: 'true-negative',
      history: [...office(), ...routine(['alice'], 14, () => nearby(places.paris, 0)).map((s) => ({ ...s, id: `${s.id}-imap`, clientApp: 'IMAP4' }))],
      event: signIn('alice', dayAfter(), nearby(places.paris, 0), { clientApp: 'IMAP4' }),
    },
    {
      name: 'first ActiveSync use where most colleagues sync phones over ActiveSync',
      kind: 'true-negative',
      history: [...office(), ...routine(COLLEAGUES, 14).map((s) => ({ ...s, id: `${s.id}-eas`, clientApp: 'Exchange ActiveSync' }))],
      event: signIn('alice', dayAfter(), places.london, { clientApp: 'Exchange ActiveSync' }),
    },
  ],
});
