// startLantern: builds every real dependency from the configuration ((in demo mode) the tenant simulator,
// the Graph module, the store, the token verifier), wires the product with buildLantern and starts it:
// listening, pollers, the event-log pipeline and the digest timer, in one process.
import { ensurePrivateDir } from '../store/private-files.ts';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { TenantScenario } from '@lantern/shared';
import { createTokenVerifier } from '../auth/token-verifier.ts';
import { entraJwksUri, remoteKeys } from '../auth/remote-keys.ts';
import { acceleratedClock, systemClock, type Clock } from '../clock.ts';
import type { LanternConfig } from '../config.ts';
import type { DigestService } from '../digest/digest-service.ts';
import { createGraphApi } from '../graph/create-graph-api.ts';
import type { GraphApi } from '../graph/graph-api.ts';
import type { IdentityEngine } from '../identity/engine.ts';
import type { MailboxService } from '../mailbox/mailbox-service.ts';
import type { Pipeline } from '../pipeline/pipeline.ts';
import { demoDepsFromSimulator } from '../routes/demo-deps.ts';
import { demoPublicConfig, tenantPublicConfig } from '../routes/public-config.ts';
import { persistCertificates } from '../sim/certificates.ts';
import { terminalText } from '../terminal-text.ts';
import { generateScenario } from '../sim/generator/generate.ts';
import { withLanternMailbox } from '../sim/generator/lantern-mailbox.ts';
import { DemoState } from '../sim/demo-state.ts';
import { lanternMailboxFrom } from '../mailbox/security-mailbox.ts';
import { SIM_CLIENT_ID, startSimulator, type RunningSimulator } from '../sim/simulator.ts';
import { simulatorGraphApi } from '../sim/simulator-graph-api.ts';
import { openStore } from '../store/open-store.ts';
import { lockSqliteFile } from '../store/sqlite-lock.ts';
import type { Store } from '../store/store.ts';
import type { TriageService } from '../triage/triage-service.ts';
import { buildLantern } from './build-lantern.ts';
import { createCluster } from '../cluster/cluster.ts';
import { ConfigError } from '../config.ts';
import type { Ingestion } from './start-ingestion.ts';

export { compromisedAt, openIncidentOf } from './incident-lookup.ts';

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
  /** The consumers of the event log (identity, mail scoring, triage index, report triage, notifications). */
  pipeline: Pipeline;
  /** The tenant's clock (virtual in the demo). */
  clock: Clock;
  /** Runs the pipeline to the end of the log: what was committed so far has been processed. */
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

export async function startLantern(options: StartLanternOptions): Promise<RunningLantern> {
  const { config, logger } = options;
  const say = options.progress ?? ((line: string) => logger.info(line));
  // Only Lantern's user may read its data (database, link secret, certificates' keys).
  ensurePrivateDir(config.dataDir);
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
    // One process per SQLite database: refuse before anything (the demo's state included) is touched.
    if (config.database.kind === 'sqlite') stops.push(lockSqliteFile(config.database.file));
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
      // An authority host that is not one of Microsoft's (a private identity provider, `lantern sim` in CI):
      // msal-node is told it is known, so it neither rejects it nor runs instance discovery against Microsoft.
      const authorityHost = new URL(tenant.authorityHost).host;
      const microsoftHost = /(^|\.)(login\.microsoftonline\.(com|us)|login\.chinacloudapi\.cn|login\.partner\.microsoftonline\.cn)$/i.test(authorityHost);
      if (tenant.caPem) caPem = tenant.caPem;
      graph = createGraphApi({
        graphUrl: tenant.graphUrl,
        credentials: {
          authority: `${tenant.authorityHost.replace(/\/+$/, '')}/${tenant.tenantId}`,
          clientId: tenant.clientId,
          credential: tenant.credential,
          ...(microsoftHost ? {} : { knownAuthorities: [authorityHost] }),
        },
        ...(tenant.caPem ? { caPem: tenant.caPem } : {}),
        logger: logger.child({ module: 'graph' }),
      });
      tenantDomains = [];
    }

    // Several instances share one PostgreSQL database; each must sign links and its own mail with the same secret.
    if (config.database.kind === 'postgres' && config.mode === 'tenant' && !config.linkSecret) {
      throw new ConfigError('with DATABASE_URL every instance must sign with the same secret: set LANTERN_LINK_SECRET');
    }
    // Storage (the demo's is kept across restarts: DemoState above decided whether to resume it).
    const store = await openStore(config.database);
    stops.push(() => store.close());
    // The demo's simulated tenant lives inside the instance that started it: a second demo instance would bring a
    // second, separate simulator and act on mail the first one's simulator holds. Refuse, and say what works.
    if (config.mode === 'demo' && config.database.kind === 'postgres') {
      const since = new Date(Date.now() - 5_000).toISOString();
      const others = await store.db.selectFrom('cluster_instances').select('instance_id').where('stopped', '=', 0).where('last_seen', '>=', since).execute();
      if (others.length > 0) {
        throw new ConfigError('a demo instance already runs on this DATABASE_URL and its simulated tenant lives in it; to run several instances, serve the simulator with `lantern sim` and point every instance at it (docs/cluster.md)');
      }
    }
    // The instances sharing the work: leases and pg-boss jobs on PostgreSQL, this process alone on SQLite.
    const cluster = await createCluster({
      store,
      tenantId,
      logger: logger.child({ module: 'cluster' }),
      url: config.database.kind === 'postgres' ? config.database.url : null,
      onLost: (err) => {
        logger.error({ err: err instanceof Error ? err.message : String(err) }, 'lost the database connection that holds this instance\'s work; stopping');
        void stopAll().finally(() => process.exit(1));
      },
    });
    stops.push(() => cluster.stop());
    if (cluster.shared) say(`cluster: instance ${cluster.instanceId} shares the work with the other instances on this database (leases and pg-boss jobs)`);
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
    const security = lanternMailboxFrom(users, securityMailboxName, secret, graph, clock);
    say(`security mailbox: ${terminalText(security.mailbox.upn, { quote: false, max: 200 })} (Lantern's mail is sent from it, signed; reports sent to it are triaged)`);

    const verifier = createTokenVerifier({
      tenantId,
      clientId: apiClientId,
      extraIssuers,
      keys: remoteKeys(jwksUri, caPem ? { caPem } : {}),
      clock: systemClock,
    });
    const sim = simulator;
    const pollMs = options.pollIntervalMs ?? config.pollIntervalMs ?? (config.mode === 'demo' ? 5_000 : null);
    const lantern = await buildLantern({
      store,
      graph,
      clock,
      logger,
      tenantId,
      tenantDomains,
      internalDisplayNames,
      security,
      users,
      cluster,
      mailPartitions: config.mailPartitions,
      parseLimits: config.mailParseLimits,
      linkSecret: secret,
      baseUrl: config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`,
      say,
      ingestion: {
        signIns: { api: config.signInApi, ...(demoLookbackMs !== null ? { initialLookbackMs: demoLookbackMs } : {}) },
        ...(demoLookbackMs !== null ? { directoryAudits: { initialLookbackMs: demoLookbackMs } } : {}),
        intervals: pollMs === null ? {} : { signIns: pollMs, directoryAudits: pollMs, inboxRules: pollMs * 2, messages: pollMs },
      },
      http: {
        verifier,
        clock: systemClock,
        logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel,
        addinDir: options.addinDir,
        demo: sim ? (mailbox) => demoDepsFromSimulator({ simulator: sim, audience: apiClientId, actions: mailbox.actions }) : null,
        publicConfig: {
          config: sim
            ? demoPublicConfig({ authority: sim.authority, apiClientId })
            : tenantPublicConfig({ tenantId, apiClientId, authorityHost: config.tenant!.authorityHost, publicUrl: config.publicUrl }),
        },
      },
    });
    stops.push(() => lantern.close());
    const url = await lantern.start({ host: config.host, port: config.port });
    const ingestion = lantern.ingestion!;

    return {
      app: lantern.app,
      url,
      simulator,
      store,
      graph,
      ingestion,
      engine: lantern.engine,
      mailbox: lantern.mailbox,
      triage: lantern.triage,
      digest: lantern.digest,
      pipeline: lantern.pipeline,
      clock,
      idle: () => lantern.drain(),
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
