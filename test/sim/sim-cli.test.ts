// `lantern sim`: the generate path writes a file the scenario loader accepts whole; bad input is a clear error.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../server/src/cli/sim.ts';
import { CliError } from '../../server/src/cli/cli-error.ts';
import { loadScenario } from '../../server/src/sim/load-scenario.ts';

const dir = mkdtempSync(join(tmpdir(), 'lantern-sim-cli-'));

describe('lantern sim', () => {
  it('--generate writes a scenario that loads with no skipped records', async () => {
    const out = join(dir, 'gen.json');
    const code = await run(['--generate', '--users', '8', '--days', '2', '--seed', '3', '--out', out]);
    expect(code).toBe(0);
    const loaded = loadScenario(out);
    expect(loaded.problems).toEqual([]);
    expect(loaded.skipped).toBe(0);
    expect(loaded.scenario.users).toHaveLength(8 + 1); // eight people and the Lantern mailbox
    expect(loaded.scenario.signIns?.length).toBeGreaterThan(0);
  });

  it('--generate --out into a missing folder creates it; an unwritable target is one CliError line', async () => {
    const out = join(dir, 'missing', 'nested', 'gen.json');
    expect(await run(['--generate', '--users', '3', '--days', '1', '--out', out])).toBe(0);
    expect(loadScenario(out).skipped).toBe(0);
    // The target is a folder: one line naming the file, no stack.
    const err = await run(['--generate', '--users', '3', '--days', '1', '--out', join(dir, 'missing')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).message).toMatch(/^cannot write .*missing: /);
    expect((err as CliError).message).not.toContain('\n');
  });

  it('reports unreadable scenarios and bad options as CliError', async () => {
    await expect(run(['--scenario', join(dir, 'nope.json')])).rejects.toThrow(CliError);
    await expect(run(['--generate'])).rejects.toThrow(/--out/);
    await expect(run(['--generate', '--users', 'many', '--out', join(dir, 'x.json')])).rejects.toThrow(/--users must be an integer/);
    await expect(run(['--bogus'])).rejects.toThrow(CliError);
  });
});
