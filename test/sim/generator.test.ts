// The generator's contract: deterministic from the seed, Graph-shaped records, unique ids, times inside the
// period and sorted, consistent snapshots, folders and labels.
import { describe, expect, it } from 'vitest';
import { generateScenario, DEFAULT_END } from '../../server/src/sim/generator/generate.ts';
import { GeneratorOptionsError } from '../../server/src/sim/generator/generator-options-error.ts';
import { lanternMailboxOf } from '../../server/src/sim/generator/lantern-mailbox.ts';
import { FIXTURE_OPTIONS, fixtureScenario, ms } from './generator-fixture.ts';

describe('generateScenario: determinism', () => {
  it('gives identical output for the same seed and different output for another seed', () => {
    const small = { users: 15, days: 7, seed: 99 };
    const a = JSON.stringify(generateScenario(small));
    const b = JSON.stringify(generateScenario(small));
    const c = JSON.stringify(generateScenario({ ...small, seed: 100 }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('uses a fixed default end, never the wall clock', () => {
    const s = generateScenario({ users: 3, days: 2, seed: 1, mail: false });
    expect(s.end).toBe(DEFAULT_END);
    expect(ms(s.end) - ms(s.start)).toBe(2 * 86_400_000);
    const t = generateScenario({ users: 3, days: 2, seed: 1, start: '2025-01-06T00:00:00Z', mail: false });
    expect(t.start).toBe('2025-01-06T00:00:00.000Z');
    expect(t.end).toBe('2025-01-08T00:00:00.000Z');
  });

  it('rejects out-of-range options with a typed error naming the option', () => {
    expect(() => generateScenario({ users: 0, days: 1, seed: 1 })).toThrow(GeneratorOptionsError);
    expect(() => generateScenario({ users: 1, days: 1.5, seed: 1 })).toThrow(/days/);
    expect(() => generateScenario({ users: 1, days: 1, seed: 1, end: 'yesterday' })).toThrow(/end/);
  });
});

describe('generateScenario: shape', () => {
  const s = fixtureScenario();
  const start = ms(s.start);
  const end = ms(s.end);

  it('has the tenant, users at the tenant domain and one folder record per user', () => {
    expect(s.version).toBe(1);
    // The people asked for, then the tenant's dedicated Lantern mailbox.
    expect(s.users).toHaveLength(FIXTURE_OPTIONS.users + 1);
    const domain = s.tenant.domains[0]!;
    for (const u of s.users!) {
      expect(u.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(u.userPrincipalName.endsWith(`@${domain}`)).toBe(true);
      expect(u.displayName && u.city && u.country && u.department && u.jobTitle).toBeTruthy();
    }
    expect(new Set(s.users!.map((u) => u.userPrincipalName)).size).toBe(s.users!.length);
    expect(new Set(s.mailFolders!.map((f) => f.userId))).toEqual(new Set(s.users!.map((u) => u.id)));
    for (const f of s.mailFolders!) {
      const names = f.folders.map((x) => x.displayName);
      for (const n of ['Inbox', 'Sent Items', 'Deleted Items', 'Junk Email', 'Archive', 'Conversation History', 'RSS Feeds', 'RSS Subscriptions']) expect(names).toContain(n);
    }
  });

  it('adds a dedicated Lantern mailbox with no sign-ins, audits, mail or rules, after the people', () => {
    const lantern = lanternMailboxOf(s);
    expect(lantern).not.toBeNull();
    expect(s.users!.at(-1)).toBe(lantern);
    expect(lantern!.userPrincipalName).toBe(`lantern@${s.tenant.domains[0]}`);
    expect(lantern!.displayName).toBe('Lantern Security');
    expect(s.signIns!.some((x) => x.userId === lantern!.id)).toBe(false);
    expect(s.directoryAudits!.some((a) => JSON.stringify(a).includes(lantern!.id))).toBe(false);
    expect(s.messages!.some((m) => m.userId === lantern!.id || JSON.stringify(m.message).includes(lantern!.userPrincipalName))).toBe(false);
    expect(s.inboxRules!.filter((r) => r.userId === lantern!.id).every((r) => r.rules.length === 0)).toBe(true);
    expect((s.labels ?? []).some((l) => l.userIds.includes(lantern!.id))).toBe(false);
    // The people's records do not change with it.
    const without = generateScenario({ ...FIXTURE_OPTIONS, lanternMailbox: false });
    expect(lanternMailboxOf(without)).toBeNull();
    expect(without.users).toEqual(s.users!.slice(0, -1));
    expect(without.signIns).toEqual(s.signIns);
  });

  it('writes every sign-in with the Graph fields, in time order, inside the period', () => {
    const userIds = new Set(s.users!.map((u) => u.id));
    const problems: string[] = [];
    let previous = -Infinity;
    for (const x of s.signIns!) {
      const t = ms(x.createdDateTime);
      const bad = (why: string): void => void problems.push(`${x.id}: ${why}`);
      if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(x.createdDateTime)) bad('createdDateTime format');
      if (!(t >= start && t < end)) bad('outside the period');
      if (t < previous) bad('out of order');
      previous = t;
      if (!userIds.has(x.userId)) bad('unknown user');
      if (!/^\d+\.\d+\.\d+\.\d+$/.test(x.ipAddress ?? '')) bad('ipAddress');
      if (typeof x.isInteractive !== 'boolean') bad('isInteractive');
      if (typeof x.status?.errorCode !== 'number') bad('status.errorCode');
      if (!(x.appId && x.appDisplayName && x.clientAppUsed && x.correlationId && x.resourceId)) bad('app fields');
      if (!/^[A-Z]{2}$/.test(x.location?.countryOrRegion ?? '')) bad('location.countryOrRegion');
      if (typeof x.location?.geoCoordinates?.latitude !== 'number') bad('geoCoordinates');
      if (typeof x.deviceDetail?.operatingSystem !== 'string') bad('deviceDetail.operatingSystem');
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(s.signIns!.some((x) => x.isInteractive)).toBe(true);
    expect(s.signIns!.some((x) => !x.isInteractive)).toBe(true);
    expect(s.signIns!.some((x) => x.status?.errorCode === 50126)).toBe(true);
  });

  it('gives every record a unique id', () => {
    const unique = (ids: string[]): void => expect(new Set(ids).size).toBe(ids.length);
    unique(s.signIns!.map((x) => x.id));
    unique(s.directoryAudits!.map((x) => x.id));
    unique(s.messages!.map((m) => m.message.id));
    unique(s.mailFolders!.flatMap((f) => f.folders.map((x) => x.id)));
  });

  it('keeps audits, messages and snapshots in time order inside the period', () => {
    const inOrder = (times: number[]): void => {
      for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThanOrEqual(times[i - 1]!);
      for (const t of times) expect(t >= start && t < end).toBe(true);
    };
    inOrder(s.directoryAudits!.map((a) => ms(a.activityDateTime)));
    inOrder(s.messages!.map((m) => ms(m.message.receivedDateTime)));
    inOrder(s.authenticationMethods!.map((m) => ms(m.at)));
    inOrder(s.inboxRules!.map((m) => ms(m.at)));
  });

  it('starts every user with a method and a rule snapshot at the period start', () => {
    for (const u of s.users!) {
      const methods = s.authenticationMethods!.filter((m) => m.userId === u.id);
      expect(methods[0]?.at).toBe(s.start.replace('.000Z', 'Z'));
      expect(methods[0]!.methods.some((m) => m['@odata.type'] === '#microsoft.graph.passwordAuthenticationMethod')).toBe(true);
      expect(s.inboxRules!.filter((r) => r.userId === u.id)[0]?.at).toBe(s.start.replace('.000Z', 'Z'));
    }
  });

  it('files every message in a folder of its own mailbox, with MIME that matches the JSON', () => {
    const folders = new Map(s.mailFolders!.map((f) => [f.userId, f.folders]));
    const wellKnown = new Set(['inbox', 'sentitems', 'deleteditems', 'junkemail', 'archive']);
    for (const m of s.messages!) {
      const own = folders.get(m.userId)!;
      expect(wellKnown.has(m.folder) || own.some((f) => f.displayName === m.folder || f.id === m.folder)).toBe(true);
      expect(own.some((f) => f.id === m.message.parentFolderId)).toBe(true);
      const headers = m.message.internetMessageHeaders!;
      expect(headers.some((h) => h.name === 'Message-ID' && h.value === m.message.internetMessageId)).toBe(true);
      expect(m.mime).toContain(`Subject: ${m.message.subject}`);
      expect(m.mime).toContain(`Message-ID: ${m.message.internetMessageId}`);
      if (m.folder !== 'sentitems') expect(headers.some((h) => h.name === 'Authentication-Results')).toBe(true);
    }
    const subjects = s.messages!.map((m) => m.message.subject ?? '');
    expect(subjects.some((x) => x.startsWith('Invoice '))).toBe(true);
    expect(s.messages!.some((m) => m.message.internetMessageHeaders!.some((h) => h.name === 'List-Unsubscribe'))).toBe(true);
  });

  it('labels every attack and hard case with users that exist and a window inside the period', () => {
    const ids = new Set(s.users!.map((u) => u.id));
    const names = new Set(s.labels!.map((l) => l.name));
    for (const n of ['classic-chain', 'mfa-fatigue', 'password-spray', 'device-code', 'external-forwarding', 'legacy-imap', 'traveller', 'vpn-hopper', 'new-phone', 'newsletter-rule', 'moved-city']) {
      expect(names).toContain(n);
    }
    for (const l of s.labels!) {
      expect(l.userIds.length).toBeGreaterThan(0);
      for (const id of l.userIds) expect(ids.has(id)).toBe(true);
      expect(ms(l.start)).toBeLessThanOrEqual(ms(l.end));
      expect(ms(l.start)).toBeGreaterThanOrEqual(start);
      expect(ms(l.end)).toBeLessThanOrEqual(end + 3_600_000);
      if (l.kind === 'attack') {
        expect(l.attackerIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
        expect(l.expectedModels?.length).toBeGreaterThan(0);
      }
    }
    expect(s.labels!.filter((l) => l.name === 'classic-chain')).toHaveLength(2);
  });
});
