// A persona's ordinary sign-ins: working hours in their own time zone (weekday peaks, little at weekends,
// a few night owls), laptop and phone, office / home / corporate VPN / mobile egress, typos (50126), and
// interactive plus non-interactive (token refresh) sign-ins.
import type { GraphDeviceDetail, GraphSignInStatus } from '@lantern/shared';
import { APPS, type SignInApp } from './apps.ts';
import {
  commercialVpnEndpoint,
  dayPart,
  sharedVpnEndpoint,
  corporateVpnEndpoint,
  homeEndpoint,
  mobileEndpoint,
  officeEndpoint,
} from './endpoints.ts';
import type { Prng } from './prng.ts';
import type { ScenarioBuilder } from './scenario-builder.ts';
import { STATUS, makeSignIn, type Endpoint } from './sign-in-factory.ts';
import type { Device, Org, Persona, Stay } from './tenant-model.ts';
import { localMidnightUtc, utcOffsetMinutes, weekday } from './time-zones.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const BROWSER = 'Browser';
const CLIENT = 'Mobile Apps and Desktop clients';

interface LaptopApp {
  app: SignInApp;
  weight: number;
  browser: boolean;
}

const LAPTOP_APPS: readonly LaptopApp[] = [
  { app: APPS.outlookDesktop, weight: 34, browser: false },
  { app: APPS.teams, weight: 34, browser: false },
  { app: APPS.oneDriveSync, weight: 14, browser: false },
  { app: APPS.officeHome, weight: 10, browser: true },
  { app: APPS.exchangeOnline, weight: 8, browser: true },
];

export interface LifeOptions {
  /** Target sign-ins on a working day (laptop and phone together). */
  signInsPerWorkday: number;
}

export function localDayOf(t: number, timeZone: string): number {
  return Math.floor((t + utcOffsetMinutes(timeZone, t) * 60_000) / DAY_MS);
}

/** The device of `kind` the persona uses at `t` (later devices replace earlier ones). */
export function deviceAt(persona: Persona, kind: Device['kind'], t: number): Device | null {
  let device: Device | null = kind === 'phone' ? persona.phone : persona.laptop;
  for (const later of persona.laterDevices) if (later.device.kind === kind && later.from <= t) device = later.device;
  return device;
}

export function generatePatternOfLife(persona: Persona, org: Org, builder: ScenarioBuilder, prng: Prng, options: LifeOptions): void {
  for (const stay of persona.stays) {
    const tz = stay.city.timeZone;
    const first = localDayOf(stay.from, tz);
    const last = localDayOf(stay.to - 1, tz);
    for (let day = first; day <= last; day++) generateDay(persona, org, stay, day, builder, prng, options);
  }
}

function generateDay(persona: Persona, org: Org, stay: Stay, day: number, builder: ScenarioBuilder, prng: Prng, options: LifeOptions): void {
  const tz = stay.city.timeZone;
  const midnight = localMidnightUtc(tz, day);
  const at = (hours: number): number => midnight + hours * HOUR_MS;
  const wd = weekday(day);
  const onTrip = stay.kind === 'trip';
  const workday = wd >= 1 && wd <= 5 && !prng.chance(0.04);

  const home = homeEndpoint(stay, day);
  const atOffice = !onTrip && workday && persona.office !== null && persona.office.city === stay.city && persona.officeDays[wd] === true;
  const office = atOffice && persona.office ? officeEndpoint(persona.office, persona, day) : null;
  const vpn = persona.corporateVpn ? corporateVpnEndpoint(org, persona, day) : null;
  const commercial = persona.commercialVpn ? commercialVpnEndpoint(persona, day) : null;
  const exits = persona.sharedVpnExits;
  const parts: Endpoint[] = [];
  /** Off work, by local hour: a shared VPN's exit of that part of the day, else the day's VPN exit or home. */
  const offWorkAt = (hour: number): Endpoint => (exits ? (parts[dayPart(hour)] ??= sharedVpnEndpoint(exits, persona, day, dayPart(hour))) : (commercial ?? home));
  const offWork = offWorkAt(persona.workStartHour);
  const laptopEndpoint = office ?? (vpn && (!onTrip || prng.chance(0.6)) ? vpn : offWork);
  // A carrier address changes a few times a day: at most three per day, made on first use.
  const mobiles: Endpoint[] = [];
  let mobileUses = 0;
  const mobile = (): Endpoint => {
    const part = Math.min(2, mobileUses++ >> 2);
    return (mobiles[part] ??= mobileEndpoint(persona, stay.city, day, part));
  };

  const emit = (t: number, device: GraphDeviceDetail, app: SignInApp, clientAppUsed: string, interactive: boolean, endpoint: Endpoint, status: GraphSignInStatus, correlationId: string): void => {
    if (t < stay.from || t >= stay.to || !builder.inRange(t)) return;
    builder.pushSignIn(t, makeSignIn(prng.guid(), persona, { t, app, endpoint, device, clientAppUsed, interactive, status, correlationId }));
  };

  const laptopSession = (t: number, endpoint: Endpoint, interactiveFirst: boolean, count: number, spanHours: number): void => {
    const laptop = deviceAt(persona, 'laptop', t);
    if (!laptop) return;
    const correlationId = prng.guid();
    if (interactiveFirst) {
      const browser = prng.chance(0.4);
      const app = browser ? APPS.officeHome : APPS.outlookDesktop;
      const detail = browser ? laptop.browser : laptop.app;
      const client = browser ? BROWSER : CLIENT;
      if (prng.chance(0.04)) {
        const typoAt = t - prng.between(15, 90) * 1000;
        emit(typoAt, detail, app, client, true, endpoint, STATUS.invalidPassword, prng.guid());
        if (prng.chance(0.15)) emit(typoAt - prng.between(10, 40) * 1000, detail, app, client, true, endpoint, STATUS.invalidPassword, prng.guid());
      }
      emit(t, detail, app, client, true, endpoint, STATUS.success, correlationId);
    }
    for (let i = 0; i < count; i++) {
      const et = t + prng.next() * spanHours * HOUR_MS;
      const choice = prng.weighted(LAPTOP_APPS, (a) => a.weight);
      const interactive = choice.browser && prng.chance(0.25);
      emit(
        et,
        choice.browser ? laptop.browser : laptop.app,
        choice.app,
        choice.browser ? BROWSER : CLIENT,
        interactive,
        endpoint,
        STATUS.success,
        interactive ? prng.guid() : correlationId,
      );
    }
  };

  const phoneEvents = (count: number, fromHour: number, toHour: number, endpointFor: (hour: number) => Endpoint): void => {
    const correlationId = prng.guid();
    for (let i = 0; i < count; i++) {
      const hour = prng.real(fromHour, toHour);
      const t = at(hour);
      const phone = deviceAt(persona, 'phone', t);
      if (!phone) return;
      const interactive = prng.chance(0.03);
      const app = prng.chance(0.6) ? APPS.outlookMobile : APPS.teams;
      emit(t, phone.app, app, CLIENT, interactive, endpointFor(hour), STATUS.success, interactive ? prng.guid() : correlationId);
    }
  };

  const target = options.signInsPerWorkday;
  if (workday) {
    const start = persona.workStartHour + prng.normal(0, 0.35);
    const end = start + persona.workHours + prng.normal(0, 0.5);
    const laptopCount = Math.max(2, Math.round(target * 0.7 * prng.real(0.7, 1.3)));
    laptopSession(at(start), laptopEndpoint, true, laptopCount, end - start);
    if (prng.chance(0.12)) {
      const evening = end + prng.real(1.5, 4);
      laptopSession(at(evening), vpn ?? offWorkAt(evening), false, prng.between(1, 4), 1);
    }
    if (persona.phone) {
      const phoneCount = Math.round(target * 0.3 * prng.real(0.6, 1.4));
      const workShare = Math.round(phoneCount * 0.55);
      phoneEvents(workShare, start, end, (hour) => (office ? (prng.chance(0.6) ? office : mobile()) : offWorkAt(hour)));
      phoneEvents(Math.max(0, Math.round((phoneCount - workShare) * 0.25)), start - 1.5, start, (hour) => (prng.chance(0.5) ? offWorkAt(hour) : mobile()));
      const lateEnd = persona.nightOwl ? 25.5 : Math.min(23.5, end + 4.5);
      phoneEvents(phoneCount - workShare - Math.round((phoneCount - workShare) * 0.25), end, lateEnd, (hour) => offWorkAt(hour));
    }
  } else {
    if (persona.phone && prng.chance(0.35 + persona.weekendRate)) {
      phoneEvents(prng.between(2, 7), persona.nightOwl ? 11 : 8.5, persona.nightOwl ? 25 : 22.5, (hour) => (hour > 12 && hour < 18 && prng.chance(0.3) ? mobile() : offWorkAt(hour)));
    }
    if (prng.chance(persona.weekendRate * 0.5)) {
      const hour = prng.real(10, 20);
      laptopSession(at(hour), vpn ?? offWorkAt(hour), prng.chance(0.5), prng.between(1, 5), prng.real(0.5, 2));
    }
  }
}
