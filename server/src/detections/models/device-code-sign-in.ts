import { Feature } from '../../baseline/feature.ts';
import { dayAfter, nearby, office, places, signIn } from '../case-builders.ts';
import { fmtTime, placeOf, sourceKeys } from '../evidence.ts';
import { defineModel, scoreInBand } from '../model.ts';

export const deviceCodeSignIn = defineModel({
  meta: {
    id: 'saas.device-code-sign-in',
    title: 'Device-code sign-in from a new source',
    description:
      'A successful device-code sign-in (the flow for TVs and command-line tools) by a user who does not use device code, from a source unusual for them: the signature of device-code phishing, where the victim types the attacker\'s code at microsoft.com/devicelogin.',
    severity: 'high',
    mitre: [{ id: 'T1528', name: 'Steal Application Access Token' }],
    references: [
      'https://www.microsoft.com/en-us/security/blog/2025/02/13/storm-2372-conducts-device-code-phishing-campaign/',
      'https://learn.microsoft.com/en-us/entra/identity/conditional-access/concept-authentication-flows',
    ],
    knownFalsePositives: ['Developers signing in to Azure CLI on a new machine while travelling', 'Meeting-room devices set up by IT'],
    knownGaps: ['Graph v1.0 sign-ins lack authenticationProtocol (beta only), and the token a device code yields is used in non-interactive sign-ins v1.0 does not list: read from v1.0, the flow is invisible'],
    eventKinds: ['signIn'],
    requires: ['authenticationProtocol'],
  },
  params: { protocols: ['devicecode'], minLocation: 25, fullLocation: 75 },
  evaluate(ctx, p) {
    const e = ctx.event;
    const x = ctx.facts;
    const s = ctx.source;
    if (e.kind !== 'signIn' || !e.success || !x || !s || !e.authProtocol || !p.protocols.includes(e.authProtocol.toLowerCase())) return null;
    if (s.orgLearning) return null;
    const b = ctx.baselines;
    if (b.userWeight(ctx.user, Feature.authProtocol, e.authProtocol, x.day) >= b.config.familiarWeight) return null;
    if (s.location < p.minLocation) return null;
    return {
      score: scoreInBand('high', (s.location - p.minLocation) / (p.fullLocation - p.minLocation)),
      reasons: [
        {
          code: 'device-code.new-source',
          text: `${e.upn} completed a device-code sign-in to ${e.appName ?? e.appId ?? 'an application'} at ${fmtTime(e.at)} from ${placeOf(e, x.asnOrg, x.asn)}; the user does not normally use device code and the source is unusual for them.`,
        },
      ],
      sources: sourceKeys(e, x, s.sharedEgress, true),
    };
  },
  cases: () => [
    { name: 'device-code sign-in from a hosting provider', kind: 'true-positive', history: office(), event: signIn('alice', dayAfter(), places.vps, { authProtocol: 'deviceCode', appName: 'Microsoft Office' }) },
    { name: 'browser sign-in from the same hosting provider (not device code)', kind: 'true-negative', history: office(), event: signIn('alice', dayAfter(), places.paris) },
    { name: 'first device-code sign-in, from home', kind: 'near-miss', history: office(), event: signIn('alice', dayAfter(), nearby(places.paris, 0), { authProtocol: 'deviceCode' }) },
  ],
});
