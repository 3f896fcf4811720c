// buildLantern(deps): the composition root. It wires the store, the Graph module, the pollers, the event-log
// pipeline (identity engine, mail scoring, triage index, report triage, incident notifications), digests and
// the HTTP application, and starts nothing: no socket, no timer. `startLantern` (start-lantern.ts) builds
// the real dependencies and calls `lantern.start(...)`; tests and benches call buildLantern with a manual
// clock and `drain()` the pipeline instead of sleeping on the wall clock.
import type { DestinationStream, Logger } from 'pino';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { MessageEvent } from '@lantern/shared';
import type { GraphUserSummary } from '../graph/graph-api.ts';
import type { ParseLimits } from '../mail/parse-limits.ts';
import type { LanternMailbox } from '../mailbox/security-mailbox.ts';
import { securityMailboxIntakeFor } from '../triage/security-mailbox-intake.ts';
import { terminalText } from '../terminal-text.ts';
import { buildApp } from '../app.ts';
import type { TokenVerifier } from '../auth/token-verifier.ts';
import type { FailedAuthLimit } from '../auth/failed-auth-limiter.ts';
import { systemClock, type Clock } from '../clock.ts';
import { DigestService, type DigestUser } from '../digest/digest-service.ts';
import { digestMailboxFrom } from '../digest/digest-mailbox-from.ts';
import type { GraphApi } from '../graph/graph-api.ts';
import { IdentityEngine, type IdentityEngineOptions } from '../identity/engine.ts';
import { defaultMailPolicy } from '../mail/mail-policy.ts';
import { createMailScorer } from '../mailbox/mail-scorer-default.ts';
import { mailboxGraphFrom } from '../mailbox/mailbox-graph-from.ts';
import type { MailboxPolicy } from '../mailbox/mailbox-policy.ts';
import { MailboxService, type InboundOutcome } from '../mailbox/mailbox-service.ts';
import type { RetryPolicy } from '../pipeline/consumer.ts';
import { identityConsumer, type IdentityConsumer, type SnapshotPolicy } from '../pipeline/identity-consumer.ts';
import { incidentNotificationsConsumer } from '../pipeline/incident-notifications.ts';
import { mailScoringConsumer, reportTriageConsumer, securityMailboxConsumer, triageIndexConsumer } from '../pipeline/mail-consumers.ts';
import { createPipeline, type Pipeline } from '../pipeline/pipeline.ts';
import type { DemoDeps } from '../routes/demo-routes.ts';
import type { PublicConfigRoutesOptions } from '../routes/public-config.ts';
import type { Store } from '../store/store.ts';
import { graphReporterNotifier } from '../triage/graph-reporter-notifier.ts';
import { triageMailboxFrom } from '../triage/triage-mailbox-from.ts';
import { TriageService } from '../triage/triage-service.ts';
import type { TriageTables } from '../triage/triage-tables.ts';
import { compromisedAt, openIncidentOf } from './incident-lookup.ts';
import { incidentHeldMail } from './incident-held-mail.ts';
import { IncidentResponse } from '../incidents/incident-response.ts';
import type { IncidentResponseTables } from '../incidents/incident-response-tables.ts';
import type { MailboxTables } from '../mailbox/mailbox-tables.ts';
import { responseGraphOf } from '../graph/response-graph.ts';
import { sourcesWatermark } from './ordered-feed.ts';
import { DEFAULT_INTERVALS, startIngestion, type Ingestion, type IngestionOptions } from './start-ingestion.ts';
import type { Cluster } from '../cluster/cluster.ts';
import { SOURCE_NAMES, type SourceName } from '../ingest/poller-health.ts';

/** How stale the copy of closed incidents that mail scoring reads may be (several instances share them). */
const CLOSURES_MAX_AGE_MS = 2_000;

export interface LanternHttpDeps {
  verifier: TokenVerifier;
  /** The clock tokens are checked against (default the system clock; the tenant's may be virtual). */
  clock?: Clock;
  logLevel?: string;
  logStream?: DestinationStream;
  addinDir?: string | null;
  rateLimit?: { max: number; timeWindowMs: number };
  /** Refused authentications per client address before 429 (default 30 per minute). */
  failedAuthLimit?: FailedAuthLimit;
  /** Origins allowed to frame the task pane besides its own (default: Outlook's). */
  taskPaneFrameAncestors?: readonly string[];
  publicConfig?: PublicConfigRoutesOptions | null;
  /** Demo endpoints, built once the mailbox service exists (they act on mailboxes through it). */
  demo?: ((mailbox: MailboxService) => DemoDeps) | null;
}

export interface LanternDeps {
  store: Store;
  graph: GraphApi;
  /** The tenant's clock (virtual in the demo, manual in tests and benches). */
  clock: Clock;
  logger: Logger;
  tenantId: string;
  tenantDomains: readonly string[];
  /** Display names of the tenant's people (the mail scorer's impersonation checks). */
  internalDisplayNames: readonly string[];
  /**
   * Lantern's own mailbox (LANTERN_SECURITY_MAILBOX): digests and reporter feedback are sent from it, signed;
   * its signed mail is never scored; mail reported to it is triaged. null = none (tests without mail out).
   */
  security: LanternMailbox | null;
  /** The tenant's users as Graph listed them at start (the security mailbox intake resolves reporters). */
  users?: readonly GraphUserSummary[];
  /** Bounds of MIME parsing (past them a message is read in part and held). */
  parseLimits?: Partial<ParseLimits>;
  /** Secret of the digests' signed action links, and the public base URL they point to. */
  linkSecret: Buffer;
  baseUrl: string;
  http: LanternHttpDeps;
  mailboxPolicy?: Partial<MailboxPolicy>;
  /** Pollers, built but not started (omitted: none; events then come through store.commit, as in tests). */
  ingestion?: Omit<IngestionOptions, 'graph' | 'store' | 'clock' | 'logger' | 'autoStart'> | null;
  engine?: Omit<IdentityEngineOptions, 'tenantDomains'>;
  snapshots?: SnapshotPolicy;
  /** Retry policy of the mail consumers (tests shorten it). */
  retry?: RetryPolicy;
  /** Progress lines for the person watching (incidents, held mail). */
  say?: (line: string) => void;
  /** Digest recipients (default: the tenant's users from Graph). */
  digestUsers?: () => Promise<DigestUser[]>;
  /**
   * Several instances on one PostgreSQL (cluster/cluster.ts): consumers run under leases, the mail consumers
   * in `mailPartitions` partitions spread over the instances, pollers and digests as pg-boss jobs. Omitted or
   * not shared: this process does all the work.
   */
  cluster?: Cluster | null;
  /** Partitions of the mail consumers when the cluster is shared (default 4). */
  mailPartitions?: number;
}

export interface StartOptions {
  host: string;
  port: number;
  /** Real milliseconds between pipeline passes when there was nothing to do (default 250). */
  pipelineIdleMs?: number;
  /** Real milliseconds between held-mail digest runs (default ten minutes). */
  digestEveryMs?: number;
}

export interface Lantern {
  app: FastifyInstance;
  store: Store;
  graph: GraphApi;
  clock: Clock;
  engine: IdentityEngine;
  /** Incident lifecycle, audit trail and response actions. */
  incidentResponse: IncidentResponse;
  identity: IdentityConsumer;
  mailbox: MailboxService;
  triage: TriageService;
  digest: DigestService;
  pipeline: Pipeline;
  ingestion: Ingestion | null;
  cluster: Cluster | null;
  /** Runs every consumer to the end of the log (no sleeping). */
  drain(): Promise<void>;
  /** Listens, starts the pollers, the pipeline loop and the digest timer; returns the URL. */
  start(options: StartOptions): Promise<string>;
  /** Stops timers and pollers, lets the pipeline write its last snapshot, closes the app (not the store). */
  close(): Promise<void>;
}

const IDENTITY_SOURCES: readonly SourceName[] = ['signIns', 'directoryAudits', 'inboxRules'];
/** A source no instance has reported yet holds the identity engine's input back. */
const PENDING = Object.fromEntries(SOURCE_NAMES.map((s) => [s, { state: 'idle' as const, completeThrough: null }])) as Record<SourceName, { state: 'idle'; completeThrough: null }>;

/** pg-boss queue names (letters, digits, '-', '_', '.', '/'). */
const pollQueue = (source: SourceName) => `lantern-poll-${source}`;
const DIGEST_QUEUE = 'lantern-digest';

export async function buildLantern(deps: LanternDeps): Promise<Lantern> {
  const { store, graph, clock, logger, tenantId } = deps;
  const say = deps.say ?? ((line: string) => logger.info(line));
  const warn = (stage: string) => (err: unknown, context: Record<string, unknown>) =>
    logger.warn({ ...context, stage, err: err instanceof Error ? err.message : String(err) }, `${stage} failed`);

  const engine = new IdentityEngine({ ...deps.engine, tenantDomains: deps.tenantDomains });
  // Closing an incident (resolved, benign) ends its hold on mail its accounts send after the closing time.
  let incidentResponse: IncidentResponse | null = null;
  const closedAt = (incidentId: string): string | null => incidentResponse?.closedAt(incidentId) ?? null;
  const mailbox = new MailboxService({
    db: store.db,
    graph: mailboxGraphFrom(graph),
    // Mail from a colleague whose account is in an open high or critical identity incident is held: the
    // classic chain sends its phishing from the compromised mailbox itself.
    scorer: createMailScorer(
      { domains: [...deps.tenantDomains], internalDisplayNames: [...deps.internalDisplayNames] },
      defaultMailPolicy,
      (address, at) => openIncidentOf(engine, address, at, closedAt),
      clock,
    ),
    clock,
    ...(deps.security ? { ownMail: deps.security.signer } : {}),
    ...(deps.parseLimits ? { parseLimits: deps.parseLimits } : {}),
    ...(deps.mailboxPolicy ? { policy: deps.mailboxPolicy } : {}),
    onError: (err, context) => warn('mailbox task')(err, context),
    log: store,
  });
  incidentResponse = new IncidentResponse({
    db: store.db as unknown as Kysely<IncidentResponseTables>,
    clock,
    incidents: engine,
    graph,
    response: responseGraphOf(graph),
    held: incidentHeldMail(mailbox, store.db as unknown as Kysely<MailboxTables>),
  });
  await incidentResponse.load();
  const responseService = incidentResponse;
  const security = deps.security;
  // The triage tables live in the same database (migration 0060); their module types only its own tables.
  const triageDb = store.db as unknown as Kysely<TriageTables>;
  const triage = new TriageService({
    db: triageDb,
    mailbox: triageMailboxFrom(mailbox),
    clock,
    tenantDomains: [...deps.tenantDomains],
    notifier: security ? graphReporterNotifier(security.send, security.mailbox.id) : null,
    // A report of mail from a colleague whose account has an open high or critical identity incident is
    // judged with that knowledge: the classic chain's phishing comes from a real internal mailbox.
    compromise: { isCompromised: async (address, at) => compromisedAt(engine, address, at, closedAt) },
  });
  const digest = new DigestService({
    db: triageDb,
    clock,
    secret: deps.linkSecret,
    baseUrl: deps.baseUrl,
    mailbox: digestMailboxFrom(mailbox, tenantId),
    graph: security?.send ?? graph,
    fromUserId: security?.mailbox.id ?? '',
    listUsers:
      deps.digestUsers ??
      (async () =>
        (await graph.listUsers()).users.filter((u) => u.id !== security?.mailbox.id).map((u) => ({ id: u.id, upn: u.userPrincipalName, displayName: u.displayName ?? null }))),
  });

  const ingestion = deps.ingestion
    ? startIngestion({ ...deps.ingestion, graph, store, clock, logger: logger.child({ module: 'ingest' }), autoStart: false })
    : null;

  // The stages after ingestion, in the order each pass runs them: identity first, so mail scored in the
  // same pass already knows of the incidents the sign-ins before it raised.
  const cluster = deps.cluster ?? null;
  const shared = cluster?.shared === true;
  const pipeline = createPipeline({
    store,
    clock,
    tenantId,
    ...(shared ? { coordination: cluster.coordination } : {}),
    onError: (err, c) =>
      logger.warn({ consumer: c.consumer, seq: c.seq, attempts: c.attempts, parked: c.parked, err: err instanceof Error ? err.message : String(err) }, c.parked ? 'a log entry was parked after its last attempt' : 'a log entry failed; it will be retried'),
  });
  const identity = identityConsumer({
    engine,
    store,
    clock,
    tenantId,
    ...(deps.snapshots ? { snapshots: deps.snapshots } : {}),
    // With pollers, identity events wait until every identity source has completed a run past them (in a
    // cluster: a run by any instance, as the instances' heartbeats report).
    ...(ingestion
      ? {
          watermark: shared
            ? () => sourcesWatermark(IDENTITY_SOURCES, { ...PENDING, ...cluster.sources() })
            : () => sourcesWatermark(IDENTITY_SOURCES, ingestion.health().sources),
        }
      : {}),
    onWarning: (message, context) => logger.warn(context, message),
  });
  // In a cluster every instance keeps the engine in memory (mail scoring asks it about compromised senders);
  // the holder of the identity lease writes its offset and snapshots.
  pipeline.register(shared ? { ...identity, everywhere: true } : identity);
  pipeline.register(incidentNotificationsConsumer({ store, incidents: () => engine.incidents(), say }));
  const retry = deps.retry ? { retry: deps.retry } : {};
  const partitions = shared ? Math.max(1, deps.mailPartitions ?? 4) : 1;
  for (let index = 0; index < partitions; index++) {
    const partition = { index, count: partitions };
    pipeline.register({
      ...mailScoringConsumer({
        mailbox,
        partition,
        // an incident resolved or reopened on another instance ends (or restarts) the hold here within 2 s
        beforeScoring: () => responseService.refresh(CLOSURES_MAX_AGE_MS),
        onOutcome: (outcome: InboundOutcome, event: MessageEvent) => {
          if (outcome.action === 'held' || outcome.action === 'links-locked') {
            say(`mail for ${terminalText(event.upn, { quote: false, max: 100 })}: ${terminalText(event.subject ?? '(no subject)')} ${outcome.action} (score ${outcome.score})`);
          }
        },
      }),
      ...retry,
    });
    pipeline.register({ ...triageIndexConsumer({ triage, mailbox, partition }), ...retry });
  }
  pipeline.register({ ...reportTriageConsumer({ triage, mailbox }), ...retry });
  // Reports sent to the security mailbox (the reported message attached) are triaged like add-in reports.
  if (security) {
    const intake = securityMailboxIntakeFor({ mailbox: security.mailbox, service: mailbox, graph: mailboxGraphFrom(graph), triage, users: deps.users ?? [], logger });
    pipeline.register({ ...securityMailboxConsumer({ mailboxId: security.mailbox.id, intake }), ...retry });
  }

  const http = deps.http;
  const app = await buildApp({
    clock: http.clock ?? systemClock,
    verifier: http.verifier,
    mailbox,
    logLevel: http.logLevel ?? 'warn',
    ...(http.logStream ? { logStream: http.logStream } : {}),
    ...(http.rateLimit ? { rateLimit: http.rateLimit } : {}),
    ...(http.failedAuthLimit ? { failedAuthLimit: http.failedAuthLimit } : {}),
    ...(http.taskPaneFrameAncestors ? { taskPaneFrameAncestors: http.taskPaneFrameAncestors } : {}),
    addinDir: http.addinDir ?? null,
    demo: http.demo ? http.demo(mailbox) : null,
    health: ingestion
      ? { health: () => ingestion.health(), pipeline: () => pipeline.health(), ...(cluster ? { cluster: () => cluster.instances() } : {}) }
      : null,
    incidents: { source: engine },
    digestLinks: { digest },
    console: { triage, digest, incidents: engine, events: store },
    incidentResponse: { response: incidentResponse },
    publicConfig: http.publicConfig ?? null,
  });

  const timers: NodeJS.Timeout[] = [];
  let closed = false;

  /** Runs `fn` under the lease `key` (skipped when another instance holds it: that one is doing the work). */
  const exclusively = async (c: Cluster, key: string, job: string, fn: () => Promise<void>): Promise<void> => {
    if (!(await c.leases.tryHold(key))) return;
    const done = c.running(job);
    try {
      await fn();
    } finally {
      done();
      await c.leases.release(key);
    }
  };

  /**
   * Shared cluster: each poller is a pg-boss job per tenant and source, one per interval slot whoever sends it
   * (singletonKey + singletonSeconds), worked by any instance and run under the source's lease, so two runs of
   * one source never overlap, and a dead instance's source is polled by another within one interval. The digest
   * run is a job the same way, once per period cluster-wide.
   */
  const startJobs = async (c: Cluster, boss: NonNullable<Cluster['boss']>, digestEveryMs: number): Promise<void> => {
    const every = (ms: number, fn: () => Promise<unknown>) => {
      const t = setInterval(() => {
        fn().catch((err: unknown) => warn('job scheduling')(err, {}));
      }, ms);
      t.unref();
      timers.push(t);
      void fn().catch((err: unknown) => warn('job scheduling')(err, {}));
    };
    if (ingestion) {
      const configured = deps.ingestion?.intervals ?? {};
      c.reportSources(() => ingestion.health().sources);
      for (const source of SOURCE_NAMES) {
        const interval = configured[source] === undefined ? DEFAULT_INTERVALS[source] : configured[source];
        if (interval === null) continue;
        const queue = pollQueue(source);
        await boss.createQueue(queue);
        await boss.work(queue, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async () => {
          await exclusively(c, `poll:${tenantId}:${source}`, `poll ${source}`, () => ingestion.pollOnce(source));
        });
        const slot = Math.max(1, Math.round(interval / 1000));
        every(interval, () => boss.send(queue, { tenantId, source }, { singletonKey: `${tenantId}:${source}`, singletonSeconds: slot, retryLimit: 0, expireInSeconds: 15 * 60 }));
      }
    }
    await boss.createQueue(DIGEST_QUEUE);
    await boss.work(DIGEST_QUEUE, { pollingIntervalSeconds: 2, batchSize: 1 }, async () => {
      await exclusively(c, `digest:${tenantId}`, 'digest', () => digest.sendDue().then(() => undefined));
    });
    const slot = Math.max(1, Math.round(digestEveryMs / 1000));
    every(digestEveryMs, () => boss.send(DIGEST_QUEUE, { tenantId }, { singletonKey: tenantId, singletonSeconds: slot, retryLimit: 0, expireInSeconds: 15 * 60 }));
  };

  return {
    app, store, graph, clock, engine, incidentResponse, identity, mailbox, triage, digest, pipeline, ingestion, cluster,
    drain: () => pipeline.drain(),
    async start(options) {
      if (cluster) await cluster.start();
      const address = await app.listen({ host: options.host, port: options.port });
      const digestEveryMs = options.digestEveryMs ?? 10 * 60_000;
      if (shared && cluster.boss) {
        const boss = cluster.boss;
        await cluster.leases.exclusive('pg-boss setup', () => startJobs(cluster, boss, digestEveryMs));
      } else {
        ingestion?.start();
        // Held-mail digests: each user's frequency decides who is due; sending is idempotent per period.
        const t = setInterval(() => {
          digest.sendDue().catch((err: unknown) => warn('digest run')(err, {}));
        }, digestEveryMs);
        t.unref();
        timers.push(t);
      }
      pipeline.start(options.pipelineIdleMs ?? 250);
      return address.replace('127.0.0.1', 'localhost');
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const t of timers) clearInterval(t);
      await ingestion?.stop();
      await pipeline.stop();
      await cluster?.stop();
      await app.close();
    },
  };
}
