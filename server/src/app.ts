// buildApp(deps): the whole HTTP application as a ready Fastify instance. It never listens and never reads
// the environment: the entry point (cli/start.ts) loads config, builds the dependencies and listens.
import Fastify, { type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { DestinationStream } from 'pino';
import type { Clock } from './clock.ts';
import { authenticationPlugin } from './auth/auth-plugin.ts';
import type { TokenVerifier } from './auth/token-verifier.ts';
import { HttpError } from './routes/http-error.ts';
import { handleError, handleNotFound } from './routes/error-handler.ts';
import { handleClientError, handleFrameworkError, installRequestEdge, lanternValidatorCompiler } from './routes/request-edge.ts';
import { securityHeaders } from './routes/security-headers.ts';
import type { FailedAuthLimit } from './auth/failed-auth-limiter.ts';
import { mailboxPlugin } from './routes/mailbox-plugin.ts';
import { mailApiRoutes } from './routes/mail-api-routes.ts';
import { analystRoutes } from './routes/analyst-routes.ts';
import { demoRoutes, type DemoDeps } from './routes/demo-routes.ts';
import { landingRoutes } from './routes/landing.ts';
import { healthRoutes, type HealthRoutesOptions } from './routes/health.ts';
import { incidentRoutes, type IncidentRoutesOptions } from './routes/incidents.ts';
import { digestLinkRoutes, type DigestLinkRoutesOptions } from './routes/digest-links.ts';
import { consoleRoutes, type ConsoleRoutesOptions } from './routes/console.ts';
import type { MailboxService } from './mailbox/mailbox-service.ts';
import { publicConfigRoutes, type PublicConfigRoutesOptions } from './routes/public-config.ts';
import { incidentResponseRoutes, type IncidentResponseRoutesOptions } from './routes/incident-response-routes.ts';

export interface AppDeps {
  clock: Clock;
  /** Validates the task pane's bearer tokens (createTokenVerifier). */
  verifier: TokenVerifier;
  /** Assessments, mailbox actions, reports and release requests (createMailboxService). */
  mailbox: MailboxService;
  /** Log level ('silent' in tests); default 'info'. */
  logLevel?: string;
  /** Where logs go (default stdout); tests pass a stream to check redaction. */
  logStream?: DestinationStream;
  /** Per-user rate limit (default 300 requests per minute). */
  rateLimit?: { max: number; timeWindowMs: number };
  /** Refused authentications per client address, counted before authentication (default 30 per minute). */
  failedAuthLimit?: FailedAuthLimit;
  /** Origins allowed to frame the task pane besides its own (default: Outlook's, OUTLOOK_FRAME_ANCESTORS). */
  taskPaneFrameAncestors?: readonly string[];
  /** JSON body limit in bytes (default 64 KiB). */
  bodyLimitBytes?: number;
  /** Directory of the built add-in (addin/dist), served under /addin/; omitted = not served. */
  addinDir?: string | null;
  /** Demo-mode endpoints under /demo/api; omitted outside demo mode. */
  demo?: DemoDeps | null;
  /** GET /api/health (public) over ingestion health; omitted = no health route. */
  health?: HealthRoutesOptions | null;
  /** GET /api/incidents (security team); omitted = no incidents route. */
  incidents?: IncidentRoutesOptions | null;
  /** /digest/act signed action links from held-mail digests; omitted = not served. */
  digestLinks?: DigestLinkRoutesOptions | null;
  /** The security-team console API (/api/console/*) plus /api/my-reports and /api/digest/preference; omitted = not served. */
  console?: ConsoleRoutesOptions | null;
  /** Incident lifecycle and response actions (/api/incidents/:id/...; security team); omitted = not served. */
  incidentResponse?: IncidentResponseRoutesOptions | null;
  /** GET /api/public-config (public): the console's sign-in settings; omitted = not served. */
  publicConfig?: PublicConfigRoutesOptions | null;
}

export const DEFAULT_BODY_LIMIT = 64 * 1024;
export const DEFAULT_RATE_LIMIT = { max: 300, timeWindowMs: 60_000 };

/** pino paths never written to the log: credentials, tokens and any body. */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  'token',
  'accessToken',
  '*.token',
  '*.accessToken',
  'body',
  '*.body',
  'req.body',
  'res.body',
];

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT,
    // Graph message ids are ~150 characters; the route schemas bound them (512).
    routerOptions: { maxParamLength: 1024 },
    logger: {
      level: deps.logLevel ?? 'info',
      redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
      serializers: {
        // Method and path only: the query string may carry message identifiers, headers carry tokens.
        req: (req: { method: string; url: string; ip?: string }) => ({
          method: req.method,
          url: req.url.split('?', 1)[0],
          ip: req.ip,
        }),
      },
      ...(deps.logStream ? { stream: deps.logStream } : {}),
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    return503OnClosing: true,
    frameworkErrors: handleFrameworkError,
    clientErrorHandler: handleClientError,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(lanternValidatorCompiler());
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  installRequestEdge(app);
  await app.register(securityHeaders, {
    addinDir: deps.addinDir ?? null,
    ...(deps.taskPaneFrameAncestors ? { taskPaneFrameAncestors: deps.taskPaneFrameAncestors } : {}),
  });

  // Every route declares config.access; the app does not become ready otherwise (auth/route-access.ts).
  await app.register(authenticationPlugin, {
    verifier: deps.verifier,
    clock: deps.clock,
    ...(deps.failedAuthLimit ? { failedAuthLimit: deps.failedAuthLimit } : {}),
  });

  const limit = deps.rateLimit ?? DEFAULT_RATE_LIMIT;
  await app.register(rateLimit, {
    global: true,
    max: limit.max,
    timeWindow: limit.timeWindowMs,
    // After authentication, so the limit is per user (by token oid); unauthenticated callers by address.
    hook: 'preHandler',
    keyGenerator: (request) => (request.user ? `user:${request.user.oid}` : `ip:${request.ip}`),
    errorResponseBuilder: (_request, context) =>
      new HttpError(429, 'rate_limited', `Too many requests: at most ${context.max} per ${context.after}. Try again later.`),
  });

  await app.register(mailboxPlugin, { mailbox: deps.mailbox });
  await app.register(mailApiRoutes);
  await app.register(analystRoutes);
  if (deps.health) await app.register(healthRoutes, deps.health);
  if (deps.incidents) await app.register(incidentRoutes, deps.incidents);
  if (deps.incidentResponse) await app.register(incidentResponseRoutes, deps.incidentResponse);
  if (deps.digestLinks) await app.register(digestLinkRoutes, deps.digestLinks);
  if (deps.console) await app.register(consoleRoutes, deps.console);
  if (deps.publicConfig) await app.register(publicConfigRoutes, deps.publicConfig);
  if (deps.demo) await app.register(demoRoutes, deps.demo);

  await app.register(landingRoutes, { demo: Boolean(deps.demo), addin: Boolean(deps.addinDir) });
  if (deps.addinDir) {
    const root = deps.addinDir;
    // The add-in's files are public: declared for every route @fastify/static registers, in this scope only.
    await app.register(async (files) => {
      files.addHook('onRoute', (route) => {
        route.config = { ...route.config, access: 'public' };
      });
      await files.register(fastifyStatic, { root, prefix: '/addin/', decorateReply: false, index: ['index.html'] });
    });
  }
  await app.ready();
  return app;
}
