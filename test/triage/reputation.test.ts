import { afterAll, describe, expect, it } from 'vitest';
import { applyReputationEvent, emptyReputation, mailContextReputationFacts, ReputationStore, senderReputation } from '../../server/src/reputation/reputation.ts';
import { StoreFixture } from './store-fixture.ts';

const fixture = new StoreFixture();
afterAll(() => fixture.close());

describe('reputation', () => {
  it('moves down with malicious verdicts far more than up with benign ones, and ignores unsure verdicts', () => {
    let r = emptyReputation('address', 'a@x.example');
    r = applyReputationEvent(r, { type: 'verdict', verdict: 'benign', confidence: 0.9 });
    expect(r.score).toBeGreaterThan(0);
    const good = r.score;
    r = applyReputationEvent(r, { type: 'verdict', verdict: 'malicious', confidence: 0.9 });
    expect(r.score).toBeLessThan(-good);
    const unsure = applyReputationEvent(r, { type: 'verdict', verdict: 'benign', confidence: 0.55 });
    expect(unsure.benign).toBe(r.benign);
  });

  it.each(['sqlite', 'postgres'] as const)('stores address and domain (not free-mail domains) on %s and feeds mail scoring', async (dialect) => {
    const { db } = await fixture.open(dialect);
    const store = new ReputationStore(db);
    await store.record('bad@evil.example', 'evil.example', { type: 'report' }, '2026-11-20T00:00:00Z');
    await store.record('bad@evil.example', 'evil.example', { type: 'verdict', verdict: 'malicious', confidence: 0.95 }, '2026-11-20T00:00:01Z');
    await store.record('someone@gmail.com', 'gmail.com', { type: 'verdict', verdict: 'malicious', confidence: 0.95 }, '2026-11-20T00:00:02Z');
    const rep = await senderReputation(db, 'bad@evil.example', 'evil.example');
    expect(rep.combined).toBeLessThan(-0.3);
    expect((await store.get('domain', 'gmail.com')).malicious).toBe(0);
    expect(await mailContextReputationFacts(db, 'bad@evil.example')).toEqual({ phishReports: 1, confirmedPhish: 1 });
  });
});
