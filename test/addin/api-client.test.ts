// addin/src/api/api-client.ts against a real HTTP server on loopback that speaks the API contract.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageAssessmentResponse } from '../../shared/src/api.ts';
import { createApiClient } from '../../addin/src/api/api-client.ts';
import { ApiContractError, ApiOfflineError, ApiRequestError, ApiSignInError } from '../../addin/src/api/api-error.ts';

const REST_ID = 'AAMkAGI2TG93AAA-BAf_qsRkAAA=';

const assessment: MessageAssessmentResponse = {
  messageId: REST_ID,
  internetMessageId: '<a@b>',
  receivedAt: '2026-11-20T09:00:00.000Z',
  held: true,
  release: 'request',
  releaseRequested: false,
  reported: false,
  state: 'held',
  actions: ['report', 'request-release'],
  notice: 'Lantern moved this message out of your inbox.',
  assessment: {
    score: 91,
    verdict: 'hold',
    reasons: [{ code: 'link.text-target-mismatch', weight: 40, text: 'The link says DocSend but goes to docsend-share.example.' }],
    userNarrative: 'This message pretends to be a DocSend share.',
    analystNarrative: 'detail',
    sender: { address: 'a@docsend-share.example', name: 'DocSend', replyTo: null, authentication: 'spf=fail' },
    subject: 'Invoice',
    links: [{ text: 'Click Here', url: 'https://docsend-share.example/login', host: 'docsend-share.example', risky: true, why: 'lookalike' }],
    attachments: [],
  },
};

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

let seen: Seen[] = [];
let baseUrl = '';
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
    const send = (status: number, json: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.headers.authorization !== 'Bearer good-token') return send(401, { error: { code: 'invalid_token', message: 'The access token has expired; get a new one.' } });
    if (url.pathname === `/api/messages/${encodeURIComponent(REST_ID)}/assessment`) return send(200, assessment);
    if (url.pathname.endsWith('/assessment') && url.pathname.includes('broken')) return send(200, { ...assessment, release: 'maybe' });
    if (url.pathname.endsWith('/assessment')) return send(404, { error: { code: 'not_found', message: 'Not Found' } });
    if (url.pathname.endsWith('/report')) return send(200, { status: 'received', reportId: 'r1', message: 'Thanks, the security team has it.' });
    if (url.pathname.endsWith('/release-request')) return send(200, { status: 'requested', requestId: 'q1', message: 'Requested.' });
    if (url.pathname.endsWith('/release')) return send(200, { status: 'released', message: 'Moved to your inbox.' });
    if (url.pathname === '/api/held') return send(200, { items: [] });
    if (url.pathname === '/api/me') return send(200, { upn: 'adele@contoso.example', displayName: 'Adele', roles: [] });
    return send(500, { error: { code: 'internal', message: 'Internal Server Error' } });
  });
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const client = (token = 'good-token') => createApiClient({ baseUrl, getToken: () => Promise.resolve(token) });

describe('createApiClient', () => {
  it('fetches an assessment with the bearer token, the REST id URL-encoded and the internetMessageId', async () => {
    seen = [];
    const got = await client().assessment(REST_ID, '<a@b>');
    expect(got).toEqual(assessment);
    expect(seen[0]?.authorization).toBe('Bearer good-token');
    expect(seen[0]?.url).toBe(`/api/messages/${encodeURIComponent(REST_ID)}/assessment?internetMessageId=${encodeURIComponent('<a@b>')}`);
  });

  it('posts report (with the comment), release and release-request', async () => {
    seen = [];
    const api = client();
    expect((await api.report(REST_ID, 'looks fake')).reportId).toBe('r1');
    expect((await api.release(REST_ID)).status).toBe('released');
    expect((await api.requestRelease(REST_ID)).requestId).toBe('q1');
    expect(seen.map((s) => s.method)).toEqual(['POST', 'POST', 'POST']);
    expect(JSON.parse(seen[0]!.body)).toEqual({ comment: 'looks fake' });
    expect((await api.held()).items).toEqual([]);
    expect((await api.me()).upn).toBe('adele@contoso.example');
  });

  it('turns error bodies into ApiRequestError with status and code', async () => {
    const err = await client().assessment('unknown', null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiRequestError);
    expect((err as ApiRequestError).status).toBe(404);
    const expired = await client('stale').held().catch((e: unknown) => e);
    expect((expired as ApiRequestError).code).toBe('invalid_token');
  });

  it('rejects a response that breaks the contract, naming the field', async () => {
    const err = await client().assessment('broken', null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiContractError);
    expect((err as ApiContractError).field).toBe('release');
  });

  it('reports offline when the server cannot be reached, and sign-in failures as such', async () => {
    const offline = createApiClient({ baseUrl: 'http://127.0.0.1:1', getToken: () => Promise.resolve('t') });
    expect(await offline.held().catch((e: unknown) => e)).toBeInstanceOf(ApiOfflineError);
    const noToken = createApiClient({ baseUrl, getToken: () => Promise.reject(new Error('user cancelled')) });
    const err = await noToken.held().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiSignInError);
    expect((err as Error).message).toContain('user cancelled');
  });
});
