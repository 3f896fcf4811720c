// Several `lantern start` processes on one PostgreSQL database. Each instance:
//   - writes a heartbeat row every second (cluster_instances: started, last seen, the work it holds, how far its
//     pollers have completed), so the others know how many share the work and how far every poller has gone;
//   - holds leases (advisory locks, leases.ts) for the consumers it runs: singletons (identity, notifications,
//     report triage) go to whoever takes them first, the mail partitions are spread so that no instance holds
//     more than its fair share (partitions / live instances), and a dead instance's leases are free at once;
//   - works pg-boss queues: one poll job per tenant and source per interval (pg-boss singletonKey +
//     singletonSeconds, so the cluster creates one job per slot whoever sends it), and the digest run.
// With SQLite there is one process and this module grants everything locally (localCluster).
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { PollerHealth, SourceName } from '../ingest/poller-health.ts';
import type { ConsumerCoordination } from '../pipeline/pipeline.ts';
import type { Store } from '../store/store.ts';
import { localLeases, pgLeases, type Leases } from './leases.ts';

export interface ClusterInstance {
  id: string;
  startedAt: string;
  lastSeen: string;
  /** The work it holds: consumer leases ("consumer mail-scoring 2/4"), running jobs ("poll signIns"). */
  jobs: string[];
}

/** How far one poller has completed, as an instance last reported it. */
export interface SourceProgress {
  state: PollerHealth['state'];
  completeThrough: string | null;
}

export interface Cluster {
  readonly instanceId: string;
  readonly startedAt: string;
  /** Several instances may share the work (PostgreSQL). */
  readonly shared: boolean;
  readonly leases: Leases;
  /** The pg-boss instance (shared clusters only). */
  readonly boss: PgBoss | null;
  readonly coordination: ConsumerCoordination;
  /** Reports this instance's pollers' progress with each heartbeat. */
  reportSources(read: () => Record<SourceName, PollerHealth>): void;
  /** Every poller's progress across the cluster (the furthest any instance completed). */
  sources(): Partial<Record<SourceName, SourceProgress>>;
  /** Marks a job running (shown in health) until the returned function is called. */
  running(job: string): () => void;
  instances(): Promise<ClusterInstance[]>;
  /** Instances seen within the liveness window (this one included). */
  live(): number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  store: Store;
  tenantId: string;
  logger: Logger;
  /** PostgreSQL URL for the lease connection and pg-boss; null = one process (SQLite). */
  url: string | null;
  /** Real time (heartbeats are about processes, not the tenant's clock). */
  now?: () => Date;
  heartbeatMs?: number;
  /** An instance not seen for this long is dead (its leases are already free; this is about fair shares). */
  staleMs?: number;
  /** Called when the lease connection is lost: the instance no longer holds any work. */
  onLost?: (err: unknown) => void;
}

export function newInstanceId(): string {
  return `${hostname().slice(0, 32)}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

const parseJson = <T>(text: string, fallback: T): T => {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

export async function createCluster(options: ClusterOptions): Promise<Cluster> {
  const { store, tenantId, logger } = options;
  const now = options.now ?? (() => new Date());
  const heartbeatMs = options.heartbeatMs ?? 1_000;
  const staleMs = options.staleMs ?? 3_000;
  const shared = options.url !== null;
  const instanceId = newInstanceId();
  const startedAt = now().toISOString();
  const leases = shared ? await pgLeases({ url: options.url!, onLost: (err) => options.onLost?.(err) }) : localLeases();
  const boss = shared ? new PgBoss({ connectionString: options.url!, schema: 'pgboss', max: 4, maintenanceIntervalSeconds: 30, monitorStateIntervalSeconds: 60 }) : null;
  if (boss) boss.on('error', (err: unknown) => logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'pg-boss error'));

  const runningJobs = new Map<string, number>();
  let readSources: (() => Record<SourceName, PollerHealth>) | null = null;
  let liveCount = 1;
  let merged: Partial<Record<SourceName, SourceProgress>> = {};
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  // consumer leases are `tenant:consumer:partition`; poll and digest leases show as their running jobs
  const jobs = (): string[] => [
    ...leases.held().filter((k) => !k.startsWith('poll:') && !k.startsWith('digest:')).map((k) => `consumer ${k.split(':').slice(1).join(' ')}`),
    ...runningJobs.keys(),
  ].sort();

  const localSources = (): Record<string, SourceProgress> => {
    const out: Record<string, SourceProgress> = {};
    if (!readSources) return out;
    for (const [name, h] of Object.entries(readSources())) out[name] = { state: h.state, completeThrough: h.completeThrough };
    return out;
  };

  const mergeSources = (all: Record<string, SourceProgress>[]) => {
    const out: Partial<Record<SourceName, SourceProgress>> = {};
    for (const one of all) {
      for (const [name, p] of Object.entries(one) as [SourceName, SourceProgress][]) {
        const seen = out[name];
        if (p.state === 'stopped' && !p.completeThrough) continue;
        if (!seen || (p.completeThrough ?? '') > (seen.completeThrough ?? '') || (p.state === 'licence-required' && !seen.completeThrough)) out[name] = p;
      }
    }
    merged = out;
  };

  const beat = async (): Promise<void> => {
    const at = now().toISOString();
    const sources = localSources();
    await store.db
      .insertInto('cluster_instances')
      .values({ instance_id: instanceId, tenant_id: tenantId, started_at: startedAt, last_seen: at, stopped: 0, jobs: JSON.stringify(jobs()), sources: JSON.stringify(sources) })
      .onConflict((oc) => oc.column('instance_id').doUpdateSet({ last_seen: at, stopped: 0, jobs: JSON.stringify(jobs()), sources: JSON.stringify(sources) }))
      .execute();
    const rows = await store.db.selectFrom('cluster_instances').select(['instance_id', 'last_seen', 'stopped', 'sources']).where('tenant_id', '=', tenantId).execute();
    const since = new Date(now().getTime() - staleMs).toISOString();
    liveCount = Math.max(1, rows.filter((r) => r.stopped === 0 && r.last_seen >= since).length);
    mergeSources(rows.map((r) => (r.instance_id === instanceId ? sources : parseJson<Record<string, SourceProgress>>(r.sources, {}))));
  };

  const loop = () => {
    if (stopped) return;
    beat()
      .catch((err: unknown) => logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'cluster heartbeat failed'))
      .finally(() => {
        if (stopped) return;
        timer = setTimeout(loop, heartbeatMs);
        timer.unref();
      });
  };

  // Consumer leases: spread keys are shared out fairly, others go to whoever takes them first.
  const spreadKeys = new Set<string>();
  const lastTry = new Map<string, number>();
  const heldSpread = () => leases.held().filter((k) => spreadKeys.has(k)).length;
  const fairShare = () => Math.ceil(spreadKeys.size / liveCount);
  const coordination: ConsumerCoordination = {
    async claim(key, spread) {
      if (spread) spreadKeys.add(key);
      if (leases.holds(key)) return true;
      if (!shared) return leases.tryHold(key);
      const t = Date.now();
      if (t - (lastTry.get(key) ?? 0) < 500) return false;
      lastTry.set(key, t);
      if (spread && heldSpread() >= fairShare()) return false;
      return leases.tryHold(key);
    },
    shouldYield(key, spread) {
      return shared && spread && leases.holds(key) && heldSpread() > fairShare();
    },
    async release(key) {
      await leases.release(key);
      // give the others a chance before trying again
      lastTry.set(key, Date.now() + 2 * heartbeatMs);
    },
  };

  return {
    instanceId,
    startedAt,
    shared,
    leases,
    boss,
    coordination,
    reportSources(read) {
      readSources = read;
    },
    sources: () => (shared ? merged : (mergeSources([localSources()]), merged)),
    running(job) {
      runningJobs.set(job, (runningJobs.get(job) ?? 0) + 1);
      return () => {
        const n = (runningJobs.get(job) ?? 1) - 1;
        if (n <= 0) runningJobs.delete(job);
        else runningJobs.set(job, n);
      };
    },
    async instances() {
      const rows = await store.db.selectFrom('cluster_instances').selectAll().where('tenant_id', '=', tenantId).where('stopped', '=', 0).orderBy('started_at', 'asc').execute();
      const since = new Date(now().getTime() - staleMs).toISOString();
      return rows
        .filter((r) => r.last_seen >= since || r.instance_id === instanceId)
        .map((r) => ({ id: r.instance_id, startedAt: r.started_at, lastSeen: r.last_seen, jobs: r.instance_id === instanceId ? jobs() : parseJson<string[]>(r.jobs, []) }));
    },
    live: () => liveCount,
    async start() {
      await beat();
      loop();
      // pg-boss creates its schema on first start: one instance at a time (concurrent creation deadlocks)
      if (boss) await leases.exclusive('pg-boss setup', () => boss.start().then(() => undefined));
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      if (boss) await boss.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => undefined);
      await leases.close();
      await store.db.updateTable('cluster_instances').set({ stopped: 1, last_seen: now().toISOString(), jobs: '[]' }).where('instance_id', '=', instanceId).execute().catch(() => undefined);
    },
  };
}
