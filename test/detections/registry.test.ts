// Meta-tests over the whole registry of detection models.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SEVERITY_BANDS } from '../../server/src/detections/model.ts';
import { allModels, modelFileName } from '../../server/src/detections/registry.ts';

const modelsDir = fileURLToPath(new URL('../../server/src/detections/models/', import.meta.url));

describe('detection registry', () => {
  it('has unique ids of the form prefix.kebab-name', () => {
    const ids = allModels.map((m) => m.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(saas|multi)\.[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('has exactly one file per model, named after its id, and no unlisted or nested files', () => {
    const entries = readdirSync(modelsDir, { withFileTypes: true });
    expect(entries.filter((e) => e.isDirectory())).toEqual([]);
    const files = entries.map((e) => e.name).sort();
    expect(files).toEqual(allModels.map((m) => modelFileName(m.meta.id)).sort());
  });

  it('includes the required models', () => {
    const ids = new Set(allModels.map((m) => m.meta.id));
    for (const id of [
      'saas.unusual-credential-source',
      'saas.impossible-travel',
      'saas.unusual-login-account-update',
      'saas.anomalous-new-email-rule',
      'saas.unusual-login-new-email-rule',
      'saas.external-forwarding-rule',
      'multi.users-breaching-same-model',
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
  });

  it.each(allModels.map((m) => [m.meta.id, m] as const))('%s carries complete metadata and its three kinds of case', (_id, m) => {
    expect(m.meta.title.length).toBeGreaterThan(10);
    expect(m.meta.description.length).toBeGreaterThan(40);
    expect(Object.keys(SEVERITY_BANDS)).toContain(m.meta.severity);
    expect(m.meta.mitre.length).toBeGreaterThan(0);
    for (const t of m.meta.mitre) expect(t.id).toMatch(/^T\d{4}(\.\d{3})?$/);
    expect(m.meta.references.length).toBeGreaterThan(0);
    for (const r of m.meta.references) expect(r).toMatch(/^https:\/\//);
    expect(m.meta.knownFalsePositives.length).toBeGreaterThan(0);
    expect(m.meta.knownGaps.length).toBeGreaterThan(0);
    expect(m.meta.eventKinds.length).toBeGreaterThan(0);
    const kinds = m.cases().map((c) => c.kind);
    expect(kinds).toContain('true-positive');
    expect(kinds).toContain('true-negative');
    expect(kinds).toContain('near-miss');
    for (const c of m.cases()) expect(m.meta.eventKinds).toContain(c.event.kind);
  });
});
