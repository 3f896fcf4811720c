import { describe, expect, it } from 'vitest';
import { scenarioToEvents } from '../../server/src/identity/scenario-events.ts';
import { attackScenario } from './graph-scenario.ts';

describe('scenarioToEvents', () => {
  const { events, skipped, problems } = scenarioToEvents(attackScenario());

  it('orders events by time and counts invalid records as skipped', () => {
    for (let i = 1; i < events.length; i++) expect(events[i - 1]!.at <= events[i]!.at).toBe(true);
    expect(skipped).toBe(1);
    expect(problems[0]).toContain('broken');
  });

  it('feeds the method snapshot read after a security-info audit into methodsAfter, and ignores other audits', () => {
    const sec = events.filter((e) => e.kind === 'securityInfo');
    expect(sec).toHaveLength(1);
    expect(sec[0]!.kind === 'securityInfo' && sec[0]!.methodsAfter?.map((m) => m.type)).toEqual(['phone', 'authenticator']);
  });

  it('turns rule snapshots into diffs, treating the first snapshot at the start as the existing state', () => {
    const all = events.filter((e) => e.kind === 'inboxRule');
    // The first snapshot's rules are reported as existing (state), as the live poller does; only later diffs are changes.
    const existing = all.filter((e) => e.kind === 'inboxRule' && e.change === 'existing');
    expect(existing.map((e) => (e.kind === 'inboxRule' ? [e.rule.id, e.at, e.id] : null))).toEqual([
      ['rule-n', '2026-03-01T00:00:00.000Z', 'id-alice:rule-n:existing:2026-03-01T00:00:00.000Z'],
    ]);
    const rules = all.filter((e) => !existing.includes(e));
    expect(rules).toHaveLength(1);
    const r = rules[0]!;
    expect(r.kind === 'inboxRule' && r.change).toBe('created');
    expect(r.kind === 'inboxRule' && r.rule.moveToFolder).toBe('RSS Feeds');
    expect(r.upn).toBe('alice@contoso.com');
  });

  it('is pure: the same scenario gives the same events', () => {
    expect(scenarioToEvents(attackScenario()).events.map((e) => e.id).slice(-5)).toEqual(events.map((e) => e.id).slice(-5));
  });
});
