// Small attachments built in code for the attachment tests: QR code PNGs (uqr encoder), PDFs with text, link
// annotations and images, OOXML zips, OLE compound files, calendar invitations, profiles and MIME wrappers.
import { crc32, deflateSync } from 'node:zlib';
import CFB from 'cfb';
import { zipSync, strToU8 } from 'fflate';
import { encode } from 'uqr';

/** Grey pixels (0 = black) of a QR code for `text`, `scale` pixels per module with a 4-module quiet zone. */
export function qrPixels(text: string, scale = 4): { width: number; height: number; grey: Buffer } {
  const q = encode(text);
  const border = 4;
  const width = (q.size + border * 2) * scale;
  const grey = Buffer.alloc(width * width, 255);
  for (let y = 0; y < width; y++)
    for (let x = 0; x < width; x++) {
      const mx = Math.floor(x / scale) - border;
      const my = Math.floor(y / scale) - border;
      if (mx >= 0 && my >= 0 && mx < q.size && my < q.size && q.data[my]![mx]) grey[y * width + x] = 0;
    }
  return { width, height: width, grey };
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An 8-bit greyscale PNG of the given pixels. */
export function greyPng(width: number, height: number, grey: Buffer): Buffer {
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) grey.copy(raw, y * (width + 1) + 1, y * width, (y + 1) * width);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))]);
}

export function qrPng(text: string, scale = 4): Buffer {
  const p = qrPixels(text, scale);
  return greyPng(p.width, p.height, p.grey);
}

const pdfString = (s: string): string => '(' + s.replace(/[\\()]/g, (c) => '\\' + c) + ')';

/** A one-or-more-page PDF: text lines on page 1, optional link annotation and QR image on page 1. */
export function makePdf(opts: { text?: string[]; link?: string; qr?: string; pages?: number }): Buffer {
  const objects: Array<string | Buffer> = [];
  const add = (o: string | Buffer): number => objects.push(o);
  const pages = opts.pages ?? 1;
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(''); // pages, filled below
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  let image = 0;
  if (opts.qr) {
    const p = qrPixels(opts.qr, 3);
    const data = deflateSync(p.grey);
    image = add(Buffer.concat([Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${p.width} /Height ${p.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${data.length} >>\nstream\n`), data, Buffer.from('\nendstream')]));
  }
  const kids: number[] = [];
  for (let n = 0; n < pages; n++) {
    const lines = n === 0 ? (opts.text ?? []) : [`Page ${n + 1}`];
    let content = 'BT /F1 12 Tf 50 750 Td ' + lines.map((l) => `${pdfString(l)} Tj 0 -16 Td`).join(' ') + ' ET';
    if (n === 0 && image) content += ' q 200 0 0 200 50 400 cm /Im1 Do Q';
    const contentId = add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    const annots = n === 0 && opts.link ? ` /Annots [${add(`<< /Type /Annot /Subtype /Link /Rect [50 700 300 720] /Border [0 0 0] /A << /S /URI /URI ${pdfString(opts.link)} >> >>`)} 0 R]` : '';
    const xobj = n === 0 && image ? ` /XObject << /Im1 ${image} 0 R >>` : '';
    kids.push(add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >>${xobj} >> /Contents ${contentId} 0 R${annots} >>`));
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let pos = parts[0]!.length;
  objects.forEach((o, i) => {
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), Buffer.isBuffer(o) ? o : Buffer.from(o, 'latin1'), Buffer.from('\nendobj\n')]);
    offsets.push(pos);
    parts.push(b);
    pos += b.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${pos}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}

/** A .docx whose settings load a remote template, with a hyperlink, and optionally a VBA project. */
export function makeDocx(opts: { template?: string; hyperlink?: string; macros?: boolean }): Buffer {
  const rel = (id: string, type: string, target: string, external = false): string =>
    `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"${external ? ' TargetMode="External"' : ''}/>`;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    '_rels/.rels': strToU8(`<?xml version="1.0"?><Relationships>${rel('rId1', 'officeDocument', 'word/document.xml')}</Relationships>`),
    'word/document.xml': strToU8('<?xml version="1.0"?><w:document><w:body><w:p><w:r><w:t>Invoice</w:t></w:r></w:p></w:body></w:document>'),
    'word/_rels/document.xml.rels': strToU8(`<?xml version="1.0"?><Relationships>${opts.hyperlink ? rel('rId5', 'hyperlink', opts.hyperlink.replace(/&/g, '&amp;'), true) : ''}</Relationships>`),
    'word/_rels/settings.xml.rels': strToU8(`<?xml version="1.0"?><Relationships>${opts.template ? rel('rId9', 'attachedTemplate', opts.template, true) : ''}</Relationships>`),
  };
  if (opts.macros) files['word/vbaProject.bin'] = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]);
  return Buffer.from(zipSync(files));
}

/** A legacy OLE Office file, with or without a VBA macro storage. */
export function makeOleDoc(macros: boolean): Buffer {
  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, '/WordDocument', Buffer.from('not really a document'));
  if (macros) CFB.utils.cfb_add(cfb, '/Macros/VBA/_VBA_PROJECT', Buffer.from([0xcc, 0x61, 0xff, 0xff]));
  return Buffer.from(CFB.write(cfb, { type: 'buffer' }) as Uint8Array);
}

export function makeIcs(opts: { summary: string; description: string; url?: string; organizer?: string }): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    `SUMMARY:${opts.summary}`,
    // folded the way calendar clients fold long lines
    `DESCRIPTION:${opts.description.slice(0, 40)}\r\n ${opts.description.slice(40)}`,
    ...(opts.url ? [`URL:${opts.url}`] : []),
    ...(opts.organizer ? [`ORGANIZER;CN=IT:mailto:${opts.organizer}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');
}

export function makeMobileconfig(url: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict><key>PayloadContent</key><array><dict><key>PayloadType</key><string>com.apple.security.root</string></dict>
<dict><key>PayloadType</key><string>com.apple.webClip.managed</string><key>URL</key><string>${url}</string></dict></array>
<key>PayloadDisplayName</key><string>Mail Security Update</string><key>PayloadType</key><string>Configuration</string></dict></plist>`;
}

export interface MimeAttachment {
  name: string;
  type: string;
  content: Buffer | string;
  /** Attach as a message/rfc822 part (7bit, not base64), as clients forward mail as attachment. */
  asMessage?: boolean;
}

/** A multipart/mixed message with the given attachments, base64-encoded. */
export function mimeWith(opts: { from?: string; subject?: string; text?: string; html?: string; attachments: MimeAttachment[] }): Buffer {
  const b = 'b-' + Math.abs(crc32(JSON.stringify(opts.attachments.map((a) => a.name)))).toString(16);
  const parts = [
    `From: ${opts.from ?? 'Billing <billing@example.org>'}`,
    'To: alex@contoso.com',
    `Subject: ${opts.subject ?? 'Your invoice'}`,
    'Date: Tue, 1 Dec 2026 10:00:00 +0000',
    'Message-ID: <fixture@example.org>',
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${b}"`,
    '',
    `--${b}`,
    opts.html !== undefined ? 'Content-Type: text/html; charset=utf-8' : 'Content-Type: text/plain; charset=utf-8',
    '',
    opts.html ?? opts.text ?? 'Please see the attachment.',
  ];
  for (const a of opts.attachments) {
    const bytes = Buffer.isBuffer(a.content) ? a.content : Buffer.from(a.content, 'utf8');
    if (a.asMessage) parts.push(`--${b}`, 'Content-Type: message/rfc822', `Content-Disposition: attachment; filename="${a.name}"`, '', bytes.toString('utf8'));
    else
      parts.push(
        `--${b}`,
        `Content-Type: ${a.type}; name="${a.name}"`,
        `Content-Disposition: attachment; filename="${a.name}"`,
        'Content-Transfer-Encoding: base64',
        '',
        bytes.toString('base64').replace(/(.{76})/g, '$1\r\n'),
      );
  }
  parts.push(`--${b}--`, '');
  return Buffer.from(parts.join('\r\n'));
}

/** A minimal Outlook .msg (OLE compound file with MAPI string properties): subject, sender and a plain body. */
export function makeMsg(opts: { subject: string; senderEmail: string; body: string }): Buffer {
  const cfb = CFB.utils.cfb_new();
  const utf16 = (s: string): Buffer => Buffer.from(s, 'utf16le');
  CFB.utils.cfb_add(cfb, '/__properties_version1.0', Buffer.alloc(32));
  CFB.utils.cfb_add(cfb, '/__substg1.0_0037001F', utf16(opts.subject));
  CFB.utils.cfb_add(cfb, '/__substg1.0_0C1F001F', utf16(opts.senderEmail));
  CFB.utils.cfb_add(cfb, '/__substg1.0_1000001F', utf16(opts.body));
  return Buffer.from(CFB.write(cfb, { type: 'buffer' }) as Uint8Array);
}
