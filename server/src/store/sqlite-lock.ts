// SQLite is the single-process embedded store: one Lantern process per database file. A lock file beside the
// database (`lantern.sqlite.lock`, holding the owner's process id) makes a second process refuse at once, in one
// line, instead of two processes polling, scoring and acting on the same mail. A lock left by a process that no
// longer runs (killed, crashed) is taken over. Opening the same file twice inside one process is allowed.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { StoreError } from './store-error.ts';

export class SqliteInUseError extends StoreError {
  constructor(file: string, pid: number) {
    super(`the SQLite database ${file} is in use by another Lantern process (pid ${pid}); SQLite serves one process: stop that one, or set DATABASE_URL (PostgreSQL) to run several`, { file, pid: String(pid) });
    this.name = 'SqliteInUseError';
  }
}

const heldHere = new Map<string, number>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}

/** Takes the database file's lock for this process; returns the function that gives it back. */
export function lockSqliteFile(file: string): () => void {
  const lock = `${file}.lock`;
  const release = () => {
    const n = (heldHere.get(lock) ?? 1) - 1;
    if (n > 0) {
      heldHere.set(lock, n);
      return;
    }
    heldHere.delete(lock);
    try {
      if (Number(readFileSync(lock, 'utf8').trim()) === process.pid) rmSync(lock, { force: true });
    } catch {
      // already gone
    }
  };
  const n = heldHere.get(lock);
  if (n !== undefined) {
    heldHere.set(lock, n + 1);
    return release;
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx', mode: 0o600 });
      heldHere.set(lock, 1);
      return release;
    } catch (err) {
      if ((err as { code?: string }).code !== 'EEXIST') throw err;
      let pid = NaN;
      try {
        pid = Number(readFileSync(lock, 'utf8').trim());
      } catch {
        continue; // removed in between: try again
      }
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new SqliteInUseError(file, pid);
      rmSync(lock, { force: true }); // left by a process that is gone
    }
  }
  throw new StoreError(`could not take the lock file of the SQLite database ${file}`, { file });
}
