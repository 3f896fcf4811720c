// The generator's internal model of a tenant: the organisation (offices, corporate VPN) and one persona
// per user (home, ISP, devices, working habits). Graph records are produced from these.
import type { GraphDeviceDetail, GraphUser } from '@lantern/shared';
import {
  CORPORATE_VPN,
  businessIn,
  ipInNetwork,
  ipToNumber,
  mobileIn,
  numberToIp,
  residentialIn,
  type Network,
} from './networks.ts';
import { CITIES, type City } from './places.ts';
import { COUNTRY_NAMES, DEPARTMENTS, FIRST_NAMES, LAST_NAMES, type Department } from './people.ts';
import type { Prng } from './prng.ts';

export interface Office {
  city: City;
  network: Network;
  /** The office's NAT egress addresses (a few consecutive addresses of one small block). */
  egressIps: string[];
}

export interface Org {
  tenantId: string;
  displayName: string;
  domain: string;
  country: string;
  offices: Office[];
  corporateVpn: { network: Network; city: City; egressIps: string[] };
}

export interface Device {
  kind: 'laptop' | 'desktop' | 'phone';
  /** deviceDetail for browser sign-ins and for app sign-ins (shared objects). */
  browser: GraphDeviceDetail;
  app: GraphDeviceDetail;
}

/** A period in which the user lives (or stays) somewhere; flights are the gaps between stays. */
export interface Stay {
  from: number;
  to: number;
  kind: 'home' | 'trip';
  city: City;
  /** Residential ISP at home, the hotel's ISP on a trip. */
  network: Network;
  /** Seed of this stay's residential address sequence. */
  ipSeed: number;
}

export interface Persona {
  index: number;
  user: GraphUser;
  id: string;
  userPrincipalName: string;
  displayName: string;
  department: string;
  home: City;
  homeNetwork: Network;
  mobileNetwork: Network;
  office: Office | null;
  /** Days of the week (0 = Sunday) worked from the office. */
  officeDays: boolean[];
  workStartHour: number;
  workHours: number;
  weekendRate: number;
  nightOwl: boolean;
  corporateVpn: boolean;
  commercialVpn: boolean;
  /** Exits of a commercial VPN shared with colleagues on the same service (a team's subscription): the
   * exit, and often its country, changes with each part of the day. Null: not on a shared VPN. */
  sharedVpnExits: { network: Network; ip: string }[] | null;
  laptop: Device;
  phone: Device | null;
  /** Sorted stays covering the period (gaps are flights). */
  stays: Stay[];
  /** Devices added during the period (e.g. a new phone) with the time they appear. */
  laterDevices: { from: number; device: Device }[];
}

interface HomeCountry {
  country: string;
  cities: readonly City[];
  weight: number;
}

const HOME_COUNTRIES: readonly HomeCountry[] = [
  { country: 'US', cities: [CITIES.newYork, CITIES.chicago, CITIES.austin, CITIES.seattle, CITIES.boston, CITIES.sanFrancisco, CITIES.denver, CITIES.atlanta], weight: 5 },
  { country: 'GB', cities: [CITIES.london, CITIES.manchester, CITIES.edinburgh, CITIES.bristol], weight: 2 },
  { country: 'DE', cities: [CITIES.berlin, CITIES.munich, CITIES.hamburg, CITIES.frankfurt], weight: 1 },
  { country: 'FR', cities: [CITIES.paris, CITIES.lyon], weight: 1 },
  { country: 'NL', cities: [CITIES.amsterdam, CITIES.rotterdam, CITIES.utrecht], weight: 1 },
  { country: 'CA', cities: [CITIES.toronto, CITIES.vancouver, CITIES.montreal], weight: 1 },
  { country: 'AU', cities: [CITIES.sydney, CITIES.melbourne], weight: 1 },
];

export function citiesIn(country: string): readonly City[] {
  return HOME_COUNTRIES.find((c) => c.country === country)?.cities ?? [];
}

export const HOME_COUNTRY_CODES: readonly string[] = HOME_COUNTRIES.map((c) => c.country);

function officeFor(prng: Prng, city: City): Office {
  const network = prng.pick(businessIn(city.country));
  const base = ipToNumber(ipInNetwork(network, () => prng.next()));
  const block = base - (base % 16) + 1;
  const count = prng.between(2, 4);
  return { city, network, egressIps: Array.from({ length: count }, (_, i) => numberToIp(block + i)) };
}

export function buildOrg(prng: Prng, tenantName: string | undefined, domain: string | undefined): Org {
  const home = prng.weighted(HOME_COUNTRIES, (c) => c.weight);
  const names = ['Contoso', 'Fabrikam', 'Northwind', 'Tailspin', 'Litware', 'Adatum', 'Proseware', 'Woodgrove', 'Relecloud', 'Trey'];
  const base = prng.pick(names);
  const displayName = tenantName ?? `${base} ${prng.pick(['Ltd', 'Inc', 'Group', 'Corp', 'Partners'])}`;
  const officeCount = prng.between(1, 3);
  const officeCities = prng.sample(home.cities, Math.min(officeCount, home.cities.length));
  if (officeCount === 3 && officeCities.length === 3) {
    // A third office abroad: most users stay in the home country.
    const abroad = prng.pick(HOME_COUNTRIES.filter((c) => c.country !== home.country));
    officeCities[2] = prng.pick(abroad.cities);
  }
  const offices = officeCities.map((c) => officeFor(prng, c));
  const hq = offices[0]!.city;
  const vpnNetwork = hq.country === 'US' || hq.country === 'CA' ? CORPORATE_VPN[0]! : CORPORATE_VPN[1]!;
  const vpnBase = ipToNumber(ipInNetwork(vpnNetwork, () => prng.next()));
  const vpnBlock = vpnBase - (vpnBase % 32) + 2;
  return {
    tenantId: prng.guid(),
    displayName,
    domain: domain ?? `${base.toLowerCase()}${prng.between(1, 99)}.onmicrosoft.com`,
    country: home.country,
    offices,
    corporateVpn: { network: vpnNetwork, city: hq, egressIps: Array.from({ length: 6 }, (_, i) => numberToIp(vpnBlock + i)) },
  };
}

const WINDOWS_BROWSERS = ['Edge 131.0.0', 'Edge 130.0.0', 'Chrome 131.0.0', 'Chrome 130.0.0', 'Firefox 132.0'];
const MAC_BROWSERS = ['Safari 18.1', 'Chrome 131.0.0', 'Edge 131.0.0'];

function laptopFor(prng: Prng, ownerTag: string, managed: boolean): Device {
  const mac = prng.chance(0.2);
  const deviceId = managed ? prng.guid() : '';
  const displayName = managed ? `${mac ? 'MB' : 'LT'}-${ownerTag}-${prng.between(10, 99)}` : '';
  const base = {
    deviceId,
    displayName,
    operatingSystem: mac ? 'MacOs' : 'Windows10',
    isCompliant: managed,
    isManaged: managed,
    trustType: managed ? (mac ? 'Azure AD registered' : prng.chance(0.5) ? 'Azure AD joined' : 'Hybrid Azure AD joined') : '',
  };
  return {
    kind: 'laptop',
    browser: { ...base, browser: prng.pick(mac ? MAC_BROWSERS : WINDOWS_BROWSERS) },
    app: { ...base, browser: 'Rich Client 4.66.0.0' },
  };
}

export function phoneFor(prng: Prng): Device {
  const ios = prng.chance(0.6);
  const base = {
    deviceId: '',
    displayName: '',
    operatingSystem: ios ? 'Ios' : 'Android',
    isCompliant: false,
    isManaged: false,
    trustType: '',
  };
  return {
    kind: 'phone',
    browser: { ...base, browser: ios ? 'Mobile Safari' : 'Chrome Mobile 131.0.0' },
    app: { ...base, browser: 'Rich Client 4.66.0.0' },
  };
}

/** An unmanaged device as an attacker's browser presents it. */
export function strangerDevice(prng: Prng): Device {
  const base = { deviceId: '', displayName: '', operatingSystem: 'Windows10', isCompliant: false, isManaged: false, trustType: '' };
  const browser = prng.pick(['Chrome 131.0.0', 'Chrome 129.0.0', 'Firefox 128.0', 'Edge 129.0.0']);
  return { kind: 'desktop', browser: { ...base, browser }, app: { ...base, browser } };
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z]/g, '');
}

export function buildPersonas(root: Prng, org: Org, count: number, startMs: number, endMs: number): Persona[] {
  const personas: Persona[] = [];
  const upns = new Set<string>();
  for (let i = 0; i < count; i++) {
    const prng = root.fork(`user:${i}`);
    const first = prng.pick(FIRST_NAMES);
    const last = prng.pick(LAST_NAMES);
    let local = `${slug(first)}.${slug(last)}`;
    if (upns.has(local)) local = `${local}${i}`;
    upns.add(local);
    const upn = `${local}@${org.domain}`;
    const dept: Department = prng.weighted(DEPARTMENTS, (d) => d.weight);
    // Most users belong to an office in the home country; some are fully remote.
    const office = prng.chance(0.85) ? prng.weighted(org.offices, (o) => (o.city.country === org.country ? 4 : 1)) : null;
    const home = office ? (prng.chance(0.9) ? office.city : prng.pick(citiesIn(office.city.country).length ? citiesIn(office.city.country) : [office.city])) : prng.pick(citiesIn(org.country));
    const homeNetwork = prng.pick(residentialIn(home.country));
    const mobileNetwork = prng.pick(mobileIn(home.country));
    const pattern = prng.next();
    const officeDays = [false, false, false, false, false, false, false];
    if (office && home === office.city) {
      if (pattern < 0.35) for (let d = 1; d <= 5; d++) officeDays[d] = true;
      else if (pattern < 0.85) for (const d of prng.sample([1, 2, 3, 4, 5], prng.between(2, 3))) officeDays[d] = true;
    }
    const nightOwl = prng.chance(0.06);
    const displayName = `${first} ${last.replace('OConnor', "O'Connor")}`;
    const id = prng.guid();
    const user: GraphUser = {
      id,
      userPrincipalName: upn,
      displayName,
      mail: upn,
      accountEnabled: true,
      city: home.city,
      country: COUNTRY_NAMES[home.country] ?? home.country,
      officeLocation: office ? office.city.city : 'Remote',
      jobTitle: prng.pick(dept.titles),
      department: dept.name,
      usageLocation: home.country,
    };
    const tag = `${slug(first).slice(0, 1)}${slug(last).slice(0, 6)}`.toUpperCase();
    personas.push({
      index: i,
      user,
      id,
      userPrincipalName: upn,
      displayName,
      department: dept.name,
      home,
      homeNetwork,
      mobileNetwork,
      office,
      officeDays,
      workStartHour: nightOwl ? prng.real(11, 13.5) : prng.real(7, 9.75),
      workHours: prng.real(7.5, 9.5),
      weekendRate: prng.real(0.05, 0.45),
      nightOwl,
      corporateVpn: prng.chance(0.3),
      commercialVpn: false,
      sharedVpnExits: null,
      laptop: laptopFor(prng, tag, prng.chance(0.92)),
      phone: prng.chance(0.85) ? phoneFor(prng) : null,
      stays: [{ from: startMs, to: endMs, kind: 'home', city: home, network: homeNetwork, ipSeed: prng.uint32() }],
      laterDevices: [],
    });
  }
  return personas;
}
