// Random mutations of valid PDFs, ZIPs (OOXML), OLE files, PNGs, invitations, profiles and attached messages:
// reading them must never throw, never hang, and stay within the per-message time budget.
import { describe, expect, it } from 'vitest';
import { imageDimensions } from '../../server/src/mail/attachments/image-dimensions.ts';
import { readMailAttachments, newReadBudget, type AttachmentBytes } from '../../server/src/mail/attachments/read-attachments.ts';
import { inspectAttachment } from '../../server/src/mail/attachment-inspection.ts';
import { mailFeatures } from '../../server/src/mail/mail-features.ts';
import { mailFromSpec } from '../../server/src/mail/mail-spec.ts';
import { parseGraphMessage, parseMime } from '../../server/src/mail/parse.ts';
import { makeDocx, makeIcs, makeMobileconfig, makeOleDoc, makePdf, mimeWith, qrPng } from './attachment-fixtures.ts';
import { prng } from './prng.ts';


const tokens = ['obj', 'endobj', 'stream\n', 'endstream', '/Length 999999', '/Kids [1 0 R]', '/Type /Pages', 'BEGIN:VEVENT\r\n', '\r\n ', 'URL:https://x.example/', 'PK\x03\x04', '<Relationship TargetMode="External" Target="https://t.example/" Type="x/attachedTemplate"/>', '\x00\x00\x00\x00', '\xff\xff\xff\xff', 'IHDR', '\xff\xc0\x00\x11\x08\xff\xff\xff\xff'];

function mutate(input: Buffer, rnd: () => number): Buffer {
  let b = Buffer.from(input);
  const ops = 1 + Math.floor(rnd() * 8);
  for (let i = 0; i < ops; i++) {
    const pos = Math.floor(rnd() * (b.length + 1));
    const op = Math.floor(rnd() * 5);
    if (op === 0 && b.length > 0) for (let k = 0; k < 1 + rnd() * 16; k++) b[Math.min(b.length - 1, pos + k)] = Math.floor(rnd() * 256);
    else if (op === 1) b = Buffer.concat([b.subarray(0, pos), Buffer.from(tokens[Math.floor(rnd() * tokens.length)]!, 'latin1'), b.subarray(pos)]);
    else if (op === 2) b = b.subarray(0, Math.max(pos, 8));
    else if (op === 3) b = Buffer.concat([b.subarray(0, pos), b.subarray(Math.min(b.length, pos + Math.floor(rnd() * 300)))]);
    else {
      const start = Math.floor(rnd() * b.length);
      b = Buffer.concat([b.subarray(0, pos), b.subarray(start, start + Math.floor(rnd() * 500)), b.subarray(pos)]);
    }
  }
  return b;
}

const seeds: Array<{ name: string; type: string; bytes: Buffer }> = [
  { name: 'invoice.pdf', type: 'application/pdf', bytes: makePdf({ text: ['Scan the code'], link: 'https://a.example.org/', qr: 'https://q.example.top/x' }) },
  { name: 'code.png', type: 'image/png', bytes: qrPng('https://q.example.top/png') },
  { name: 'order.docx', type: 'application/octet-stream', bytes: makeDocx({ template: 'https://t.example/t.dotm', hyperlink: 'https://h.example/', macros: true }) },
  { name: 'old.doc', type: 'application/msword', bytes: makeOleDoc(true) },
  { name: 'invite.ics', type: 'text/calendar', bytes: Buffer.from(makeIcs({ summary: 'Review', description: 'Open https://r.example.top/now please, it is urgent today', url: 'https://m.example/' })) },
  { name: 'p.mobileconfig', type: 'application/octet-stream', bytes: Buffer.from(makeMobileconfig('https://mdm.example.top/')) },
  { name: 'fwd.eml', type: 'message/rfc822', bytes: mimeWith({ html: '<a href="https://n.example.top/">x</a>', attachments: [{ name: 'i.pdf', type: 'application/pdf', content: makePdf({ text: ['hi'] }) }] }) },
];

const budgetMs = 1500;

describe('attachment reader fuzzing', () => {
  it('reads image headers of random and mutated bytes without throwing', () => {
    const rnd = prng(7);
    for (let i = 0; i < 3000; i++) {
      const b = i % 2 ? mutate(seeds[1]!.bytes.subarray(0, 64), rnd) : Buffer.from(Array.from({ length: Math.floor(rnd() * 64) }, () => Math.floor(rnd() * 256)));
      const d = imageDimensions(b);
      if (d) expect(d.width).toBeGreaterThanOrEqual(0);
    }
  });

  it('survives 300 mutated attachments of every format, each message within its time budget', async () => {
    const rnd = prng(20261202);
    let withContent = 0;
    let slowest = 0;
    for (let i = 0; i < 300; i++) {
      const seed = seeds[i % seeds.length]!;
      const bytes = mutate(seed.bytes, rnd);
      const mail = mailFromSpec({ text: 'see attached', attachments: [{ name: seed.name, contentType: seed.type, content: bytes.toString('base64'), encoding: 'base64' }] });
      const inputs: AttachmentBytes[] = [{ name: seed.name, declaredType: seed.type, content: bytes }];
      const started = performance.now();
      await readMailAttachments(mail, inputs, {
        budget: newReadBudget({ timeBudgetMs: budgetMs }),
        depth: 0,
        edge: { parseMime: (raw, budget, depth) => parseMime(raw, {}, { budget, depth }), parseGraph: (m) => parseGraphMessage(m) },
      });
      const took = performance.now() - started;
      slowest = Math.max(slowest, took);
      // the budget, plus slack for one synchronous step that cannot be interrupted and a loaded machine
      expect(took, `${seed.name} mutation ${i}`).toBeLessThan(budgetMs + 3000);
      if (mail.attachments[0]?.content) withContent++;
      // whatever was read must be usable by the features
      expect(() => mailFeatures(mail)).not.toThrow();
    }
    expect(withContent).toBeGreaterThan(100);
    expect(slowest).toBeLessThan(budgetMs + 3000);
  });

  it('inspects mutated attachments without throwing', () => {
    const rnd = prng(99);
    for (let i = 0; i < 500; i++) {
      const seed = seeds[i % seeds.length]!;
      const a = inspectAttachment({ name: seed.name, declaredType: seed.type, content: mutate(seed.bytes, rnd), inline: false });
      expect(a.sha256).toHaveLength(64);
    }
  });
});
