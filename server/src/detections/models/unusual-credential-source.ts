import { Feature } from '../../baseline/feature.ts';
import { defineModel, scoreInBand } from '../model.ts';
import { COLLEAGUES, dayAfter, nearby, office, places, routine, signIn } from '../case-builders.ts';
import { novelText, placeOf, sourceKeys } from '../evidence.ts';

export const unusualCredentialSource = defineModel({
  meta: {
    id: 'saas.unusual-credential-source',
    title: 'Successful sign-in from an unusual source',
    description:
      'A successful sign-in whose location, network (ASN) and ranges are new for the user and rare in the organisation. Rarity combines the user\'s own history with how many colleagues use the same source.',
    severity: 'medium',
    mitre: [{ id: 'T1078.004', name: 'Valid Accounts: Cloud Accounts' }],
    references: [
      'https://learn.microsoft.com/en-us/entra/id-protection/concept-identity-protection-risks',
      'https://www.microsoft.com/en-us/security/blog/2022/07/12/from-cookie-theft-to-bec-attackers-use-aitm-phishing-sites-as-entry-point-to-further-financial-fraud/',
    ],
    knownFalsePositives: ['Business travel to a country no colleague visits', 'A personal VPN or a new home internet provider', 'Mobile roaming that geolocates to the carrier\'s country'],
    knownGaps: ['Attackers using residential proxies in the user\'s own city and ISP look familiar', 'IPv6 sources have no ASN data'],
    eventKinds: ['signIn'],
  },
  params: {
    /** Minimum source score (0–100) and location part to breach; the score maps into the band from `min` to `full`. */
    minScore: 50,
    minLocation: 35,
    full: 100,
  },
  evaluate(ctx, p) {
    const e = ctx.event;
    const s = ctx.source;
    const x = ctx.facts;
    if (e.kind !== 'signIn' || !e.success || !s || !x) return null;
    if (s.score < p.minScore || s.location < p.minLocation) return null;
    const top = s.novel.slice().sort((a, b) => b.points - a.points).slice(0, 4);
    const reasons = [
      {
        code: 'source.unusual',
        text: `${e.upn} signed in successfully at ${e.at.slice(0, 16).replace('T', ' ')} UTC from ${placeOf(e, x.asnOrg, x.asn)}: ${top.map((n) => novelText(n, x)).join('; ')}.`,
      },
    ];
    if (s.learning) reasons.push({ code: 'source.learning', text: `${e.upn} is still in the learning period, so only organisation-wide rarity was weighed.` });
    const asnRare = x.asn !== null && ctx.baselines.orgUsers(Feature.asn, x.asn, ctx.user) < ctx.baselines.config.orgSeveralUsers;
    return {
      score: scoreInBand('medium', (s.score - p.minScore) / (p.full - p.minScore)),
      reasons,
      sources: sourceKeys(e, x, s.sharedEgress, asnRare),
    };
  },
  cases: () => [
    { name: 'sign-in from a country and network nobody in the organisation uses', kind: 'true-positive', history: office(), event: signIn('alice', dayAfter(), places.lagos) },
    { name: 'sign-in from the user\'s usual home network', kind: 'true-negative', history: office(), event: signIn('alice', dayAfter(), nearby(places.paris, 0)) },
    {
      name: 'new to the user but the colleagues\' daily office network',
      kind: 'near-miss',
      history: [...office(), ...routine(COLLEAGUES, 14, (_u, i) => nearby(places.london, i))],
      event: signIn('alice', dayAfter(), nearby(places.london, 3)),
    },
  ],
});
