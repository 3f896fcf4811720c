// Scenario loading: whole-file problems are errors; bad records are counted and skipped; unknown fields pass.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioLoadError, loadScenario } from '../../server/src/sim/load-scenario.ts';
import { smallScenario } from './sim-fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'lantern-scenario-'));
const write = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('loadScenario', () => {
  it('loads a valid file with nothing skipped', () => {
    const scenario = smallScenario();
    const loaded = loadScenario(write('ok.json', JSON.stringify(scenario)));
    expect(loaded.skipped).toBe(0);
    expect(loaded.scenario.signIns).toHaveLength(scenario.signIns?.length ?? -1);
    expect(loaded.scenario.messages).toHaveLength(scenario.messages?.length ?? -1);
    expect(loaded.scenario.tenant.id).toBe(scenario.tenant.id);
  });

  it('accepts JSON text and parsed values too', () => {
    const scenario = smallScenario();
    expect(loadScenario(JSON.stringify(scenario)).scenario.users).toHaveLength(25);
    expect(loadScenario(scenario).scenario.users).toHaveLength(25);
  });

  it('gives a clear error for files that are not scenarios', () => {
    expect(() => loadScenario(join(dir, 'missing.json'))).toThrow(/cannot read the scenario file \(ENOENT\)/);
    expect(() => loadScenario(write('bad.json', '{"version": 1, '))).toThrow(ScenarioLoadError);
    expect(() => loadScenario(write('bad.json', '{"version": 1, '))).toThrow(/not valid JSON/);
    expect(() => loadScenario(write('v2.json', '{"version": 2, "tenant": {"id": "t"}}'))).toThrow(/unsupported scenario version 2/);
    expect(() => loadScenario(write('nt.json', '{"version": 1}'))).toThrow(/missing tenant.id/);
    expect(() => loadScenario(write('arr.json', '[]'))).toThrow(/JSON object/);
  });

  it('counts and skips invalid records, keeps the valid ones, ignores unknown fields', () => {
    const scenario = smallScenario() as unknown as Record<string, unknown[]>;
    (scenario as Record<string, unknown>)['somethingNew'] = { x: 1 };
    scenario['signIns']?.push({ id: 'no-time', userId: 'u', userPrincipalName: 'u@x' }, 'not an object', { id: 'si-0001', createdDateTime: '2026-03-01T00:00:00Z', userId: 'u', userPrincipalName: 'u@x' });
    scenario['users']?.push({ id: 'x', extraField: true, userPrincipalName: 'x@contoso.test' });
    scenario['messages']?.push({ userId: 'u', folder: 'Nowhere', message: { id: 'mx', receivedDateTime: '2026-03-01T00:00:00Z' } });
    scenario['directoryAudits']?.push({ id: 'a', activityDateTime: 'not a date', activityDisplayName: 'x' });
    const loaded = loadScenario(scenario);
    expect(loaded.skipped).toBe(5);
    expect(loaded.problems.join('\n')).toMatch(/signIns\[60\]: needs id, createdDateTime/);
    expect(loaded.problems.join('\n')).toMatch(/duplicate id si-0001/);
    expect(loaded.problems.join('\n')).toMatch(/unknown folder 'Nowhere'/);
    expect(loaded.scenario.signIns).toHaveLength(60);
    expect(loaded.scenario.users).toHaveLength(26);
  });

  it('caps the problem list on a file full of bad records', () => {
    const scenario = smallScenario();
    const bad = Array.from({ length: 1000 }, (_, i) => ({ id: `b${i}` }));
    const loaded = loadScenario({ ...scenario, signIns: bad });
    expect(loaded.skipped).toBe(1000);
    expect(loaded.problems.length).toBeLessThanOrEqual(201);
    expect(loaded.problems.at(-1)).toBe('... and 800 more');
  });
});
