// Named plugin "lantern-auth": every /api/* route except /api/health needs `Authorization: Bearer <token>`.
// It decorates request.user (the validated caller) and app.requireRole(role) for security-team routes.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { AuthError } from './auth-error.ts';
import type { AuthUser } from './auth-user.ts';
import { requireRole } from './require-role.ts';
import type { TokenVerifier } from './token-verifier.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The validated caller. Set on every /api/* route except /api/health (null elsewhere). */
    user: AuthUser;
  }
  interface FastifyInstance {
    /** preHandler refusing (403) callers whose token lacks `role`. */
    requireRole(role: string): preHandlerAsyncHookHandler;
  }
}

export interface AuthPluginOptions {
  verifier: TokenVerifier;
  /** Paths under /api/ reachable without a token (default: /api/health). */
  publicPaths?: string[];
}

const BEARER = /^Bearer ([A-Za-z0-9\-_.~+/]+=*)$/;

export function needsAuth(request: FastifyRequest, publicPaths: ReadonlySet<string>): boolean {
  const route = request.routeOptions.url;
  const path = route ?? request.url.split('?', 1)[0] ?? '';
  if (publicPaths.has(path)) return false;
  return path === '/api' || path.startsWith('/api/');
}

async function authPlugin(app: FastifyInstance, options: AuthPluginOptions): Promise<void> {
  const publicPaths = new Set(options.publicPaths ?? ['/api/health']);
  app.decorateRequest('user', null as unknown as AuthUser);
  app.decorate('requireRole', (role: string) => requireRole(role) as preHandlerAsyncHookHandler);

  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    if (!needsAuth(request, publicPaths)) return;
    const header = request.headers.authorization;
    if (header === undefined) throw new AuthError('missing', 'Sign in first: send an Authorization: Bearer token.');
    const match = BEARER.exec(header);
    if (!match?.[1]) throw new AuthError('malformed', 'The Authorization header must be "Bearer <token>".');
    request.user = await options.verifier.verify(match[1]);
  });
}

export const authenticationPlugin = fp(authPlugin, { name: 'lantern-auth', fastify: '5.x' });
