// Benign hard cases look suspicious at first sight but are legitimate; each is labelled.
import { describe, expect, it } from 'vitest';
import { COMMERCIAL_VPN } from '../../server/src/sim/generator/networks.ts';
import { CITIES, distanceKm, type City } from '../../server/src/sim/generator/places.ts';
import { asnOf, fixtureScenario, ms, signInsOf } from './generator-fixture.ts';

const s = fixtureScenario();
const only = (name: string) => s.labels!.filter((l) => l.name === name && l.kind === 'benign-hard-case');
const cityByName = new Map<string, City>(Object.values(CITIES).map((c) => [c.city, c]));

describe('benign hard cases', () => {
  it('traveller: abroad during the trip, with no impossible travel (flight gaps are long enough)', () => {
    const [l] = only('traveller');
    const attackers = new Set(s.labels!.map((x) => x.attackerIp));
    const mine = signInsOf(s, l!.userIds[0]!).filter((x) => !attackers.has(x.ipAddress ?? undefined));
    const during = mine.filter((x) => ms(x.createdDateTime) > ms(l!.start) && ms(x.createdDateTime) < ms(l!.end));
    const home = mine[0]!.location!.countryOrRegion;
    expect(during.some((x) => x.location?.countryOrRegion !== home)).toBe(true);
    for (let i = 1; i < mine.length; i++) {
      const a = cityByName.get(mine[i - 1]!.location!.city!)!;
      const b = cityByName.get(mine[i]!.location!.city!)!;
      const hours = (ms(mine[i]!.createdDateTime) - ms(mine[i - 1]!.createdDateTime)) / 3_600_000;
      const km = distanceKm(a, b);
      if (km > 500) expect(km / Math.max(hours, 1e-6), `${a.city} → ${b.city}`).toBeLessThan(1000);
    }
  });

  it('vpn-hopper: home traffic through commercial VPN exits in several countries', () => {
    const [l] = only('vpn-hopper');
    const vpnAsns = new Set(COMMERCIAL_VPN.map((n) => n.asn));
    const mine = signInsOf(s, l!.userIds[0]!).filter((x) => vpnAsns.has(asnOf(x.ipAddress!) ?? 0));
    expect(new Set(mine.map((x) => x.location?.countryOrRegion)).size).toBeGreaterThanOrEqual(3);
  });

  it('new-phone: an Authenticator registered from the user\'s own home address, then the new phone signs in', () => {
    const [l] = only('new-phone');
    const id = l!.userIds[0]!;
    const audit = s.directoryAudits!.find((a) => a.targetResources?.[0]?.id === id && a.activityDisplayName === 'User registered security info')!;
    const ip = audit.initiatedBy!.user!.ipAddress!;
    const before = signInsOf(s, id).filter((x) => ms(x.createdDateTime) < ms(audit.activityDateTime) - 3_600_000);
    expect(before.some((x) => x.ipAddress === ip) || before.some((x) => asnOf(x.ipAddress!) === asnOf(ip))).toBe(true);
    const after = signInsOf(s, id).filter((x) => ms(x.createdDateTime) > ms(audit.activityDateTime));
    expect(after.some((x) => x.ipAddress === ip && x.isInteractive && x.appDisplayName === 'Outlook Mobile')).toBe(true);
  });

  it('newsletter-rule: a named rule with conditions filing newsletters into an existing folder', () => {
    const [l] = only('newsletter-rule');
    const id = l!.userIds[0]!;
    const rule = s.inboxRules!.filter((r) => r.userId === id).at(-1)!.rules.at(-1)!;
    const folder = s.mailFolders!.find((f) => f.userId === id)!.folders.find((f) => f.id === rule.actions?.moveToFolder);
    expect(folder?.displayName).toBe('Newsletters');
    expect(rule.displayName).toBe('Newsletters');
    expect(rule.conditions?.fromAddresses?.length).toBeGreaterThan(0);
    const filed = s.messages!.filter((m) => m.userId === id && m.folder === 'Newsletters');
    for (const m of filed) expect(ms(m.message.receivedDateTime)).toBeGreaterThan(ms(l!.start));
  });

  it('moved-city: sign-ins from a new home city after the move', () => {
    const [l] = only('moved-city');
    const mine = signInsOf(s, l!.userIds[0]!);
    const cities = (list: typeof mine): Set<string> => new Set(list.map((x) => x.location!.city!));
    const before = cities(mine.filter((x) => ms(x.createdDateTime) < ms(l!.start)));
    const after = cities(mine.filter((x) => ms(x.createdDateTime) >= ms(l!.start)));
    expect([...after].some((c) => !before.has(c))).toBe(true);
  });
});

describe('vpn-team hard case', () => {
  it('colleagues share one commercial VPN: every exit serves several of them, and a member\'s exit country changes within a day', () => {
    const [l] = only('vpn-team');
    expect(l!.userIds.length).toBeGreaterThanOrEqual(4);
    const vpnAsns = new Set(COMMERCIAL_VPN.map((n) => n.asn));
    const usersByExit = new Map<string, Set<string>>();
    let hopDays = 0;
    for (const id of l!.userIds) {
      const countriesByDay = new Map<string, Set<string>>();
      for (const x of signInsOf(s, id)) {
        if (!x.ipAddress || !vpnAsns.has(Number(asnOf(x.ipAddress)))) continue;
        (usersByExit.get(x.ipAddress) ?? usersByExit.set(x.ipAddress, new Set()).get(x.ipAddress)!).add(id);
        const day = x.createdDateTime.slice(0, 10);
        (countriesByDay.get(day) ?? countriesByDay.set(day, new Set()).get(day)!).add(x.location?.countryOrRegion ?? '');
      }
      for (const c of countriesByDay.values()) if (c.size >= 2) hopDays++;
    }
    expect(usersByExit.size).toBeGreaterThan(0);
    expect([...usersByExit.values()].every((u) => u.size >= 2)).toBe(true);
    expect(hopDays).toBeGreaterThan(l!.userIds.length);
  });
});
