// Named plugin "lantern-auth": default-deny access control. Every route declares who may call it in its config
// (`config: { access: 'public' | 'user' | 'analyst' }`, route-access.ts); the plugin records each route as it is
// registered, refuses to make the app ready while any route has no declaration, and before any handler runs:
// - `public`: nothing to check;
// - `user` / `analyst`: `Authorization: Bearer <token>` verified (request.user), and for `analyst` the role;
// - an unknown path under /api/ is treated as `user` (a caller without a token learns nothing of the routes).
// Refused tokens are counted per client address (failed-auth-limiter.ts) before any token is looked at.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler, RouteOptions } from 'fastify';
import type { Clock } from '../clock.ts';
import { ForbiddenError, HttpError } from '../routes/http-error.ts';
import { AuthError } from './auth-error.ts';
import type { AuthUser } from './auth-user.ts';
import { DEFAULT_FAILED_AUTH_LIMIT, FailedAuthLimiter, type FailedAuthLimit } from './failed-auth-limiter.ts';
import { requireRole } from './require-role.ts';
import { isRouteAccess, roleOf, UndeclaredRouteError, type RouteAccess, type RouteAccessEntry } from './route-access.ts';
import type { TokenVerifier } from './token-verifier.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The validated caller on `user` and `analyst` routes (null on public routes). */
    user: AuthUser;
  }
  interface FastifyInstance {
    /** preHandler refusing (403) callers whose token lacks `role`. */
    requireRole(role: string): preHandlerAsyncHookHandler;
    /** Every route registered so far with the access it declared (null = undeclared). */
    routeAccess(): RouteAccessEntry[];
  }
}

export interface AuthPluginOptions {
  verifier: TokenVerifier;
  clock: Clock;
  /** Refused authentications per client address before it is answered 429 (default 30 per minute). */
  failedAuthLimit?: FailedAuthLimit;
}

const BEARER = /^Bearer ([A-Za-z0-9\-_.~+/]+=*)$/;

/** The access a request needs: its route's declaration; unknown /api paths need a user; other unknown paths none. */
export function neededAccess(request: FastifyRequest): RouteAccess | null {
  if (request.is404) {
    const path = request.url.split('?', 1)[0] ?? '';
    return path === '/api' || path.startsWith('/api/') ? 'user' : 'public';
  }
  const access = request.routeOptions.config.access;
  return isRouteAccess(access) ? access : null;
}

async function authPlugin(app: FastifyInstance, options: AuthPluginOptions): Promise<void> {
  const limiter = new FailedAuthLimiter(options.failedAuthLimit ?? DEFAULT_FAILED_AUTH_LIMIT, options.clock);
  const routes: RouteOptions[] = [];
  const table = (): RouteAccessEntry[] =>
    routes.flatMap((r) => {
      const access: unknown = r.config?.access;
      const methods = Array.isArray(r.method) ? r.method : [r.method];
      return methods.map((method) => ({ method: String(method), url: r.url, access: isRouteAccess(access) ? access : null }));
    });

  app.decorateRequest('user', null as unknown as AuthUser);
  app.decorate('requireRole', (role: string) => requireRole(role) as preHandlerAsyncHookHandler);
  app.decorate('routeAccess', table);

  // Kept by reference: hooks registered later (e.g. around @fastify/static) may still set config.access.
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  app.addHook('onReady', async () => {
    const undeclared = table().filter((r) => r.access === null);
    if (undeclared.length > 0) throw new UndeclaredRouteError(undeclared);
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const access = neededAccess(request);
    if (access === null) {
      // Cannot happen in an app that became ready; refuse rather than guess.
      request.log.error({ route: request.routeOptions.url }, 'route without an access declaration');
      throw new HttpError(403, 'forbidden', 'This route is not available.');
    }
    if (access === 'public') return;
    const wait = limiter.blockedFor(request.ip);
    if (wait > 0) {
      void reply.header('retry-after', String(wait));
      throw new HttpError(429, 'rate_limited', `Too many failed sign-ins from your address: try again in ${wait} s.`);
    }
    try {
      const header = request.headers.authorization;
      if (header === undefined) throw new AuthError('missing', 'Sign in first: send an Authorization: Bearer token.');
      const match = BEARER.exec(header);
      if (!match?.[1]) throw new AuthError('malformed', 'The Authorization header must be "Bearer <token>".');
      request.user = await options.verifier.verify(match[1]);
    } catch (err) {
      if (err instanceof AuthError) limiter.fail(request.ip);
      throw err;
    }
    const role = roleOf(access);
    if (role !== null && !request.user.roles.includes(role)) throw new ForbiddenError(`This action needs the ${role} role.`);
  });
}

export const authenticationPlugin = fp(authPlugin, { name: 'lantern-auth', fastify: '5.x' });
