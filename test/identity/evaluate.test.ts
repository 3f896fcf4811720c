// End to end on generated tenants: attack chains and benign hard cases from the scenario generator,
// replayed through the real pipeline and scored against the generator's ground truth.
import { describe, expect, it } from 'vitest';
import { generateScenario } from '../../server/src/sim/generator/generate.ts';
import { evaluateReplay } from '../../server/src/identity/evaluate.ts';
import { replayScenario } from '../../server/src/identity/replay.ts';

const ATTACKS = ['classic-chain', 'mfa-fatigue', 'password-spray', 'device-code', 'external-forwarding', 'legacy-imap'];

describe.each([21, 22])('generated tenant, seed %i', (seed) => {
  const options = { users: 150, days: 21, seed, hardCases: true, mail: false, attacks: ATTACKS.map((kind) => ({ kind, count: 1 })) } as Parameters<typeof generateScenario>[0];
  const scenario = generateScenario(options);
  const result = replayScenario(scenario);
  const e = evaluateReplay(scenario, result);

  it('detects every attack: all its users in an incident of severity high or above, with the expected models', () => {
    expect(e.attacks.length).toBeGreaterThan(0);
    for (const a of e.attacks) expect(a, a.name).toMatchObject({ detected: true });
  });

  it('puts no benign user in an incident of severity high, and under 5% in medium', () => {
    expect(e.benignInHigh).toBe(0);
    expect(e.benignMediumRate).toBeLessThan(0.05);
  });
});
