// Runs a test child process (a TypeScript file run through tsx with a config file) and, when asked, SIGKILLs it
// `killAfterMs` after it prints `started`: the crash tests' way to stop Lantern at a random point. A child that
// finishes prints one JSON line, which is handed back parsed.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '../..');

export type ChildRun<T> = { killed: true } | { killed: false; result: T | null };

export function runKillableChild<T>(script: string, configFile: string, killAfterMs: number | null): Promise<ChildRun<T>> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, configFile], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (killAfterMs !== null && timer === null && out.includes('started\n')) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal === 'SIGKILL') return done({ killed: true });
      if (code !== 0) return fail(new Error(`child exited ${code}: ${err.slice(0, 2000)}`));
      const line = out.split('\n').find((l) => l.startsWith('{'));
      done({ killed: false, result: line ? (JSON.parse(line) as T) : null });
    });
  });
}
