// Every route says who may call it, in its route config: `config: { access: 'public' | 'user' | 'analyst' }`.
// The authentication plugin (auth-plugin.ts) enforces it before any handler runs, and refuses to start an app
// in which any route lacks a declaration (default deny). See docs/security.md.
import { SECURITY_ANALYST_ROLE } from '@lantern/shared/api';

/**
 * - `public`: no token needed (health, public config, landing page, add-in files, signed digest links).
 * - `user`: a valid access token for this tenant and API.
 * - `analyst`: a valid token whose roles claim carries Lantern.SecurityAnalyst.
 */
export type RouteAccess = 'public' | 'user' | 'analyst';

export const ROUTE_ACCESS_LEVELS: readonly RouteAccess[] = ['public', 'user', 'analyst'];

/** The app role a level needs beyond a valid token, or null. */
export function roleOf(access: RouteAccess): string | null {
  return access === 'analyst' ? SECURITY_ANALYST_ROLE : null;
}

export function isRouteAccess(value: unknown): value is RouteAccess {
  return typeof value === 'string' && (ROUTE_ACCESS_LEVELS as readonly string[]).includes(value);
}

/** One registered route and what it declared (null = nothing, which the app refuses). */
export interface RouteAccessEntry {
  method: string;
  url: string;
  access: RouteAccess | null;
}

/** Thrown when the app is made ready with a route that declares no access. */
export class UndeclaredRouteError extends Error {
  override readonly name = 'UndeclaredRouteError';
  constructor(readonly routes: readonly RouteAccessEntry[]) {
    super(
      `every route must declare config.access ('public', 'user' or 'analyst'); undeclared: ${routes.map((r) => `${r.method} ${r.url}`).join(', ')}`,
    );
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route; enforced by the lantern-auth plugin. Required on every route. */
    access?: RouteAccess;
  }
}
