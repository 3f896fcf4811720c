// Operational hardening: private database files, one-line DATABASE_URL errors without the password, a
// non-zero exit from `lantern assess` when nothing could be assessed, and a demo that stays on loopback.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assessCommand } from '../../server/src/cli/assess.ts';
import { CliError, cliFailureLine } from '../../server/src/cli/cli-error.ts';
import { run as runStart } from '../../server/src/cli/start.ts';
import { ConfigError, loadConfig } from '../../server/src/config.ts';
import { checkDemoHost, isLoopbackHost } from '../../server/src/runtime/demo-host.ts';
import { openStore } from '../../server/src/store/open-store.ts';
import { ensurePrivateDir } from '../../server/src/store/private-files.ts';
import { StoreError } from '../../server/src/store/store-error.ts';

const dir = mkdtempSync(join(tmpdir(), 'lantern-ops-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const mode = (p: string) => statSync(p).mode & 0o777;

/** Runs `lantern start` in this process with extra environment; returns what it threw (it must refuse). */
async function startWith(env: Record<string, string>): Promise<unknown> {
  const saved = { ...process.env };
  Object.assign(process.env, { LANTERN_DATA_DIR: join(dir, 'cli-data') }, env);
  try {
    return await runStart(['--no-addin', '--port', '0']).then(() => new Error('lantern start did not refuse'), (e: unknown) => e);
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

describe('private data', () => {
  it('creates the SQLite file, its WAL and shared memory 0600 under a permissive umask, and narrows the data directory to 0700', async () => {
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    ensurePrivateDir(dataDir);
    expect(mode(dataDir)).toBe(0o700);
    const old = process.umask(0o022);
    try {
      const fresh = join(dir, 'new-dir', 'lantern.sqlite');
      const store = await openStore({ kind: 'sqlite', file: fresh });
      const files = readdirSync(join(dir, 'new-dir'));
      expect(files).toEqual(expect.arrayContaining(['lantern.sqlite', 'lantern.sqlite-wal', 'lantern.sqlite-shm']));
      for (const f of files) expect(mode(join(dir, 'new-dir', f)), f).toBe(0o600);
      expect(mode(join(dir, 'new-dir'))).toBe(0o700);
      await store.close();
      // An existing database left 0644 by an older version is narrowed when opened.
      chmodSync(fresh, 0o644);
      const again = await openStore({ kind: 'sqlite', file: fresh });
      expect(mode(fresh)).toBe(0o600);
      await again.close();
    } finally {
      process.umask(old);
    }
  });
});

describe('DATABASE_URL', () => {
  it('refuses a value that is not a PostgreSQL URL in one line, without echoing it', () => {
    for (const url of ['not a url', 'mysql://u:hunter2@db/x', 'hunter2']) {
      let err: unknown;
      try {
        loadConfig({ DATABASE_URL: url }, dir, () => '');
      } catch (e) {
        err = e;
      }
      expect(err, url).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toMatch(/^DATABASE_URL must be a PostgreSQL URL/);
      expect((err as Error).message).not.toContain('hunter2');
    }
  });

  it('names where it tried and why, never the password, when nothing answers', async () => {
    const url = 'postgres://lantern:hunter2@127.0.0.1:1/lantern';
    const err = await openStore({ kind: 'postgres', url }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toBe('cannot use the PostgreSQL database named by DATABASE_URL (127.0.0.1:1/lantern): nothing is listening there');
  });

  it('ends `lantern start` with one line (exit code 2) on a malformed URL, before starting anything', async () => {
    const err = await startWith({ DATABASE_URL: 'postgres//oops:hunter2@db' });
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(2);
    const line = cliFailureLine('start', err);
    expect(line).toMatch(/^lantern start: DATABASE_URL must be a PostgreSQL URL/);
    expect(line).not.toContain('\n');
    expect(line).not.toContain('hunter2');
  });
});

describe('lantern assess', () => {
  async function assess(files: Record<string, string>): Promise<number> {
    const sub = mkdtempSync(join(dir, 'assess-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(sub, name), text);
    const out: string[] = [];
    return assessCommand([sub], { write: (l) => out.push(l), progress: (l) => out.push(l) });
  }
  const good = 'From: a@contoso.test\r\nTo: b@contoso.test\r\nSubject: hi\r\nMessage-ID: <1@contoso.test>\r\n\r\nhello\r\n';

  it('exits 1 when every file failed, 0 when at least one was assessed', async () => {
    expect(await assess({ 'a.eml': '', 'b.eml': 'just some words, no headers at all' })).toBe(1);
    expect(await assess({ 'a.eml': '', 'b.eml': good })).toBe(0);
  });
});

describe('demo host', () => {
  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.10', 'lantern.example.com', '128.0.0.1', '::ffff:10.0.0.1']) expect(isLoopbackHost(h), h).toBe(false);
  });

  it('refuses a non-loopback host in demo mode unless allowed explicitly; tenant mode is not concerned', () => {
    expect(() => checkDemoHost('demo', '0.0.0.0', false)).toThrow(/--allow-remote-demo/);
    expect(() => checkDemoHost('demo', '0.0.0.0', true)).not.toThrow();
    expect(() => checkDemoHost('demo', '127.0.0.1', false)).not.toThrow();
    expect(() => checkDemoHost('tenant', '0.0.0.0', false)).not.toThrow();
  });

  it('makes `lantern start` refuse LANTERN_HOST=0.0.0.0 in demo mode with one line, before starting anything', async () => {
    const err = await startWith({ LANTERN_HOST: '0.0.0.0' });
    expect(err).toBeInstanceOf(CliError);
    expect(cliFailureLine('start', err)).toMatch(/^lantern start: demo mode listens on loopback only: LANTERN_HOST=0\.0\.0\.0 [^\n]*--allow-remote-demo/);
  });
});
