/** An error the user can fix (bad option, unreadable file): printed as one line, no stack. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

const SYSTEM_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'it already exists',
  ENOSPC: 'no space left on the device',
  EROFS: 'the file system is read-only',
  EADDRINUSE: 'the port is already in use',
};

/** A Node system error (fs, net) as a short phrase, e.g. "permission denied"; other errors by their message's first line. */
export function systemErrorText(err: unknown): string {
  const code = err && typeof err === 'object' && 'code' in err && typeof err.code === 'string' ? err.code : null;
  if (code && SYSTEM_ERRORS[code]) return SYSTEM_ERRORS[code];
  const message = err instanceof Error ? err.message : String(err);
  return (message.split('\n', 1)[0] ?? '').trim() || 'unknown error';
}

/**
 * One line for any failure of a command: a CliError's message as is; a system error (a file, a port) in plain
 * words with the path; anything else by its first line, pointing at LANTERN_DEBUG=1 for the stack.
 */
export function cliFailureLine(command: string, err: unknown): string {
  if (err instanceof CliError) return `lantern ${command}: ${err.message}`;
  const e = err as { code?: unknown; path?: unknown; address?: unknown; port?: unknown } | null;
  if (e && typeof e.code === 'string' && SYSTEM_ERRORS[e.code]) {
    const where = typeof e.path === 'string' ? ` (${e.path})` : typeof e.port === 'number' ? ` (port ${e.port})` : '';
    return `lantern ${command}: ${systemErrorText(err)}${where}`;
  }
  return `lantern ${command}: ${systemErrorText(err)} (LANTERN_DEBUG=1 shows the details)`;
}
