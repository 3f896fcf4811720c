import Fastify from 'fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import type { Incident } from '@lantern/shared';
import { handleError } from '../../server/src/routes/error-handler.ts';
import { incidentRoutes } from '../../server/src/routes/incidents.ts';

function incident(id: string, severity: Incident['severity'], score: number): Incident {
  return {
    id,
    severity,
    score,
    users: ['alice@contoso.com'],
    start: '2026-03-02T09:00:00.000Z',
    end: '2026-03-02T09:00:00.000Z',
    breaches: [{ id: `b-${id}`, model: 'saas.impossible-travel', userId: 'u1', user: 'alice@contoso.com', at: '2026-03-02T09:00:00.000Z', score, reasons: [{ code: 'travel.impossible', text: 'far and fast' }], eventId: 'e1', sources: ['ip:1.2.3.4'] }],
    persistence: [
      {
        kind: 'inbox-rule', ref: `rule:u1:${id}`, userId: 'u1', user: 'alice@contoso.com', at: '2026-03-02T09:30:00.000Z', eventId: 'e2', name: '.',
        what: 'Inbox rule "." created in alice@contoso.com\'s mailbox.', undo: 'Remove-InboxRule -Mailbox alice@contoso.com -Identity "."', models: [], removedAt: null,
      },
    ],
    narrative: `Incident ${id}.`,
  };
}

const source = { incidents: () => [incident('i1', 'critical', 90), incident('i2', 'medium', 30), incident('i3', 'low', 10)] };
// The injected guard stands in for the auth plugin's role check.
async function guard(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.headers['x-test-role'] !== 'Lantern.SecurityAnalyst') {
    await reply.code(403).send({ error: { code: 'forbidden', message: 'This action needs the Lantern.SecurityAnalyst role.' } });
  }
}

const app = Fastify();
// The application's own error handler turns validation errors into the API's error shape.
app.setErrorHandler(handleError);
await app.register(incidentRoutes, { source, guard });
afterAll(() => app.close());

describe('GET /api/incidents', () => {
  it('refuses callers without the security-team role', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/incidents' });
    expect(r.statusCode).toBe(403);
  });

  it('lists incidents at or above medium by default, with breaches, reasons and narrative, without internal keys', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/incidents', headers: { 'x-test-role': 'Lantern.SecurityAnalyst' } });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.total).toBe(2);
    expect(body.items.map((i: Incident) => i.id)).toEqual(['i1', 'i2']);
    expect(body.items[0].narrative).toBe('Incident i1.');
    expect(body.items[0].breaches[0].reasons[0].code).toBe('travel.impossible');
    expect(body.items[0].breaches[0].sources).toBeUndefined();
    // Persistence items reach the security team with their undo step, internal ids left out.
    expect(body.items[0].persistence[0].undo).toContain('Remove-InboxRule');
    expect(body.items[0].persistence[0].userId).toBeUndefined();
  });

  it('filters by minimum severity and validates the query', async () => {
    const headers = { 'x-test-role': 'Lantern.SecurityAnalyst' };
    const all = await app.inject({ method: 'GET', url: '/api/incidents?minSeverity=low&limit=2', headers });
    expect(all.json().total).toBe(3);
    expect(all.json().items).toHaveLength(2);
    const bad = await app.inject({ method: 'GET', url: '/api/incidents?minSeverity=severe', headers });
    expect(bad.statusCode).toBe(400);
  });
});
