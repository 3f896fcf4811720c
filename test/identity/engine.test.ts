import { describe, expect, it } from 'vitest';
import { IdentityEngine } from '../../server/src/identity/engine.ts';
import { replayScenario } from '../../server/src/identity/replay.ts';
import { scenarioToEvents } from '../../server/src/identity/scenario-events.ts';
import { ATTACKER_IP, attackScenario } from './graph-scenario.ts';

describe('IdentityEngine on the seed case', () => {
  const scenario = attackScenario();
  const { events } = scenarioToEvents(scenario);

  it('raises the chain and correlates it into one critical incident that the second victim joins', () => {
    const engine = new IdentityEngine({ tenantDomains: scenario.tenant.domains });
    const breaches = engine.ingest(events);
    const models = new Set(breaches.map((b) => b.model));
    for (const m of ['saas.unusual-credential-source', 'saas.unusual-login-account-update', 'saas.anomalous-new-email-rule', 'saas.unusual-login-new-email-rule', 'saas.sign-in-from-attacker-source']) {
      expect(models.has(m), m).toBe(true);
    }
    const incidents = engine.incidents();
    expect(incidents).toHaveLength(1);
    const inc = incidents[0]!;
    expect(inc.severity).toBe('critical');
    expect(inc.users).toEqual(['alice@contoso.com', 'bob@contoso.com']);
    expect(inc.narrative).toContain('Lagos, NG');
    expect(inc.narrative).toContain(ATTACKER_IP);
    expect(inc.narrative).toContain('Authenticator App with Notification and Code');
    expect(inc.narrative).toContain('RSS Feeds');
  });

  it('gives the same result fed event by event as in one batch, and drops duplicates', () => {
    const a = new IdentityEngine({ tenantDomains: ['contoso.com'] });
    a.ingest(events);
    const b = new IdentityEngine({ tenantDomains: ['contoso.com'] });
    for (const e of events) b.ingest([e]);
    // Pollers overlap their windows: the same records again, within the dedupe window, are dropped.
    const lastT = Date.parse(events[events.length - 1]!.at);
    const overlap = events.filter((e) => Date.parse(e.at) >= lastT - 24 * 3_600_000);
    b.ingest(overlap);
    expect(overlap.length).toBeGreaterThan(0);
    expect(b.stats.duplicates).toBe(overlap.length);
    expect(b.incidents()).toEqual(a.incidents());
  });

  it('forgets incidents after the retention period, so a live engine stays bounded', () => {
    const engine = new IdentityEngine({ tenantDomains: ['contoso.com'] });
    engine.ingest(events);
    expect(engine.incidents()).toHaveLength(1);
    const later = events.find((e) => e.kind === 'signIn' && e.upn === 'carol@contoso.com')!;
    engine.ingest([{ ...later, id: 'much-later', at: new Date(Date.parse(later.at) + 200 * 86_400_000).toISOString() }]);
    expect(engine.incidents()).toEqual([]);
    expect(engine.breaches()).toEqual([]);
  });

  it('raises nothing for the same tenant without the attack', () => {
    const quiet = events.filter((e) => !(e.kind === 'signIn' && e.ip === ATTACKER_IP) && e.kind !== 'securityInfo' && e.kind !== 'inboxRule');
    const engine = new IdentityEngine({ tenantDomains: ['contoso.com'] });
    expect(engine.ingest(quiet)).toEqual([]);
  });
});

describe('replayScenario', () => {
  it('shapes the replay document: incidents, every breach, stats', () => {
    const r = replayScenario(attackScenario());
    expect(r.stats.records).toBe(attackScenario().signIns!.length + 2 + 2 + 2);
    expect(r.stats.skipped).toBe(1);
    expect(r.incidents[0]).toMatchObject({ severity: 'critical', users: ['alice@contoso.com', 'bob@contoso.com'] });
    expect(Object.keys(r.incidents[0]!).sort()).toEqual(['breaches', 'end', 'id', 'narrative', 'persistence', 'score', 'severity', 'start', 'users']);
    expect(Object.keys(r.breaches[0]!).sort()).toEqual(['at', 'model', 'reasons', 'score', 'user']);
    expect(r.breaches.length).toBe(r.incidents.reduce((n, i) => n + i.breaches.length, 0));
  });
});
