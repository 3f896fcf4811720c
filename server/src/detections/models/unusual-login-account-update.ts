import { dayAfter, hoursAfter, method, nearby, office, places, securityInfo, signIn } from '../case-builders.ts';
import { fmtHours, fmtTime, placeOf } from '../evidence.ts';
import { defineModel, scoreInBand } from '../model.ts';

const CHANGES: ReadonlySet<string> = new Set(['registered', 'updated', 'changed-default']);

export const unusualLoginAccountUpdate = defineModel({
  meta: {
    id: 'saas.unusual-login-account-update',
    title: 'Security info changed shortly after an unusual sign-in',
    description:
      'A user registers or changes an MFA method (security info) within days of a successful sign-in from a source unusual for them and rare in the organisation: the attacker makes the stolen session durable.',
    severity: 'high',
    mitre: [
      { id: 'T1098.005', name: 'Account Manipulation: Device Registration' },
      { id: 'T1556.006', name: 'Modify Authentication Process: Multi-Factor Authentication' },
    ],
    references: [
      'https://www.microsoft.com/en-us/security/blog/2022/06/14/the-many-lives-of-blackcat-ransomware/',
      'https://www.microsoft.com/en-us/security/blog/2023/06/08/detecting-and-mitigating-a-multi-stage-aitm-phishing-and-bec-campaign/',
      'https://learn.microsoft.com/en-us/entra/identity/authentication/howto-authentication-methods-activity',
    ],
    knownFalsePositives: ['A traveller who replaces their phone while abroad', 'Registration during onboarding from a new hire\'s first location'],
    knownGaps: ['Admin-initiated changes are not attributed to the admin\'s own sign-ins', 'If the unusual sign-in was a shared-egress address it is not considered unusual'],
    eventKinds: ['securityInfo'],
  },
  params: {
    windowHours: 168,
    /** Location unusualness (0–100) the earlier sign-in needs. */
    minLocation: 35,
  },
  evaluate(ctx, p) {
    const e = ctx.event;
    if (e.kind !== 'securityInfo' || !e.success || e.byAdmin || !CHANGES.has(e.action)) return null;
    const prior = ctx.recent.unusualWithin(e.userId, ctx.now, p.windowHours).filter((u) => u.location >= p.minLocation);
    if (prior.length === 0) return null;
    const u = prior.reduce((a, b) => (b.location > a.location ? b : a));
    const sameIp = e.ip !== null && e.ip === u.ip;
    const known = ctx.user?.methodTypes;
    const newTypes = e.methodsAfter && known && known.size > 0 ? e.methodsAfter.filter((m) => !known.has(m.type)).map((m) => m.type) : [];
    const closeness = 1 - (ctx.now - u.t) / (p.windowHours * 3_600_000);
    const strength = 0.45 * Math.min(1, (u.location - p.minLocation) / 50) + 0.25 * closeness + (sameIp ? 0.2 : 0) + (newTypes.length > 0 ? 0.1 : 0);
    const what = e.method ? `"${e.method}"` : 'a security info method';
    const reasons = [
      {
        code: 'mfa.after-unusual-sign-in',
        text: `${e.upn} ${e.action === 'registered' ? 'registered' : e.action === 'changed-default' ? 'changed the default method to' : 'updated'} ${what} at ${fmtTime(e.at)}, ${fmtHours(ctx.now - u.t)} after a sign-in from ${placeOf(u, u.asnOrg)}${u.evidence.length > 0 ? `: ${u.evidence.join('; ')}` : ''}.`,
      },
    ];
    if (sameIp) reasons.push({ code: 'mfa.same-ip', text: `The change came from the same address ${e.ip} as the unusual sign-in.` });
    if (newTypes.length > 0) reasons.push({ code: 'mfa.new-method-type', text: `New method type for this user: ${newTypes.join(', ')}.` });
    const sources = [u.ip, e.ip].filter((ip): ip is string => ip !== null).map((ip) => `ip:${ip}`);
    return { score: scoreInBand('high', strength), reasons, sources: [...new Set(sources)] };
  },
  cases: () => {
    const login = signIn('alice', dayAfter(14, 9), places.lagos);
    return [
      {
        name: 'Authenticator registered a day after a sign-in from a new country',
        kind: 'true-positive',
        history: [...office(), login],
        event: securityInfo('alice', hoursAfter(login.at, 24), { ip: places.lagos.ip, methodsAfter: [method('m1', 'phone'), method('m2', 'authenticator')] }),
      },
      {
        name: 'new phone registered from the usual home network',
        kind: 'true-negative',
        history: [...office(), signIn('alice', dayAfter(14, 9), nearby(places.paris, 0))],
        event: securityInfo('alice', dayAfter(14, 10), { ip: nearby(places.paris, 0).ip }),
      },
      {
        name: 'registration ten days after the unusual sign-in',
        kind: 'near-miss',
        history: [...office(), login, ...office(24).filter((s) => Date.parse(s.at) > Date.parse(login.at) + 3_600_000)],
        event: securityInfo('alice', hoursAfter(login.at, 240)),
      },
    ];
  },
});
