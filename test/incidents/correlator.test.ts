import { describe, expect, it } from 'vitest';
import type { Breach } from '@lantern/shared';
import { Correlator, scoreIncident } from '../../server/src/incidents/correlator.ts';

function breach(model: string, user: string, at: string, score: number, sources: string[] = [], text = `evidence for ${user}`): Breach {
  return { id: `${model}:${user}:${at}`, model, userId: user, user: `${user}@contoso.com`, at, score, reasons: [{ code: 'x.y', text }], eventId: `${user}:${at}`, sources };
}
const t = (iso: string) => Date.parse(iso);

function correlate(bs: Breach[]): Correlator {
  const c = new Correlator();
  for (const b of bs) c.add(b, t(b.at));
  return c;
}

describe('incident scoring', () => {
  it('makes the full chain (unusual login → MFA change → hidden rule) critical', () => {
    const chain = [
      breach('saas.unusual-credential-source', 'alice', '2026-03-02T09:00:00Z', 40, ['ip:102.89.32.7']),
      breach('saas.unusual-login-account-update', 'alice', '2026-03-03T09:00:00Z', 60, ['ip:102.89.32.7']),
      breach('saas.anomalous-new-email-rule', 'alice', '2026-03-03T09:30:00Z', 40),
    ];
    const [inc] = correlate(chain).incidents();
    expect(inc!.severity).toBe('critical');
    expect(inc!.breaches).toHaveLength(3);
    expect(inc!.narrative).toContain('account-takeover chain');
  });

  it('keeps a lone trip abroad (unusual sign-in and impossible travel) below high', () => {
    const trip = [
      breach('saas.unusual-credential-source', 'bob', '2026-03-02T09:00:00Z', 47, ['ip:113.160.5.9']),
      breach('saas.impossible-travel', 'bob', '2026-03-02T09:00:00Z', 47, ['ip:113.160.5.9']),
    ];
    const [inc] = correlate(trip).incidents();
    expect(inc!.severity).toBe('medium');
  });

  it('adds only the strongest chain bonus', () => {
    const s = scoreIncident([breach('saas.unusual-credential-source', 'a', '2026-03-02T09:00:00Z', 30), breach('saas.unusual-login-account-update', 'a', '2026-03-02T10:00:00Z', 50)], 1);
    expect(s.chains.map((c) => c.name)).toEqual(['durable-access']);
    expect(s.score).toBe(Math.round(50 + 0.3 * 30 + 5));
  });
});

describe('correlation', () => {
  it('joins a user\'s breaches within the window and separates them after it', () => {
    const c = correlate([
      breach('saas.unusual-credential-source', 'alice', '2026-03-02T09:00:00Z', 30),
      breach('saas.anomalous-new-email-rule', 'alice', '2026-03-04T09:00:00Z', 30),
      breach('saas.unusual-credential-source', 'alice', '2026-03-20T09:00:00Z', 30),
    ]);
    expect(c.incidents().map((i) => i.breaches.length).sort()).toEqual([1, 2]);
  });

  it('puts a victim who later signs in from the attacker\'s address in the same incident, and merges incidents a source links', () => {
    const c = correlate([
      breach('saas.unusual-credential-source', 'alice', '2026-03-02T09:00:00Z', 40, ['ip:45.77.10.33']),
      breach('saas.unusual-credential-source', 'carol', '2026-03-02T10:00:00Z', 40, ['ip:198.51.100.1']),
      breach('saas.sign-in-from-attacker-source', 'bob', '2026-03-05T09:00:00Z', 40, ['ip:45.77.10.33']),
      breach('saas.unusual-login-account-update', 'carol', '2026-03-06T09:00:00Z', 60, ['ip:45.77.10.33', 'ip:198.51.100.1']),
    ]);
    const incidents = c.incidents();
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.users).toEqual(['alice@contoso.com', 'bob@contoso.com', 'carol@contoso.com']);
    expect(incidents[0]!.narrative).toContain('the same source reached bob@contoso.com');
  });

  it('does not correlate users on a coarse source such as an ASN', () => {
    const c = correlate([
      breach('saas.unusual-credential-source', 'alice', '2026-03-02T09:00:00Z', 40, ['asn:20473']),
      breach('saas.unusual-credential-source', 'bob', '2026-03-02T10:00:00Z', 40, ['asn:20473']),
    ]);
    expect(c.incidents()).toHaveLength(2);
  });
});

describe('narrative', () => {
  const breaches = [
    breach('saas.unusual-credential-source', 'alice', '2026-03-02T09:00:00Z', 40, ['ip:102.89.32.7'], 'alice@contoso.com signed in from Lagos, NG (102.89.32.7), new for the user'),
    breach('saas.unusual-credential-source', 'alice', '2026-03-02T11:00:00Z', 40, ['ip:102.89.32.7'], 'again from Lagos'),
    breach('saas.unusual-login-account-update', 'alice', '2026-03-03T09:00:00Z', 60, ['ip:102.89.32.7'], 'alice@contoso.com registered "Authenticator App" 24 hours after the sign-in from Lagos'),
  ];

  it('tells who, when, from where and what followed, in time order, with repeats counted', () => {
    const n = correlate(breaches).incidents()[0]!.narrative;
    expect(n).toMatch(/^(High|Critical) incident \(score \d+\) for alice@contoso\.com, from 2026-03-02 09:00 UTC to 2026-03-03 09:00 UTC/);
    expect(n.indexOf('Lagos, NG')).toBeLessThan(n.indexOf('registered "Authenticator App"'));
    expect(n).toContain('breached 1 more time for alice@contoso.com, until 2026-03-02 11:00 UTC');
    expect(n).not.toContain('again from Lagos');
  });

  it('is deterministic: the same breaches in another arrival order give the same words', () => {
    const a = correlate(breaches).incidents()[0]!;
    const b = correlate([...breaches].reverse()).incidents()[0]!;
    expect(b.narrative).toBe(a.narrative);
    expect(b.score).toBe(a.score);
  });
});
