// Benign hard cases: legitimate behaviour that looks like an attack at first sight. Each is labelled
// (kind 'benign-hard-case') so evaluations can count false positives on them.
import type { GraphMessageRule } from '@lantern/shared';
import { APPS } from './apps.ts';
import { authenticatorMethod } from './authentication-methods.ts';
import { securityInfoAudit } from './directory-audit-factory.ts';
import { homeEndpoint } from './endpoints.ts';
import { reservePersona, type GeneratorContext } from './generator-context.ts';
import { ruleId } from './graph-ids.ts';
import { COMMERCIAL_VPN, ipInNetwork, residentialIn } from './networks.ts';
import { deviceAt, localDayOf } from './pattern-of-life.ts';
import { CITIES, distanceKm, type City } from './places.ts';
import type { Prng } from './prng.ts';
import { NEWSLETTERS } from './benign-mail.ts';
import { STATUS, graphTime, makeSignIn } from './sign-in-factory.ts';
import { citiesIn, phoneFor, type Persona } from './tenant-model.ts';
import { localMidnightUtc } from './time-zones.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const DESTINATIONS: readonly City[] = [
  CITIES.tokyo, CITIES.singapore, CITIES.madrid, CITIES.barcelona, CITIES.milan, CITIES.rome, CITIES.dubai,
  CITIES.bengaluru, CITIES.saoPaulo, CITIES.seoul, CITIES.london, CITIES.paris, CITIES.newYork, CITIES.sanFrancisco,
  CITIES.berlin, CITIES.amsterdam, CITIES.sydney, CITIES.toronto,
];

/** Plans made before sign-ins are generated, finished (audits, rules) afterwards. */
export interface HardCasePlan {
  newsletterRules: { persona: Persona; at: number }[];
  newPhones: { persona: Persona; at: number }[];
}

function perKind(users: number): number {
  return Math.max(1, Math.min(5, Math.round(users * 0.005)));
}

/** A local time on the day containing `t` (in the persona's home zone) at `hour`. */
function localTime(tz: string, t: number, hour: number): number {
  return localMidnightUtc(tz, localDayOf(t, tz)) + hour * HOUR_MS;
}

function splitHomeStay(p: Persona, from: number, to: number): void {
  // Cut [from, to) out of the persona's home stays (only ever called on a single home stay).
  const next = [];
  for (const s of p.stays) {
    if (s.to <= from || s.from >= to) next.push(s);
    else {
      if (s.from < from) next.push({ ...s, to: from });
      if (s.to > to) next.push({ ...s, from: to });
    }
  }
  p.stays = next;
}

function planTraveller(ctx: GeneratorContext, prng: Prng, p: Persona): void {
  const span = ctx.endMs - ctx.startMs;
  const destination = prng.pick(DESTINATIONS.filter((c) => c.country !== p.home.country && residentialIn(c.country).length > 0));
  const flightHours = distanceKm(p.home, destination) / 800 + 1.5;
  const tripDays = prng.between(3, 6);
  const depart = localTime(p.home.timeZone, ctx.startMs + span * prng.real(0.25, 0.6), prng.real(7, 12));
  const arrive = depart + flightHours * HOUR_MS;
  const returnDepart = localTime(destination.timeZone, arrive + tripDays * DAY_MS, prng.real(9, 17));
  const returnArrive = returnDepart + flightHours * HOUR_MS;
  splitHomeStay(p, depart, returnArrive);
  p.stays.push({ from: arrive, to: returnDepart, kind: 'trip', city: destination, network: prng.pick(residentialIn(destination.country)), ipSeed: prng.uint32() });
  p.stays.sort((a, b) => a.from - b.from);
  ctx.builder.addLabel({
    kind: 'benign-hard-case',
    name: 'traveller',
    userIds: [p.id],
    start: graphTime(depart),
    end: graphTime(Math.min(returnArrive, ctx.endMs)),
  });
}

function planMovedCity(ctx: GeneratorContext, prng: Prng, p: Persona): void {
  const others = citiesIn(p.home.country).filter((c) => c !== p.home);
  if (others.length === 0) return;
  const city = prng.pick(others);
  const at = localTime(p.home.timeZone, ctx.startMs + (ctx.endMs - ctx.startMs) * prng.real(0.3, 0.6), 0);
  const network = prng.pick(residentialIn(city.country));
  const before = p.stays.filter((s) => s.from < at).map((s) => ({ ...s, to: Math.min(s.to, at) }));
  p.stays = [...before, { from: at, to: ctx.endMs, kind: 'home', city, network, ipSeed: prng.uint32() }];
  ctx.builder.addLabel({ kind: 'benign-hard-case', name: 'moved-city', userIds: [p.id], start: graphTime(at), end: graphTime(ctx.endMs) });
}

function planVpnHopper(ctx: GeneratorContext, p: Persona): void {
  p.commercialVpn = true;
  ctx.builder.addLabel({ kind: 'benign-hard-case', name: 'vpn-hopper', userIds: [p.id], start: graphTime(ctx.startMs), end: graphTime(ctx.endMs) });
}

/** Colleagues on one commercial VPN subscription: 6 users in tenants of 200, up to 12. */
function vpnTeamSize(users: number): number {
  return Math.max(4, Math.min(12, Math.round(users * 0.03)));
}

/**
 * Colleagues who share a commercial VPN: their exits come from one pool of addresses in several countries
 * and change with each part of the day, so each exit is shared by several users with a benign history and
 * each user's exit country changes several times a day. Not an attacker's infrastructure.
 */
function planVpnTeam(ctx: GeneratorContext, prng: Prng, members: Persona[]): void {
  if (members.length === 0) return;
  const exits = Array.from({ length: 8 }, () => {
    const network = prng.pick(COMMERCIAL_VPN);
    return { network, ip: ipInNetwork(network, () => prng.next()) };
  });
  for (const p of members) p.sharedVpnExits = exits;
  ctx.builder.addLabel({ kind: 'benign-hard-case', name: 'vpn-team', userIds: members.map((p) => p.id), start: graphTime(ctx.startMs), end: graphTime(ctx.endMs) });
}

/**
 * Chooses hard-case users and changes their plans (stays, devices) before sign-ins are generated, leaving
 * at least `keepFree` users without a role (for the attacks, which take precedence in small tenants).
 */
export function planHardCases(ctx: GeneratorContext, prng: Prng, keepFree: number): HardCasePlan {
  const n = perKind(ctx.personas.length);
  const plan: HardCasePlan = { newsletterRules: [], newPhones: [] };
  const span = ctx.endMs - ctx.startMs;
  const draw = (): number => (ctx.personas.length - ctx.reserved.size > keepFree ? prng.next() : Number.NaN);
  for (let i = 0; i < n; i++) {
    const traveller = reservePersona(ctx, draw, (p) => p.stays.length === 1 && !p.corporateVpn);
    if (traveller) planTraveller(ctx, prng, traveller);
    const hopper = reservePersona(ctx, draw, (p) => !p.corporateVpn && p.phone !== null && !p.officeDays.every((d, i) => d === (i >= 1 && i <= 5)));
    if (hopper) planVpnHopper(ctx, hopper);
    const mover = reservePersona(ctx, draw, (p) => p.office === null && p.stays.length === 1);
    if (mover) planMovedCity(ctx, prng, mover);
    const phoneUser = reservePersona(ctx, draw, (p) => p.phone !== null && p.stays.length === 1 && !p.commercialVpn);
    if (phoneUser) {
      const at = localTime(phoneUser.home.timeZone, ctx.startMs + span * prng.real(0.3, 0.8), prng.real(19, 21.5));
      phoneUser.laterDevices.push({ from: at, device: phoneFor(prng) });
      plan.newPhones.push({ persona: phoneUser, at });
    }
    const ruleUser = reservePersona(ctx, draw);
    if (ruleUser) {
      const at = localTime(ruleUser.home.timeZone, ctx.startMs + span * prng.real(0.2, 0.7), prng.real(9.5, 16));
      plan.newsletterRules.push({ persona: ruleUser, at });
    }
  }
  const team: Persona[] = [];
  for (let i = 0; i < vpnTeamSize(ctx.personas.length); i++) {
    const member = reservePersona(ctx, draw, (p) => !p.corporateVpn && p.stays.length === 1 && !p.commercialVpn);
    if (member) team.push(member);
  }
  planVpnTeam(ctx, prng.fork('vpn-team'), team);
  return plan;
}

export function newsletterRuleUsers(plan: HardCasePlan): Set<string> {
  return new Set(plan.newsletterRules.map((r) => r.persona.id));
}

/** Records what the planned hard cases leave behind: audits, method and rule snapshots, sign-ins. */
export function finishHardCases(ctx: GeneratorContext, prng: Prng, plan: HardCasePlan): void {
  for (const { persona: p, at } of plan.newPhones) {
    const stay = p.stays.find((s) => s.from <= at && at < s.to) ?? p.stays[0]!;
    const home = homeEndpoint(stay, localDayOf(at, stay.city.timeZone));
    const phone = deviceAt(p, 'phone', at + 1)!;
    const laptop = p.laptop;
    const who = p;
    ctx.builder.addSignIn(at - 3 * 60_000, () =>
      makeSignIn(prng.guid(), who, { t: at - 3 * 60_000, app: APPS.mySignins, endpoint: home, device: laptop.browser, clientAppUsed: 'Browser', interactive: true, status: STATUS.success, correlationId: prng.guid() }),
    );
    ctx.builder.addAudit(at, securityInfoAudit(prng, p, at, home.ip, 'User registered security info', 'User registered Authenticator App with Notification and Code'));
    const removedAt = at + prng.between(2, 9) * 60_000;
    ctx.builder.addAudit(removedAt, securityInfoAudit(prng, p, removedAt, home.ip, 'User deleted security info', 'User deleted Authenticator App with Notification and Code'));
    ctx.builder.addSignIn(at + 11 * 60_000, () =>
      makeSignIn(prng.guid(), who, { t: at + 11 * 60_000, app: APPS.outlookMobile, endpoint: home, device: phone.app, clientAppUsed: 'Mobile Apps and Desktop clients', interactive: true, status: STATUS.success, correlationId: prng.guid() }),
    );
    const current = ctx.builder.currentAuthenticationMethods(p.id);
    const added = authenticatorMethod(prng, at, phone.app.operatingSystem ?? null);
    ctx.builder.setAuthenticationMethods(p.id, at, [...current, added]);
    ctx.builder.setAuthenticationMethods(
      p.id,
      removedAt,
      [...current.filter((m) => m['@odata.type'] !== '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod'), added],
    );
    ctx.builder.addLabel({ kind: 'benign-hard-case', name: 'new-phone', userIds: [p.id], start: graphTime(at - 3 * 60_000), end: graphTime(at + 11 * 60_000) });
  }
  for (const { persona: p, at } of plan.newsletterRules) {
    const folderId = ctx.mailboxes.get(p.id)?.ids.get('Newsletters');
    if (!folderId) continue;
    const subs = ctx.subscriptions.get(p.id) ?? [];
    const senders = (subs.length > 0 ? subs : [0]).map((i) => NEWSLETTERS[i]!.from);
    const current = ctx.builder.currentInboxRules(p.id);
    const rule: GraphMessageRule = {
      id: ruleId(prng),
      displayName: 'Newsletters',
      sequence: current.length + 1,
      isEnabled: true,
      hasError: false,
      isReadOnly: false,
      conditions: { fromAddresses: senders.map((s) => ({ emailAddress: { name: s.name, address: s.address } })) },
      actions: { moveToFolder: folderId, stopProcessingRules: true },
    };
    ctx.builder.setInboxRules(p.id, at, [...current, rule]);
    ctx.builder.addLabel({ kind: 'benign-hard-case', name: 'newsletter-rule', userIds: [p.id], start: graphTime(at), end: graphTime(at) });
  }
}
