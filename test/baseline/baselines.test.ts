import { describe, expect, it } from 'vitest';
import type { SignInEvent } from '@lantern/shared';
import { Baselines } from '../../server/src/baseline/baselines.ts';
import { DAY_MS, Feature } from '../../server/src/baseline/feature.ts';
import { signInFacts } from '../../server/src/baseline/sign-in-facts.ts';
import { assessSource } from '../../server/src/baseline/source-assessment.ts';
import { COLLEAGUES, hoursAfter, nearby, places, routine, rule, ruleEvent, signIn, type Place } from '../../server/src/detections/case-builders.ts';

function learn(b: Baselines, events: SignInEvent[]): void {
  for (const e of [...events].sort((x, y) => (x.at < y.at ? -1 : 1))) b.observeSignIn(e, signInFacts(e, null));
}

function assess(b: Baselines, e: SignInEvent) {
  return assessSource(b, b.user(e.userId), e, signInFacts(e, null));
}

const START = '2026-03-01T00:00:00.000Z';
const day15 = hoursAfter(START, 15 * 24 + 10);

describe('baselines', () => {
  it('learns rule habits from rules present at the first snapshot (existing) as from created ones, not from deleted', () => {
    const b = new Baselines();
    const t = Date.parse(START);
    b.observeInboxRule(ruleEvent('alice', START, rule({ id: 'r1', moveToFolder: 'Newsletters' }), 'existing'), t);
    b.observeInboxRule(ruleEvent('alice', day15, rule({ id: 'r2', moveToFolder: 'Newsletters' })), Date.parse(day15));
    b.observeInboxRule(ruleEvent('alice', day15, rule({ id: 'r2', moveToFolder: 'Newsletters' }), 'deleted'), Date.parse(day15));
    const alice = b.user('alice')!;
    expect(alice.rulesCreated).toBe(2);
    expect(alice.ruleFolders.get('newsletters')).toBe(2);
    expect(b.org.rulesCreated).toBe(2);
  });

  it('learns a user\'s pattern incrementally and counts distinct users per value in the organisation', () => {
    const b = new Baselines();
    learn(b, routine(['alice', 'bob'], 3, () => places.paris));
    const alice = b.user('alice')!;
    expect(alice.activeDays).toBe(3);
    expect(alice.features[Feature.country]!.get('FR')!.days).toBe(3);
    expect(b.orgUsers(Feature.country, 'FR')).toBe(2);
    expect(b.orgUsers(Feature.country, 'FR', alice)).toBe(1);
    expect(b.org.activeUsers).toBe(2);
  });

  it('does not learn from failed sign-ins', () => {
    const b = new Baselines();
    learn(b, [signIn('alice', START, places.lagos, { success: false, errorCode: 50126 })]);
    expect(b.user('alice')).toBeUndefined();
    expect(b.orgUsers(Feature.country, 'NG')).toBe(0);
  });

  it('keeps a new user in a learning period', () => {
    const b = new Baselines();
    learn(b, routine(['alice'], 2, () => places.paris));
    expect(b.isLearning(b.user('alice'), Date.parse(START) + 2 * DAY_MS)).toBe(true);
    learn(b, routine(['alice'], 10, () => places.paris, hoursAfter(START, 48)));
    expect(b.isLearning(b.user('alice'), Date.parse(START) + 12 * DAY_MS)).toBe(false);
  });

  it('evicts values that left the window and keeps the organisation counts exact', () => {
    const b = new Baselines({ ...new Baselines().config, windowDays: 10, pruneEveryDays: 1 });
    learn(b, routine(['alice'], 2, () => places.lagos));
    learn(b, routine(['alice'], 20, () => places.paris, hoursAfter(START, 48)));
    expect(b.user('alice')!.features[Feature.country]!.has('NG')).toBe(false);
    expect(b.orgUsers(Feature.country, 'NG')).toBe(0);
    expect(b.orgUsers(Feature.country, 'FR')).toBe(1);
  });

  it('learns shared egress from many users on many days, not from a list', () => {
    const b = new Baselines();
    const vpn: Place = { ...places.london, ip: '81.2.69.160' };
    learn(b, routine(COLLEAGUES, 5, () => vpn));
    expect(b.isSharedEgress(vpn.ip, '81.2.69')).toBe(true);
    const few = new Baselines();
    learn(few, routine(COLLEAGUES.slice(0, 2), 5, () => vpn));
    expect(few.isSharedEgress(vpn.ip, '81.2.69')).toBe(false);
  });
});

describe('source rarity combines the user and the organisation', () => {
  const users = ['alice', ...COLLEAGUES];
  const history = routine(users, 14, (_u, i) => nearby(places.paris, i));

  it('a place new to the user but used daily by colleagues is less surprising than one nobody uses', () => {
    const b = new Baselines();
    learn(b, [...history, ...routine(COLLEAGUES, 14, (_u, i) => nearby(places.london, i))]);
    const colleaguesPlace = assess(b, signIn('alice', day15, nearby(places.london, 3)));
    const nobodysPlace = assess(b, signIn('alice', day15, places.lagos));
    expect(nobodysPlace.location).toBeGreaterThan(50);
    expect(colleaguesPlace.location).toBeLessThan(nobodysPlace.location / 2);
  });

  it('the user\'s own habits are not unusual', () => {
    const b = new Baselines();
    learn(b, history);
    expect(assess(b, signIn('alice', hoursAfter(START, 15 * 24 + 8), nearby(places.paris, 0))).score).toBe(0);
    // The same place at an hour the user never signs in adds only the small unusual-hour weight.
    const late = assess(b, signIn('alice', hoursAfter(START, 15 * 24 + 3), nearby(places.paris, 0)));
    expect(late.location).toBe(0);
    expect(late.habits).toBeGreaterThan(0);
  });

  it('judges nothing while the organisation itself is being learned', () => {
    const b = new Baselines();
    learn(b, routine(users, 2, (_u, i) => nearby(places.paris, i)));
    const a = assess(b, signIn('alice', hoursAfter(START, 50), places.lagos));
    expect(a.orgLearning).toBe(true);
    expect(a.score).toBe(0);
  });

  it('dampens location evidence behind shared egress', () => {
    const b = new Baselines();
    const vpn: Place = { ...places.newYork };
    learn(b, [...history, ...routine(COLLEAGUES, 14, () => vpn)]);
    const a = assess(b, signIn('alice', day15, vpn));
    expect(a.sharedEgress).toBe(true);
    expect(a.location).toBeLessThan(15);
  });
});
