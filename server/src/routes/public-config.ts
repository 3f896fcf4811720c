// GET /api/public-config: the console's sign-in settings (mode, client id, authority, API scope). Public and
// unauthenticated by design: nothing in it is a secret, and the console needs it before anyone has signed in.
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PublicConfigResponse } from '@lantern/shared/api';

export interface PublicConfigRoutesOptions {
  config: PublicConfigResponse;
}

export class PublicConfigError extends Error {
  override readonly name = 'PublicConfigError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The settings for a real Entra tenant: authority `{authorityHost}/{tenantId}` (default
 * https://login.microsoftonline.com). The scope names the API by its Application ID URI
 * `api://{public host}/{clientId}` (the one the add-in's SSO uses) when Lantern's public URL is known,
 * and by its client id otherwise (`{clientId}/access_as_user`, which Entra also resolves).
 */
export function tenantPublicConfig(o: { tenantId: string; apiClientId: string; authorityHost?: string; publicUrl?: string | null }): PublicConfigResponse {
  const host = (o.authorityHost ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
  const resource = o.publicUrl ? `api://${new URL(o.publicUrl).host}/${o.apiClientId}` : o.apiClientId;
  return { mode: 'tenant', clientId: o.apiClientId, authority: `${host}/${o.tenantId}`, scope: `${resource}/access_as_user` };
}

/** The demo's settings: the simulator's authority (the console itself signs in through /demo/api/token). */
export function demoPublicConfig(o: { authority: string; apiClientId: string }): PublicConfigResponse {
  return { mode: 'demo', clientId: o.apiClientId, authority: o.authority, scope: `${o.apiClientId}/access_as_user`, knownAuthorities: [new URL(o.authority).host] };
}

const routes: FastifyPluginAsyncTypebox<PublicConfigRoutesOptions> = async (app, opts) => {
  const config = opts.config;
  if (!/^https:\/\//.test(config.authority)) throw new PublicConfigError('authority', `the console's authority must be an https:// URL, got ${config.authority}`);
  app.get(
    '/api/public-config',
    { config: { access: 'public' }, schema: { response: { 200: PublicConfigResponse } } },
    async (_req, reply) => reply.header('cache-control', 'no-store').send(config),
  );
};

export const publicConfigRoutes = fp(routes, { name: 'lantern-public-config', fastify: '5.x' });
