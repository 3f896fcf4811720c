// The task pane's API for mail built to break the parser: it answers 200 with a held, "could not be fully checked"
// assessment, never a 500 (real app, real SQLite store, real GraphApi against the simulator).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import { MessageAssessmentResponse } from '@lantern/shared/api';
import { hugeHeader, manyParts, schemeLure } from '../mail/hostile-mime.ts';
import { startFixture, userId, type AppFixture } from './app-fixture.ts';

let fx: AppFixture;
let token: string;

beforeAll(async () => {
  fx = await startFixture();
  token = await fx.token(1);
});
afterAll(async () => {
  await fx?.close();
});

function arrive(id: string, mime: string, subject = 'Mailbox quota exceeded'): string {
  return fx.sim.state.addMessage({
    userId: userId(1),
    folder: 'inbox',
    message: { id, internetMessageId: `<${id}@test>`, subject, from: { emailAddress: { address: 'helpdesk@m1crosoft-verify.example' } }, toRecipients: [{ emailAddress: { address: 'user1@contoso.test' } }] },
    mime,
  }).immutableId;
}

async function pane(id: string): Promise<MessageAssessmentResponse> {
  const res = await fx.app.inject({ method: 'GET', url: `/api/messages/${encodeURIComponent(id)}/assessment`, headers: { authorization: `Bearer ${token}` } });
  expect(res.statusCode).toBe(200);
  const body = res.json() as MessageAssessmentResponse;
  expect(Value.Check(MessageAssessmentResponse, body)).toBe(true);
  return body;
}

describe('GET /api/messages/:id/assessment for hostile mail', () => {
  it.each([
    ['padded past 1,000 MIME parts', () => manyParts(1001)],
    ['behind a header block over 1 MB', () => hugeHeader()],
    ['with a MIME source that is not a message', () => '\r\n\r\n\u0000 not a message'],
  ])('answers a message %s with a held "could not be fully checked" assessment', async (name, mime) => {
    const id = arrive(`hostile-${name.replace(/\W+/g, '-')}`, mime());
    const body = await pane(id);
    expect(body.assessment.verdict).toBe('hold');
    expect(body.assessment.reasons[0]?.code).toBe('message.not-fully-checked');
    expect(body.assessment.userNarrative).toMatch(/could not be checked in full/);
  });

  it('answers a message with NUL and escapes in its subject, without them', async () => {
    const subject = 'Invoice\u0000 overdue\u001b[31m';
    const id = arrive('hostile-nul', `From: a@example.org\r\nSubject: ${subject}\r\nContent-Type: text/plain\r\n\r\nPlease pay.\r\n`, subject);
    const body = await pane(id);
    expect(body.assessment.subject).toBe('Invoice overdue[31m');
  });

  it('lists every link of a lure in other schemes, six of six, and locks them', async () => {
    const id = arrive('hostile-schemes', schemeLure(), 'Overdue invoice INV-20931');
    const body = await pane(id);
    expect(body.assessment.links.map((l) => l.url.split(':')[0])).toEqual(['search-ms', 'ms-msdt', 'javascript', 'vbscript', 'data', 'https']);
    expect(['lock-links', 'hold']).toContain(body.assessment.verdict);
    expect(body.assessment.reasons.map((r) => r.code)).toContain('link.dangerous-scheme');
  });
});
