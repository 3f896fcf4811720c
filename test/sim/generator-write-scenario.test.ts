// writeScenario streams a scenario to disk as JSON that parses back to the same scenario.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateScenario } from '../../server/src/sim/generator/generate.ts';
import { ScenarioWriteError, writeScenario } from '../../server/src/sim/generator/write-scenario.ts';

describe('writeScenario', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-gen-'));

  it('round-trips a generated scenario through the file', async () => {
    const scenario = generateScenario({ users: 25, days: 10, seed: 11 });
    const path = join(dir, 'scenario.json');
    await writeScenario(path, scenario);
    const text = readFileSync(path, 'utf8');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(scenario)));
    // One record per line inside the arrays, so the file can be inspected and diffed.
    expect(text.split('\n').length).toBeGreaterThan(scenario.signIns!.length);
  });

  it('reports a path it cannot write with a typed error', async () => {
    const scenario = generateScenario({ users: 2, days: 1, seed: 1, mail: false });
    await expect(writeScenario(join(dir, 'missing', 'x.json'), scenario)).rejects.toBeInstanceOf(ScenarioWriteError);
  });
});
