// GET /api/health: whether ingestion is keeping up, per source (sign-ins, directory audits, inbox rules,
// messages). Public, so it answers with states, times and counters only: no cursor, no error text, no
// mailbox ids (these name users, object ids and Graph URLs). GET /api/health/details answers the same with
// those details, for the security-analyst role only.
// With the pipeline: each consumer's offset, lag, entries being retried and entries parked (the last error only in
// the details); a parked entry makes the status 'degraded'.
// With several instances (cluster/cluster.ts): the details list each live instance (id, when it started, when it
// was last seen, the work it holds); the public answer gives only the counts.
// Both answer 200 while ingestion runs (status ok or degraded) and 503 once it has stopped.
// `models.cannotRun` lists the detection models that need sign-in data the current source lacks (sign-ins
// read from v1.0: no non-interactive sign-ins, no beta fields such as authenticationProtocol).
import fp from 'fastify-plugin';
import type { FastifyReply, preHandlerAsyncHookHandler } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { SECURITY_ANALYST_ROLE } from '@lantern/shared/api';
import { requireRole } from '../auth/require-role.ts';
import type { PollerHealth } from '../ingest/poller-health.ts';
import type { IngestionHealth } from '../runtime/start-ingestion.ts';
import type { PipelineHealth } from '../pipeline/pipeline.ts';
import { allModels } from '../detections/registry.ts';
import type { ModelMeta } from '../detections/model.ts';
import type { ClusterInstance } from '../cluster/cluster.ts';

export interface HealthRoutesOptions {
  /** Current ingestion health (Ingestion.health). */
  health: () => IngestionHealth;
  /** The consumers of the event log (Pipeline.health); omitted = not reported. */
  pipeline?: () => Promise<PipelineHealth>;
  /** The live instances sharing the work; omitted = not reported. */
  cluster?: () => Promise<ClusterInstance[]>;
  /** Optional preHandler (e.g. a role check); by default the endpoint is open, like most health checks. */
  guard?: preHandlerAsyncHookHandler;
  /** The detection models whose data needs are checked (default: every registered model). */
  models?: readonly Pick<ModelMeta, 'id' | 'requires'>[];
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
  /** Sign-ins only: the Graph version read and what it lacks; `reason` in the details only. */
  signInData: Type.Optional(
    Type.Object({ api: Type.Union([Type.Literal('beta'), Type.Literal('v1.0')]), missing: Type.Array(Type.String()), reason: Type.Optional(Nullable(Type.String())) }),
  ),
});
export type SourceHealth = Static<typeof SourceHealth>;

export const ConsumerHealthSchema = Type.Object({
  name: Type.String(),
  partition: Type.String(),
  offset: Type.Integer({ minimum: 0 }),
  lag: Type.Integer({ minimum: 0 }),
  retrying: Type.Integer({ minimum: 0 }),
  parked: Type.Integer({ minimum: 0 }),
  lastError: Nullable(Type.String()),
});

const ClusterInstanceSchema = Type.Object({
  id: Type.String(),
  startedAt: Type.String(),
  lastSeen: Type.String(),
  jobs: Type.Array(Type.String()),
});

/** Counts for everyone; the instances themselves (host names, process ids, work held) in the details only. */
const ClusterHealthSchema = Type.Object({
  instanceCount: Type.Integer({ minimum: 0 }),
  jobCount: Type.Integer({ minimum: 0 }),
  instances: Type.Optional(Type.Array(ClusterInstanceSchema)),
});

export const HealthResponse = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded'), Type.Literal('stopped')]),
  sources: Type.Object({
    signIns: SourceHealth,
    directoryAudits: SourceHealth,
    inboxRules: SourceHealth,
    messages: SourceHealth,
  }),
  pipeline: Type.Optional(Type.Object({ head: Type.Integer({ minimum: 0 }), consumers: Type.Array(ConsumerHealthSchema) })),
  models: Type.Optional(Type.Object({ cannotRun: Type.Array(Type.Object({ id: Type.String(), missing: Type.Array(Type.String()) })) })),
  cluster: Type.Optional(ClusterHealthSchema),
});
export type HealthResponse = Static<typeof HealthResponse>;

/** A source's health without the details that name users, objects or URLs. */
export function publicSourceHealth(h: PollerHealth): SourceHealth {
  const { cursor: _cursor, lastError: _lastError, failingMailboxIds: _ids, signInData, ...rest } = h;
  // the reason may quote a Graph error and URL: details only
  return signInData ? { ...rest, signInData: { api: signInData.api, missing: signInData.missing } } : rest;
}

/** Models needing sign-in data the current sign-in source lacks, with what is missing for each. */
export function modelsThatCannotRun(models: readonly Pick<ModelMeta, 'id' | 'requires'>[], signIns: PollerHealth): { id: string; missing: string[] }[] {
  const missing = new Set(signIns.signInData?.missing ?? []);
  return models.flatMap((m) => {
    const lacking = (m.requires ?? []).filter((r) => missing.has(r));
    return lacking.length > 0 ? [{ id: m.id, missing: lacking }] : [];
  });
}

function answer(h: IngestionHealth, details: boolean, models: readonly Pick<ModelMeta, 'id' | 'requires'>[]): HealthResponse {
  const pick = (p: PollerHealth): SourceHealth => (details ? p : publicSourceHealth(p));
  const s = h.sources;
  return {
    status: h.status,
    sources: { signIns: pick(s.signIns), directoryAudits: pick(s.directoryAudits), inboxRules: pick(s.inboxRules), messages: pick(s.messages) },
    models: { cannotRun: modelsThatCannotRun(models, s.signIns) },
  };
}

const routes: FastifyPluginAsyncTypebox<HealthRoutesOptions> = async (app, opts) => {
  const schema = { response: { 200: HealthResponse, 503: HealthResponse } };
  const respond = async (reply: FastifyReply, details: boolean) => {
    const h = opts.health();
    const instances = opts.cluster ? await opts.cluster() : null;
    const cluster = instances
      ? { instanceCount: instances.length, jobCount: instances.reduce((n, i) => n + i.jobs.length, 0), ...(details ? { instances } : {}) }
      : undefined;
    const base = { ...answer(h, details, opts.models ?? allModels.map((m) => m.meta)), ...(cluster ? { cluster } : {}) };
    if (!opts.pipeline) return reply.code(h.status === 'stopped' ? 503 : 200).send(base);
    const pipeline = await opts.pipeline();
    const parked = pipeline.consumers.some((c) => c.parked > 0);
    const status = h.status === 'ok' && parked ? 'degraded' : h.status;
    // a parked entry's error may quote a message id or a Graph URL: details only
    const shown = details ? pipeline : { ...pipeline, consumers: pipeline.consumers.map((c) => ({ ...c, lastError: null })) };
    return reply.code(status === 'stopped' ? 503 : 200).send({ ...base, status, pipeline: shown });
  };
  app.get('/api/health', { config: { access: 'public' }, schema, ...(opts.guard ? { preHandler: opts.guard } : {}) }, async (_req, reply) => respond(reply, false));
  // Not a public path: the authentication plugin verifies the token; without it, requireRole refuses (401).
  app.get('/api/health/details', { config: { access: 'analyst' }, schema, preHandler: requireRole(SECURITY_ANALYST_ROLE) }, async (_req, reply) => respond(reply, true));
};

export const healthRoutes = fp(routes, { name: 'lantern-health', fastify: '5.x' });
