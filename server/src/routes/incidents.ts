// GET /api/incidents: identity incidents for the security team (role Lantern.SecurityAnalyst), strongest
// first, each with its breaches and narrative. The incidents come from an injected source (the live
// IdentityEngine behind the pollers); the role check is the auth plugin's app.requireRole unless a guard
// is injected (tests, or an app without the auth plugin).
import fp from 'fastify-plugin';
import type { preHandlerAsyncHookHandler } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import type { Incident } from '@lantern/shared';
import { ApiError, SECURITY_ANALYST_ROLE } from '@lantern/shared/api';

/** Anything that can list incidents; IdentityEngine satisfies it. */
export interface IncidentSource {
  incidents(): Incident[];
}

export interface IncidentRoutesOptions {
  source: IncidentSource;
  /** preHandler that admits only the security team; default app.requireRole(Lantern.SecurityAnalyst). */
  guard?: preHandlerAsyncHookHandler;
}

const SeverityName = Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high'), Type.Literal('critical')]);

export const IncidentReason = Type.Object({ code: Type.String(), text: Type.String() });
export const IncidentBreach = Type.Object({
  id: Type.String(),
  model: Type.String(),
  user: Type.String(),
  at: Type.String(),
  score: Type.Number(),
  reasons: Type.Array(IncidentReason),
});
export const IncidentPersistence = Type.Object({
  kind: Type.Union([Type.Literal('inbox-rule'), Type.Literal('forwarding'), Type.Literal('auth-method'), Type.Literal('consent'), Type.Literal('app-credential')]),
  ref: Type.String(),
  user: Type.String(),
  at: Type.String(),
  name: Type.String(),
  what: Type.String(),
  undo: Type.String(),
  models: Type.Array(Type.String()),
  removedAt: Type.Union([Type.String(), Type.Null()]),
});
export const IncidentItem = Type.Object({
  id: Type.String(),
  severity: SeverityName,
  score: Type.Number(),
  users: Type.Array(Type.String()),
  start: Type.String(),
  end: Type.String(),
  breaches: Type.Array(IncidentBreach),
  /** Every rule, forward and MFA method the incident's users created, each with what to undo. */
  persistence: Type.Array(IncidentPersistence),
  narrative: Type.String(),
});
export const IncidentListQuery = Type.Object(
  {
    /** Only incidents at or above this severity (default medium). */
    minSeverity: Type.Optional(SeverityName),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);
export const IncidentListResponse = Type.Object({ items: Type.Array(IncidentItem), total: Type.Integer() });
export type IncidentListResponse = Static<typeof IncidentListResponse>;

const RANK = { low: 0, medium: 1, high: 2, critical: 3 } as const;
const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 500: ApiError };

const routes: FastifyPluginAsyncTypebox<IncidentRoutesOptions> = async (app, opts) => {
  const guard = opts.guard ?? app.requireRole(SECURITY_ANALYST_ROLE);
  app.get(
    '/api/incidents',
    { config: { access: 'analyst' }, preHandler: guard, schema: { querystring: IncidentListQuery, response: { 200: IncidentListResponse, ...errors } } },
    async (request) => {
      const min = RANK[request.query.minSeverity ?? 'medium'];
      const all = opts.source.incidents().filter((i) => RANK[i.severity] >= min);
      const limit = request.query.limit ?? 100;
      return {
        total: all.length,
        items: all.slice(0, limit).map((i) => ({
          ...i,
          breaches: i.breaches.map((b) => ({ id: b.id, model: b.model, user: b.user, at: b.at, score: b.score, reasons: b.reasons })),
          persistence: i.persistence.map((p) => ({ kind: p.kind, ref: p.ref, user: p.user, at: p.at, name: p.name, what: p.what, undo: p.undo, models: p.models, removedAt: p.removedAt })),
        })),
      };
    },
  );
};

export const incidentRoutes = fp(routes, { name: 'lantern-incidents-api', fastify: '5.x' });
