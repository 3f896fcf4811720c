// Sign-ins (GET /auditLogs/signIns), by time window. Needs Entra ID P1/P2: without it Graph answers 403
// and the poller reports `licence-required` in health instead of failing silently.
//
// Where the tenant allows it, sign-ins are read from beta, as a tenant's sign-in logs hold them: interactive
// and non-interactive user sign-ins (one query each, `signInEventTypes/any(t: t eq '…')`), with beta's
// fields (authenticationProtocol, sessionId, uniqueTokenIdentifier, userAgent). When beta refuses (a 4xx
// other than throttling, licence or authentication), the poller falls back to v1.0 (interactive sign-ins
// only, v1.0's fields) and says in health what is missing; it tries beta again after `betaRetryMs`.
import type { DomainEvent } from '@lantern/shared';
import type { SignInQuery, TimeWindow } from '../graph/graph-api.ts';
import { GraphError, LicenceRequiredError } from '../graph/graph-error.ts';
import { SIGN_IN_DATA_MISSING_ON_V1, USER_SIGN_IN_EVENT_TYPES } from '../graph/sign-in-fields.ts';
import { normaliseSignIn } from './normalise.ts';
import type { Poller, PollerContext } from './poller.ts';
import { errorMessage } from './poller.ts';
import { createWindowPoller } from './window-poller.ts';
import type { WindowPollerOptions } from './window-poller.ts';

/** 'auto': beta where the tenant allows it, else v1.0; 'beta' or 'v1.0': that version only. */
export type SignInApiSetting = 'auto' | 'beta' | 'v1.0';

export interface SignInPollerOptions extends WindowPollerOptions {
  /** Default 'auto'. */
  api?: SignInApiSetting;
  /** After falling back to v1.0, how long before beta is tried again (default 6 hours). */
  betaRetryMs?: number;
}

const BETA_QUERIES: readonly SignInQuery[] = USER_SIGN_IN_EVENT_TYPES.filter((t): t is 'interactiveUser' | 'nonInteractiveUser' => t === 'interactiveUser' || t === 'nonInteractiveUser').map((eventType) => ({ api: 'beta', eventType }));

/** Whether a failed beta request means "this tenant does not give beta" rather than a passing failure. */
function betaRefused(err: unknown): boolean {
  if (!(err instanceof GraphError) || err instanceof LicenceRequiredError) return false;
  return err.status >= 400 && err.status < 500 && err.status !== 401 && err.status !== 408 && err.status !== 429;
}

export function createSignInPoller(ctx: PollerContext, options: SignInPollerOptions = {}): Poller {
  const setting = options.api ?? 'auto';
  const betaRetryMs = options.betaRetryMs ?? 6 * 3_600_000;
  /** When beta was last refused (auto only): v1.0 is read until betaRetryMs later. */
  let refusedAt: number | null = null;

  if (setting === 'v1.0') ctx.health.signInData({ api: 'v1.0', missing: [...SIGN_IN_DATA_MISSING_ON_V1], reason: 'configured to read v1.0 only' });

  async function* fromV1(window: TimeWindow): AsyncIterable<unknown[]> {
    yield* ctx.graph.listSignIns(window, { api: 'v1.0' });
  }

  async function* list(window: TimeWindow): AsyncIterable<unknown[]> {
    if (setting === 'v1.0') return yield* fromV1(window);
    const now = ctx.clock.now().getTime();
    if (setting === 'auto' && refusedAt !== null && now - refusedAt < betaRetryMs) return yield* fromV1(window);
    let first = true;
    for (const query of BETA_QUERIES) {
      try {
        for await (const page of ctx.graph.listSignIns(window, query)) {
          first = false;
          yield page;
        }
      } catch (err) {
        // Fall back only before anything of this window was read from beta (the window is then read whole
        // from v1.0); a later failure fails the run, which is retried.
        if (setting === 'auto' && first && betaRefused(err)) {
          refusedAt = now;
          ctx.logger.warn({ err: errorMessage(err) }, 'beta sign-ins refused; reading v1.0 (interactive sign-ins only, without beta fields)');
          ctx.health.signInData({ api: 'v1.0', missing: [...SIGN_IN_DATA_MISSING_ON_V1], reason: `beta refused: ${errorMessage(err)}` });
          return yield* fromV1(window);
        }
        throw err;
      }
    }
    refusedAt = null;
    ctx.health.signInData({ api: 'beta', missing: [], reason: null });
  }

  return createWindowPoller(
    ctx,
    {
      source: 'signIns',
      list,
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
