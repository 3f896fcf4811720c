// SQLite serves one Lantern process: a second process opening the same database is refused, in one line; a lock
// left by a process that is gone is taken over; one process may open its own database more than once.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../server/src/store/open-store.ts';
import { lockSqliteFile, SqliteInUseError } from '../../server/src/store/sqlite-lock.ts';

const REPO = resolve(import.meta.dirname, '../..');

describe('one process per SQLite database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-sqlite-lock-'));
  let other: ChildProcess;

  beforeAll(() => {
    // another live process, standing in for a running Lantern
    other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], { stdio: 'ignore' });
  });
  afterAll(() => {
    other.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a database another live process holds, and opens it again once the lock is given back', async () => {
    const file = join(dir, 'held', 'lantern.sqlite');
    mkdirSync(join(dir, 'held'), { recursive: true });
    writeFileSync(`${file}.lock`, String(other.pid));
    await expect(openStore({ kind: 'sqlite', file })).rejects.toThrow(SqliteInUseError);
    await expect(openStore({ kind: 'sqlite', file })).rejects.toThrow(`in use by another Lantern process (pid ${other.pid})`);
    rmSync(`${file}.lock`);
    const store = await openStore({ kind: 'sqlite', file });
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(String(process.pid));
    await store.close();
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('takes over a lock left by a process that is gone', async () => {
    const file = join(dir, 'stale', 'lantern.sqlite');
    mkdirSync(join(dir, 'stale'), { recursive: true });
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(`${file}.lock`, String(gone));
    const store = await openStore({ kind: 'sqlite', file });
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(String(process.pid));
    await store.close();
  });

  it('lets one process open its own database twice and keeps the lock until the last close', async () => {
    const file = join(dir, 'twice', 'lantern.sqlite');
    const a = await openStore({ kind: 'sqlite', file });
    const b = await openStore({ kind: 'sqlite', file });
    await a.close();
    expect(existsSync(`${file}.lock`)).toBe(true);
    await b.close();
    expect(existsSync(`${file}.lock`)).toBe(false);
    const release = lockSqliteFile(file);
    release();
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('`lantern start` on a database in use says so in one line and exits', () => {
    const dataDir = join(dir, 'cli');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'lantern.sqlite.lock'), String(other.pid));
    const r = spawnSync(process.execPath, ['bin/lantern.mjs', 'start', '--port', '0', '--no-addin'], {
      cwd: REPO,
      env: { ...process.env, LANTERN_DATA_DIR: dataDir, DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).not.toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^lantern start: the SQLite database .*lantern\\.sqlite is in use by another Lantern process \\(pid ${other.pid}\\)`));
  }, 90_000);
});
