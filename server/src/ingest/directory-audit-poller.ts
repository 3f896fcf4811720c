// Security-info changes: directory audits logged by the "Authentication Methods" service, by time window;
// each new change is enriched with the user's methods as read right after (GET /users/{id}/authentication/methods).
import type { AuthMethod, DomainEvent, SecurityInfoEvent } from '@lantern/shared';
import { normaliseAuthMethods, normaliseSecurityInfoAudit } from './normalise.ts';
import type { Poller, PollerContext } from './poller.ts';
import { errorMessage } from './poller.ts';
import { createWindowPoller } from './window-poller.ts';
import type { WindowPollerOptions } from './window-poller.ts';

export const SECURITY_INFO_FILTER = "loggedByService eq 'Authentication Methods'";

export function createDirectoryAuditPoller(ctx: PollerContext, options: WindowPollerOptions = {}): Poller {
  async function methodsOf(userId: string): Promise<AuthMethod[] | null> {
    try {
      const raw = await ctx.graph.getAuthMethods(userId);
      const n = normaliseAuthMethods(raw);
      if (n.ok) return n.value;
      ctx.health.skipped(1);
      ctx.logger.warn({ source: 'directoryAudits', userId, reason: n.error }, 'authentication methods unreadable; storing the change without them');
      return null;
    } catch (err) {
      ctx.health.error(`authentication methods of ${userId}: ${errorMessage(err)}`);
      ctx.logger.warn({ source: 'directoryAudits', userId, err: errorMessage(err) }, 'could not read authentication methods; storing the change without them');
      return null;
    }
  }

  return createWindowPoller(
    ctx,
    {
      source: 'directoryAudits',
      list: (window) => ctx.graph.listDirectoryAudits(window, SECURITY_INFO_FILTER),
      async toEvents(records) {
        const found: SecurityInfoEvent[] = [];
        const errors: string[] = [];
        for (const r of records) {
          const n = normaliseSecurityInfoAudit(r, null);
          if (n.ok) found.push(n.value);
          else errors.push(n.error);
        }
        // Changes re-read through the window overlap are already stored: do not read their methods again.
        const known = await ctx.store.existingEventIds('securityInfo', found.map((e) => e.id));
        const fresh = found.filter((e) => !known.has(e.id));
        const methods = new Map<string, AuthMethod[] | null>();
        for (const e of fresh) if (!methods.has(e.userId)) methods.set(e.userId, await methodsOf(e.userId));
        const events: DomainEvent[] = fresh.map((e) => ({ ...e, methodsAfter: methods.get(e.userId) ?? null }));
        return { events, errors };
      },
    },
    options,
  );
}
