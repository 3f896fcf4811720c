import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assessMail, defaultMailPolicy } from '../../server/src/mail/assess.ts';
import { contentTokens } from '../../server/src/mail/content-tokens.ts';
import { mailDetections } from '../../server/src/mail/detection-registry.ts';
import { calibrate, combinedFeatures, defaultMailModel, MailModelError, parseMailModel, scoreSignals, type MailModel } from '../../server/src/mail/mail-model.ts';
import { parseMime } from '../../server/src/mail/parse.ts';

const fixture = (name: string): Buffer => readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', name));

const model: MailModel = {
  ...defaultMailModel,
  bias: -2,
  detections: { 'link.shortener-redirect': 3, 'content.urgency': 1, 'sender.bulk-newsletter': 2 },
  combined: { 'score.lure-and-anomaly': 1, 'score.two-lures': 0, 'score.three-signals': 0 },
  pairs: {},
  tokens: { verify: 2, account: 1, weather: 0 },
  calibration: [
    { s: 0, score: 0 },
    { s: 2, score: 35 },
    { s: 4, score: 55 },
    { s: 6, score: 80 },
  ],
};
const caps = new Map([
  ['link.shortener-redirect', { maxWeight: 20 }],
  ['content.urgency', { maxWeight: 12 }],
  ['sender.bulk-newsletter', { maxWeight: 10 }],
  ['context.first-time-sender', { maxWeight: 15 }],
]);

describe('the learned score', () => {
  it('maps the model through the calibration and splits the score among the reasons that drove it', () => {
    const r = scoreSignals(model, { points: { 'link.shortener-redirect': 20, 'content.urgency': 12 }, tokens: ['account', 'verify', 'weather'] }, caps);
    // s = 3·1 + 1·1 + 1·√(12/30 · 20/30) (lure and anomaly: geometric mean of their strengths) + (2 + 1)/√3 (wording)
    const s = 3 + 1 + Math.sqrt((12 / 30) * (20 / 30)) + 3 / Math.sqrt(3);
    expect(r.s).toBeCloseTo(s, 9);
    expect(r.score).toBeCloseTo(calibrate(model.calibration, s), 9);
    expect(r.score).toBeGreaterThan(55);
    expect(r.terms.reduce((a, t) => a + t.points, 0)).toBeCloseTo(r.score, 9);
    const codes = r.terms.map((t) => t.code);
    expect(codes).toEqual(['link.shortener-redirect', 'content.urgency', 'score.lure-and-anomaly', 'content.learned-wording']);
    const wording = r.terms.find((t) => t.code === 'content.learned-wording');
    expect(wording?.tokens?.map((t) => t.token)).toEqual(['verify', 'account']);
  });

  it('weighs two weak hints agreeing less than two strong signs, and ignores hints under the strong bar', () => {
    const weak = combinedFeatures({ 'content.advance-fee': 12, 'link.ip-literal-host': 15 });
    const strong = combinedFeatures({ 'content.credential-request': 33, 'link.text-target-mismatch': 35 });
    expect(strong['score.lure-and-anomaly']).toBe(1);
    expect(weak['score.lure-and-anomaly']).toBeCloseTo(Math.sqrt((12 / 30) * (15 / 30)), 9);
    expect(combinedFeatures({ 'content.urgency': 7, 'link.ip-literal-host': 30 })['score.lure-and-anomaly']).toBe(0);
    const three = combinedFeatures({ 'content.prize-scam': 15, 'content.commercial-pitch': 30, 'sender.authentication-failure': 40, 'content.urgency': 7 });
    expect(three['score.two-lures']).toBeCloseTo(Math.sqrt(0.5), 9);
    expect(three['score.three-signals']).toBeCloseTo(Math.cbrt(0.5), 9);
  });

  it('shows mitigating evidence as a negative reason and adds hand-set points for what the model does not know', () => {
    const r = scoreSignals(model, { points: { 'link.shortener-redirect': 20, 'sender.bulk-newsletter': -10, 'context.first-time-sender': 15 }, tokens: [] }, caps);
    const bulk = r.terms.find((t) => t.code === 'sender.bulk-newsletter');
    expect(bulk?.points).toBeLessThan(0);
    expect(r.terms.find((t) => t.code === 'context.first-time-sender')).toEqual({ code: 'context.first-time-sender', points: 15, source: 'hand-set' });
    const silenced = scoreSignals(model, { points: { 'link.shortener-redirect': 20 }, tokens: [] }, caps, { 'link.shortener-redirect': 0 });
    expect(silenced.score).toBe(0);
  });

  it('gives a pair of detections that weigh more together half of its share each', () => {
    const paired: MailModel = { ...model, combined: { ...model.combined, 'score.lure-and-anomaly': 0 }, pairs: { 'content.urgency&link.shortener-redirect': 2 } };
    const alone = scoreSignals(paired, { points: { 'link.shortener-redirect': 20, 'content.urgency': 6 }, tokens: [] }, caps);
    // s = 3·1 + 1·0.5 + 2·(1·0.5), the pair's 1 split as 0.5 to each detection
    expect(alone.s).toBeCloseTo(4.5, 9);
    const share = alone.score / alone.s;
    expect(alone.terms.map((t) => [t.code, t.points / share])).toEqual([
      ['link.shortener-redirect', expect.closeTo(3.5, 9)],
      ['content.urgency', expect.closeTo(1, 9)],
    ]);
  });

  it('scores nothing when nothing fired', () => {
    expect(scoreSignals(model, { points: {}, tokens: ['weather'] }, caps)).toEqual({ score: 0, terms: [], s: 0 });
  });

  it('the committed model was trained and its thresholds sit at the policy defaults', () => {
    expect(defaultMailModel.trainedOn.corpusSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(defaultMailModel.calibration.slice(1).map((k) => k.score)).toEqual([defaultMailPolicy.tagAt, defaultMailPolicy.lockLinksAt, defaultMailPolicy.holdAt]);
    const known = new Set(mailDetections.map((d) => d.id));
    for (const id of Object.keys(defaultMailModel.detections)) expect(known.has(id)).toBe(true);
    for (const id of defaultMailModel.handSet) expect(defaultMailModel.detections[id]).toBeUndefined();
  });

  it('every assessment names its reasons, and they add up to the score', async () => {
    for (const name of ['phish-prezi-docsend.eml', 'html-smuggling.eml', 'encrypted-zip.eml', 'benign-colleague.eml']) {
      const a = assessMail(await parseMime(fixture(name)));
      expect(a.score).toBe(Math.max(0, Math.min(100, a.reasons.reduce((s, r) => s + r.weight, 0))));
      if (a.verdict !== 'deliver') expect(a.reasons.filter((r) => r.weight > 0).length).toBeGreaterThan(0);
      for (const r of a.reasons) expect(r.text.length).toBeGreaterThan(0);
    }
  });

  it('rejects a model file that would break the score', () => {
    expect(() => parseMailModel({ ...defaultMailModel, format: 'x' })).toThrow(MailModelError);
    expect(() => parseMailModel({ ...defaultMailModel, tokens: { free: -1 } })).toThrow(/negative/);
    expect(() => parseMailModel({ ...defaultMailModel, calibration: [{ s: 0, score: 0 }, { s: 2, score: 35 }, { s: 1, score: 55 }] })).toThrow(/rise/);
  });
});

describe('content tokens', () => {
  it('drops addresses, links, numbers, dates, the corpus sources and function words', () => {
    const tokens = contentTokens({ content: 'please verify your account at https://x.example/a for phishing@pot on monday 12 march 2002 — usrp x310 and the wallet' });
    expect(tokens).toEqual(['account', 'please', 'verify', 'wallet']);
  });
});
