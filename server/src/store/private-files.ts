// The embedded database holds verdicts, reports and identity events: only Lantern's own user may read it.
// The data directory is 0700 and the SQLite file with its WAL and shared-memory files 0600, whatever the umask.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the directory (0700) or narrows an existing one to 0700. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/** The SQLite file and the -wal / -shm / -journal files beside it that exist now. */
export function sqliteFiles(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`, `${file}-journal`].filter((f) => existsSync(f));
}

/**
 * Before SQLite opens `file`: creates it empty with mode 0600 if missing (SQLite gives its WAL and shared-memory
 * files the database file's mode) and narrows existing files to 0600.
 */
export function preparePrivateSqliteFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  narrowSqliteFiles(file);
}

export function narrowSqliteFiles(file: string): void {
  for (const f of sqliteFiles(file)) chmodSync(f, PRIVATE_FILE_MODE);
}
