// The demo's state across restarts. The simulated tenant is generated afresh at each start (deterministic from
// seed, users and days), so what is kept is what happened since: Lantern's database, every change made to
// the simulated tenant (folders created, messages moved, tagged or sent: replayed in order onto the new
// tenant, which gives back the same ids and delta marks) and the tenant clock, which resumes where it
// stopped so the stored cursors stay meaningful. A demo made with other settings is not resumed: it is
// deleted, and the person starting Lantern is told so. `lantern start --fresh` deletes it on purpose.
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TenantScenario } from '@lantern/shared';
import type { Clock } from '../clock.ts';
import { ConfigError, type DatabaseConfig } from '../config.ts';
import type { TenantChange, TenantState } from './tenant-state.ts';

export interface DemoSettings {
  seed: number;
  users: number;
  days: number;
}

interface DemoMeta {
  version: 1;
  settings: DemoSettings;
  /** sha256 of the generated scenario: another generator (a new Lantern) makes another tenant. */
  scenario: string;
  /** The tenant clock when last saved (ISO). */
  clock: string;
  /** The simulator's Graph URL at the time (stored delta links carry it). */
  graphUrl: string | null;
  savedAt: string;
}

export interface CursorStore {
  listCursors(prefix: string): Promise<Map<string, string>>;
  commit(batch: { cursors: Record<string, string | null> }): Promise<unknown>;
}

export interface OpenDemoStateOptions {
  /** Lantern's data directory; the demo's own files live in `{dataDir}/demo`. */
  dataDir: string;
  database: DatabaseConfig;
  settings: DemoSettings;
  scenario: TenantScenario;
  /** Delete any stored demo and start over (`lantern start --fresh`). */
  fresh: boolean;
  say: (line: string) => void;
  /** Wall clock for `savedAt` (default: the system's). */
  now?: () => Date;
  /** How often the tenant clock is saved while running, in real milliseconds (default 1 s). */
  saveEveryMs?: number;
}

const META = 'demo.json';
const JOURNAL = 'tenant-changes.jsonl';
const HOUR_NOTE = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')}Z`;

function describe(s: DemoSettings): string {
  return `seed ${s.seed}, ${s.users} users, ${s.days} days`;
}

export function scenarioFingerprint(scenario: TenantScenario): string {
  return createHash('sha256').update(JSON.stringify(scenario)).digest('hex');
}

function sqliteFiles(database: DatabaseConfig): string[] {
  return database.kind === 'sqlite' ? [database.file, `${database.file}-wal`, `${database.file}-shm`, `${database.file}-journal`] : [];
}

export class DemoState {
  /** Where the tenant clock resumes, or null for a new demo. */
  readonly resumeAt: Date | null;
  readonly #dir: string;
  readonly #settings: DemoSettings;
  readonly #fingerprint: string;
  readonly #previousGraphUrl: string | null;
  readonly #changes: TenantChange[];
  readonly #now: () => Date;
  readonly #saveEveryMs: number;
  #clock: Clock | null = null;
  #graphUrl: string | null = null;
  #timer: NodeJS.Timeout | null = null;
  #closed = false;

  private constructor(dir: string, settings: DemoSettings, fingerprint: string, meta: DemoMeta | null, changes: TenantChange[], now: () => Date, saveEveryMs: number) {
    this.#dir = dir;
    this.#settings = settings;
    this.#fingerprint = fingerprint;
    this.#previousGraphUrl = meta?.graphUrl ?? null;
    this.#changes = changes;
    this.#now = now;
    this.#saveEveryMs = saveEveryMs;
    const last = changes.length > 0 ? Date.parse(changes[changes.length - 1]!.at) : Number.NEGATIVE_INFINITY;
    this.resumeAt = meta ? new Date(Math.max(Date.parse(meta.clock), last)) : null;
  }

  /**
   * Decides between resuming the stored demo and starting over, deleting what belongs to a demo that will not
   * be resumed (its SQLite database too), and says which it is. Throws ConfigError when a stored demo on
   * PostgreSQL would have to be deleted: Lantern does not drop a PostgreSQL database.
   */
  static open(options: OpenDemoStateOptions): DemoState {
    const dir = join(options.dataDir, 'demo');
    const now = options.now ?? (() => new Date());
    const fingerprint = scenarioFingerprint(options.scenario);
    const metaFile = join(dir, META);
    let meta: DemoMeta | null = null;
    if (existsSync(metaFile)) {
      try {
        const parsed = JSON.parse(readFileSync(metaFile, 'utf8')) as Partial<DemoMeta>;
        if (parsed.version === 1 && parsed.settings && typeof parsed.clock === 'string' && typeof parsed.scenario === 'string') meta = parsed as DemoMeta;
      } catch {
        meta = null;
      }
    }
    const dbFiles = sqliteFiles(options.database).filter((f) => existsSync(f));
    const stored = meta !== null || dbFiles.length > 0 || existsSync(join(dir, JOURNAL));

    let reason: string | null = null;
    if (options.fresh) reason = stored ? '--fresh: deleted the stored demo (its database, the simulated mailboxes\' changes and the tenant clock); starting over' : '--fresh: there was no stored demo; starting a new one';
    else if (!stored) reason = null;
    else if (!meta) reason = 'found a demo database without its saved tenant state (made by an earlier Lantern); deleted it and starting a new demo';
    else if (describe(meta.settings) !== describe(options.settings)) {
      reason = `the stored demo was made with ${describe(meta.settings)}; these settings are ${describe(options.settings)}, so it was deleted and a new demo starts (set them back to resume it)`;
    } else if (meta.scenario !== fingerprint) reason = 'the stored demo was made from a different simulated tenant (another Lantern version); deleted it and starting a new demo';

    const startOver = options.fresh || (stored && reason !== null);
    if (startOver) {
      if (options.database.kind === 'postgres' && stored) {
        throw new ConfigError(`${reason ?? 'the stored demo cannot be resumed'}: but Lantern does not delete a PostgreSQL database; point DATABASE_URL at an empty database to start the demo over`);
      }
      for (const f of sqliteFiles(options.database)) rmSync(f, { force: true });
      rmSync(dir, { recursive: true, force: true });
      meta = null;
    }
    if (reason) options.say(reason);
    mkdirSync(dir, { recursive: true });

    const changes: TenantChange[] = [];
    if (meta) {
      const journal = join(dir, JOURNAL);
      const lines = existsSync(journal) ? readFileSync(journal, 'utf8').split('\n') : [];
      for (const [i, line] of lines.entries()) {
        if (line.trim() === '') continue;
        try {
          changes.push(JSON.parse(line) as TenantChange);
        } catch {
          // Only a line cut short by a crash can be unreadable, and only the last one.
          if (i < lines.length - 2) throw new ConfigError(`the demo's saved tenant changes (${journal}) are damaged at line ${i + 1}; start over with lantern start --fresh`);
        }
      }
      options.say(`resuming the stored demo (${describe(meta.settings)}): tenant clock ${HOUR_NOTE(meta.clock)}, ${changes.length} changes to the simulated mailboxes; lantern start --fresh starts over`);
    }
    return new DemoState(dir, options.settings, fingerprint, meta, changes, now, options.saveEveryMs ?? 1_000);
  }

  /**
   * Replays the stored changes onto a newly built simulated tenant, then records every new change and keeps the
   * tenant clock saved (now, every second while running, and on close).
   */
  attach(state: TenantState, clock: Clock, graphUrl: string): void {
    for (const change of this.#changes) state.applyChange(change);
    const journal = join(this.#dir, JOURNAL);
    state.onChange = (change) => appendFileSync(journal, `${JSON.stringify(change)}\n`);
    this.#clock = clock;
    this.#graphUrl = graphUrl;
    this.#save();
    this.#timer = setInterval(() => this.#save(), this.#saveEveryMs);
    this.#timer.unref();
  }

  /**
   * Stored cursors holding the previous simulator's URL (delta links name its port) are pointed at this one's.
   * Returns how many were rewritten.
   */
  async rebaseCursors(store: CursorStore): Promise<number> {
    const from = this.#previousGraphUrl;
    const to = this.#graphUrl;
    if (!from || !to || from === to) return 0;
    const rewritten: Record<string, string> = {};
    for (const [key, value] of await store.listCursors('')) if (value.startsWith(from)) rewritten[key] = to + value.slice(from.length);
    if (Object.keys(rewritten).length > 0) await store.commit({ cursors: rewritten });
    return Object.keys(rewritten).length;
  }

  #save(): void {
    if (!this.#clock) return;
    const meta: DemoMeta = {
      version: 1,
      settings: this.#settings,
      scenario: this.#fingerprint,
      clock: this.#clock.now().toISOString(),
      graphUrl: this.#graphUrl,
      savedAt: this.#now().toISOString(),
    };
    const file = join(this.#dir, META);
    writeFileSync(`${file}.tmp`, JSON.stringify(meta, null, 2));
    renameSync(`${file}.tmp`, file);
  }

  /** Saves the tenant clock one last time and stops recording. */
  close(state?: TenantState): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#save();
    if (state) state.onChange = null;
  }
}
