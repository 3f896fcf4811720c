// Incident lifecycle and response actions on SQLite and PostgreSQL: the service over a real store and the real
// Graph client against the simulator. Transitions are validated, every write leaves an audit row, an action retried
// with the same request id is done once, undo puts back what Graph can put back, and the case survives a restart.
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseGraphOf } from '../../server/src/graph/response-graph.ts';
import { IncidentResponse, type HeldMailPort } from '../../server/src/incidents/incident-response.ts';
import type { IncidentResponseTables } from '../../server/src/incidents/incident-response-tables.ts';
import { HttpError } from '../../server/src/routes/http-error.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import type { Store } from '../../server/src/store/store.ts';
import { TestDatabases } from '../store/test-databases.ts';
import { ATTACKER_METHOD, RULE_ID, USER1, USER2, startAttackedTenant, takeoverIncident, type AttackedTenant } from './response-fixture.ts';

const analyst = { upn: 'soc@contoso.test' };
const dbs = new TestDatabases();
afterAll(() => dbs.cleanup());

async function rejects(p: Promise<unknown>, status: number, code?: string): Promise<void> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(HttpError);
  expect((err as HttpError).statusCode).toBe(status);
  if (code) expect((err as HttpError).code).toBe(code);
}

describe.each(['sqlite', 'postgres'] as const)('incident response on %s', (dialect) => {
  let tenant: AttackedTenant;
  let store: Store;
  let service: IncidentResponse;
  const incident = takeoverIncident();
  const incidents = { incidents: () => [incident] };
  const released: string[] = [];
  const held: HeldMailPort = {
    heldFrom: async (addresses, since) => (addresses.includes('anna@contoso.test') && since === incident.start ? [{ holdId: 'h1' }, { holdId: 'h2' }].filter((h) => !released.includes(h.holdId)) : []),
    release: async (holdId) => (released.push(holdId), true),
  };
  const make = () =>
    new IncidentResponse({ db: store.db as unknown as Kysely<IncidentResponseTables>, clock: tenant.clock, incidents, graph: tenant.graph, response: responseGraphOf(tenant.graph), held });

  beforeAll(async () => {
    tenant = await startAttackedTenant();
    store = await openStore(await dbs.config(dialect));
    service = make();
    await service.load();
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await tenant?.close();
  });

  it('starts new, refuses actions and illegal moves with 409, and records each change with who and when', async () => {
    const fresh = await service.caseOf(incident.id);
    expect(fresh.state).toBe('new');
    expect(fresh.next).toEqual(['acknowledged', 'benign']);
    expect(fresh.heldMail).toBe(2);
    await rejects(service.transition(incident.id, 'contained', analyst), 409, 'illegal_transition');
    await rejects(service.runAction(incident.id, { kind: 'revoke-sessions', userId: USER1, requestId: 'req-00000001', confirm: true }, analyst), 409, 'incident_not_active');
    await rejects(service.caseOf('inc-unknown'), 404);

    tenant.clock.advance(60_000);
    const acked = await service.transition(incident.id, 'acknowledged', analyst, 'Looking at it');
    expect(acked.state).toBe('acknowledged');
    expect(acked.stateChangedAt).toBe('2026-03-03T10:01:00.000Z');
    await service.setOwner(incident.id, analyst.upn, analyst);
    const noted = await service.addNote(incident.id, 'User confirms she did not travel.', analyst);
    expect(noted.owner).toBe(analyst.upn);
    expect(noted.audit.map((a) => a.summary)).toEqual([
      'soc@contoso.test noted: “User confirms she did not travel.”',
      'soc@contoso.test took ownership of the incident.',
      'soc@contoso.test marked the incident acknowledged: “Looking at it”',
    ]);
    expect(noted.audit.every((a) => a.actor === analyst.upn)).toBe(true);
  });

  it('lists the account’s forwarding rule and the method registered during the incident', async () => {
    const targets = await service.targets(incident.id);
    expect(targets.users).toHaveLength(1);
    const anna = targets.users[0]!;
    expect(anna).toMatchObject({ userId: USER1, upn: 'anna@contoso.test', displayName: 'Anna Berg', accountEnabled: true, error: null });
    expect(anna.rules).toEqual([{ id: RULE_ID, name: '.', effect: 'forwards to drop@evil.example; moves mail to another folder', forwards: true }]);
    const during = anna.methods.filter((m) => m.duringIncident).map((m) => m.id);
    expect(during).toEqual([ATTACKER_METHOD]);
    expect(anna.methods.find((m) => m.type.endsWith('passwordAuthenticationMethod'))?.removable).toBe(false);
  });

  it('disables the account once even when the request is retried, and undoes it', async () => {
    const body = { kind: 'disable-account' as const, userId: USER1, requestId: 'req-disable-1', confirm: true as const };
    const first = await service.runAction(incident.id, body, analyst);
    expect(first.status).toBe('done');
    expect(first.undoable).toBe(true);
    expect(tenant.sim.state.user(USER1)?.accountEnabled).toBe(false);
    // Someone re-enables the account in Entra; a retry of the same request must not disable it again.
    tenant.sim.state.updateUser(USER1, { accountEnabled: true });
    const retry = await service.runAction(incident.id, body, analyst);
    expect(retry.id).toBe(first.id);
    expect(tenant.sim.state.user(USER1)?.accountEnabled).toBe(true);
    tenant.sim.state.updateUser(USER1, { accountEnabled: false });

    const undone = await service.undoAction(incident.id, first.id, analyst);
    expect(undone.status).toBe('undone');
    expect(tenant.sim.state.user(USER1)?.accountEnabled).toBe(true);
    const again = await service.undoAction(incident.id, first.id, analyst);
    expect(again.undoneAt).toBe(undone.undoneAt);
    const rows = await (store.db as unknown as Kysely<IncidentResponseTables>).selectFrom('incident_actions').selectAll().where('incident_id', '=', incident.id).execute();
    expect(rows.filter((r) => r.kind === 'disable-account')).toHaveLength(1);
  });

  it('removes the forwarding rule and puts it back on undo; removes the attacker’s method; refuses other accounts', async () => {
    const removed = await service.runAction(incident.id, { kind: 'remove-inbox-rule', userId: USER1, targetId: RULE_ID, requestId: 'req-rule-1', confirm: true }, analyst);
    expect(removed.status).toBe('done');
    expect(removed.targetLabel).toContain('drop@evil.example');
    expect(tenant.sim.state.inboxRules(USER1)).toEqual([]);
    const undone = await service.undoAction(incident.id, removed.id, analyst);
    expect(undone.status).toBe('undone');
    const back = tenant.sim.state.inboxRules(USER1);
    expect(back).toHaveLength(1);
    expect(back[0]?.actions?.forwardTo?.[0]?.emailAddress.address).toBe('drop@evil.example');

    const method = await service.runAction(incident.id, { kind: 'remove-auth-method', userId: USER1, targetId: ATTACKER_METHOD, requestId: 'req-method-1', confirm: true }, analyst);
    expect(method.status).toBe('done');
    expect(method.undoable).toBe(false);
    expect(tenant.sim.state.authenticationMethods(USER1).map((m) => m.id)).not.toContain(ATTACKER_METHOD);
    await rejects(service.undoAction(incident.id, method.id, analyst), 409, 'not_undoable');

    await service.runAction(incident.id, { kind: 'revoke-sessions', userId: USER1, requestId: 'req-revoke-1', confirm: true }, analyst);
    expect(tenant.sim.state.sessionsValidFrom(USER1)).toBe(tenant.clock.now().toISOString());
    await service.runAction(incident.id, { kind: 'require-password-reset', userId: USER1, requestId: 'req-password-1', confirm: true }, analyst);
    expect(tenant.sim.state.passwordChangeRequired(USER1)).toBe(true);
    await rejects(service.runAction(incident.id, { kind: 'disable-account', userId: USER2, requestId: 'req-other-1', confirm: true }, analyst), 400, 'not_in_incident');
    expect(tenant.sim.state.user(USER2)?.accountEnabled).toBe(true);
  });

  it('resolves, ends the hold after the resolution time, releases what it held, and keeps the case across a restart', async () => {
    await rejects(service.releaseHeld(incident.id, analyst), 409, 'incident_open');
    await service.transition(incident.id, 'contained', analyst);
    tenant.clock.advance(3_600_000);
    const resolved = await service.transition(incident.id, 'resolved', analyst);
    expect(resolved.closedAt).toBe(tenant.clock.now().toISOString());
    expect(service.closedAt(incident.id)).toBe(resolved.closedAt);
    const release = await service.releaseHeld(incident.id, analyst);
    expect(release).toEqual({ released: 2, failed: 0, message: "Released 2 messages to the recipients' mailboxes." });

    const restarted = make();
    expect(restarted.closedAt(incident.id)).toBeNull();
    await restarted.load();
    expect(restarted.closedAt(incident.id)).toBe(resolved.closedAt);
    const kase = await restarted.caseOf(incident.id);
    expect(kase.state).toBe('resolved');
    expect(kase.next).toEqual(['acknowledged']);
    expect(kase.actions.map((a) => `${a.kind}:${a.status}`).sort()).toEqual([
      'disable-account:undone', 'remove-auth-method:done', 'remove-inbox-rule:undone', 'require-password-reset:done', 'revoke-sessions:done',
    ]);
    const summaries = kase.audit.map((a) => a.summary);
    expect(summaries[0]).toMatch(/^soc@contoso\.test released the mail held from the incident's accounts: Released 2 messages/);
    expect(summaries).toContain('soc@contoso.test marked the incident resolved.');
    expect(summaries.some((s) => s.startsWith('soc@contoso.test disabled the account anna@contoso.test'))).toBe(true);
    expect(summaries.some((s) => s.startsWith('soc@contoso.test undid the action on inbox rule “.” of anna@contoso.test'))).toBe(true);

    await service.load();
    const reopened = await restarted.transition(incident.id, 'acknowledged', analyst);
    expect(reopened.closedAt).toBeNull();
    expect(restarted.closedAt(incident.id)).toBeNull();
    // Another instance (the first service) learns of the reopening once its copy is older than the age it accepts.
    await service.refresh(60_000);
    expect(service.closedAt(incident.id)).toBe(resolved.closedAt);
    await service.refresh(0);
    expect(service.closedAt(incident.id)).toBeNull();
    expect(reopened.audit[0]?.summary).toBe('soc@contoso.test reopened the incident.');
  });
});
