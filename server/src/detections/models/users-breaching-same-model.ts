import { COLLEAGUES, dayAfter, hoursAfter, office, places, signIn } from '../case-builders.ts';
import { defineModel, scoreInBand } from '../model.ts';

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th, 21st … */
function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

const SOURCE_LABEL: Readonly<Record<string, string>> = { ip: 'address', asn: 'network AS', fwd: 'forwarding destination' };

export const usersBreachingSameModel = defineModel({
  meta: {
    id: 'multi.users-breaching-same-model',
    title: 'Several users breaching the same model from a common source',
    description:
      'Several users breach the same detection model from one exact source (an IP address or a forwarding destination) within a short window: one actor working through a list of accounts.',
    severity: 'high',
    mitre: [
      { id: 'T1078.004', name: 'Valid Accounts: Cloud Accounts' },
      { id: 'T1110.003', name: 'Brute Force: Password Spraying' },
    ],
    references: [
      'https://www.microsoft.com/en-us/security/blog/2023/06/08/detecting-and-mitigating-a-multi-stage-aitm-phishing-and-bec-campaign/',
      'https://www.microsoft.com/en-us/security/blog/2024/01/25/midnight-blizzard-guidance-for-responders-on-nation-state-attack/',
    ],
    knownFalsePositives: ['A team travelling together to the same conference hotel', 'A new office or VPN exit in its first days, before it is learned as shared egress'],
    knownGaps: ['Attackers rotating addresses per victim (residential proxy pools) share no source key', 'A shared network (ASN) alone is not enough: several users of one commercial VPN provider would look alike'],
    eventKinds: ['signIn', 'securityInfo', 'inboxRule'],
  },
  /** Only exact sources count: users of one commercial VPN provider share an ASN without sharing an actor. */
  params: { minUsers: 3, windowHours: 48, fullUsers: 8, sourceKinds: ['ip', 'fwd'] },
  evaluate(ctx, p) {
    const e = ctx.event;
    let best: { model: string; key: string; users: string[] } | null = null;
    for (const b of ctx.breachesOfEvent) {
      if (b.model.startsWith('multi.')) continue;
      for (const key of b.sources) {
        if (!p.sourceKinds.includes(key.slice(0, key.indexOf(':')))) continue;
        const others = new Set<string>();
        for (const s of ctx.recent.sightings(key, ctx.now, p.windowHours)) if (s.model === b.model && s.userId !== e.userId) others.add(s.upn);
        if (others.size + 1 >= p.minUsers && (!best || others.size + 1 > best.users.length)) best = { model: b.model, key, users: [...others].sort() };
      }
    }
    if (!best) return null;
    const n = best.users.length + 1;
    const [kind, ...rest] = best.key.split(':');
    return {
      score: scoreInBand('high', (n - p.minUsers) / (p.fullUsers - p.minUsers)),
      reasons: [
        {
          code: 'multi.same-source',
          text: `${e.upn} is the ${ordinal(n)} user in ${p.windowHours} hours to breach ${best.model} from the same ${SOURCE_LABEL[kind!] ?? kind} ${rest.join(':')}; the others: ${best.users.join(', ')}.`,
        },
      ],
      sources: [best.key],
    };
  },
  cases: () => {
    const at = dayAfter(14, 9);
    const attacker = places.vps;
    return [
      {
        name: 'a third user signs in from the hosting address two colleagues were just seen from',
        kind: 'true-positive',
        history: [...office(), signIn(COLLEAGUES[0]!, at, attacker), signIn(COLLEAGUES[1]!, hoursAfter(at, 1), attacker)],
        event: signIn('alice', hoursAfter(at, 2), attacker),
      },
      { name: 'a single user from the hosting address', kind: 'true-negative', history: office(), event: signIn('alice', at, attacker) },
      {
        name: 'only one other user, and long ago',
        kind: 'near-miss',
        history: [...office(), signIn(COLLEAGUES[0]!, hoursAfter(at, -100), attacker), signIn(COLLEAGUES[1]!, hoursAfter(at, -1), places.hanoi)],
        event: signIn('alice', at, attacker),
      },
    ];
  },
});
