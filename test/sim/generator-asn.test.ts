// Every generated address maps, through Lantern's offline ASN table, to the network the generator meant.
import { describe, expect, it } from 'vitest';
import { ALL_NETWORKS, ipInNetwork, HOSTING } from '../../server/src/sim/generator/networks.ts';
import { Prng } from '../../server/src/sim/generator/prng.ts';
import { asnTable } from '../../server/src/geo/asn.ts';
import { fixtureScenario, kindsOfAsn } from './generator-fixture.ts';

describe('generator networks and the offline ASN data', () => {
  it('has each network range inside one CSV row of its ASN, with the same organisation', () => {
    const table = asnTable();
    const prng = new Prng(5);
    for (const n of ALL_NETWORKS) {
      for (const ip of [n.range[0], n.range[1], ipInNetwork(n, () => prng.next()), ipInNetwork(n, () => prng.next())]) {
        const info = table.lookup(ip);
        expect(info?.asn, `${n.key} ${ip}`).toBe(n.asn);
        expect(info?.org, `${n.key} ${ip}`).toBe(n.org);
      }
    }
  });

  it('maps every sign-in address of the scenario to an ASN of the generator table', () => {
    const table = asnTable();
    const s = fixtureScenario();
    const known = new Set(ALL_NETWORKS.map((n) => n.asn));
    const unknown = new Set<string>();
    for (const ip of new Set(s.signIns!.map((x) => x.ipAddress!))) {
      const asn = table.lookup(ip)?.asn;
      if (asn === undefined || !known.has(asn)) unknown.add(ip);
    }
    expect([...unknown].slice(0, 5)).toEqual([]);
  });

  it('puts every attacker on a hosting provider', () => {
    const table = asnTable();
    const s = fixtureScenario();
    const hosting = new Set(HOSTING.map((n) => n.asn));
    for (const l of s.labels!.filter((x) => x.kind === 'attack')) {
      const asn = table.lookup(l.attackerIp!)!.asn;
      expect(hosting.has(asn), `${l.name} ${l.attackerIp}`).toBe(true);
      expect(kindsOfAsn(asn).has('hosting')).toBe(true);
    }
  });
});
