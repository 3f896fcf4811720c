// Ordinary users behave like people: most sign-ins from their own few networks (home ISP, office, corporate
// VPN, mobile carrier), in one country, concentrated in working hours of their own time zone on weekdays.
import { describe, expect, it } from 'vitest';
import { lanternMailboxOf } from '../../server/src/sim/generator/lantern-mailbox.ts';
import { CITIES } from '../../server/src/sim/generator/places.ts';
import { asnOf, fixtureScenario, kindsOfAsn, labelledUsers, signInsOf } from './generator-fixture.ts';

const s = fixtureScenario();
const labelled = labelledUsers(s);
// People only: the tenant's Lantern mailbox is a mailbox, with no sign-ins of its own.
const lantern = lanternMailboxOf(s);
const ordinary = s.users!.filter((u) => !labelled.has(u.id) && u.id !== lantern?.id);
const zoneOfCity = new Map(Object.values(CITIES).map((c) => [c.city, c.timeZone]));

const formats = new Map<string, Intl.DateTimeFormat>();

function localHourAndWeekday(iso: string, timeZone: string): { hour: number; weekday: string } {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: 'numeric', weekday: 'short' });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(new Date(iso));
  return { hour: Number(parts.find((p) => p.type === 'hour')!.value), weekday: parts.find((p) => p.type === 'weekday')!.value };
}

describe('pattern of life', () => {
  it('has a realistic volume: tens of sign-ins per user on a working day, interactive and not', () => {
    const perUserDay = s.signIns!.length / s.users!.length / 14;
    expect(perUserDay).toBeGreaterThan(8);
    expect(perUserDay).toBeLessThan(60);
    const interactive = s.signIns!.filter((x) => x.isInteractive).length / s.signIns!.length;
    expect(interactive).toBeGreaterThan(0.02);
    expect(interactive).toBeLessThan(0.5);
  });

  it('draws most of each ordinary user\'s sign-ins from a few residential, office, VPN or mobile networks', () => {
    expect(ordinary.length).toBeGreaterThan(30);
    const allowed = new Set(['residential', 'business', 'corporate-vpn', 'mobile']);
    for (const u of ordinary) {
      const counts = new Map<number, number>();
      const mine = signInsOf(s, u.id);
      for (const x of mine) {
        const asn = asnOf(x.ipAddress!) ?? 0;
        counts.set(asn, (counts.get(asn) ?? 0) + 1);
      }
      const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 4);
      const covered = top.reduce((n, [, c]) => n + c, 0) / mine.length;
      expect(covered, u.userPrincipalName).toBeGreaterThan(0.9);
      const frequent = top.filter(([, c]) => c / mine.length > 0.05);
      for (const [asn] of frequent) expect([...kindsOfAsn(asn)].some((k) => allowed.has(k)), `${u.userPrincipalName} AS${asn}`).toBe(true);
    }
  });

  it('keeps each ordinary user in few countries and a shared corporate VPN egress across many users', () => {
    for (const u of ordinary) {
      const countries = new Map<string, number>();
      const mine = signInsOf(s, u.id);
      for (const x of mine) countries.set(x.location!.countryOrRegion!, (countries.get(x.location!.countryOrRegion!) ?? 0) + 1);
      const main = Math.max(...countries.values());
      expect(main / mine.length, u.userPrincipalName).toBeGreaterThan(0.6);
    }
    const vpnUsers = new Map<string, Set<string>>();
    for (const x of s.signIns!) {
      if (!kindsOfAsn(asnOf(x.ipAddress!) ?? 0).has('corporate-vpn')) continue;
      const set = vpnUsers.get(x.ipAddress!) ?? new Set();
      set.add(x.userId);
      vpnUsers.set(x.ipAddress!, set);
    }
    expect(Math.max(...[...vpnUsers.values()].map((v) => v.size))).toBeGreaterThan(3);
  });

  it('concentrates sign-ins in weekday working hours of the user\'s own time zone', () => {
    let weekdayDaytime = 0;
    let weekend = 0;
    let total = 0;
    for (const u of ordinary) {
      const zone = zoneOfCity.get(u.city ?? '');
      expect(zone, u.city ?? '').toBeDefined();
      for (const x of signInsOf(s, u.id)) {
        const { hour, weekday } = localHourAndWeekday(x.createdDateTime, zone!);
        total++;
        if (weekday === 'Sat' || weekday === 'Sun') weekend++;
        else if (hour >= 7 && hour < 20) weekdayDaytime++;
      }
    }
    expect(weekdayDaytime / total).toBeGreaterThan(0.7);
    expect(weekend / total).toBeLessThan(0.12);
    expect(weekend).toBeGreaterThan(0);
  });

  it('includes password typos: a 50126 failure shortly followed by a success from the same address', () => {
    const attackers = new Set(s.labels!.map((l) => l.attackerIp));
    const failures = s.signIns!.filter((x) => x.status?.errorCode === 50126 && !labelled.has(x.userId) && !attackers.has(x.ipAddress ?? undefined));
    expect(failures.length).toBeGreaterThan(5);
    const recovered = failures.filter((f) =>
      signInsOf(s, f.userId).some((x) => x.status?.errorCode === 0 && x.ipAddress === f.ipAddress && Date.parse(x.createdDateTime) - Date.parse(f.createdDateTime) > 0 && Date.parse(x.createdDateTime) - Date.parse(f.createdDateTime) < 5 * 60_000),
    );
    expect(recovered.length / failures.length).toBeGreaterThan(0.9);
  });
});
