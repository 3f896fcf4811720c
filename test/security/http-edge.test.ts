// Defence in depth at the HTTP edge of the fully built app: security headers on every answer (the task pane
// framed only by Outlook, everything else by nobody), the failed-authentication limiter before authentication,
// control characters refused, query integers coerced, UTF-8-only JSON, and router and parser errors in the
// same error envelope as everything else.
import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_ANALYST_ROLE } from '@lantern/shared/api';
import { API_CSP, OUTLOOK_FRAME_ANCESTORS } from '../../server/src/routes/security-headers.ts';
import { userId } from '../routes/app-fixture.ts';
import { startFullApp, TASKPANE_INLINE_SCRIPT, type FullApp } from './full-app.ts';

let full: FullApp;
let limited: FullApp;
beforeAll(async () => {
  [full, limited] = await Promise.all([startFullApp(), startFullApp({ failedAuthLimit: { max: 3, timeWindowMs: 60_000 } })]);
});
afterAll(async () => {
  await full?.close();
  await limited?.close();
});

const directive = (csp: string | undefined, name: string) =>
  (csp ?? '').split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? null;

describe('security headers', () => {
  it('lets Outlook (and the demo mailbox, same origin) frame the task pane, with its inline script allowed by hash', async () => {
    const res = await full.fx.app.inject({ method: 'GET', url: '/addin/taskpane.html' });
    expect(res.statusCode).toBe(200);
    const csp = res.headers['content-security-policy'] as string;
    expect(directive(csp, 'frame-ancestors')).toBe(`frame-ancestors 'self' ${OUTLOOK_FRAME_ANCESTORS.join(' ')}`);
    const hash = createHash('sha256').update(TASKPANE_INLINE_SCRIPT).digest('base64');
    expect(directive(csp, 'script-src')).toBe(`script-src 'self' https://appsforoffice.microsoft.com 'sha256-${hash}'`);
    expect(directive(csp, 'object-src')).toBe("object-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('lets nobody frame the console, the demo mailbox, the landing page, JSON answers or errors', async () => {
    for (const url of ['/addin/console.html', '/addin/demo.html', '/', '/api/health', '/api/me', '/api/no-such', '/nothing-here', '/digest/act?token=x']) {
      const res = await full.fx.app.inject({ method: 'GET', url });
      expect(directive(res.headers['content-security-policy'] as string, 'frame-ancestors'), url).toBe("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
    }
    expect((await full.fx.app.inject({ method: 'GET', url: '/api/health' })).headers['content-security-policy']).toBe(API_CSP);
  });
});

describe('failed authentication is limited per address before authentication', () => {
  it('answers 429 after three refused tokens, even to a valid token, for that address only, until the window ends', async () => {
    const { fx, issuer } = limited;
    const valid = { authorization: `Bearer ${await issuer.token(userId(1))}` };
    const bad = { authorization: `Bearer ${await issuer.foreignToken(userId(1))}` };
    const from = (remoteAddress: string, headers: Record<string, string>) => fx.app.inject({ method: 'GET', url: '/api/me', headers, remoteAddress });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await from('198.51.100.9', bad)).statusCode);
    expect(statuses).toEqual([401, 401, 401]);
    const blocked = await from('198.51.100.9', valid);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(/failed sign-ins/) } });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected; public routes stay open for the blocked one.
    expect((await from('198.51.100.10', valid)).statusCode).toBe(200);
    expect((await from('198.51.100.9', {})).statusCode).toBe(429);
    expect((await fx.app.inject({ method: 'GET', url: '/api/health', remoteAddress: '198.51.100.9' })).statusCode).toBe(200);
    fx.clock.advance(60_000);
    expect((await from('198.51.100.9', valid)).statusCode).toBe(200);
  });
});

describe('request edge', () => {
  const analyst = async () => ({ authorization: `Bearer ${await full.issuer.token(userId(1), { claims: { roles: [SECURITY_ANALYST_ROLE] } })}` });

  it('refuses a NUL or other control character in a path parameter, query value or body string with 400', async () => {
    const headers = { authorization: `Bearer ${await full.issuer.token(userId(1))}` };
    for (const url of ['/api/messages/abc%00def/assessment', '/api/messages/abc%1Bdef/assessment', '/api/messages/abc/assessment?internetMessageId=%3Ca%00b%3E']) {
      const res = await full.fx.app.inject({ method: 'GET', url, headers });
      expect(res.statusCode, url).toBe(400);
      expect(res.json(), url).toEqual({ error: { code: 'invalid_request', message: expect.stringMatching(/control character/) } });
    }
    const body = await full.fx.app.inject({ method: 'POST', url: '/api/messages/msg-note-1/report', headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify({ comment: 'looks odd\u0000' }) });
    expect(body.statusCode).toBe(400);
    expect(body.json().error.message).toMatch(/body\.comment contains a control character/);
    const demo = await full.fx.app.inject({ method: 'POST', url: '/demo/api/token', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ userId: `${userId(1)}\u0000` }) });
    expect(demo.statusCode).toBe(400);
  });

  it('keeps tab and line breaks in free text of a body', async () => {
    const headers = { authorization: `Bearer ${await full.issuer.token(userId(1))}`, 'content-type': 'application/json' };
    const res = await full.fx.app.inject({ method: 'POST', url: '/api/messages/msg-note-2/report', headers, payload: JSON.stringify({ comment: 'line one\r\nline two\tend' }) });
    expect(res.statusCode).toBe(200);
  });

  it('coerces query integers: limit pages the queue, a non-number is 400', async () => {
    const headers = await analyst();
    const ok = await full.fx.app.inject({ method: 'GET', url: '/api/console/reports?limit=5', headers });
    expect(ok.statusCode).toBe(200);
    const incidents = await full.fx.app.inject({ method: 'GET', url: '/api/incidents?limit=1', headers });
    expect(incidents.statusCode).toBe(200);
    for (const bad of ['abc', '0', '1.5', '100000']) {
      const res = await full.fx.app.inject({ method: 'GET', url: `/api/console/reports?limit=${bad}`, headers });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.code, bad).toBe('invalid_request');
    }
  });

  it('does not coerce JSON bodies: a number where a string belongs is 400', async () => {
    const res = await full.fx.app.inject({ method: 'POST', url: '/demo/api/token', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ userId: 12345 }) });
    expect(res.statusCode).toBe(400);
  });

  it('takes JSON in UTF-8 only: another charset is 415 in the envelope', async () => {
    const headers = { authorization: `Bearer ${await full.issuer.token(userId(1))}` };
    const utf16 = Buffer.from(JSON.stringify({ comment: 'hi' }), 'utf16le');
    for (const type of ['application/json; charset=utf-16', 'application/json; charset=UTF-16LE', 'application/json;charset="iso-8859-1"']) {
      const res = await full.fx.app.inject({ method: 'POST', url: '/api/messages/msg-note-1/report', headers: { ...headers, 'content-type': type }, payload: utf16 });
      expect(res.statusCode, type).toBe(415);
      expect(res.json(), type).toEqual({ error: { code: 'unsupported_media_type', message: expect.stringMatching(/UTF-8/) } });
    }
    const ok = await full.fx.app.inject({ method: 'POST', url: '/api/messages/msg-note-1/report', headers: { ...headers, 'content-type': 'application/json; charset=UTF-8' }, payload: JSON.stringify({ comment: 'hi' }) });
    expect(ok.statusCode).toBe(200);
  });

  it('answers a malformed URL in the error envelope', async () => {
    const res = await full.fx.app.inject({ method: 'GET', url: '/api/messages/%E0%A4%A/assessment' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'bad_url', message: 'The request URL is malformed.' } });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers a header block too large, on a real socket, in the error envelope', async () => {
    const address = await full.fx.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = new URL(address);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1');
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString('utf8')));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
      socket.write(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toEqual({ error: { code: 'header_too_large', message: 'The request headers are too large.' } });
  });
});
