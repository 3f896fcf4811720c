import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trainCommand } from '../../server/src/cli/train.ts';
import { mailDetections } from '../../server/src/mail/detection-registry.ts';
import { parseMailModel } from '../../server/src/mail/mail-model.ts';
import { foldOf, serialiseMailModel, trainMailModel, type TrainingExample } from '../../server/src/mail/train-model.ts';
import { generateCorpus } from './generated-corpus.ts';

async function train(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await trainCommand(args, { write: (l) => out.push(l), progress: (l) => err.push(l) });
  return { code, out, err };
}

describe('lantern train', () => {
  it('retraining on the same corpus writes a byte-identical model, from the training side only', async () => {
    // sample-18.eml is on the validation side of the committed split: it must not be trained on
    const corpus = generateCorpus(undefined, [{ name: 'sample-18.eml', body: 'Invoice attached, pay today.' }]);
    const a = join(corpus.dir, 'model-a.json');
    const b = join(corpus.dir, 'model-b.json');
    const first = await train(['--corpus', corpus.dir, '--out', a, '--iterations', '60']);
    await train(['--corpus', corpus.dir, '--out', b, '--iterations', '60']);
    expect(first.code).toBe(0);
    expect(readFileSync(a)).toEqual(readFileSync(b));
    const model = parseMailModel(JSON.parse(readFileSync(a, 'utf8')));
    expect(model.trainedOn.messages).toEqual({ phish: 40, list: 40, commercial: 12 });
    expect(model.trainedOn.corpusSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(first.err[0]).toBe('training side: 92 of 93 messages (validation side left out)');
    expect(first.out.filter((l) => l.startsWith('cv (out-of-fold'))).toHaveLength(3);
    // the learned part: every weight non-negative, thresholds rising, context detections left hand-set
    for (const w of [...Object.values(model.detections), ...Object.values(model.tokens), ...Object.values(model.combined)]) expect(w).toBeGreaterThanOrEqual(0);
    expect(model.calibration.map((k) => k.score)).toEqual([0, 35, 55, 80]);
    expect(Object.keys(model.detections)).not.toContain('sender.compromised-account');
    expect(model.handSet).toContain('sender.compromised-account');
  });

  it('learns from what separates the labels: the phishing signs get weight', () => {
    const ex = (name: string, set: TrainingExample['set'], points: Record<string, number>, tokens: string[] = []): TrainingExample => ({ name, set, signals: { points, tokens } });
    const examples: TrainingExample[] = [];
    for (let i = 0; i < 30; i++) {
      examples.push(ex(`p${i}`, 'phish', i % 3 ? { 'link.shortener-redirect': 20, 'content.urgency': 7 } : { 'link.shortener-redirect': 20 }));
      examples.push(ex(`l${i}`, 'list', i % 5 ? {} : { 'content.urgency': 7 }));
    }
    for (let i = 0; i < 10; i++) examples.push(ex(`c${i}`, 'commercial', {}));
    const options = { detections: mailDetections, iterations: 200, tokenGrid: [false] };
    const model = trainMailModel(examples, 'h', options);
    expect(model.detections['link.shortener-redirect']).toBeGreaterThan(model.detections['content.urgency'] ?? 0);
    expect(model.detections['link.shortener-redirect']).toBeGreaterThan(1);
    expect(model.cv.chosen.phish.flagged).toBe(30);
    expect(model.cv.chosen.list.flagged).toBe(0);
    // a detection that never fired in training has no learned weight (it stays hand-set)
    expect(model.detections['attachment.html-smuggling']).toBeUndefined();
    expect(serialiseMailModel(trainMailModel([...examples].reverse(), 'h', options))).toBe(serialiseMailModel(model));
  });

  it('puts a file in the same fold whatever else is in the corpus', () => {
    expect(foldOf('sample-1.eml', 5)).toBe(foldOf('sample-1.eml', 5));
    const folds = new Set(Array.from({ length: 50 }, (_, i) => foldOf(`m${i}.eml`, 5)));
    expect(folds).toEqual(new Set([0, 1, 2, 3, 4]));
  });

  it('says clearly what is wrong with the command', async () => {
    await expect(train([])).rejects.toThrow(/--corpus DIR/);
    await expect(train(['--corpus', '/no/such/folder'])).rejects.toThrow(/is not a folder/);
    const corpus = generateCorpus({ phish: 1, list: 1, commercial: 0 });
    await expect(train(['--corpus', join(corpus.dir, 'phish')])).rejects.toThrow(/has no phish\/ folder/);
    await expect(train(['--corpus', corpus.dir, '--iterations', 'many'])).rejects.toThrow(/--iterations/);
  });
});
