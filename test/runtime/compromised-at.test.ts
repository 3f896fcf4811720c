import { describe, expect, it } from 'vitest';
import type { Incident } from '@lantern/shared';
import { compromisedAt, openIncidentOf } from '../../server/src/runtime/start-lantern.ts';

const incident = (severity: Incident['severity'], users: string[], start: string): Incident =>
  ({ id: 'inc', severity, score: 80, users, start, end: start, breaches: [], narrative: '' }) as unknown as Incident;

describe('compromisedAt', () => {
  const engine = { incidents: () => [incident('critical', ['Brian.Berg@contoso.com'], '2026-10-25T21:00:00Z'), incident('medium', ['ann@contoso.com'], '2026-10-01T00:00:00Z')] };

  it('names an account in an open high or critical incident once the incident has started', () => {
    expect(compromisedAt(engine, 'brian.berg@contoso.com', '2026-10-26T09:00:00Z')).toBe(true);
    expect(compromisedAt(engine, 'brian.berg@contoso.com', '2026-10-25T08:00:00Z')).toBe(false);
  });

  it('ignores medium incidents and other users', () => {
    expect(compromisedAt(engine, 'ann@contoso.com', '2026-10-26T09:00:00Z')).toBe(false);
    expect(compromisedAt(engine, 'carol@contoso.com', '2026-10-26T09:00:00Z')).toBe(false);
  });

  it('names the incident for the mail scorer', () => {
    expect(openIncidentOf(engine, 'BRIAN.BERG@contoso.com', '2026-10-26T09:00:00Z')).toEqual({ incidentId: 'inc', severity: 'critical', since: '2026-10-25T21:00:00Z' });
    expect(openIncidentOf(engine, 'ann@contoso.com', '2026-10-26T09:00:00Z')).toBeNull();
  });
});

describe('compromisedAt after the incident is closed', () => {
  const engine = { incidents: () => [incident('critical', ['brian.berg@contoso.com'], '2026-10-25T21:00:00Z')] };
  const resolvedAt = (id: string) => (id === 'inc' ? '2026-10-27T12:00:00.000Z' : null);

  it('still holds mail received during the compromise, and no longer mail received after the resolution', () => {
    expect(compromisedAt(engine, 'brian.berg@contoso.com', '2026-10-26T09:00:00Z', resolvedAt)).toBe(true);
    expect(compromisedAt(engine, 'brian.berg@contoso.com', '2026-10-27T12:30:00Z', resolvedAt)).toBe(false);
    expect(compromisedAt(engine, 'brian.berg@contoso.com', '2026-10-27T12:30:00Z', () => null)).toBe(true);
  });

  it('holds again when the account shows new incident activity after the resolution', () => {
    const later = { incidents: () => [{ ...incident('critical', ['brian.berg@contoso.com'], '2026-10-25T21:00:00Z'), end: '2026-10-28T08:00:00Z' }] };
    expect(compromisedAt(later, 'brian.berg@contoso.com', '2026-10-28T09:00:00Z', resolvedAt)).toBe(true);
  });
});
