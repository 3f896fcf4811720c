// Runs every detection's own cases, and checks the registry as a whole.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mailDetections } from '../../server/src/mail/detection-registry.ts';
import { mailFeatures } from '../../server/src/mail/mail-features.ts';
import { mailFromSpec, readMailFromSpec } from '../../server/src/mail/mail-spec.ts';

// Detections driven by what the tenant knows for certain rather than by what the message looks like.
const tenantFacts: ReadonlySet<string> = new Set(['sender.compromised-account']);
// Detections about the message as a whole failing to be read: past a parse bound it is held whatever else it scores.
const parseFacts: ReadonlySet<string> = new Set(['message.not-fully-checked']);

const detectionsDir = join(dirname(fileURLToPath(import.meta.url)), '../../server/src/mail/detections');

describe('each detection on its own cases', () => {
  for (const d of mailDetections) {
    for (const c of d.cases) {
      it(`${d.id}: ${c.kind} — ${c.name}`, async () => {
        // attachments are read as the MIME edge reads them, so attachment detections see their content
        const hits = d.evaluate(mailFeatures(await readMailFromSpec(c.mail)), c.context ?? {});
        if (c.fires) {
          expect(hits.length, `expected ${d.id} to fire`).toBeGreaterThan(0);
          for (const h of hits) {
            if (d.effect === 'label') expect(h.weight).toBe(0);
            else expect(h.weight).toBeGreaterThan(0);
            expect(h.weight).toBeLessThanOrEqual(d.maxWeight);
            expect(h.evidence.length).toBeGreaterThan(10);
            expect(h.plain.length).toBeGreaterThan(10);
          }
        } else {
          expect(hits, `expected ${d.id} to stay silent`).toEqual([]);
        }
      });
    }
  }
});

describe('detection registry', () => {
  it('has unique ids', () => {
    const ids = mailDetections.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('registers every file in detections/, each named after its id', () => {
    const files = readdirSync(detectionsDir).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, '')).sort();
    expect(mailDetections.map((d) => d.id).sort()).toEqual(files);
  });

  it.each(mailDetections.map((d) => [d.id, d] as const))('%s carries its metadata and cases', (_id, d) => {
    expect(d.id).toMatch(/^(link|sender|content|attachment|context|message)\.[a-z0-9-]+$/);
    expect(d.id.startsWith(d.category + '.')).toBe(true);
    expect(d.title.length).toBeGreaterThan(5);
    expect(d.description.length).toBeGreaterThan(30);
    expect(d.references.length).toBeGreaterThan(0);
    for (const r of d.references) expect(r).toMatch(/^https:\/\//);
    expect(d.falsePositives.length).toBeGreaterThan(0);
    expect(d.gaps.length).toBeGreaterThan(0);
    // a label never adds points; every other detection does
    if (d.effect === 'label') expect(d.maxWeight).toBe(0);
    else expect(d.maxWeight).toBeGreaterThan(0);
    // heuristics stay at or under 50 points; a tenant fact (an open account-takeover incident) may decide alone, and a
    // message that could not be read past a parse bound is held outright
    expect(d.maxWeight).toBeLessThanOrEqual(parseFacts.has(d.id) ? 100 : tenantFacts.has(d.id) ? 70 : 50);
    const kinds = new Set(d.cases.map((c) => c.kind));
    expect(kinds).toEqual(new Set(['true-positive', 'true-negative', 'near-miss']));
    for (const c of d.cases) expect(c.fires).toBe(c.kind === 'true-positive');
  });

  it('keeps context detections silent without context', () => {
    const mail = mailFeatures(mailFromSpec({ from: 'Megan Bowen <megan@gmail.com>', text: 'hello' }));
    for (const d of mailDetections.filter((x) => x.category === 'context' || x.id === 'sender.display-name-internal' || tenantFacts.has(x.id))) {
      expect(d.evaluate(mail, {})).toEqual([]);
    }
  });
});

describe('docs/mail-detections.md', () => {
  it('documents every detection', () => {
    const doc = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../docs/mail-detections.md'), 'utf8');
    for (const d of mailDetections) expect(doc).toContain(`\`${d.id}\``);
  });
});
