import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, type AppFixture } from './app-fixture.ts';

let fx: AppFixture;
beforeAll(async () => {
  fx = await startFixture({ rateLimit: { max: 5, timeWindowMs: 60_000 } });
});
afterAll(async () => {
  await fx?.close();
});

describe('rate limit', () => {
  it('answers 429 with an ApiError once a user exceeds the limit, and counts each user separately', async () => {
    const a = { authorization: `Bearer ${await fx.token(1)}` };
    const b = { authorization: `Bearer ${await fx.token(2)}` };
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await fx.app.inject({ method: 'GET', url: '/api/me', headers: a })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const limited = await fx.app.inject({ method: 'GET', url: '/api/me', headers: a });
    expect(limited.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/Too many requests/) } });
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await fx.app.inject({ method: 'GET', url: '/api/me', headers: b })).statusCode).toBe(200);
  });
});
