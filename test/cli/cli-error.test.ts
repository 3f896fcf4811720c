// server/src/cli/cli-error.ts: every failure of a command is one line, never a stack trace.
import { describe, expect, it } from 'vitest';
import { CliError, cliFailureLine } from '../../server/src/cli/cli-error.ts';

const sysErr = (code: string, extra: Record<string, unknown>) => Object.assign(new Error(`${code}: low-level text`), { code, ...extra });

describe('cliFailureLine', () => {
  it.each<[unknown, string]>([
    [new CliError('--out needs a FILE'), 'lantern sim: --out needs a FILE'],
    [sysErr('ENOENT', { path: 'data/x.json' }), 'lantern sim: no such file or folder (data/x.json)'],
    [sysErr('EACCES', { path: '/root/out' }), 'lantern sim: permission denied (/root/out)'],
    [sysErr('EADDRINUSE', { port: 8443 }), 'lantern sim: the port is already in use (port 8443)'],
    [new TypeError('x is undefined\n    at f (file.ts:1:1)'), 'lantern sim: x is undefined (LANTERN_DEBUG=1 shows the details)'],
    ['a string', 'lantern sim: a string (LANTERN_DEBUG=1 shows the details)'],
  ])('%s → one line', (err, line) => {
    const out = cliFailureLine('sim', err);
    expect(out).toBe(line);
    expect(out).not.toContain('\n');
  });
});
