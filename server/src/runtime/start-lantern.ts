// startLantern: builds every real dependency from the configuration and runs the whole product in one
// process: (in demo mode) the tenant simulator, then the Graph module, the store, the pollers, identity
// detection, live mail scoring, report triage, digests and the HTTP application.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DomainEvent, TenantScenario } from '@lantern/shared';
import { buildApp } from '../app.ts';
import { createTokenVerifier } from '../auth/token-verifier.ts';
import { entraJwksUri, remoteKeys } from '../auth/remote-keys.ts';
import { acceleratedClock, systemClock, type Clock } from '../clock.ts';
import type { LanternConfig } from '../config.ts';
import { DigestService } from '../digest/digest-service.ts';
import { digestMailboxFrom } from '../digest/digest-mailbox-from.ts';
import { createGraphApi } from '../graph/create-graph-api.ts';
import type { GraphApi } from '../graph/graph-api.ts';
import { IdentityEngine } from '../identity/engine.ts';
import type { Incident } from '@lantern/shared';
import { createMailScorer, type SenderCompromise } from '../mailbox/mail-scorer-default.ts';
import { defaultMailPolicy } from '../mail/mail-policy.ts';
import { startMailScoring, type MailScoring } from '../mailbox/mail-scoring.ts';
import { mailboxGraphFrom } from '../mailbox/mailbox-graph-from.ts';
import { MailboxService } from '../mailbox/mailbox-service.ts';
import { demoDepsFromSimulator } from '../routes/demo-deps.ts';
import { demoPublicConfig, tenantPublicConfig } from '../routes/public-config.ts';
import { persistCertificates } from '../sim/certificates.ts';
import { terminalText } from '../terminal-text.ts';
import { generateScenario } from '../sim/generator/generate.ts';
import { withLanternMailbox } from '../sim/generator/lantern-mailbox.ts';
import { DemoState } from '../sim/demo-state.ts';
import { lanternMailboxFrom } from '../mailbox/security-mailbox.ts';
import { securityMailboxIntakeFor } from '../triage/security-mailbox-intake.ts';
import { SIM_CLIENT_ID, startSimulator, type RunningSimulator } from '../sim/simulator.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { connectTriage, type TriageConnection } from '../triage/connect-triage.ts';
import { graphReporterNotifier } from '../triage/graph-reporter-notifier.ts';
import { triageMailboxFrom } from '../triage/triage-mailbox-from.ts';
import { TriageService } from '../triage/triage-service.ts';
import type { TriageTables } from '../triage/triage-tables.ts';
import { orderedFeed } from './ordered-feed.ts';
import { startIngestion, type Ingestion } from './start-ingestion.ts';
import { simulatorGraphApi } from '../sim/simulator-graph-api.ts';

export interface StartLanternOptions {
  config: LanternConfig;
  logger: Logger;
  /** Directory of the built add-in (served under /addin/); null = not served. */
  addinDir: string | null;
  /** One line of progress for the person watching (the CLI prints it). */
  progress?: (line: string) => void;
  /** Demo only: a scenario to serve instead of the generated one. */
  scenario?: TenantScenario;
  /** Demo only: where a new demo's clock starts (default: half a day before the first attack). */
  demoClockStart?: Date;
  /** Demo only: delete the stored demo and start over (`lantern start --fresh`). */
  fresh?: boolean;
  /** Poll intervals in real milliseconds (default: 5 s in the demo, Graph-friendly minutes otherwise). */
  pollIntervalMs?: number;
}

export interface RunningLantern {
  app: FastifyInstance;
  /** http://host:port of the backend once listening. */
  url: string;
  simulator: RunningSimulator | null;
  store: Store;
  graph: GraphApi;
  ingestion: Ingestion;
  engine: IdentityEngine;
  mailbox: MailboxService;
  triage: TriageService;
  digest: DigestService;
  /** The tenant's clock (virtual in the demo). */
  clock: Clock;
  /** Resolves when the events and messages received so far have been processed. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const HOUR = 3_600_000;

async function linkSecret(config: LanternConfig): Promise<Buffer> {
  if (config.linkSecret) return Buffer.from(config.linkSecret, 'utf8');
  const file = join(config.dataDir, 'link-secret');
  if (existsSync(file)) {
    const hex = (await readFile(file, 'utf8')).trim();
    if (/^[0-9a-f]{64}$/.test(hex)) return Buffer.from(hex, 'hex');
  }
  const secret = randomBytes(32);
  await writeFile(file, secret.toString('hex'), { mode: 0o600 });
  return secret;
}

/** The demo's clock starts half a day before the first attack, so the whole story plays in a few minutes. */
function defaultDemoStart(scenario: TenantScenario): Date {
  const attacks = (scenario.labels ?? []).filter((l) => l.kind === 'attack').map((l) => Date.parse(l.start));
  const first = attacks.length > 0 ? Math.min(...attacks) : Date.parse(scenario.end) - 2 * 24 * HOUR;
  return new Date(Math.max(Date.parse(scenario.start) + 24 * HOUR, first - 12 * HOUR));
}

/** The open high or critical incident of the user behind `address` that had started by `at`, if any. */
export function openIncidentOf(engine: Pick<IdentityEngine, 'incidents'>, address: string, at: string): SenderCompromise | null {
  const who = address.toLowerCase();
  const found = engine
    .incidents()
    .filter((i) => (i.severity === 'high' || i.severity === 'critical') && i.start <= at && i.users.some((u) => u.toLowerCase() === who))
    .sort((a, b) => b.score - a.score)[0];
  return found ? { incidentId: found.id, severity: found.severity, since: found.start } : null;
}

/** True when `address` belongs to a user in an open high or critical incident that had started by `at`. */
export function compromisedAt(engine: Pick<IdentityEngine, 'incidents'>, address: string, at: string): boolean {
  return openIncidentOf(engine, address, at) !== null;
}

export async function startLantern(options: StartLanternOptions): Promise<RunningLantern> {
  const { config, logger } = options;
  const say = options.progress ?? ((line: string) => logger.info(line));
  await mkdir(config.dataDir, { recursive: true });
  const stops: (() => Promise<void> | void)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (err) {
        logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'error while stopping');
      }
    }
  };

  try {
    // The tenant: the built-in simulator in demo mode, Microsoft's cloud otherwise.
    let simulator: RunningSimulator | null = null;
    let clock: Clock = systemClock;
    let graph: GraphApi;
    let tenantId: string;
    let apiClientId: string;
    let tenantDomains: string[];
    let extraIssuers: string[] = [];
    let jwksUri: string;
    let caPem: string | undefined;
    let demoLookbackMs: number | null = null;
    let securityMailboxName = config.securityMailbox ?? '';
    let demoState: DemoState | null = null;
    if (config.mode === 'demo') {
      say(`generating a simulated tenant: ${config.demoUsers} users, ${config.demoDays} days (seed ${config.demoSeed})`);
      const scenario = withLanternMailbox(options.scenario ?? generateScenario({ users: config.demoUsers, days: config.demoDays, seed: config.demoSeed }));
      securityMailboxName ||= `lantern@${scenario.tenant.domains[0] ?? ''}`;
      // The demo keeps its state across restarts (database, mailbox changes, clock) unless told to start over.
      demoState = DemoState.open({ dataDir: config.dataDir, database: config.database, settings: { seed: config.demoSeed, users: config.demoUsers, days: config.demoDays }, scenario, fresh: options.fresh ?? false, say });
      const start = demoState.resumeAt ?? options.demoClockStart ?? defaultDemoStart(scenario);
      clock = acceleratedClock(start, config.demoSpeed);
      const certificates = await persistCertificates(join(config.dataDir, 'sim-certs'), systemClock);
      // Graph's identity-report limit (5 requests per 10 s) would make the demo's catch-up of days of sign-ins
      // take minutes of real time while its clock runs 1,440 times faster; the demo relaxes that one limit.
      simulator = await startSimulator({ scenario, clock, certificates, port: 0, throttling: { identityReportRequests: 200 } });
      demoLookbackMs = start.getTime() - Date.parse(scenario.start);
      const sim = simulator;
      stops.push(() => sim.close());
      const demo = demoState;
      demo.attach(sim.state, clock, sim.graphUrl);
      stops.push(() => demo.close(sim.state));
      say(`simulated tenant ${terminalText(scenario.tenant.displayName)} at ${sim.graphUrl} (clock ${start.toISOString()}, ${config.demoSpeed}× real time)`);
      tenantId = sim.tenantId;
      apiClientId = SIM_CLIENT_ID;
      tenantDomains = scenario.tenant.domains.map((d) => d.toLowerCase());
      extraIssuers = [sim.issuer];
      jwksUri = sim.jwksUri;
      caPem = sim.caPem;
      graph = simulatorGraphApi(sim, {
        logger: logger.child({ module: 'graph' }),
      });
    } else {
      const tenant = config.tenant!;
      tenantId = tenant.tenantId;
      apiClientId = tenant.apiClientId;
      jwksUri = entraJwksUri(tenant.tenantId, tenant.authorityHost);
      graph = createGraphApi({
        graphUrl: tenant.graphUrl,
        credentials: { authority: `${tenant.authorityHost}/${tenant.tenantId}`, clientId: tenant.clientId, credential: tenant.credential },
        logger: logger.child({ module: 'graph' }),
      });
      tenantDomains = [];
    }

    // Storage (the demo's is kept across restarts: DemoState above decided whether to resume it).
    const store = await openStore(config.database);
    stops.push(() => store.close());
    if (demoState) await demoState.rebaseCursors(store);
    say(`store: ${config.database.kind === 'sqlite' ? `SQLite at ${config.database.file}` : 'PostgreSQL'}`);

    // The directory the mail scorer and triage need: the tenant's domains and its people's names.
    const { users } = await graph.listUsers();
    for (const u of users) {
      const domain = u.userPrincipalName.split('@')[1]?.toLowerCase();
      if (domain && !tenantDomains.includes(domain)) tenantDomains.push(domain);
    }
    const internalDisplayNames = users.map((u) => u.displayName).filter((n): n is string => !!n);
    say(`tenant directory: ${users.length} users, domains ${terminalText(tenantDomains.join(', ') || '(none)', { quote: false, max: 300 })}`);
    // Lantern's own mailbox: everything Lantern sends goes out from it, signed; it never scores that mail.
    const secret = await linkSecret(config);
    const lantern = lanternMailboxFrom(users, securityMailboxName, secret, graph, clock);
    say(`security mailbox: ${terminalText(lantern.mailbox.upn, { quote: false, max: 200 })} (Lantern's mail is sent from it, signed; reports sent to it are triaged)`);

    // Identity detection, fed with what is already stored and then with every newly committed event.
    const engine = new IdentityEngine({ tenantDomains });
    // What has been announced of each incident: the first time its summary, then each new breach.
    const announced = new Map<string, Set<string>>();
    const announce = (incidents: Incident[]) => {
      for (const inc of incidents) {
        if (inc.severity !== 'high' && inc.severity !== 'critical') continue;
        let seen = announced.get(inc.id);
        if (!seen) {
          seen = new Set();
          announced.set(inc.id, seen);
          say(`INCIDENT ${inc.id} ${inc.severity.toUpperCase()} (score ${inc.score}): ${inc.users.map((u) => terminalText(u, { quote: false, max: 100 })).join(', ')}`);
        }
        for (const b of inc.breaches) {
          const key = `${b.model}|${b.user}|${b.at}`;
          if (seen.has(key)) continue;
          seen.add(key);
          say(`  ${inc.id} ${b.at.slice(0, 16)}Z ${terminalText(b.user, { quote: false, max: 100 })}: ${b.model} (${b.score}) ${terminalText(b.reasons[0]?.text ?? '', { quote: false, max: 240 })}`);
        }
      }
    };
    const byTime = (events: readonly DomainEvent[]) => [...events].sort((a, b) => a.at.localeCompare(b.at));
    const stored = await store.listEvents({ order: 'asc' });
    if (stored.length > 0) engine.ingest(byTime(stored));

    // Mailbox actions, live scoring and triage.
    const mailboxGraph = mailboxGraphFrom(graph);
    const mailbox = new MailboxService({
      db: store.db,
      graph: mailboxGraph,
      // Mail from a colleague whose account is in an open high or critical identity incident is held: the
      // classic chain sends its phishing from the compromised mailbox itself.
      scorer: createMailScorer({ domains: tenantDomains, internalDisplayNames }, defaultMailPolicy, (address, at) => openIncidentOf(engine, address, at), clock),
      clock,
      ownMail: lantern.signer,
      parseLimits: config.mailParseLimits,
      onError: (err, context) => logger.warn({ ...context, err: err instanceof Error ? err.message : String(err) }, 'mailbox task failed'),
    });
    // The triage tables live in the same database (migration 0060); their module types only its own tables.
    const triageDb = store.db as unknown as Kysely<TriageTables>;
    const triage = new TriageService({
      db: triageDb,
      mailbox: triageMailboxFrom(mailbox),
      clock,
      tenantDomains,
      notifier: graphReporterNotifier(lantern.send, lantern.mailbox.id),
      // A report of mail from a colleague whose account has an open high or critical identity incident is
      // judged with that knowledge: the classic chain's phishing comes from a real internal mailbox.
      compromise: {
        isCompromised: async (address, at) => compromisedAt(engine, address, at),
      },
    });
    const triageLink: TriageConnection = connectTriage({
      triage,
      mailbox,
      onError: (err, context) => logger.warn({ ...context, err: err instanceof Error ? err.message : String(err) }, 'triage task failed'),
    });
    stops.push(() => triageLink.stop());
    // Reports sent to the security mailbox (the reported message attached) are triaged like add-in reports.
    const reportsByMail = securityMailboxIntakeFor({ mailbox: lantern.mailbox, service: mailbox, graph: mailboxGraph, triage, users, logger });
    stops.push(() => reportsByMail.stop());

    const ingestion = startIngestion({
      graph,
      store,
      clock,
      logger: logger.child({ module: 'ingest' }),
      ...(demoLookbackMs !== null
        ? { signIns: { initialLookbackMs: demoLookbackMs }, directoryAudits: { initialLookbackMs: demoLookbackMs } }
        : {}),
      intervals: (() => {
        const ms = options.pollIntervalMs ?? (config.mode === 'demo' ? 5_000 : null);
        return ms === null ? {} : { signIns: ms, directoryAudits: ms, inboxRules: ms * 2, messages: ms };
      })(),
    });
    stops.push(() => ingestion.stop());
    const feed = orderedFeed({
      sources: ['signIns', 'directoryAudits', 'inboxRules'],
      health: () => ingestion.health().sources,
      deliver: (events) => {
        engine.ingest(events);
        announce(engine.incidents());
      },
    });
    ingestion.onEvents((events) => {
      feed.push(events.filter((e) => e.kind !== 'message'));
      feed.flush();
    });
    const feedTimer = setInterval(() => feed.flush(), 1_000);
    feedTimer.unref();
    stops.push(() => {
      clearInterval(feedTimer);
      feed.drain();
    });
    const scoring: MailScoring = startMailScoring({
      ingestion,
      service: mailbox,
      onOutcome: (outcome, event) => {
        triageLink.indexScored(outcome, event);
        if (outcome.action === 'held' || outcome.action === 'links-locked') {
          say(`mail for ${terminalText(event.upn, { quote: false, max: 100 })}: ${terminalText(event.subject ?? '(no subject)')} ${outcome.action} (score ${outcome.score})`);
        }
      },
      onError: (err, event) => logger.warn({ messageId: event.messageId, err: err instanceof Error ? err.message : String(err) }, 'could not score a message'),
    });
    stops.push(() => scoring.stop());
    const stopIntake = ingestion.onEvents('message', (events) => reportsByMail.handle(events));
    stops.push(stopIntake);

    const digest = new DigestService({
      db: triageDb,
      clock,
      secret,
      baseUrl: config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`,
      mailbox: digestMailboxFrom(mailbox, tenantId),
      graph: lantern.send,
      fromUserId: lantern.mailbox.id,
      listUsers: async () =>
        (await graph.listUsers()).users.filter((u) => u.id !== lantern.mailbox.id).map((u) => ({ id: u.id, upn: u.userPrincipalName, displayName: u.displayName ?? null })),
    });

    // Held-mail digests: checked every (real) ten minutes; each user's frequency decides who is due.
    const digestTimer = setInterval(() => {
      digest.sendDue().catch((err: unknown) => logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'digest run failed'));
    }, 10 * 60_000);
    digestTimer.unref();
    stops.push(() => clearInterval(digestTimer));

    // The HTTP application.
    const verifier = createTokenVerifier({
      tenantId,
      clientId: apiClientId,
      extraIssuers,
      keys: remoteKeys(jwksUri, caPem ? { caPem } : {}),
      clock: systemClock,
    });
    const sim = simulator;
    const app = await buildApp({
      clock: systemClock,
      verifier,
      mailbox,
      logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel,
      addinDir: options.addinDir,
      demo: sim ? demoDepsFromSimulator({ simulator: sim, audience: apiClientId, actions: mailbox.actions }) : null,
      health: { health: () => ingestion.health() },
      incidents: { source: engine },
      digestLinks: { digest },
      console: { triage, digest, incidents: engine, events: store },
      publicConfig: {
        config: sim
          ? demoPublicConfig({ authority: sim.authority, apiClientId })
          : tenantPublicConfig({ tenantId, apiClientId, authorityHost: config.tenant!.authorityHost, publicUrl: config.publicUrl }),
      },
    });
    stops.push(() => app.close());
    const address = await app.listen({ host: config.host, port: config.port });
    const url = address.replace('127.0.0.1', 'localhost');

    return {
      app,
      url,
      simulator,
      store,
      graph,
      ingestion,
      engine,
      mailbox,
      triage,
      digest,
      clock,
      idle: async () => {
        await scoring.idle();
        await reportsByMail.idle();
        await triageLink.idle();
      },
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
