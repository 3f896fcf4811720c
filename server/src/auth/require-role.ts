import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthError } from './auth-error.ts';
import { ForbiddenError } from '../routes/http-error.ts';

/** preHandler for security-team routes: 403 unless the caller's token carries `role` in its roles claim. */
export function requireRole(role: string) {
  return async function roleGuard(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const user = request.user;
    if (!user) throw new AuthError('missing', 'Sign in first: this route needs an access token.');
    if (!user.roles.includes(role)) {
      throw new ForbiddenError(`This action needs the ${role} role.`);
    }
  };
}
