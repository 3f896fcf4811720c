// Hostile MIME built to get past the parser's bounds: it must be read in part and held, never dropped unscored.
import { describe, expect, it } from 'vitest';
import { assessMail } from '../../server/src/mail/assess.ts';
import { MailParseError, parseMime } from '../../server/src/mail/parse.ts';
import { hugeHeader, manyParts } from './hostile-mime.ts';

describe('hostile MIME fails closed', () => {
  it('reads the first parts of a message padded past 1,000 MIME parts, and holds it', async () => {
    const raw = manyParts(1001);
    const m = await parseMime(raw);
    expect(m.shortfalls.map((s) => s.kind)).toEqual(['parts']);
    expect(m.shortfalls[0]!.detail).toMatch(/over the limit of 1,000/);
    expect(m.subject).toBe('Mailbox quota exceeded');
    expect(m.links.map((l) => l.href)).toContain('https://m1crosoft-verify.example/owa/login.php');
    const a = assessMail(m);
    expect(a.verdict).toBe('hold');
    expect(a.reasons[0]?.code).toBe('message.not-fully-checked');
    expect(a.userNarrative).toMatch(/could not be checked in full/);
    // the same message with fewer parts is read whole and not flagged
    const whole = await parseMime(manyParts(900));
    expect(whole.shortfalls).toEqual([]);
    expect(assessMail(whole).reasons.map((r) => r.code)).not.toContain('message.not-fully-checked');
  });

  it('honours a configured part limit', async () => {
    const m = await parseMime(manyParts(40), { maxParts: 10 });
    expect(m.shortfalls.map((s) => s.kind)).toEqual(['parts']);
    expect(m.links.length).toBe(1);
  });

  it('keeps the addressing headers of a header block over 1 MB, and holds it', async () => {
    const m = await parseMime(hugeHeader());
    expect(m.shortfalls.map((s) => s.kind)).toEqual(['header-bytes']);
    expect(m.from?.address).toBe('helpdesk@m1crosoft-verify.example');
    expect(m.subject).toBe('Mailbox quota exceeded');
    expect(m.received[0]?.ip).toBe('203.0.113.9');
    expect(m.links.map((l) => l.href)).toContain('https://m1crosoft-verify.example/owa/login.php');
    expect(assessMail(m).verdict).toBe('hold');
  });

  it('cuts a nested part whose own header block is over the limit', async () => {
    const bigPart = `--b\r\nContent-Type: text/plain\r\n${Array.from({ length: 300 }, (_, i) => `X-P${i}: y`).join('\r\n')}\r\n\r\nhidden\r\n`;
    const raw = manyParts(3).replace('--b--', bigPart + '--b--');
    const m = await parseMime(raw, { maxHeaderBytes: 8192 });
    expect(m.shortfalls.map((s) => s.kind)).toEqual(['header-bytes']);
    expect(m.shortfalls[0]!.detail).toMatch(/MIME part 5/);
    expect(m.links.length).toBe(1);
  });

  it('reads the first maxBytes of an oversized message instead of refusing it, and holds it', async () => {
    const raw = manyParts(200);
    const m = await parseMime(raw, { maxBytes: 2048 });
    expect(m.shortfalls.map((s) => s.kind)).toEqual(['bytes']);
    expect(m.subject).toBe('Mailbox quota exceeded');
    expect(assessMail(m).verdict).toBe('hold');
  });

  it('reads the header block alone when parsing runs out of time', async () => {
    const raw = manyParts(900);
    const m = await parseMime(raw, { timeoutMs: 1 });
    // either the whole message parsed within 1 ms (then nothing is flagged) or only its header block was read
    if (m.shortfalls.length > 0) {
      expect(m.shortfalls.map((s) => s.kind)).toEqual(['timeout']);
      expect(m.from?.address).toBe('helpdesk@m1crosoft-verify.example');
      expect(assessMail(m).verdict).toBe('hold');
    } else {
      expect(m.links.length).toBe(1);
    }
  });

  it('still refuses input with no header block at all', async () => {
    await expect(parseMime('\r\n\r\njust a body')).rejects.toBeInstanceOf(MailParseError);
    await expect(parseMime('')).rejects.toBeInstanceOf(MailParseError);
  });

  it('strips NUL, escapes and line breaks from header text', async () => {
    const raw = 'From: "IT\u0000 Desk\u001b[31m" <it@example.org>\r\nSubject: =?utf-8?B?' +
      Buffer.from('Reset\u0000 now\u001b]0;pwned\u0007\r\nINCIDENT x CRITICAL').toString('base64') +
      '?=\r\nMessage-ID: <a\u0000b@example.org>\r\nContent-Type: text/html\r\n\r\n<a href="https://example.org/">go\u0000\u001b[1m</a>\r\n';
    const m = await parseMime(raw);
    expect(m.subject).toBe('Reset now]0;pwned  INCIDENT x CRITICAL');
    expect(m.from?.name).toBe('IT Desk[31m');
    expect(m.messageId).not.toMatch(/\u0000/);
    expect(m.links[0]?.text).toBe('go[1m');
    for (const s of [m.subject, m.from?.name, m.messageId, m.links[0]?.text]) expect(s).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});
