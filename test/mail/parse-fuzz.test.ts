// Thousands of random and mutated inputs: the parser must return a ParsedMail or throw MailParseError, never crash
// or hang, and the scorer must accept whatever the parser returns.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assessMail } from '../../server/src/mail/assess.ts';
import { MailParseError, parseGraphMessage, parseMime } from '../../server/src/mail/parse.ts';
import { prng } from './prng.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const seeds = readdirSync(dir).filter((f) => f.endsWith('.eml')).map((f) => readFileSync(join(dir, f)));


const tokens = ['\r\n', '\r\n\r\n', '--b1', '--mix--', '=?utf-8?B?', '?=', '=3D', '=\r\n', '<a href="', '">', '</a>', '<form action=', '<!--', '-->', '<style>', '<script>', 'Content-Type: multipart/mixed; boundary="b1"\r\n', 'Content-Transfer-Encoding: base64\r\n', 'charset=utf-7', '\u0000', '\uffff', '\ud800', 'http://[::1', 'xn--', '&#x110000;', '&#99999999;', '<'.repeat(50), 'A'.repeat(300)];

function mutate(input: Buffer, rnd: () => number): Buffer {
  let b = Buffer.from(input);
  const ops = 1 + Math.floor(rnd() * 6);
  for (let i = 0; i < ops; i++) {
    const pos = Math.floor(rnd() * (b.length + 1));
    const op = Math.floor(rnd() * 6);
    if (op === 0 && b.length > 0) b[Math.min(pos, b.length - 1)] = Math.floor(rnd() * 256);
    else if (op === 1) b = Buffer.concat([b.subarray(0, pos), Buffer.from(tokens[Math.floor(rnd() * tokens.length)]!), b.subarray(pos)]);
    else if (op === 2) b = b.subarray(0, pos);
    else if (op === 3) b = Buffer.concat([b.subarray(0, pos), b.subarray(Math.min(b.length, pos + Math.floor(rnd() * 200)))]);
    else if (op === 4) b = Buffer.concat([b.subarray(0, pos), Buffer.from(Array.from({ length: Math.floor(rnd() * 64) }, () => Math.floor(rnd() * 256))), b.subarray(pos)]);
    else {
      const start = Math.floor(rnd() * b.length);
      b = Buffer.concat([b, b.subarray(start, start + Math.floor(rnd() * 400))]);
    }
  }
  return b;
}

function randomBytes(rnd: () => number): Buffer {
  return Buffer.from(Array.from({ length: Math.floor(rnd() * 2000) }, () => Math.floor(rnd() * 256)));
}

describe('parser fuzzing', () => {
  it('survives 2000 mutated and random MIME inputs', async () => {
    const rnd = prng(20250303);
    let parsed = 0;
    let refused = 0;
    for (let i = 0; i < 2000; i++) {
      const input = i % 5 === 0 ? randomBytes(rnd) : mutate(seeds[i % seeds.length]!, rnd);
      try {
        const mail = await parseMime(input, { timeoutMs: 5000, maxBytes: 1_000_000 });
        const a = assessMail(mail);
        expect(a.score).toBeGreaterThanOrEqual(0);
        expect(a.score).toBeLessThanOrEqual(100);
        parsed++;
      } catch (err) {
        if (!(err instanceof MailParseError)) throw new Error(`input ${i} threw ${String(err)}`);
        refused++;
      }
    }
    expect(parsed + refused).toBe(2000);
    expect(parsed).toBeGreaterThan(700);
  });

  it('survives 600 mutated inputs under tight limits, and holds every message it could only read in part', async () => {
    const rnd = prng(1402);
    let cut = 0;
    const limits = { timeoutMs: 5000, maxBytes: 700, maxParts: 2, maxHeaderBytes: 600 };
    for (let i = 0; i < 600; i++) {
      const input = mutate(seeds[i % seeds.length]!, rnd);
      try {
        const mail = await parseMime(input, limits);
        const a = assessMail(mail);
        if (mail.shortfalls.length > 0) {
          cut++;
          expect(a.verdict, `input ${i}`).toBe('hold');
          expect(a.reasons.map((r) => r.code)).toContain('message.not-fully-checked');
        }
      } catch (err) {
        if (!(err instanceof MailParseError)) throw new Error(`input ${i} threw ${String(err)}`);
      }
    }
    // the seeds (0.5–1.3 kB, most of them multipart) against these limits: a good share must be cut
    expect(cut).toBeGreaterThan(100);
  });

  it('survives padding, nested multiparts and header floods past the limits', async () => {
    const rnd = prng(99);
    for (let i = 0; i < 40; i++) {
      const depth = 1 + Math.floor(rnd() * 4);
      const width = Math.floor(rnd() * 30);
      let body = '<a href="https://example.org/x">x</a>';
      let type = 'text/html';
      for (let d = 0; d < depth; d++) {
        const b = `n${d}`;
        const siblings = Array.from({ length: width }, (_, k) => `--${b}\r\nContent-Type: text/plain\r\n${'X-H: v\r\n'.repeat(Math.floor(rnd() * 40))}\r\npad ${k}\r\n`).join('');
        body = `--${b}\r\nContent-Type: ${type}\r\n\r\n${body}\r\n${siblings}${rnd() < 0.8 ? `--${b}--\r\n` : ''}`;
        type = `multipart/mixed; boundary="${b}"`;
      }
      const flood = 'X-Flood: y\r\n'.repeat(Math.floor(rnd() * 200));
      const raw = `${rnd() < 0.5 ? flood : ''}From: a@example.org\r\nSubject: s${i}\r\n${flood}Content-Type: ${type}\r\n\r\n${body}`;
      const mail = await parseMime(raw, { maxParts: 1 + Math.floor(rnd() * 20), maxHeaderBytes: 512 + Math.floor(rnd() * 4096) });
      const a = assessMail(mail);
      if (mail.shortfalls.length > 0) expect(a.verdict).toBe('hold');
      expect(mail.subject).toBe(`s${i}`);
    }
  });

  it('survives hostile HTML bodies quickly enough to finish', async () => {
    const bodies = [
      '<a '.repeat(50_000),
      '<a href="x">'.repeat(20_000),
      '<div>'.repeat(100_000),
      '<!--'.repeat(30_000),
      '<style>'.repeat(20_000) + 'x',
      '&#x41;'.repeat(100_000),
      '<a href="' + 'h'.repeat(500_000),
    ];
    for (const body of bodies) {
      const mail = await parseMime(`From: a@example.org\r\nSubject: x\r\nContent-Type: text/html\r\n\r\n${body}`);
      expect(assessMail(mail).verdict).toBeDefined();
    }
  });

  it('validates 2000 random Graph-like objects with a typed error or a result', () => {
    const rnd = prng(7);
    const values: unknown[] = [null, 1, 'x', [], {}, { emailAddress: { address: 'a@b.c' } }, { contentType: 'html', content: '<a href="http://x">y</a>' }, [{ name: 'Received', value: 'from x' }], true];
    for (let i = 0; i < 2000; i++) {
      const obj: Record<string, unknown> = {};
      for (const key of ['from', 'body', 'replyTo', 'toRecipients', 'internetMessageHeaders', 'subject', 'attachments', 'sender']) {
        if (rnd() < 0.5) obj[key] = values[Math.floor(rnd() * values.length)];
      }
      try {
        assessMail(parseGraphMessage(obj));
      } catch (err) {
        expect(err).toBeInstanceOf(MailParseError);
      }
    }
  });
});
