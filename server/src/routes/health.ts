// GET /api/health: whether ingestion is keeping up, per source (sign-ins, directory audits, inbox rules,
// messages). Public, so it answers with states, times and counters only: no cursor, no error text, no
// mailbox ids (these name users, object ids and Graph URLs). GET /api/health/details answers the same with
// those details, for the security-analyst role only.
// Both answer 200 while ingestion runs (status ok or degraded) and 503 once it has stopped.
import fp from 'fastify-plugin';
import type { preHandlerAsyncHookHandler } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { SECURITY_ANALYST_ROLE } from '@lantern/shared/api';
import { requireRole } from '../auth/require-role.ts';
import type { PollerHealth } from '../ingest/poller-health.ts';
import type { IngestionHealth } from '../runtime/start-ingestion.ts';

export interface HealthRoutesOptions {
  /** Current ingestion health (Ingestion.health). */
  health: () => IngestionHealth;
  /** Optional preHandler for /api/health (e.g. a role check); by default it is open, like most health checks. */
  guard?: preHandlerAsyncHookHandler;
}

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** One source's health. `cursor`, `lastError` and `failingMailboxIds` are present only in the details. */
export const SourceHealth = Type.Object({
  state: Type.Union([
    Type.Literal('idle'),
    Type.Literal('polling'),
    Type.Literal('error'),
    Type.Literal('degraded'),
    Type.Literal('licence-required'),
    Type.Literal('stopped'),
  ]),
  lastPollAt: Nullable(Type.String()),
  lastSuccessAt: Nullable(Type.String()),
  completeThrough: Nullable(Type.String()),
  records: Type.Integer({ minimum: 0 }),
  skipped: Type.Integer({ minimum: 0 }),
  errors: Type.Integer({ minimum: 0 }),
  throttled: Type.Integer({ minimum: 0 }),
  mailboxes: Type.Optional(Type.Object({ noMailbox: Type.Integer({ minimum: 0 }), shared: Type.Integer({ minimum: 0 }), resource: Type.Integer({ minimum: 0 }) })),
  consecutiveFailures: Type.Integer({ minimum: 0 }),
  consecutiveRunsWithErrors: Type.Integer({ minimum: 0 }),
  failingMailboxes: Type.Integer({ minimum: 0 }),
  cursor: Type.Optional(Nullable(Type.String())),
  lastError: Type.Optional(Nullable(Type.String())),
  failingMailboxIds: Type.Optional(Type.Array(Type.String())),
});
export type SourceHealth = Static<typeof SourceHealth>;

export const HealthResponse = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded'), Type.Literal('stopped')]),
  sources: Type.Object({
    signIns: SourceHealth,
    directoryAudits: SourceHealth,
    inboxRules: SourceHealth,
    messages: SourceHealth,
  }),
});
export type HealthResponse = Static<typeof HealthResponse>;

/** A source's health without the details that name users, objects or URLs. */
export function publicSourceHealth(h: PollerHealth): SourceHealth {
  const { cursor: _cursor, lastError: _lastError, failingMailboxIds: _ids, ...rest } = h;
  return rest;
}

function answer(h: IngestionHealth, details: boolean): HealthResponse {
  const pick = (p: PollerHealth): SourceHealth => (details ? p : publicSourceHealth(p));
  const s = h.sources;
  return {
    status: h.status,
    sources: { signIns: pick(s.signIns), directoryAudits: pick(s.directoryAudits), inboxRules: pick(s.inboxRules), messages: pick(s.messages) },
  };
}

const routes: FastifyPluginAsyncTypebox<HealthRoutesOptions> = async (app, opts) => {
  const schema = { response: { 200: HealthResponse, 503: HealthResponse } };
  app.get('/api/health', { schema, ...(opts.guard ? { preHandler: opts.guard } : {}) }, async (_req, reply) => {
    const h = opts.health();
    return reply.code(h.status === 'stopped' ? 503 : 200).send(answer(h, false));
  });
  // Not a public path: the authentication plugin verifies the token; without it, requireRole refuses (401).
  app.get('/api/health/details', { schema, preHandler: requireRole(SECURITY_ANALYST_ROLE) }, async (_req, reply) => {
    const h = opts.health();
    return reply.code(h.status === 'stopped' ? 503 : 200).send(answer(h, true));
  });
};

export const healthRoutes = fp(routes, { name: 'lantern-health', fastify: '5.x' });
