// A generated scenario shared by the generator's test files (one per file process), with helpers.
import type { GraphSignIn, TenantScenario } from '@lantern/shared';
import { asnTable } from '../../server/src/geo/asn.ts';
import { generateScenario } from '../../server/src/sim/generator/generate.ts';
import type { GeneratorOptions } from '../../server/src/sim/generator/options.ts';
import { ALL_NETWORKS, type Network } from '../../server/src/sim/generator/networks.ts';

export const ALL_ATTACKS: GeneratorOptions['attacks'] = [
  { kind: 'classic-chain', count: 2 },
  { kind: 'mfa-fatigue', count: 1 },
  { kind: 'password-spray', count: 1 },
  { kind: 'device-code', count: 1 },
  { kind: 'external-forwarding', count: 1 },
  { kind: 'legacy-imap', count: 1 },
];

export const FIXTURE_OPTIONS: GeneratorOptions = { users: 60, days: 14, seed: 1234, attacks: ALL_ATTACKS };

let cached: TenantScenario | null = null;

export function fixtureScenario(): TenantScenario {
  cached ??= generateScenario(FIXTURE_OPTIONS);
  return cached;
}

export const ms = (iso: string | null | undefined): number => Date.parse(iso ?? '');

const byUser = new WeakMap<TenantScenario, Map<string, GraphSignIn[]>>();

/** A user's sign-ins in time order (grouped once per scenario). */
export function signInsOf(s: TenantScenario, userId: string): GraphSignIn[] {
  let groups = byUser.get(s);
  if (!groups) {
    groups = new Map();
    for (const x of s.signIns ?? []) {
      const list = groups.get(x.userId);
      if (list) list.push(x);
      else groups.set(x.userId, [x]);
    }
    byUser.set(s, groups);
  }
  return groups.get(userId) ?? [];
}

/** The ASN of an address through Lantern's own offline table. */
export function asnOf(ip: string): number | null {
  return asnTable().lookup(ip)?.asn ?? null;
}

/** Network kinds the generator's table gives an ASN (one ASN can serve several kinds). */
export function kindsOfAsn(asn: number): Set<Network['kind']> {
  return new Set(ALL_NETWORKS.filter((n) => n.asn === asn).map((n) => n.kind));
}

/** Users named by any label (attack victims and hard cases): excluded from ordinary-behaviour checks. */
export function labelledUsers(s: TenantScenario): Set<string> {
  return new Set((s.labels ?? []).flatMap((l) => (l.name === 'password-spray' ? [] : l.userIds)));
}
