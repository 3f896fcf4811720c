// GET /api/health: whether ingestion is keeping up, per source (sign-ins, directory audits, inbox rules,
// messages): state, last poll, cursor, events stored, records skipped, errors and throttling met.
// Answers 200 while ingestion runs (status ok or degraded) and 503 once it has stopped.
import fp from 'fastify-plugin';
import type { preHandlerAsyncHookHandler } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import type { IngestionHealth } from '../runtime/start-ingestion.ts';

export interface HealthRoutesOptions {
  /** Current ingestion health (Ingestion.health). */
  health: () => IngestionHealth;
  /** Optional preHandler (e.g. a role check); by default the endpoint is open, like most health checks. */
  guard?: preHandlerAsyncHookHandler;
}

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const SourceHealth = Type.Object({
  state: Type.Union([Type.Literal('idle'), Type.Literal('polling'), Type.Literal('error'), Type.Literal('licence-required'), Type.Literal('stopped')]),
  lastPollAt: Nullable(Type.String()),
  lastSuccessAt: Nullable(Type.String()),
  completeThrough: Nullable(Type.String()),
  cursor: Nullable(Type.String()),
  records: Type.Integer({ minimum: 0 }),
  skipped: Type.Integer({ minimum: 0 }),
  errors: Type.Integer({ minimum: 0 }),
  lastError: Nullable(Type.String()),
  throttled: Type.Integer({ minimum: 0 }),
  mailboxes: Type.Optional(Type.Object({ noMailbox: Type.Integer({ minimum: 0 }), shared: Type.Integer({ minimum: 0 }), resource: Type.Integer({ minimum: 0 }) })),
});

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

const routes: FastifyPluginAsyncTypebox<HealthRoutesOptions> = async (app, opts) => {
  app.get(
    '/api/health',
    {
      schema: { response: { 200: HealthResponse, 503: HealthResponse } },
      ...(opts.guard ? { preHandler: opts.guard } : {}),
    },
    async (_req, reply) => {
      const h = opts.health();
      return reply.code(h.status === 'stopped' ? 503 : 200).send(h);
    },
  );
};

export const healthRoutes = fp(routes, { name: 'lantern-health', fastify: '5.x' });
