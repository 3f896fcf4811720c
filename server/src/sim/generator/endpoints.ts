// Where a persona's traffic comes from at a given moment: home broadband (addresses re-leased every few
// weeks), office NAT egress, the corporate VPN, a mobile carrier, or a commercial VPN exit.
import { COMMERCIAL_VPN, ipInNetwork, type Network } from './networks.ts';
import type { City } from './places.ts';
import { Prng, hashSeed } from './prng.ts';
import { locationOf, type Endpoint } from './sign-in-factory.ts';
import type { Office, Org, Persona, Stay } from './tenant-model.ts';


export function endpointAt(network: Network, city: City, ip: string): Endpoint {
  return { ip, network, location: locationOf(network.city ?? city) };
}

/** A residential address for a stay; the ISP re-leases it every `leaseDays` days. */
export function homeEndpoint(stay: Stay, localDay: number): Endpoint {
  const leaseDays = 9 + (stay.ipSeed % 23);
  const lease = Math.floor((localDay + (stay.ipSeed % leaseDays)) / leaseDays);
  const prng = new Prng(hashSeed(stay.ipSeed, `lease:${lease}`));
  return endpointAt(stay.network, stay.city, ipInNetwork(stay.network, () => prng.next()));
}

export function officeEndpoint(office: Office, persona: Persona, localDay: number): Endpoint {
  const ip = office.egressIps[(persona.index + localDay) % office.egressIps.length]!;
  return endpointAt(office.network, office.city, ip);
}

export function corporateVpnEndpoint(org: Org, persona: Persona, localDay: number): Endpoint {
  const vpn = org.corporateVpn;
  const ip = vpn.egressIps[(persona.index * 7 + localDay) % vpn.egressIps.length]!;
  return endpointAt(vpn.network, vpn.city, ip);
}

/** A carrier-grade NAT address; mobile addresses change several times a day. */
export function mobileEndpoint(persona: Persona, city: City, localDay: number, part: number): Endpoint {
  const prng = new Prng(hashSeed(persona.index, `mobile:${localDay}:${part}`));
  return endpointAt(persona.mobileNetwork, city, ipInNetwork(persona.mobileNetwork, () => prng.next()));
}

/** Parts of the day a shared VPN picks a new exit in (night, morning, afternoon, evening). */
export function dayPart(localHour: number): number {
  return Math.min(3, Math.max(0, Math.floor(localHour / 6)));
}

/** One exit of the team's shared commercial VPN, chosen anew for each part of the day. */
export function sharedVpnEndpoint(exits: readonly { network: Network; ip: string }[], persona: Persona, localDay: number, part: number): Endpoint {
  const prng = new Prng(hashSeed(persona.index, `vpn-team:${localDay}:${part}`));
  const exit = exits[Math.floor(prng.next() * exits.length)]!;
  return endpointAt(exit.network, exit.network.city!, exit.ip);
}

/** A commercial VPN exit, a different country most days. */
export function commercialVpnEndpoint(persona: Persona, localDay: number): Endpoint {
  const prng = new Prng(hashSeed(persona.index, `vpn:${localDay}`));
  const network = prng.pick(COMMERCIAL_VPN);
  return endpointAt(network, network.city!, ipInNetwork(network, () => prng.next()));
}
