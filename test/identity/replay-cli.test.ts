// `lantern replay FILE --json` end to end, through the real command on a scenario file.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { attackScenario } from './graph-scenario.ts';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '../../bin/lantern.mjs');

describe('lantern replay', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-replay-'));
  const file = join(dir, 'scenario.json');
  writeFileSync(file, JSON.stringify(attackScenario()));

  it('prints one JSON document with incidents, every breach and stats', async () => {
    const { stdout } = await run(process.execPath, [bin, 'replay', file, '--json'], { maxBuffer: 64 * 1024 * 1024 });
    const doc = JSON.parse(stdout);
    expect(Object.keys(doc).sort()).toEqual(['breaches', 'incidents', 'stats']);
    expect(doc.incidents[0].severity).toBe('critical');
    expect(doc.incidents[0].users).toEqual(['alice@contoso.com', 'bob@contoso.com']);
    expect(doc.incidents[0].narrative).toContain('Lagos');
    expect(doc.breaches.length).toBeGreaterThan(3);
    expect(doc.stats).toMatchObject({ skipped: 1 });
    expect(doc.stats.records).toBeGreaterThan(250);
  });

  it('prints a readable report without --json, and a clear error for a missing file', async () => {
    const { stdout } = await run(process.execPath, [bin, 'replay', file]);
    expect(stdout).toMatch(/\[CRITICAL \d+\] inc-[0-9a-f]+ {2}alice@contoso\.com, bob@contoso\.com/);
    const err = await run(process.execPath, [bin, 'replay', join(dir, 'nope.json')]).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 1 });
    expect((err as { stderr: string }).stderr).toContain('lantern replay:');
  });
});
