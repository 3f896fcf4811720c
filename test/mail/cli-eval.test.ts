import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assessCommand } from '../../server/src/cli/assess.ts';
import { comparisonLines, parseEvalRecord, type EvalRecord } from '../../server/src/mail/eval-report.ts';
import { generateCorpus } from './generated-corpus.ts';

async function runAssess(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await assessCommand(args, { write: (l) => out.push(l), progress: (l) => err.push(l) });
  return { code, out, err };
}

function record(figures: Record<'phish' | 'list' | 'commercial', [number, number, number]>): EvalRecord {
  const sets = {} as EvalRecord['sets'];
  for (const side of ['train', 'validation'] as const) {
    sets[side] = {} as EvalRecord['sets']['train'];
    for (const set of ['phish', 'list', 'commercial'] as const) {
      const [n, flagged, lockedOrHeld] = figures[set];
      sets[side][set] = { n, errors: 0, flagged, lockedOrHeld };
    }
  }
  return { format: 'lantern-eval/1', scorer: 'test', sets, detections: [], items: [] };
}

describe('lantern assess --eval', () => {
  it('prints each set on each side of the split, the detections table, and saves a result it can compare with', async () => {
    const corpus = generateCorpus({ phish: 8, list: 6, commercial: 4 }, [{ name: 'sample-18.eml', body: 'Your account is suspended, verify now: https://bit.ly/x1' }]);
    const saved = join(corpus.dir, 'eval.json');
    const { code, out, err } = await runAssess(['--eval', corpus.dir, '--save', saved]);
    expect(code).toBe(0);
    const row = (side: string, set: string): string | undefined => out.find((l) => l.startsWith(side.padEnd(11) + set));
    expect(row('train', 'phishing')).toMatch(/^train\s+phishing\s+8\s+\d+\.\d%\s+\d+\.\d%\s+0$/);
    expect(row('train', 'list ham')).toMatch(/^train\s+list ham\s+6\s/);
    expect(row('train', 'commercial ham')).toMatch(/^train\s+commercial ham\s+4\s/);
    expect(row('validation', 'phishing')).toMatch(/^validation\s+phishing\s+1\s/);
    expect(row('validation', 'list ham')).toMatch(/^validation\s+list ham\s+0\s+-\s+-/);
    expect(out.some((l) => /^detection \(fires per set\)/.test(l))).toBe(true);
    expect(out.some((l) => /^link\.shortener-redirect\s+\d+\s+0\s+0\s+100%/.test(l))).toBe(true);
    expect(err.at(-1)).toBe(`saved to ${saved}`);
    const rec = parseEvalRecord(JSON.parse(readFileSync(saved, 'utf8')));
    expect(rec.sets.train.phish.n).toBe(8);
    expect(rec.items).toHaveLength(19);

    // comparing with itself: nothing changed
    const again = await runAssess(['--eval', corpus.dir, '--compare', saved]);
    expect(again.out).toContain('train: no change in any set');
    expect(again.out).toContain('validation: no change in any set');
  });

  it('says plainly when one set gains and another loses', () => {
    const before = record({ phish: [100, 80, 60], list: [100, 1, 0], commercial: [50, 5, 1] });
    const after = record({ phish: [100, 90, 70], list: [100, 1, 0], commercial: [50, 10, 1] });
    const lines = comparisonLines(before, after);
    expect(lines).toContain('validation: MIXED — gains on phishing, loses on commercial ham');
    expect(lines.find((l) => l.startsWith('validation phishing'))).toMatch(/\+10\.0\s+\+10\.0\s+gains$/);
    expect(lines.find((l) => l.startsWith('validation commercial ham'))).toMatch(/\+10\.0\s+\+0\.0\s+loses$/);
    const better = comparisonLines(before, record({ phish: [100, 80, 60], list: [100, 0, 0], commercial: [50, 5, 1] }));
    expect(better).toContain('train: better on list ham, no set worse');
    const worse = comparisonLines(before, record({ phish: [100, 70, 60], list: [100, 1, 0], commercial: [50, 5, 1] }));
    expect(worse).toContain('train: WORSE on phishing, no set better');
  });

  it('fails with one clear line on a folder that is not a corpus or a file that is not a result', async () => {
    const corpus = generateCorpus({ phish: 1, list: 1, commercial: 0 });
    await expect(runAssess(['--eval', join(corpus.dir, 'ham')])).rejects.toThrow(/has no phish\/ folder/);
    await expect(runAssess(['--eval', '/no/such/corpus'])).rejects.toThrow(/is not a folder/);
    const bogus = join(corpus.dir, 'bogus.json');
    writeFileSync(bogus, '{"format":"something else"}');
    await expect(runAssess(['--eval', corpus.dir, '--compare', bogus])).rejects.toThrow(/not a saved evaluation/);
    await expect(runAssess(['--eval', corpus.dir, '--compare', join(corpus.dir, 'missing.json')])).rejects.toThrow(/cannot read/);
    await expect(runAssess([join(corpus.dir, 'phish'), '--save', bogus])).rejects.toThrow(/go with --eval/);
    await expect(runAssess(['--eval', corpus.dir, '--model', bogus])).rejects.toThrow(/format must be/);
  });
});
