// Runs the four pollers, each on its own interval and never overlapping itself, keeps their health, and
// lets other modules subscribe to newly committed events (identity detection, mail scoring).
// Subscribers hear about events after they are committed, in memory; stages that must not miss any across a
// crash are consumers of the store's event log instead (pipeline/), which is how buildLantern wires them.
import type { Logger } from 'pino';
import type { DomainEvent, EventKind } from '@lantern/shared';
import type { Clock } from '../clock.ts';
import type { GraphApi, GraphUserSummary } from '../graph/graph-api.ts';
import { LicenceRequiredError } from '../graph/graph-error.ts';
import type { Store } from '../store/store.ts';
import { createDirectoryAuditPoller } from '../ingest/directory-audit-poller.ts';
import { createInboxRulePoller } from '../ingest/inbox-rule-poller.ts';
import { createMessagePoller } from '../ingest/message-poller.ts';
import type { MessagePollerOptions } from '../ingest/message-poller.ts';
import type { Poller, PollerContext } from '../ingest/poller.ts';
import { errorMessage } from '../ingest/poller.ts';
import { HealthTracker, SOURCE_NAMES } from '../ingest/poller-health.ts';
import type { PollerHealth, SourceName } from '../ingest/poller-health.ts';
import { createSignInPoller, type SignInPollerOptions } from '../ingest/sign-in-poller.ts';
import type { WindowPollerOptions } from '../ingest/window-poller.ts';

export type EventHandler = (events: DomainEvent[]) => void | Promise<void>;

export interface IngestionHealth {
  /** ok: every source's last run succeeded; degraded: some source failed or lacks a licence; stopped. */
  status: 'ok' | 'degraded' | 'stopped';
  sources: Record<SourceName, PollerHealth>;
}

export interface IngestionOptions {
  graph: GraphApi;
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Milliseconds between the end of one run and the start of the next; null: only on pollOnce. */
  intervals?: Partial<Record<SourceName, number | null>>;
  /** Only these mailboxes (user ids or userPrincipalNames) for inbox rules and messages; default all users. */
  users?: readonly string[];
  /** Start the timers now (default true); false leaves runs to pollOnce. */
  autoStart?: boolean;
  /** Sources to run (default all four). */
  sources?: readonly SourceName[];
  signIns?: SignInPollerOptions;
  directoryAudits?: WindowPollerOptions;
  messages?: MessagePollerOptions;
  /** How long the user list is reused before it is read again (default 1 hour of the ingestion clock). */
  userRefreshMs?: number;
}

export interface Ingestion {
  health(): IngestionHealth;
  /** Starts the timers (when built with autoStart: false); no-op once started. */
  start(): void;
  /** Runs the given source (default: all, one after another) once; waits for a run already in progress. */
  pollOnce(source?: SourceName): Promise<void>;
  /** Stops the timers and waits for runs in progress to reach a commit boundary. */
  stop(): Promise<void>;
  /** Subscribe to newly committed events of every kind, or of one kind; returns an unsubscribe function. */
  onEvents(handler: EventHandler): () => void;
  onEvents(kind: EventKind, handler: EventHandler): () => void;
}

export const DEFAULT_INTERVALS: Readonly<Record<SourceName, number>> = {
  signIns: 60_000,
  directoryAudits: 60_000,
  inboxRules: 15 * 60_000,
  messages: 30_000,
};

export function startIngestion(options: IngestionOptions): Ingestion {
  const { store, clock, logger } = options;
  const enabled = new Set<SourceName>(options.sources ?? SOURCE_NAMES);
  const handlers = new Set<{ kind: EventKind | null; fn: EventHandler }>();
  let stopping = false;

  const emit = async (events: DomainEvent[]): Promise<void> => {
    for (const h of handlers) {
      const mine = h.kind === null ? events : events.filter((e) => e.kind === h.kind);
      if (mine.length === 0) continue;
      try {
        await h.fn(mine);
      } catch (err) {
        logger.error({ err: errorMessage(err), events: mine.length }, 'an event subscriber failed; ingestion continues');
      }
    }
  };

  // The user list, shared by the mailbox pollers and refreshed now and then.
  let users: { at: number; list: GraphUserSummary[] } | null = null;
  let usersLoading: Promise<GraphUserSummary[]> | null = null;
  const refreshMs = options.userRefreshMs ?? 3_600_000;
  const only = options.users ? new Set(options.users.map((u) => u.toLowerCase())) : null;
  const listUsers = async (): Promise<GraphUserSummary[]> => {
    const now = clock.now().getTime();
    if (users && now - users.at < refreshMs) return users.list;
    usersLoading ??= (async () => {
      try {
        const { users: all, invalid } = await options.graph.listUsers();
        if (invalid > 0) logger.warn({ invalid }, 'skipped user records without id or userPrincipalName');
        const list = only ? all.filter((u) => only.has(u.id.toLowerCase()) || only.has(u.userPrincipalName.toLowerCase())) : all;
        users = { at: clock.now().getTime(), list };
        logger.info({ users: list.length }, 'user list read');
        return list;
      } finally {
        usersLoading = null;
      }
    })();
    return usersLoading;
  };

  const runners = new Map<SourceName, { poller: Poller; health: HealthTracker; running: Promise<void> | null; timer: NodeJS.Timeout | null }>();
  for (const source of SOURCE_NAMES) {
    if (!enabled.has(source)) continue;
    const health = new HealthTracker(source);
    const ctx: PollerContext = {
      graph: options.graph.withObserver({ onThrottled: () => health.throttled() }),
      store,
      clock,
      logger: logger.child({ source }),
      health,
      emit,
      users: listUsers,
      stopping: () => stopping,
    };
    const poller =
      source === 'signIns'
        ? createSignInPoller(ctx, options.signIns)
        : source === 'directoryAudits'
          ? createDirectoryAuditPoller(ctx, options.directoryAudits)
          : source === 'inboxRules'
            ? createInboxRulePoller(ctx)
            : createMessagePoller(ctx, options.messages);
    runners.set(source, { poller, health, running: null, timer: null });
  }

  async function runOnce(source: SourceName): Promise<void> {
    const r = runners.get(source);
    if (!r) return;
    const started = clock.now();
    const before = r.health.snapshot();
    const t0 = performance.now();
    r.health.started(started);
    try {
      await r.poller.poll();
      r.health.succeeded(clock.now());
    } catch (err) {
      const licence = err instanceof LicenceRequiredError;
      r.health.failed(errorMessage(err), licence);
      if (licence) logger.error({ source, err: errorMessage(err) }, 'sign-in logs need Microsoft Entra ID P1 or P2; this source is paused until the tenant is licensed');
      else logger.error({ source, err: errorMessage(err) }, 'poll failed; the next run resumes from the last committed cursor');
    }
    try {
      r.health.cursor(await r.poller.describeCursor());
    } catch (err) {
      logger.warn({ source, err: errorMessage(err) }, 'could not read the cursor for health');
    }
    const after = r.health.snapshot();
    logger.info(
      { source, stored: after.records - before.records, skipped: after.skipped - before.skipped, errors: after.errors - before.errors, throttled: after.throttled - before.throttled, ms: Math.round(performance.now() - t0), cursor: after.cursor },
      'poll finished',
    );
    if (stopping) r.health.stopped();
  }

  function run(source: SourceName): Promise<void> {
    const r = runners.get(source);
    if (!r) return Promise.resolve();
    if (r.running) return r.running;
    r.running = runOnce(source).finally(() => {
      r.running = null;
    });
    return r.running;
  }

  function schedule(source: SourceName, delay: number): void {
    const r = runners.get(source);
    const every = options.intervals?.[source] === undefined ? DEFAULT_INTERVALS[source] : options.intervals[source];
    if (!r || stopping || every === null) return;
    r.timer = setTimeout(() => {
      r.timer = null;
      void run(source).finally(() => schedule(source, every));
    }, delay);
    r.timer.unref();
  }

  let started = false;
  const startTimers = () => {
    if (started || stopping) return;
    started = true;
    for (const source of runners.keys()) schedule(source, 0);
  };
  if (options.autoStart !== false) startTimers();

  return {
    health(): IngestionHealth {
      const sources = {} as Record<SourceName, PollerHealth>;
      for (const s of SOURCE_NAMES) {
        const r = runners.get(s);
        sources[s] = r ? r.health.snapshot() : { ...new HealthTracker(s).snapshot(), state: 'stopped' };
      }
      const bad = [...runners.values()].some((r) => r.health.unhealthy());
      return { status: stopping ? 'stopped' : bad ? 'degraded' : 'ok', sources };
    },
    start: startTimers,
    async pollOnce(source?: SourceName): Promise<void> {
      if (source) return run(source);
      for (const s of runners.keys()) await run(s);
    },
    async stop(): Promise<void> {
      stopping = true;
      for (const r of runners.values()) {
        if (r.timer) clearTimeout(r.timer);
        r.timer = null;
      }
      await Promise.all([...runners.values()].map((r) => r.running ?? Promise.resolve()));
      for (const r of runners.values()) r.health.stopped();
    },
    onEvents(a: EventHandler | EventKind, b?: EventHandler): () => void {
      const entry = typeof a === 'function' ? { kind: null, fn: a } : { kind: a, fn: b as EventHandler };
      handlers.add(entry);
      return () => {
        handlers.delete(entry);
      };
    },
  };
}
