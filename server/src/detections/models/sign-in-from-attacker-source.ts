import { Feature } from '../../baseline/feature.ts';
import { COLLEAGUES, dayAfter, hoursAfter, nearby, office, places, signIn } from '../case-builders.ts';
import { fmtTime, placeOf } from '../evidence.ts';
import { defineModel, scoreInBand } from '../model.ts';

export const signInFromAttackerSource = defineModel({
  meta: {
    id: 'saas.sign-in-from-attacker-source',
    title: 'Sign-in from an address seen in another user\'s breach',
    description:
      'A user signs in successfully from an address that, days before, breached a detection model for a different user: likely the same attacker reusing infrastructure on the next victim. The sign-in joins the first victim\'s incident.',
    severity: 'medium',
    mitre: [{ id: 'T1078.004', name: 'Valid Accounts: Cloud Accounts' }],
    references: [
      'https://www.microsoft.com/en-us/security/blog/2023/06/08/detecting-and-mitigating-a-multi-stage-aitm-phishing-and-bec-campaign/',
    ],
    knownFalsePositives: ['Colleagues travelling together who share a hotel network that breached for one of them'],
    knownGaps: ['Only exact addresses are matched, not the attacker\'s wider range'],
    eventKinds: ['signIn'],
  },
  params: {
    windowHours: 24 * 14,
    fullUsers: 3,
  },
  evaluate(ctx, p) {
    const e = ctx.event;
    const x = ctx.facts;
    if (e.kind !== 'signIn' || !e.success || !e.ip || !x || ctx.source?.sharedEgress) return null;
    const others = new Map<string, { model: string; t: number }>();
    for (const s of ctx.recent.sightings(`ip:${e.ip}`, ctx.now, p.windowHours)) {
      if (s.userId === e.userId || s.model === 'saas.sign-in-from-attacker-source' || s.model.startsWith('multi.')) continue;
      if (!others.has(s.upn)) others.set(s.upn, { model: s.model, t: s.t });
    }
    if (others.size === 0) return null;
    // An address with a benign history (several colleagues signing in from it as usual on several days before
    // it breached) is shared egress such as a VPN exit, not the attacker's own: one breach there does not make
    // every later user of it a victim. An address first seen with a breach has no such history.
    const firstBreachT = Math.min(...[...others.values()].map((o) => o.t));
    const org = ctx.baselines.org.features[Feature.ip]!.get(e.ip);
    if (org && org.firstT < firstBreachT && ctx.baselines.isSharedSource(e.ip, ctx.user)) return null;
    const list = [...others.entries()].sort((a, b) => a[1].t - b[1].t);
    return {
      score: scoreInBand('medium', 0.5 + (0.5 * Math.min(others.size, p.fullUsers)) / p.fullUsers),
      reasons: [
        {
          code: 'source.seen-in-breach',
          text: `${e.upn} signed in at ${fmtTime(e.at)} from ${placeOf(e, x.asnOrg, x.asn)}, the address behind ${list.map(([u, s]) => `${s.model} for ${u} (${fmtTime(new Date(s.t).toISOString())})`).join(', ')}.`,
        },
      ],
      sources: [`ip:${e.ip}`],
    };
  },
  cases: () => {
    const at = dayAfter(14, 9);
    return [
      { name: 'alice signs in from the address that breached for bob yesterday', kind: 'true-positive', history: [...office(), signIn(COLLEAGUES[0]!, hoursAfter(at, -24), places.vps)], event: signIn('alice', at, places.vps) },
      { name: 'alice signs in from home', kind: 'true-negative', history: [...office(), signIn(COLLEAGUES[0]!, hoursAfter(at, -24), places.vps)], event: signIn('alice', at, nearby(places.paris, 0)) },
      { name: 'only alice herself breached from the address before', kind: 'near-miss', history: [...office(), signIn('alice', hoursAfter(at, -24), places.vps)], event: signIn('alice', at, places.vps) },
    ];
  },
});
