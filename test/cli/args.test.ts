import { describe, expect, it } from 'vitest';
import { parseCommandArgs } from '../../server/src/cli/args.ts';
import { CliError } from '../../server/src/cli/cli-error.ts';
import { main } from '../../server/src/cli/main.ts';

describe('parseCommandArgs', () => {
  const config = { options: { port: { type: 'string' }, write: { type: 'boolean', default: false } }, allowPositionals: true } as const;

  it('parses typed options and positionals', () => {
    const { values, positionals } = parseCommandArgs(['--port', '8080', 'mail'], config);
    expect(values.port).toBe('8080');
    expect(values.write).toBe(false);
    expect(positionals).toEqual(['mail']);
  });

  it('turns an unknown option into a one-line CliError with exit code 2', () => {
    expect(() => parseCommandArgs(['--prot', '1'], config)).toThrow(CliError);
    try {
      parseCommandArgs(['--prot', '1'], config);
    } catch (err) {
      expect((err as CliError).exitCode).toBe(2);
      expect((err as CliError).message).toMatch(/--prot/);
    }
  });
});

describe('lantern main', () => {
  it('refuses an unknown command with exit code 2', async () => {
    const written: string[] = [];
    const original = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      expect(await main(['strat'])).toBe(2);
    } finally {
      process.stderr.write = original;
    }
    expect(written.join('')).toMatch(/unknown command 'strat'/);
  });
});
