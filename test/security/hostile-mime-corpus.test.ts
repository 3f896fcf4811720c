// A hostile MIME corpus, each message parsed and assessed in bounded time and memory: it either yields an
// assessment or a MailParseError (fail closed upstream), never another exception, a hang or a memory blow-up.
import { randomBytes } from 'node:crypto';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { assessMail } from '../../server/src/mail/assess.ts';
import { MailParseError } from '../../server/src/mail/mail-parse-error.ts';
import { parseMime } from '../../server/src/mail/parse.ts';
import { mimeWith } from '../mail/attachment-fixtures.ts';
import { hugeHeader, LURE_HTML, manyParts, schemeLure } from '../mail/hostile-mime.ts';

const HEAD = 'From: IT Desk <it@m1crosoft-verify.example>\r\nTo: user1@contoso.test\r\nSubject: Action needed\r\nMIME-Version: 1.0\r\n';

function nestedMultipart(depth: number): string {
  let body = `Content-Type: text/html\r\n\r\n${LURE_HTML}\r\n`;
  for (let i = depth; i > 0; i--) body = `Content-Type: multipart/mixed; boundary="n${i}"\r\n\r\n--n${i}\r\n${body}--n${i}--\r\n`;
  return HEAD + body;
}

function nestedRfc822(depth: number): string {
  let inner = `${HEAD}Content-Type: text/html\r\n\r\n${LURE_HTML}\r\n`;
  for (let i = 0; i < depth; i++) inner = `${HEAD}Content-Type: message/rfc822\r\n\r\n${inner}`;
  return inner;
}

const html = (body: string) => `${HEAD}Content-Type: text/html; charset=utf-8\r\n\r\n${body}\r\n`;

/** name → raw message. */
const CORPUS: Array<[string, () => string | Buffer]> = [
  ['1,500 parts', () => manyParts(1500)],
  ['header block over 1 MB', () => hugeHeader()],
  ['multipart nested 400 deep', () => nestedMultipart(400)],
  ['message/rfc822 nested 150 deep', () => nestedRfc822(150)],
  ['10,000 links', () => html(Array.from({ length: 10_000 }, (_, i) => `<a href="https://h${i}.example/p">l${i}</a>`).join(''))],
  ['HTML nested 50,000 deep', () => html('<div>'.repeat(50_000) + LURE_HTML)],
  ['unclosed HTML comment', () => html(`<!-- ${'x'.repeat(200_000)} ${LURE_HTML}`)],
  ['a 4 MB line', () => html('a'.repeat(4_000_000))],
  ['invalid base64', () => `${HEAD}Content-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n${'!@#$%^&*'.repeat(20_000)}\r\n`],
  ['broken quoted-printable', () => `${HEAD}Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${'=Z9=\r\n=4'.repeat(50_000)}\r\n`],
  ['2,000 encoded words in the subject', () => `From: a@b.example\r\nSubject: ${Array.from({ length: 2000 }, () => '=?utf-8?B?8J+UpQ==?=').join(' ')}\r\n\r\nhi\r\n`],
  ['unknown and hostile charsets', () => `${HEAD}Content-Type: text/html; charset="x-evil-\u0000-charset"\r\n\r\n${LURE_HTML}\r\n`],
  ['NUL bytes everywhere', () => `From: a\u0000@b.example\r\nSubject: hi\u0000there\r\nContent-Type: text/html\r\n\r\n${'\u0000'.repeat(10_000)}${LURE_HTML}\r\n`],
  ['ANSI and OSC escapes in headers', () => `From: "\u001b]0;pwned\u0007" <a@b.example>\r\nSubject: \u001b[31mINCIDENT CRITICAL\r\n\r\nhi\r\n`],
  ['boundary never closed', () => `${HEAD}Content-Type: multipart/mixed; boundary="open"\r\n\r\n--open\r\nContent-Type: text/html\r\n\r\n${LURE_HTML}\r\n`],
  ['empty boundary', () => `${HEAD}Content-Type: multipart/mixed; boundary=""\r\n\r\n--\r\nContent-Type: text/plain\r\n\r\nx\r\n----\r\n`],
  ['100,000 folded header lines', () => `From: a@b.example\r\nSubject: x\r\n${' y\r\n'.repeat(100_000)}\r\nbody\r\n`],
  ['5,000 parameters in Content-Type', () => `${HEAD}Content-Type: text/plain; ${Array.from({ length: 5000 }, (_, i) => `p${i}=v`).join('; ')}\r\n\r\nx\r\n`],
  ['1,000 From headers', () => `${'From: x@evil.example\r\n'.repeat(1000)}Subject: x\r\n\r\nbody\r\n`],
  ['a 200 KB URL', () => html(`<a href="https://a.example/${'p'.repeat(200_000)}">x</a>`)],
  ['a 1 MB data: URL', () => html(`<a href="data:text/html;base64,${Buffer.alloc(750_000, 65).toString('base64')}">open</a>`)],
  ['protocol-handler lure', () => schemeLure()],
  ['1 MB of random bytes', () => randomBytes(1_000_000)],
  ['empty', () => ''],
  ['LF-only line ends', () => `${HEAD}Content-Type: text/html\n\n${LURE_HTML}\n`.replace(/\r\n/g, '\n')],
  ['CR-only line ends', () => `${HEAD}Content-Type: text/html\r\n\r\n${LURE_HTML}\r\n`.replace(/\r\n/g, '\r')],
  ['UTF-16 body with BOM', () => Buffer.concat([Buffer.from(`${HEAD}Content-Type: text/html; charset=utf-16\r\n\r\n`), Buffer.from('\ufeff' + LURE_HTML, 'utf16le')])],
  ['10,000-character attachment name with RTLO', () => mimeWith({ attachments: [{ name: `${'a'.repeat(10_000)}\u202Efdp.exe`, type: 'application/octet-stream', content: Buffer.from('MZ') }] })],
  ['zip bomb (64 MB of zeros)', () => mimeWith({ attachments: [{ name: 'invoice.zip', type: 'application/zip', content: Buffer.from(zipSync({ 'a.txt': new Uint8Array(64 * 1024 * 1024) }, { level: 9 })) }] })],
  ['200 attachments', () => mimeWith({ attachments: Array.from({ length: 200 }, (_, i) => ({ name: `f${i}.txt`, type: 'text/plain', content: `x${i}` })) })],
  ['malformed PDF attachment', () => mimeWith({ attachments: [{ name: 'scan.pdf', type: 'application/pdf', content: Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(200_000)]) }] })],
  ['forwarded message attachment with a lure', () => mimeWith({ attachments: [{ name: 'fwd.eml', type: 'message/rfc822', content: manyParts(50), asMessage: true }] })],
];

/** Wall-clock bound per message: generous, the machine is shared (the parser's own budget is much lower). */
const PER_MESSAGE_MS = 10_000;
const HEAP_GROWTH_LIMIT = 512 * 1024 * 1024;

describe('hostile MIME corpus', () => {
  it(`parses and assesses ${CORPUS.length} hostile messages, each in bounded time, without unexpected errors or unbounded memory`, async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    let peak = 0;
    const outcomes: Record<string, string> = {};
    for (const [name, make] of CORPUS) {
      const raw = make();
      const started = performance.now();
      let outcome: string;
      try {
        const mail = await parseMime(raw);
        const a = assessMail(mail);
        expect(a.score, name).toBeGreaterThanOrEqual(0);
        outcome = a.verdict;
      } catch (err) {
        expect(err, `${name}: ${err instanceof Error ? err.message : String(err)}`).toBeInstanceOf(MailParseError);
        outcome = 'parse-error';
      }
      const ms = performance.now() - started;
      expect(ms, `${name} took ${Math.round(ms)} ms`).toBeLessThan(PER_MESSAGE_MS);
      peak = Math.max(peak, process.memoryUsage().heapUsed - heapBefore);
      outcomes[name] = outcome;
    }
    expect(peak).toBeLessThan(HEAP_GROWTH_LIMIT);
    // The lures padded past the parser's bounds are not delivered as clean.
    expect(outcomes['1,500 parts']).not.toBe('deliver');
    expect(outcomes['header block over 1 MB']).not.toBe('deliver');
    expect(outcomes['protocol-handler lure']).not.toBe('deliver');
  }, 240_000);
});
