// Injected attacks: each chain is present, in order, from one attacker IP, and matches its label.
import type { ScenarioLabel } from '@lantern/shared';
import { describe, expect, it } from 'vitest';
import { generateScenario } from '../../server/src/sim/generator/generate.ts';
import { fixtureScenario, ms, signInsOf } from './generator-fixture.ts';

const s = fixtureScenario();
const labels = (name: string): ScenarioLabel[] => s.labels!.filter((l) => l.name === name);
const upnOf = new Map(s.users!.map((u) => [u.id, u.userPrincipalName]));

describe('classic chain', () => {
  const chains = labels('classic-chain');

  it('is injected once by default and as many times as asked', () => {
    const def = generateScenario({ users: 20, days: 10, seed: 3, mail: false, hardCases: false });
    expect(def.labels!.filter((l) => l.kind === 'attack').map((l) => l.name)).toEqual(['classic-chain']);
    const none = generateScenario({ users: 20, days: 10, seed: 3, mail: false, hardCases: false, attacks: [] });
    expect(none.labels).toEqual([]);
    expect(chains).toHaveLength(2);
    expect(new Set(chains.map((c) => c.attackerIp)).size).toBe(2);
  });

  for (const [i, chain] of chains.entries()) {
    describe(`chain ${i + 1}`, () => {
      const victim = chain.userIds[0]!;
      const ip = chain.attackerIp!;
      const mine = signInsOf(s, victim);
      const fromAttacker = mine.filter((x) => x.ipAddress === ip);
      const first = fromAttacker[0]!;
      const t0 = ms(first.createdDateTime);

      it('expects the four models', () => {
        expect(chain.expectedModels).toEqual([
          'saas.unusual-credential-source',
          'saas.unusual-login-account-update',
          'saas.anomalous-new-email-rule',
          'saas.unusual-login-new-email-rule',
        ]);
        expect(ms(chain.start)).toBe(t0);
      });

      it('starts with a successful interactive sign-in from a new country on an unfamiliar device', () => {
        expect(first.isInteractive).toBe(true);
        expect(first.status?.errorCode).toBe(0);
        const before = mine.filter((x) => ms(x.createdDateTime) < t0);
        expect(before.length).toBeGreaterThan(50);
        const countries = new Set(before.map((x) => x.location?.countryOrRegion));
        expect(countries.has(first.location?.countryOrRegion)).toBe(false);
        const devices = new Set(before.map((x) => `${x.deviceDetail?.operatingSystem}|${x.deviceDetail?.browser}|${x.deviceDetail?.deviceId}`));
        expect(devices.has(`${first.deviceDetail?.operatingSystem}|${first.deviceDetail?.browser}|${first.deviceDetail?.deviceId}`)).toBe(false);
      });

      const audit = s.directoryAudits!.find((a) => a.targetResources?.[0]?.id === victim && a.initiatedBy?.user?.ipAddress === ip)!;
      it('registers an Authenticator app from the same IP within a day', () => {
        expect(audit).toBeDefined();
        expect(audit.activityDisplayName).toBe('User registered security info');
        expect(audit.loggedByService).toBe('Authentication Methods');
        expect(audit.category).toBe('UserManagement');
        expect(audit.resultReason).toBe('User registered Authenticator App with Notification and Code');
        expect(audit.initiatedBy?.user?.userPrincipalName).toBe(upnOf.get(victim));
        const dt = ms(audit.activityDateTime) - t0;
        expect(dt).toBeGreaterThan(0);
        expect(dt).toBeLessThan(86_400_000);
        const snaps = s.authenticationMethods!.filter((m) => m.userId === victim);
        const after = snaps.find((m) => ms(m.at) >= ms(audit.activityDateTime) - 1000)!;
        const prior = snaps.filter((m) => ms(m.at) < ms(audit.activityDateTime) - 1000).at(-1)!;
        const authenticators = (list: typeof after.methods): number => list.filter((m) => m['@odata.type'] === '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod').length;
        expect(authenticators(after.methods)).toBe(authenticators(prior.methods) + 1);
      });

      const ruleSnap = s.inboxRules!.filter((r) => r.userId === victim).at(-1)!;
      const rule = ruleSnap.rules.at(-1)!;
      it('then creates a punctuation-named rule moving all mail, read, to RSS Feeds', () => {
        expect(ms(ruleSnap.at)).toBeGreaterThan(ms(audit.activityDateTime));
        expect(rule.displayName).toMatch(/^[\s.,;]+$/);
        const rss = s.mailFolders!.find((f) => f.userId === victim)!.folders.find((f) => f.displayName === 'RSS Feeds')!;
        expect(rule.actions).toEqual({ moveToFolder: rss.id, markAsRead: true, stopProcessingRules: true });
        expect(rule.conditions ?? {}).toEqual({});
        // Exchange activity from the attacker's IP just before the rule appears.
        expect(fromAttacker.some((x) => Math.abs(ms(x.createdDateTime) - ms(ruleSnap.at)) < 5 * 60_000)).toBe(true);
      });

      const phish = s.messages!.filter((m) => m.message.from?.emailAddress.address === upnOf.get(victim) && m.message.body?.content.includes('docsend.com/view/'));
      it('then sends a document-share lure with a DocSend link to colleagues', () => {
        const inboxes = phish.filter((m) => m.folder === 'inbox');
        expect(inboxes.length).toBeGreaterThanOrEqual(5);
        for (const m of inboxes) {
          expect(m.userId).not.toBe(victim);
          expect(ms(m.message.receivedDateTime)).toBeGreaterThan(ms(ruleSnap.at));
          expect(m.message.body!.content).toMatch(/<a href="https:\/\/docsend\.com\/view\/[a-z0-9]+"[^>]*>Click Here<\/a>/);
          expect(m.mime).toContain('https://docsend.com/view/');
          expect(m.message.internetMessageHeaders!.find((h) => h.name === 'X-MS-Exchange-Organization-AuthAs')?.value).toBe('Internal');
        }
        expect(phish.some((m) => m.folder === 'sentitems' && m.userId === victim)).toBe(true);
      });

      it('and some recipients then sign in from the attacker\'s IP', () => {
        const recipients = new Set(phish.filter((m) => m.folder === 'inbox').map((m) => m.userId));
        const secondary = chain.userIds.slice(1);
        expect(secondary.length).toBeGreaterThan(0);
        const sent = Math.min(...phish.map((m) => ms(m.message.receivedDateTime)));
        for (const id of secondary) {
          expect(recipients.has(id)).toBe(true);
          const hit = signInsOf(s, id).filter((x) => x.ipAddress === ip);
          expect(hit.length).toBeGreaterThan(0);
          expect(ms(hit[0]!.createdDateTime)).toBeGreaterThan(sent);
        }
        expect(ms(chain.end)).toBeGreaterThanOrEqual(Math.max(...s.signIns!.filter((x) => x.ipAddress === ip).map((x) => ms(x.createdDateTime))));
      });

      it('moves the victim\'s later mail to RSS Feeds, read', () => {
        const later = s.messages!.filter((m) => m.userId === victim && m.folder !== 'sentitems' && ms(m.message.receivedDateTime) > ms(ruleSnap.at));
        for (const m of later) {
          expect(m.folder).toBe('RSS Feeds');
          expect(m.message.isRead).toBe(true);
        }
      });
    });
  }
});

describe('attack variants', () => {
  const byIp = (ip: string) => s.signIns!.filter((x) => x.ipAddress === ip);

  it('mfa-fatigue: many 500121 denials, then a success, from one IP', () => {
    const l = labels('mfa-fatigue')[0]!;
    const seq = byIp(l.attackerIp!).filter((x) => x.isInteractive);
    const denied = seq.filter((x) => x.status?.errorCode === 500121);
    expect(denied.length).toBeGreaterThanOrEqual(8);
    const success = seq.find((x) => x.status?.errorCode === 0)!;
    expect(ms(success.createdDateTime)).toBeGreaterThan(ms(denied.at(-1)!.createdDateTime));
    expect(new Set(seq.map((x) => x.userId))).toEqual(new Set(l.userIds));
  });

  it('password-spray: one IP, many users, 50126', () => {
    const l = labels('password-spray')[0]!;
    const seq = byIp(l.attackerIp!);
    expect(new Set(seq.map((x) => x.userId)).size).toBeGreaterThanOrEqual(20);
    expect(seq.filter((x) => x.status?.errorCode === 50126).length).toBeGreaterThanOrEqual(seq.length - 1);
  });

  it('device-code: an Azure CLI token by device code from the attacker', () => {
    const l = labels('device-code')[0]!;
    const seq = byIp(l.attackerIp!);
    expect(seq[0]!.authenticationProtocol).toBe('deviceCode');
    expect(seq.every((x) => x.appDisplayName === 'Microsoft Azure CLI' && x.userId === l.userIds[0])).toBe(true);
  });

  it('external-forwarding: a new rule forwarding to a gmail.com address after the unusual sign-in', () => {
    const l = labels('external-forwarding')[0]!;
    const snap = s.inboxRules!.filter((r) => r.userId === l.userIds[0]).at(-1)!;
    const forwardTo = snap.rules.at(-1)!.actions?.forwardTo?.[0]?.emailAddress.address;
    expect(forwardTo).toMatch(/@gmail\.com$/);
    expect(ms(snap.at)).toBeGreaterThan(ms(byIp(l.attackerIp!)[0]!.createdDateTime));
  });

  it('legacy-imap: IMAP4 sign-ins from a hosting IP', () => {
    const l = labels('legacy-imap')[0]!;
    const seq = byIp(l.attackerIp!);
    expect(seq.length).toBeGreaterThan(5);
    expect(seq.every((x) => x.clientAppUsed === 'IMAP4')).toBe(true);
    expect(seq.some((x) => x.status?.errorCode === 0)).toBe(true);
  });
});
