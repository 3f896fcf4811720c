// Suppression keeps alerts quiet, never evidence: every rule, forward and MFA method an attacker created is
// listed in the incident with what to undo, and narratives never print empty fields.
import { describe, expect, it } from 'vitest';
import type { DomainEvent, Incident } from '@lantern/shared';
import { dayAfter, hoursAfter, office, places, rule, ruleEvent, securityInfo, signIn } from '../../server/src/detections/case-builders.ts';
import { IdentityEngine } from '../../server/src/identity/engine.ts';
import { persistenceOf } from '../../server/src/incidents/persistence.ts';

const DOMAINS = ['contoso.com'];

function run(events: DomainEvent[]): { engine: IdentityEngine; incidents: Incident[] } {
  const engine = new IdentityEngine({ tenantDomains: DOMAINS });
  engine.ingest([...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)));
  return { engine, incidents: engine.incidents() };
}

/** The staged takeover of the real export: a sign-in from Lagos, a new Authenticator, then 38 hiding rules. */
function takeover(rules = 38): DomainEvent[] {
  const login = signIn('alice', dayAfter(14, 9), places.lagos);
  const hiding = Array.from({ length: rules }, (_, i) =>
    ruleEvent('alice', hoursAfter(login.at, 1 + i / 60), rule({ id: `r${i}`, name: i === 0 ? '.' : `..${i}`, hasConditions: true, conditionTerms: ['invoice', 'payment'], moveToFolder: 'RSS Feeds', markAsRead: true, stopProcessing: true })),
  );
  return [...office(), login, securityInfo('alice', hoursAfter(login.at, 0.5), { ip: places.lagos.ip }), ...hiding];
}

/** Empty slots a template left behind: "from  (", "()", " ,", ": .". */
const EMPTY_FIELD = /\s{2}|\(\s*\)|\s,|:\s*\.|\bnull\b|\bundefined\b/;

describe('incidents list all the persistence', () => {
  it('lists all 38 hiding rules and the MFA method of one attacker, although 37 rule alerts were suppressed', () => {
    const { engine, incidents } = run(takeover());
    expect(engine.stats.suppressed).toBeGreaterThanOrEqual(37);
    const inc = incidents.find((i) => i.users.includes('alice@contoso.com'))!;
    expect(inc.severity === 'high' || inc.severity === 'critical').toBe(true);
    const rules = inc.persistence.filter((p) => p.kind === 'inbox-rule');
    expect(rules).toHaveLength(38);
    expect(new Set(rules.map((p) => p.name)).size).toBe(38);
    // Every one was caught by a model (raised once, then suppressed as a repeat): none is marked unalerted.
    expect(rules.every((p) => p.models.includes('saas.anomalous-new-email-rule'))).toBe(true);
    for (const p of rules) expect(p.undo).toContain(`Remove-InboxRule -Mailbox alice@contoso.com -Identity ${JSON.stringify(p.name)}`);
    const methods = inc.persistence.filter((p) => p.kind === 'auth-method');
    expect(methods.map((p) => p.name)).toEqual(['Authenticator App with Notification and Code']);
    expect(methods[0]!.undo).toContain('revoke');
    expect(inc.narrative).toContain('To undo, 39 persistence items: ');
    expect(inc.narrative).toContain('38 inbox rules of alice@contoso.com ("."');
    expect(inc.narrative).toContain('and 33 more');
  });

  it('lists a forwarding rule with its destination, and a rule made during the incident that breached nothing', () => {
    const base = takeover(1);
    const t = hoursAfter(dayAfter(14, 9), 3);
    const fwd = ruleEvent('alice', t, rule({ id: 'fwd', name: 'sync', hasConditions: false, conditionTerms: [], moveToFolder: null, forwardTo: ['drop@evil.example'] }));
    const quiet = ruleEvent('alice', hoursAfter(t, 1), rule({ id: 'plain', name: 'Newsletters' }));
    const { incidents } = run([...base, fwd, quiet]);
    const inc = incidents.find((i) => i.users.includes('alice@contoso.com'))!;
    const f = inc.persistence.find((p) => p.ref === 'rule:alice:fwd')!;
    expect(f.kind).toBe('forwarding');
    expect(f.what).toContain('forwards to drop@evil.example');
    expect(f.undo).toContain('drop@evil.example');
    const plain = inc.persistence.find((p) => p.ref === 'rule:alice:plain')!;
    expect(plain.models).toEqual([]);
    expect(inc.narrative).toContain('1 made while the incident was open without breaching a model');
  });

  it('marks a rule removed when it is deleted, and leaves it out of the undo sentence', () => {
    const base = takeover(2);
    const gone = ruleEvent('alice', hoursAfter(dayAfter(14, 9), 5), rule({ id: 'r1', name: '..1' }), 'deleted');
    const { incidents } = run([...base, gone]);
    const inc = incidents.find((i) => i.users.includes('alice@contoso.com'))!;
    expect(inc.persistence.find((p) => p.ref === 'rule:alice:r1')!.removedAt).toBe(gone.at);
    expect(inc.persistence.find((p) => p.ref === 'rule:alice:r0')!.removedAt).toBeNull();
    expect(inc.narrative).toContain('1 inbox rule of alice@contoso.com (".")');
  });

  it('attaches nothing when the user has no incident (an ordinary rule on an ordinary day)', () => {
    const { incidents } = run([...office(), ruleEvent('alice', dayAfter(), rule())]);
    expect(incidents.flatMap((i) => i.persistence)).toEqual([]);
  });

  it('keeps the persistence list through a snapshot and restore', () => {
    const events = takeover(5);
    const cut = events.length - 3;
    const sorted = [...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const whole = new IdentityEngine({ tenantDomains: DOMAINS });
    whole.ingest(sorted);
    const first = new IdentityEngine({ tenantDomains: DOMAINS });
    first.ingest(sorted.slice(0, cut));
    const restored = IdentityEngine.fromSnapshot(JSON.parse(JSON.stringify(first.toSnapshot())), { tenantDomains: DOMAINS });
    restored.ingest(sorted.slice(cut));
    expect(restored.incidents()).toEqual(whole.incidents());
    expect(restored.incidents()[0]!.persistence.filter((p) => p.kind === 'inbox-rule')).toHaveLength(5);
  });

  it('describes only what an event leaves behind (not deletions, not rules already there)', () => {
    const set = new Set(DOMAINS);
    expect(persistenceOf(ruleEvent('alice', dayAfter(), rule(), 'existing'), set)).toBeNull();
    expect(persistenceOf(ruleEvent('alice', dayAfter(), rule(), 'deleted'), set)).toBeNull();
    expect(persistenceOf(ruleEvent('alice', dayAfter(), rule({ enabled: false })), set)).toBeNull();
    expect(persistenceOf(securityInfo('alice', dayAfter(), { success: false }), set)).toBeNull();
    expect(persistenceOf(ruleEvent('alice', dayAfter(), rule({ forwardTo: ['bob@contoso.com'], moveToFolder: null })), set)!.kind).toBe('inbox-rule');
  });
});

describe('narratives never print empty fields', () => {
  it('names an unknown place instead of leaving a gap when the unusual sign-in has no location', () => {
    const login = signIn('alice', dayAfter(14, 9), places.lagos, { city: null, country: null, lat: null, lon: null, state: null });
    const events = [...office(), login, securityInfo('alice', hoursAfter(login.at, 1), { ip: places.lagos.ip }), ruleEvent('alice', hoursAfter(login.at, 2), rule({ id: 'x', name: '.', hasConditions: false, conditionTerms: [], moveToFolder: 'RSS Feeds', markAsRead: true }))];
    const { incidents } = run(events);
    const inc = incidents.find((i) => i.users.includes('alice@contoso.com'))!;
    expect(inc.narrative).toContain('after a sign-in from an unknown place (102.89.32.7');
    expect(inc.narrative).not.toMatch(EMPTY_FIELD);
    for (const p of inc.persistence) expect(`${p.what} ${p.undo}`).not.toMatch(EMPTY_FIELD);
  });

  it('leaves no gap when the sign-in has neither location nor address', () => {
    const login = signIn('alice', dayAfter(14, 9), places.lagos, { ip: null, city: null, country: null, lat: null, lon: null, state: null, os: 'Linux', browser: 'Firefox', appName: 'Azure CLI', clientApp: 'Mobile Apps and Desktop clients' });
    const events = [...office(), login, securityInfo('alice', hoursAfter(login.at, 1))];
    const { incidents } = run(events);
    for (const inc of incidents) expect(inc.narrative).not.toMatch(EMPTY_FIELD);
  });
});
