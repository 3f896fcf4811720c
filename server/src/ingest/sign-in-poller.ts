// Sign-ins (GET /auditLogs/signIns), by time window. Needs Entra ID P1/P2: without it Graph answers 403
// and the poller reports `licence-required` in health instead of failing silently.
import type { DomainEvent } from '@lantern/shared';
import { normaliseSignIn } from './normalise.ts';
import type { Poller, PollerContext } from './poller.ts';
import { createWindowPoller } from './window-poller.ts';
import type { WindowPollerOptions } from './window-poller.ts';

export function createSignInPoller(ctx: PollerContext, options: WindowPollerOptions = {}): Poller {
  return createWindowPoller(
    ctx,
    {
      source: 'signIns',
      list: (window) => ctx.graph.listSignIns(window),
      async toEvents(records) {
        const events: DomainEvent[] = [];
        const errors: string[] = [];
        for (const r of records) {
          const n = normaliseSignIn(r);
          if (n.ok) events.push(n.value);
          else errors.push(n.error);
        }
        return { events, errors };
      },
    },
    options,
  );
}
