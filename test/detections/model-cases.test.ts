// One generic test runs every detection model's own cases through the real engine.
import { describe, expect, it } from 'vitest';
import { SEVERITY_BANDS } from '../../server/src/detections/model.ts';
import { allModels } from '../../server/src/detections/registry.ts';
import { runCase } from '../../server/src/identity/run-case.ts';

describe.each(allModels.map((m) => [m.meta.id, m] as const))('%s', (_id, model) => {
  const cases = model.cases();
  it.each(cases.map((c) => [c.kind, c.name, c] as const))('%s: %s', (kind, _name, c) => {
    const breach = runCase(model, c);
    if (kind === 'true-positive') {
      expect(breach, 'expected a breach').not.toBeNull();
      const [lo, hi] = SEVERITY_BANDS[model.meta.severity];
      expect(breach!.score).toBeGreaterThanOrEqual(lo);
      expect(breach!.score).toBeLessThanOrEqual(hi);
      expect(breach!.reasons.length).toBeGreaterThan(0);
      for (const r of breach!.reasons) {
        expect(r.code).toMatch(/^[a-z0-9.-]+$/);
        expect(r.text.length).toBeGreaterThan(20);
      }
      // The evidence names the user.
      expect(breach!.reasons.map((r) => r.text).join(' ')).toContain(c.event.upn);
    } else {
      expect(breach, `unexpected breach: ${JSON.stringify(breach?.reasons)}`).toBeNull();
    }
  });
});
