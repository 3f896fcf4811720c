// The incident-response API behind the real authentication plugin and role check: only analysts reach it, bodies
// are validated, an illegal move answers 409, and each change appears in the case's audit trail.
import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticationPlugin } from '../../server/src/auth/auth-plugin.ts';
import { AuthError } from '../../server/src/auth/auth-error.ts';
import type { AuthUser } from '../../server/src/auth/auth-user.ts';
import { responseGraphOf } from '../../server/src/graph/response-graph.ts';
import { IncidentResponse } from '../../server/src/incidents/incident-response.ts';
import type { IncidentResponseTables } from '../../server/src/incidents/incident-response-tables.ts';
import { handleError } from '../../server/src/routes/error-handler.ts';
import { incidentResponseRoutes } from '../../server/src/routes/incident-response-routes.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import type { Store } from '../../server/src/store/store.ts';
import { TestDatabases } from '../store/test-databases.ts';
import { USER1, startAttackedTenant, takeoverIncident, type AttackedTenant } from './response-fixture.ts';

const people: Record<string, AuthUser> = {
  analyst: { oid: 'a1', tid: 't', upn: 'soc@contoso.test', name: 'SOC', roles: ['Lantern.SecurityAnalyst'] },
  user: { oid: 'u1', tid: 't', upn: 'anna@contoso.test', name: 'Anna', roles: [] },
};
const verifier = {
  verify: async (token: string): Promise<AuthUser> => {
    const who = people[token];
    if (!who) throw new AuthError('invalid', 'Bad token.');
    return who;
  },
};

describe('incident response API', () => {
  const dbs = new TestDatabases();
  let tenant: AttackedTenant;
  let store: Store;
  let app: FastifyInstance;
  const incident = takeoverIncident();
  const path = `/api/incidents/${incident.id}`;
  const as = (who: string) => ({ authorization: `Bearer ${who}` });

  beforeAll(async () => {
    tenant = await startAttackedTenant();
    store = await openStore(await dbs.config('sqlite'));
    const response = new IncidentResponse({ db: store.db as unknown as Kysely<IncidentResponseTables>, clock: tenant.clock, incidents: { incidents: () => [incident] }, graph: tenant.graph, response: responseGraphOf(tenant.graph) });
    app = Fastify();
    app.setErrorHandler(handleError);
    await app.register(authenticationPlugin, { verifier, clock: tenant.clock });
    await app.register(incidentResponseRoutes, { response });
    await app.ready();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
    await tenant?.close();
    await dbs.cleanup();
  });

  it('refuses callers without a token or without the analyst role, and changes nothing', async () => {
    expect((await app.inject({ method: 'GET', url: `${path}/case` })).statusCode).toBe(401);
    const denied = [
      await app.inject({ method: 'GET', url: `${path}/case`, headers: as('user') }),
      await app.inject({ method: 'POST', url: `${path}/transition`, headers: as('user'), payload: { to: 'acknowledged' } }),
      await app.inject({ method: 'PUT', url: `${path}/owner`, headers: as('user'), payload: { owner: 'anna@contoso.test' } }),
      await app.inject({ method: 'POST', url: `${path}/notes`, headers: as('user'), payload: { text: 'hi' } }),
      await app.inject({ method: 'GET', url: `${path}/response-targets`, headers: as('user') }),
      await app.inject({ method: 'POST', url: `${path}/actions`, headers: as('user'), payload: { kind: 'disable-account', userId: USER1, requestId: 'req-user-0001', confirm: true } }),
      await app.inject({ method: 'POST', url: `${path}/actions/x/undo`, headers: as('user'), payload: { confirm: true } }),
      await app.inject({ method: 'POST', url: `${path}/release-held`, headers: as('user') }),
    ];
    expect(denied.map((r) => r.statusCode)).toEqual([403, 403, 403, 403, 403, 403, 403, 403]);
    expect(tenant.sim.state.user(USER1)?.accountEnabled).toBe(true);
    const kase = await app.inject({ method: 'GET', url: `${path}/case`, headers: as('analyst') });
    expect(kase.json().audit).toEqual([]);
  });

  it('validates bodies: an unknown state, an action without confirmation', async () => {
    const bad = await app.inject({ method: 'POST', url: `${path}/transition`, headers: as('analyst'), payload: { to: 'closed' } });
    expect(bad.statusCode).toBe(400);
    const unconfirmed = await app.inject({ method: 'POST', url: `${path}/actions`, headers: as('analyst'), payload: { kind: 'disable-account', userId: USER1, requestId: 'req-analyst-01' } });
    expect(unconfirmed.statusCode).toBe(400);
    expect(tenant.sim.state.user(USER1)?.accountEnabled).toBe(true);
  });

  it('answers 409 on an illegal move and records the legal ones in the audit trail', async () => {
    const illegal = await app.inject({ method: 'POST', url: `${path}/transition`, headers: as('analyst'), payload: { to: 'resolved' } });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().error.code).toBe('illegal_transition');
    const ack = await app.inject({ method: 'POST', url: `${path}/transition`, headers: as('analyst'), payload: { to: 'acknowledged' } });
    expect(ack.statusCode).toBe(200);
    const act = await app.inject({ method: 'POST', url: `${path}/actions`, headers: as('analyst'), payload: { kind: 'disable-account', userId: USER1, requestId: 'req-analyst-02', confirm: true } });
    expect(act.statusCode).toBe(200);
    expect(act.json().status).toBe('done');
    const contained = await app.inject({ method: 'POST', url: `${path}/transition`, headers: as('analyst'), payload: { to: 'contained', note: 'Account disabled' } });
    expect(contained.json().state).toBe('contained');
    expect(contained.json().audit.map((a: { action: string; actor: string }) => `${a.action} by ${a.actor}`)).toEqual([
      'state-contained by soc@contoso.test',
      'action-disable-account by soc@contoso.test',
      'state-acknowledged by soc@contoso.test',
    ]);
    const back = await app.inject({ method: 'POST', url: `${path}/transition`, headers: as('analyst'), payload: { to: 'acknowledged' } });
    expect(back.statusCode).toBe(409);
    const unknown = await app.inject({ method: 'GET', url: '/api/incidents/inc-nope/case', headers: as('analyst') });
    expect(unknown.statusCode).toBe(404);
  });
});
