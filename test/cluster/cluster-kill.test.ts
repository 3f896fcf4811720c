// Three real `lantern start` processes on one PostgreSQL test database (created and dropped) against a simulated
// tenant served by this test process. Under load (the tenant's backlog being polled and processed) the instance
// holding the most mail partitions is killed with SIGKILL. Then: its partitions are held elsewhere within
// seconds, every consumer reaches the end of the log with nothing retrying or parked, every inbound message has
// its assessment, and every message Lantern held was moved exactly once at the simulator and recorded once.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantScenario } from '@lantern/shared';
import { systemClock } from '../../server/src/clock.ts';
import { generateScenario } from '../../server/src/sim/generator/generate.ts';
import { withLanternMailbox } from '../../server/src/sim/generator/lantern-mailbox.ts';
import { SIM_CLIENT_ID, SIM_CLIENT_SECRET, startSimulator, type RunningSimulator } from '../../server/src/sim/simulator.ts';
import { ensureInstalledAt } from '../../server/src/store/installed-at.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import type { Store } from '../../server/src/store/store.ts';
import { TestDatabases } from '../store/test-databases.ts';
import { countMovesInto } from '../../server/src/sim/move-counter.ts';
import { waitUntil } from '../../server/src/bench/wait-until.ts';

const REPO = resolve(import.meta.dirname, '../..');
const MAIL_PARTITIONS = 4;

interface Instance {
  child: ChildProcess;
  out: string;
  exited: Promise<number | null>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


describe('several lantern start processes on one PostgreSQL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-cluster-'));
  const dbs = new TestDatabases();
  let scenario: TenantScenario;
  let sim: RunningSimulator;
  let url = '';
  let store: Store;
  const instances: Instance[] = [];
  /** Real moves per message (immutable id) at the simulator. */
  const moves = new Map<string, number>();

  beforeAll(async () => {
    scenario = withLanternMailbox(generateScenario({ users: 20, days: 6, seed: 5, end: new Date().toISOString() }));
    sim = await startSimulator({ scenario, clock: systemClock, throttling: false });
    countMovesInto(sim.state, moves);
    const config = await dbs.config('postgres');
    if (config.kind !== 'postgres') throw new Error('expected PostgreSQL');
    url = config.url;
    store = await openStore(config);
    // Lantern was installed before the scenario's mail arrived: all of it is new mail to act on.
    await ensureInstalledAt(store.db, new Date(scenario.start));
  }, 120_000);

  afterAll(async () => {
    for (const i of instances) if (i.child.exitCode === null && i.child.signalCode === null) i.child.kill('SIGKILL');
    await Promise.all(instances.map((i) => i.exited));
    await store?.close();
    await sim?.close();
    await dbs.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const startInstance = (n: number): Instance => {
    const caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, sim.caPem);
    const child = spawn(process.execPath, ['bin/lantern.mjs', 'start', '--port', '0', '--no-addin'], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        DATABASE_URL: url,
        LANTERN_TENANT_ID: sim.tenantId,
        LANTERN_CLIENT_ID: SIM_CLIENT_ID,
        LANTERN_CLIENT_SECRET: SIM_CLIENT_SECRET,
        LANTERN_GRAPH_URL: sim.graphUrl,
        LANTERN_AUTHORITY_HOST: sim.baseUrl,
        LANTERN_SECURITY_MAILBOX: `lantern@${scenario.tenant.domains[0]}`,
        LANTERN_LINK_SECRET: 'cluster-test-secret-shared-by-every-instance',
        LANTERN_DATA_DIR: join(dir, `instance-${n}`),
        LANTERN_POLL_INTERVAL_MS: '1000',
        LANTERN_MAIL_PARTITIONS: String(MAIL_PARTITIONS),
        LANTERN_LOG_LEVEL: 'error',
        NODE_EXTRA_CA_CERTS: caFile,
      },
    });
    const inst: Instance = { child, out: '', exited: new Promise((done) => child.on('exit', (code) => done(code))) };
    child.stdout!.on('data', (d: Buffer) => (inst.out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (inst.out += d.toString()));
    instances.push(inst);
    return inst;
  };

  const liveInstances = async () => {
    const since = new Date(Date.now() - 3_000).toISOString();
    const rows = await store.db.selectFrom('cluster_instances').selectAll().where('stopped', '=', 0).where('last_seen', '>=', since).execute();
    return rows.map((r) => ({ id: r.instance_id, jobs: JSON.parse(r.jobs) as string[] }));
  };
  const pidOf = (id: string) => Number(id.split('-').at(-2));

  it('shares the work, survives a SIGKILL under load and does every effect once', async () => {
    for (let n = 0; n < 3; n++) startInstance(n);
    await waitUntil('three live instances', 240_000, async () => {
      for (const i of instances) if (i.child.exitCode !== null) throw new Error(`an instance exited: ${i.out.slice(-2000)}`);
      return (await liveInstances()).length === 3;
    }).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${instances.map((i) => i.out.slice(-1500)).join('\n---\n')}`);
    });

    // Under load: mail scoring has started and is behind the log.
    await waitUntil('mail scoring under way', 120_000, async () => {
      const head = await store.logHead();
      const offsets = await store.db.selectFrom('consumer_offsets').select(['seq']).where('consumer', '=', 'mail-scoring').execute();
      return offsets.some((o) => Number(o.seq) > 0) && offsets.some((o) => Number(o.seq) < head);
    });
    const live = await liveInstances();
    // Mail partitions were shared out: more than one instance holds some.
    const mailHolders = live.filter((i) => i.jobs.some((j) => j.startsWith('consumer mail-scoring')));
    expect(mailHolders.length).toBeGreaterThan(1);
    const victim = [...live].sort((a, b) => b.jobs.filter((j) => j.startsWith('consumer mail-scoring')).length - a.jobs.filter((j) => j.startsWith('consumer mail-scoring')).length)[0]!;
    const victimProcess = instances.find((i) => i.child.pid === pidOf(victim.id))!;
    expect(victimProcess).toBeDefined();
    victimProcess.child.kill('SIGKILL');
    const killedAt = Date.now();
    await victimProcess.exited;

    // Its mail partitions are held by the survivors within a few seconds.
    await waitUntil('every mail partition held by a survivor', 30_000, async () => {
      const held = new Set((await liveInstances()).filter((i) => i.id !== victim.id).flatMap((i) => i.jobs.filter((j) => j.startsWith('consumer mail-scoring'))));
      return held.size === MAIL_PARTITIONS;
    });
    const takeoverMs = Date.now() - killedAt;
    expect(takeoverMs).toBeLessThan(10_000);

    // Every consumer reaches the end of the log, which stops growing once the backlog is polled.
    await waitUntil('every consumer at the end of a settled log', 240_000, async () => {
      const head = await store.logHead();
      const offsets = await store.db.selectFrom('consumer_offsets').select(['consumer', 'partition_key', 'seq']).execute();
      if (offsets.length < 3 + 2 * MAIL_PARTITIONS || !offsets.every((o) => Number(o.seq) === head)) return false;
      await sleep(3_000);
      return (await store.logHead()) === head;
    });
    expect(await store.db.selectFrom('consumer_failures').selectAll().execute()).toEqual([]);

    // Every inbound message of the log has its assessment.
    const inbound = (await store.listEvents({ kind: 'message', limit: 100_000 })).filter((e) => e.kind === 'message' && e.folder.toLowerCase() === 'inbox');
    expect(inbound.length).toBeGreaterThan(20);
    const mail = store.db.withTables<{ mail_assessments: { user_id: string; message_id: string }; mail_actions: { user_id: string; action: string; actor: string; message_id_before: string } }>();
    const assessed = new Set((await mail.selectFrom('mail_assessments').select(['user_id', 'message_id']).execute()).map((a) => `${a.user_id}|${a.message_id}`));
    expect(inbound.filter((e) => e.kind === 'message' && !assessed.has(`${e.userId}|${e.messageId}`))).toEqual([]);

    // Lantern acted on some mail (held it, or locked its links, or tagged it), each action on a message recorded once;
    // every held message moved once at the simulator.
    const acted = await mail.selectFrom('mail_actions').select(['message_id_before', 'action']).where('actor', '=', 'lantern').execute();
    expect(acted.length).toBeGreaterThan(0);
    const perAction = new Map<string, number>();
    for (const a of acted) perAction.set(`${a.action}|${a.message_id_before}`, (perAction.get(`${a.action}|${a.message_id_before}`) ?? 0) + 1);
    expect([...perAction.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    const perMessage = new Map<string, number>();
    for (const h of acted.filter((a) => a.action === 'hold')) perMessage.set(h.message_id_before, (perMessage.get(h.message_id_before) ?? 0) + 1);
    expect(moves.size).toBe(perMessage.size);
    expect([...moves.values()].filter((n) => n !== 1)).toEqual([]);

    // The survivors stop cleanly when asked.
    for (const i of instances) if (i !== victimProcess) i.child.kill('SIGTERM');
    const codes = await Promise.all(instances.filter((i) => i !== victimProcess).map((i) => i.exited));
    expect(codes).toEqual([0, 0]);
  }, 480_000);
});
