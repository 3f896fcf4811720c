// Several `lantern start` processes on one PostgreSQL database against a simulated tenant served by this process:
// 1, 2 and 3 instances each work the same tenant backlog (a fresh database each time) — events processed end to
// end per second, as a ratio to one instance, and whether polling or the consumers finish last; then three
// instances with one killed by SIGKILL under load: how long until its mail partitions are held elsewhere, how many
// inbound messages were never assessed (lost) and how many holds were done twice (duplicated).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { systemClock } from '../clock.ts';
import { generateScenario } from '../sim/generator/generate.ts';
import { withLanternMailbox } from '../sim/generator/lantern-mailbox.ts';
import { SIM_CLIENT_ID, SIM_CLIENT_SECRET, startSimulator, type RunningSimulator } from '../sim/simulator.ts';
import { ensureInstalledAt } from '../store/installed-at.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { countMovesInto } from '../sim/move-counter.ts';
import { waitUntil } from './wait-until.ts';

export interface ClusterBenchOptions {
  /** PostgreSQL server (databases are created and dropped on it); default LANTERN_BENCH_PG_URL or local trust. */
  adminUrl?: string;
  users?: number;
  days?: number;
  mailPartitions?: number;
  onProgress?: (line: string) => void;
}

const REPO = resolve(import.meta.dirname, '../../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


interface Child {
  proc: ChildProcess;
  exited: Promise<void>;
}

export async function benchCluster(options: ClusterBenchOptions = {}): Promise<Record<string, number | string>> {
  const say = options.onProgress ?? (() => undefined);
  const adminUrl = options.adminUrl ?? process.env.LANTERN_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const partitions = options.mailPartitions ?? 4;
  const dir = mkdtempSync(join(tmpdir(), 'lantern-cluster-bench-'));
  const scenario = withLanternMailbox(generateScenario({ users: options.users ?? 20, days: options.days ?? 6, seed: 5, end: new Date().toISOString() }));
  const moves = new Map<string, number>();
  /** A fresh simulator per run (the same scenario), so every run meets the same mail in the inbox. */
  const startSim = async (): Promise<RunningSimulator> => {
    const sim = await startSimulator({ scenario, clock: systemClock, throttling: false });
    writeFileSync(caFile, sim.caPem);
    countMovesInto(sim.state, moves);
    return sim;
  };
  const caFile = join(dir, 'ca.pem');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const created: string[] = [];

  const run = async (count: number, kill: boolean) => {
    moves.clear();
    const sim = await startSim();
    const name = `lantern_bench_${randomBytes(4).toString('hex')}`;
    await admin.query(`create database "${name}"`);
    created.push(name);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const store: Store = await openStore({ kind: 'postgres', url: url.toString() });
    await ensureInstalledAt(store.db, new Date(scenario.start));
    const children: Child[] = [];
    try {
      for (let n = 0; n < count; n++) {
        const proc = spawn(process.execPath, ['bin/lantern.mjs', 'start', '--port', '0', '--no-addin'], {
          cwd: REPO,
          stdio: 'ignore',
          env: {
            ...process.env,
            DATABASE_URL: url.toString(),
            LANTERN_TENANT_ID: sim.tenantId,
            LANTERN_CLIENT_ID: SIM_CLIENT_ID,
            LANTERN_CLIENT_SECRET: SIM_CLIENT_SECRET,
            LANTERN_GRAPH_URL: sim.graphUrl,
            LANTERN_AUTHORITY_HOST: sim.baseUrl,
            LANTERN_SECURITY_MAILBOX: `lantern@${scenario.tenant.domains[0]}`,
            LANTERN_LINK_SECRET: 'cluster-bench-secret-shared-by-every-instance',
            LANTERN_DATA_DIR: join(dir, `${name}-${n}`),
            LANTERN_POLL_INTERVAL_MS: '1000',
            LANTERN_MAIL_PARTITIONS: String(partitions),
            LANTERN_LOG_LEVEL: 'error',
            NODE_EXTRA_CA_CERTS: caFile,
          },
        });
        children.push({ proc, exited: new Promise((done) => proc.on('exit', () => done())) });
      }
      const live = async () => {
        const since = new Date(Date.now() - 3_000).toISOString();
        const rows = await store.db.selectFrom('cluster_instances').selectAll().where('stopped', '=', 0).where('last_seen', '>=', since).execute();
        return rows.map((r) => ({ id: r.instance_id, jobs: JSON.parse(r.jobs) as string[] }));
      };
      await waitUntil(`${count} live instances`, 300_000, async () => (await live()).length === count);
      const t0 = performance.now();
      let lastHead = 0;
      let headChangedAt = t0;
      let resumeMs: number | string = '-';
      let killed = false;
      const expectedKeys = 3 + 2 * partitions + 1; // identity, notifications, report triage, mail partitions, security intake
      const done = await waitUntil('every consumer at the end of a settled log', 600_000, async () => {
        const head = await store.logHead();
        if (head !== lastHead) {
          lastHead = head;
          headChangedAt = performance.now();
        }
        if (kill && !killed) {
          const mailing = (await store.db.selectFrom('consumer_offsets').select('seq').where('consumer', '=', 'mail-scoring').execute()).some((o) => Number(o.seq) > 0);
          if (mailing && head > 0) {
            const all = await live();
            const victim = [...all].sort((a, b) => b.jobs.filter((j) => j.startsWith('consumer mail-scoring')).length - a.jobs.filter((j) => j.startsWith('consumer mail-scoring')).length)[0]!;
            const pid = Number(victim.id.split('-').at(-2));
            const child = children.find((c) => c.proc.pid === pid);
            if (child) {
              child.proc.kill('SIGKILL');
              killed = true;
              const at = performance.now();
              await child.exited;
              await waitUntil('partitions held by survivors', 60_000, async () => {
                const held = new Set((await live()).filter((i) => i.id !== victim.id).flatMap((i) => i.jobs.filter((j) => j.startsWith('consumer mail-scoring'))));
                return held.size === partitions;
              });
              resumeMs = Math.round(performance.now() - at);
              say(`killed ${victim.id}; its mail partitions held elsewhere after ${resumeMs} ms`);
            }
          }
        }
        const offsets = await store.db.selectFrom('consumer_offsets').select('seq').execute();
        if (head === 0 || offsets.length < expectedKeys || !offsets.every((o) => Number(o.seq) === head)) return false;
        if (performance.now() - headChangedAt < 3_000) return false;
        return { head, at: performance.now() };
      });
      const polledSec = (headChangedAt - t0) / 1000;
      const doneSec = (done.at - t0 - 3_000) / 1000;
      const inbound = (await store.listEvents({ kind: 'message', limit: 100_000 })).filter((e) => e.kind === 'message' && e.folder.toLowerCase() === 'inbox');
      const mail = store.db.withTables<{ mail_assessments: { user_id: string; message_id: string }; mail_actions: { action: string; actor: string; message_id_before: string } }>();
      const assessed = new Set((await mail.selectFrom('mail_assessments').select(['user_id', 'message_id']).execute()).map((a) => `${a.user_id}|${a.message_id}`));
      const lost = inbound.filter((e) => e.kind === 'message' && !assessed.has(`${e.userId}|${e.messageId}`)).length;
      const holds = await mail.selectFrom('mail_actions').select('message_id_before').where('action', '=', 'hold').where('actor', '=', 'lantern').execute();
      const perMessage = new Map<string, number>();
      for (const h of holds) perMessage.set(h.message_id_before, (perMessage.get(h.message_id_before) ?? 0) + 1);
      const duplicated = [...perMessage.values()].filter((n) => n > 1).length + [...moves.values()].filter((n) => n > 1).length;
      const failures = (await store.db.selectFrom('consumer_failures').select('seq').execute()).length;
      say(`${count} instance(s)${kill ? ', one killed' : ''}: ${done.head} events, polled in ${polledSec.toFixed(1)} s, processed in ${doneSec.toFixed(1)} s`);
      return { events: done.head, polledSec, doneSec, perSec: done.head / Math.max(0.001, doneSec), lost, duplicated, failures, holds: holds.length, resumeMs };
    } finally {
      for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGTERM');
      await Promise.all(children.map((c) => Promise.race([c.exited, sleep(20_000)])));
      for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
      await store.close();
      await sim.close();
    }
  };

  try {
    const load = loadavg()[0]!.toFixed(1);
    const figures: Record<string, number | string> = { tenant: `${options.users ?? 20} users, ${options.days ?? 6} days (one simulated tenant), ${partitions} mail partitions` };
    let one = 0;
    for (const count of [1, 2, 3]) {
      const r = await run(count, false);
      if (count === 1) one = r.perSec;
      figures[`${count} instance(s): events end to end`] = r.events;
      figures[`${count} instance(s): events/s end to end`] = Math.round(r.perSec);
      figures[`${count} instance(s): ratio to one instance`] = Number((r.perSec / one).toFixed(2));
      figures[`${count} instance(s): last event committed after (s)`] = Number(r.polledSec.toFixed(1));
      figures[`${count} instance(s): all consumers at the end after (s)`] = Number(r.doneSec.toFixed(1));
      figures[`${count} instance(s): bottleneck`] = r.doneSec - r.polledSec < 1.5 ? 'polling (one singleton job per source; consumers keep up)' : 'consumers (they finish after polling)';
    }
    const k = await run(3, true);
    figures['kill -9 one of 3: its mail partitions held elsewhere after (ms)'] = k.resumeMs;
    figures['kill -9 one of 3: inbound messages never assessed (lost)'] = k.lost;
    figures['kill -9 one of 3: holds or moves done twice (duplicated)'] = k.duplicated;
    figures['kill -9 one of 3: entries retrying or parked'] = k.failures;
    figures['kill -9 one of 3: events end to end, all consumers at the end after (s)'] = `${k.events}, ${k.doneSec.toFixed(1)}`;
    figures['load average (1 min) at start, at end'] = `${load}, ${loadavg()[0]!.toFixed(1)} (on ${cpus().length} cores)`;
    return figures;
  } finally {
    for (const name of created) await admin.query(`drop database if exists "${name}" with (force)`).catch(() => undefined);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}
