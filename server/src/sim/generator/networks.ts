// The fixed table of real networks the generator draws IP addresses from. Each range is one row of
// @ip-location-db/asn (asn-ipv4-num.csv, chosen by hand when this file was written), so an IP drawn from
// it maps back to the same ASN and organisation through Lantern's offline lookup. `org` is the
// organisation string exactly as the CSV writes it. Countries and cities are where the generator says
// the range is used (Graph's own sign-in location), chosen to be plausible for the operator.
import { CITIES, type City } from './places.ts';

export type NetworkKind = 'residential' | 'mobile' | 'business' | 'corporate-vpn' | 'commercial-vpn' | 'hosting';

export interface Network {
  /** A stable key for tests and labels. */
  key: string;
  asn: number;
  org: string;
  kind: NetworkKind;
  country: string;
  /** Inclusive dotted-quad range inside a single CSV row of this ASN. */
  range: readonly [string, string];
  /** Where sign-ins from this network are located when the network is not tied to the user's city. */
  city?: City;
}

function net(key: string, asn: number, org: string, kind: NetworkKind, country: string, from: string, to: string, city?: City): Network {
  return city ? { key, asn, org, kind, country, range: [from, to], city } : { key, asn, org, kind, country, range: [from, to] };
}

export const RESIDENTIAL: readonly Network[] = [
  net('comcast', 7922, 'Comcast Cable Communications, LLC', 'residential', 'US', '73.0.0.0', '73.255.255.255'),
  net('charter', 20115, 'Charter Communications', 'residential', 'US', '174.80.0.0', '174.87.255.255'),
  net('cox', 22773, 'Cox Communications Inc.', 'residential', 'US', '68.0.0.0', '68.15.255.255'),
  net('verizon-fios', 701, 'Verizon Business', 'residential', 'US', '71.97.212.0', '71.127.255.255'),
  net('att', 7018, 'AT&T Enterprises, LLC', 'residential', 'US', '99.22.226.0', '99.75.191.255'),
  net('bt', 2856, 'British Telecommunications PLC', 'residential', 'GB', '86.128.0.0', '86.191.255.255'),
  net('virgin-media', 5089, 'Virgin Media Limited', 'residential', 'GB', '82.0.0.0', '82.20.255.255'),
  net('sky', 5607, 'Sky UK Limited', 'residential', 'GB', '90.192.0.0', '90.223.255.255'),
  net('talktalk', 13285, 'TalkTalk Communications Limited', 'residential', 'GB', '92.10.0.0', '92.31.255.255'),
  net('deutsche-telekom', 3320, 'Deutsche Telekom AG', 'residential', 'DE', '79.192.0.0', '79.255.255.255'),
  net('vodafone-de', 3209, 'Vodafone GmbH', 'residential', 'DE', '88.64.0.0', '88.79.255.255'),
  net('orange', 3215, 'Orange S.A.', 'residential', 'FR', '90.0.0.0', '90.36.127.255'),
  net('free', 12322, 'Free SAS', 'residential', 'FR', '82.224.0.0', '82.255.255.255'),
  net('sfr', 15557, 'Societe Francaise Du Radiotelephone - SFR SA', 'residential', 'FR', '93.0.0.0', '93.31.255.255'),
  net('kpn', 1136, 'KPN B.V.', 'residential', 'NL', '77.160.0.0', '77.175.255.255'),
  net('ziggo', 33915, 'Vodafone Libertel B.V.', 'residential', 'NL', '83.80.0.0', '83.87.255.255'),
  net('bell', 577, 'Bell Canada', 'residential', 'CA', '142.180.0.0', '142.189.255.255'),
  net('rogers', 812, 'Rogers Communications Canada Inc.', 'residential', 'CA', '99.224.0.0', '99.255.255.255'),
  net('telstra', 1221, 'Telstra Limited', 'residential', 'AU', '1.120.0.0', '1.159.255.255'),
  net('tpg', 7545, 'TPG Internet Pty Ltd', 'residential', 'AU', '14.200.0.0', '14.203.255.255'),
  net('kddi', 2516, 'KDDI CORPORATION', 'residential', 'JP', '106.128.0.0', '106.191.255.255'),
  net('ntt', 4713, 'NTT Communications Corporation', 'residential', 'JP', '153.128.0.0', '153.253.255.255'),
  net('singtel', 7473, 'Singapore Telecommunications (SINGTEL Internet Exchange)', 'residential', 'SG', '203.208.145.0', '203.208.184.255'),
  net('telefonica-es', 3352, 'TELEFONICA DE ESPANA S.A.U.', 'residential', 'ES', '83.32.0.0', '83.63.255.255'),
  net('telecom-italia', 3269, 'Telecom Italia S.p.A.', 'residential', 'IT', '79.0.0.0', '79.63.255.255'),
  net('etisalat', 5384, 'EMIRATES TELECOMMUNICATIONS GROUP COMPANY (ETISALAT GROUP) PJSC', 'residential', 'AE', '2.48.0.0', '2.51.255.255'),
  net('airtel', 9498, 'Bharti Airtel Limited', 'residential', 'IN', '182.71.0.0', '182.76.255.255'),
  net('claro-br', 28573, 'Claro NXT Telecomunicacoes Ltda', 'residential', 'BR', '191.176.0.0', '191.185.223.255'),
  net('korea-telecom', 4766, 'Korea Telecom', 'residential', 'KR', '175.214.184.0', '175.255.255.255'),
];

export const MOBILE: readonly Network[] = [
  net('t-mobile-us', 21928, 'T-Mobile USA, Inc.', 'mobile', 'US', '172.32.0.0', '172.63.255.255'),
  net('verizon-wireless', 22394, 'Verizon Business', 'mobile', 'US', '70.192.0.0', '70.223.255.255'),
  net('vodafone-uk', 25135, 'Vodafone Limited', 'mobile', 'GB', '148.252.128.0', '148.252.191.255'),
  net('telefonica-de', 6805, 'Telefonica Germany GmbH & Co.OHG', 'mobile', 'DE', '77.0.0.0', '77.15.255.255'),
  net('bouygues', 5410, 'Bouygues Telecom SA', 'mobile', 'FR', '89.80.0.0', '89.95.255.255'),
];

/** Office internet connections (small fixed egress blocks are drawn from these per office). */
export const BUSINESS: readonly Network[] = [
  net('verizon-business', 701, 'Verizon Business', 'business', 'US', '63.0.0.0', '63.23.33.255'),
  net('cogent', 174, 'Cogent Communications', 'business', 'US', '38.213.243.0', '38.221.207.255'),
  net('bt-business', 2856, 'British Telecommunications PLC', 'business', 'GB', '81.128.0.0', '81.159.255.255'),
  net('dt-business', 3320, 'Deutsche Telekom AG', 'business', 'DE', '84.128.0.0', '84.191.255.255'),
  net('orange-business', 3215, 'Orange S.A.', 'business', 'FR', '86.192.0.0', '86.223.255.255'),
  net('kpn-business', 1136, 'KPN B.V.', 'business', 'NL', '86.80.0.0', '86.90.255.255'),
  net('bell-business', 577, 'Bell Canada', 'business', 'CA', '70.48.0.0', '70.55.255.255'),
  net('telstra-business', 1221, 'Telstra Limited', 'business', 'AU', '203.35.0.0', '203.54.255.255'),
];

/** The corporate VPN / secure web gateway every remote worker of the tenant shares. */
export const CORPORATE_VPN: readonly Network[] = [
  net('zscaler-us', 53813, 'ZSCALER, INC.', 'corporate-vpn', 'US', '167.103.2.0', '167.103.49.255'),
  net('zscaler-eu', 62044, 'Zscaler Switzerland GmbH', 'corporate-vpn', 'EU', '164.137.193.0', '164.137.255.255'),
];

/** Consumer VPN exits (the kind NordVPN/Surfshark-style services rent); a user's egress hops between them. */
export const COMMERCIAL_VPN: readonly Network[] = [
  net('m247-london', 9009, 'M247 Europe SRL', 'commercial-vpn', 'GB', '146.70.8.0', '146.70.39.255', CITIES.london),
  net('m247-amsterdam', 9009, 'M247 Europe SRL', 'commercial-vpn', 'NL', '146.70.40.0', '146.70.71.255', CITIES.amsterdam),
  net('m247-frankfurt', 9009, 'M247 Europe SRL', 'commercial-vpn', 'DE', '146.70.72.0', '146.70.103.255', CITIES.frankfurt),
  net('m247-zurich', 9009, 'M247 Europe SRL', 'commercial-vpn', 'CH', '146.70.104.0', '146.70.135.255', CITIES.zurich),
  net('m247-stockholm', 9009, 'M247 Europe SRL', 'commercial-vpn', 'SE', '146.70.136.0', '146.70.167.255', CITIES.stockholm),
  net('m247-new-york', 9009, 'M247 Europe SRL', 'commercial-vpn', 'US', '146.70.168.0', '146.70.215.255', CITIES.newYork),
  net('datacamp-paris', 212238, 'Datacamp Limited', 'commercial-vpn', 'FR', '85.122.192.0', '85.122.228.255', CITIES.paris),
  net('datacamp-warsaw', 60068, 'Datacamp Limited', 'commercial-vpn', 'PL', '79.127.190.0', '79.127.255.255', CITIES.warsaw),
  net('packethub-madrid', 136787, 'PacketHub S.A.', 'commercial-vpn', 'ES', '85.115.96.0', '85.115.127.255', CITIES.madrid),
];

/** Cloud and hosting providers attackers rent servers from. */
export const HOSTING: readonly Network[] = [
  net('digitalocean-frankfurt', 14061, 'DigitalOcean, LLC', 'hosting', 'DE', '46.101.0.0', '46.101.255.255', CITIES.frankfurt),
  net('digitalocean-new-york', 14061, 'DigitalOcean, LLC', 'hosting', 'US', '104.131.0.0', '104.131.255.255', CITIES.newYork),
  net('ovh-roubaix', 16276, 'OVH SAS', 'hosting', 'FR', '51.254.0.0', '51.255.255.255', CITIES.roubaix),
  net('leaseweb-amsterdam', 60781, 'LeaseWeb Netherlands B.V.', 'hosting', 'NL', '85.17.0.0', '85.17.255.255', CITIES.amsterdam),
  net('vultr-singapore', 20473, 'The Constant Company, LLC', 'hosting', 'SG', '45.76.0.0', '45.77.255.255', CITIES.singapore),
  net('hetzner-helsinki', 24940, 'Hetzner Online GmbH', 'hosting', 'FI', '65.108.0.0', '65.109.255.255', CITIES.helsinki),
  net('scaleway-paris', 12876, 'Scaleway SAS', 'hosting', 'FR', '51.15.0.0', '51.15.255.255', CITIES.paris),
  net('m247-bucharest', 9009, 'M247 Europe SRL', 'hosting', 'RO', '146.70.8.0', '146.70.215.255', CITIES.bucharest),
];



export function residentialIn(country: string): Network[] {
  return RESIDENTIAL.filter((n) => n.country === country);
}

export function mobileIn(country: string): Network[] {
  const mobile = MOBILE.filter((n) => n.country === country);
  return mobile.length > 0 ? mobile : residentialIn(country);
}

export function businessIn(country: string): Network[] {
  const business = BUSINESS.filter((n) => n.country === country);
  return business.length > 0 ? business : residentialIn(country);
}

/** Dotted quad to an unsigned 32-bit number. */
export function ipToNumber(ip: string): number {
  const parts = ip.split('.');
  if (parts.length !== 4) throw new RangeError(`not an IPv4 address: ${ip}`);
  let n = 0;
  for (const p of parts) {
    const v = Number(p);
    if (!Number.isInteger(v) || v < 0 || v > 255) throw new RangeError(`not an IPv4 address: ${ip}`);
    n = n * 256 + v;
  }
  return n;
}

export function numberToIp(n: number): string {
  return `${Math.floor(n / 16777216) % 256}.${Math.floor(n / 65536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`;
}

/** A host address in the network's range (never .0 or .255, which look like network/broadcast). */
export function ipInNetwork(network: Network, draw: () => number): string {
  const from = ipToNumber(network.range[0]);
  const to = ipToNumber(network.range[1]);
  for (;;) {
    const n = from + Math.floor(draw() * (to - from + 1));
    const last = n % 256;
    if (last !== 0 && last !== 255) return numberToIp(n);
  }
}

/** Bulk mail services that newsletters and invoices are sent through (their IPs appear in SPF results). */
export const MAIL_SERVICES: readonly Network[] = [
  net('sendgrid', 11377, 'SendGrid, Inc.', 'hosting', 'US', '149.72.112.0', '149.72.255.255', CITIES.ashburn),
  net('amazon-ses', 14618, 'Amazon.com, Inc.', 'hosting', 'US', '3.208.0.0', '3.239.255.255', CITIES.ashburn),
];

export const ALL_NETWORKS: readonly Network[] = [
  ...RESIDENTIAL, ...MOBILE, ...BUSINESS, ...CORPORATE_VPN, ...COMMERCIAL_VPN, ...HOSTING, ...MAIL_SERVICES,
];
