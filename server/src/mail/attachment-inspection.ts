// What an attachment really is, from its bytes: type by magic number, encrypted archives, Office macros.
import { createHash } from 'node:crypto';
import type { ParsedAttachment } from './parsed-mail.ts';

interface Magic {
  type: string;
  test: (b: Buffer) => boolean;
}

const startsWith = (b: Buffer, sig: number[], at = 0): boolean => sig.every((x, i) => b[at + i] === x);
const ascii = (b: Buffer, s: string, at = 0): boolean => b.length >= at + s.length && b.toString('latin1', at, at + s.length) === s;

const magics: Magic[] = [
  { type: 'application/pdf', test: (b) => ascii(b, '%PDF-') },
  { type: 'application/zip', test: (b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06]) },
  { type: 'application/x-rar-compressed', test: (b) => ascii(b, 'Rar!\x1a\x07') },
  { type: 'application/x-7z-compressed', test: (b) => startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) },
  { type: 'application/gzip', test: (b) => startsWith(b, [0x1f, 0x8b]) },
  { type: 'application/x-ole-storage', test: (b) => startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) },
  { type: 'application/x-msdownload', test: (b) => ascii(b, 'MZ') },
  { type: 'application/x-iso9660-image', test: (b) => ascii(b, 'CD001', 0x8001) || ascii(b, 'CD001', 0x8801) },
  { type: 'image/png', test: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47]) },
  { type: 'image/jpeg', test: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { type: 'image/gif', test: (b) => ascii(b, 'GIF8') },
  { type: 'image/bmp', test: (b) => ascii(b, 'BM') && b.length > 26 },
  { type: 'image/webp', test: (b) => ascii(b, 'RIFF') && ascii(b, 'WEBP', 8) },
  { type: 'application/x-ms-shortcut', test: (b) => startsWith(b, [0x4c, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00]) },
  { type: 'application/rtf', test: (b) => ascii(b, '{\\rtf') },
];

function sniffText(b: Buffer): string | null {
  const head = b.toString('utf8', 0, Math.min(b.length, 2048)).replace(/^\ufeff/, '').trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'image/svg+xml';
  if (/^<(!doctype html|html|head|body|script|meta|div|form|iframe|a\s)/.test(head) || head.includes('<html') || head.includes('<script')) return 'text/html';
  if (head.startsWith('mime-version:') || /^(received|return-path|from|subject|date|message-id):/m.test(head.slice(0, 500))) return 'message/rfc822';
  return null;
}

/** Walks the local file headers of a ZIP: entry names and whether any entry is encrypted. Bounded. */
function inspectZip(b: Buffer): { entries: string[]; encrypted: boolean } {
  const entries: string[] = [];
  let encrypted = false;
  let pos = 0;
  for (let n = 0; n < 200 && pos + 30 <= b.length; n++) {
    if (b.readUInt32LE(pos) !== 0x04034b50) break;
    const flags = b.readUInt16LE(pos + 6);
    const method = b.readUInt16LE(pos + 8);
    const compressed = b.readUInt32LE(pos + 18);
    const nameLen = b.readUInt16LE(pos + 26);
    const extraLen = b.readUInt16LE(pos + 28);
    if (flags & 0x1 || method === 99) encrypted = true;
    entries.push(b.toString('utf8', pos + 30, Math.min(b.length, pos + 30 + nameLen)));
    if (flags & 0x8 && compressed === 0) break; // sizes in a data descriptor: cannot walk further cheaply
    pos += 30 + nameLen + extraLen + compressed;
  }
  // central directory fallback for data-descriptor archives: search for entry names
  if (entries.length <= 1) {
    let cd = b.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    for (let n = 0; cd !== -1 && n < 200 && cd + 46 <= b.length; n++) {
      const flags = b.readUInt16LE(cd + 8);
      if (flags & 0x1) encrypted = true;
      const nameLen = b.readUInt16LE(cd + 28);
      const name = b.toString('utf8', cd + 46, Math.min(b.length, cd + 46 + nameLen));
      if (!entries.includes(name)) entries.push(name);
      cd = b.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), cd + 46);
    }
  }
  return { entries, encrypted };
}

const officeZip: Array<[RegExp, string]> = [
  [/^word\//, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  [/^xl\//, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  [/^ppt\//, 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
];

export interface AttachmentInput {
  name: string;
  declaredType: string;
  content: Buffer;
  inline: boolean;
}

export function inspectAttachment(input: AttachmentInput): ParsedAttachment {
  const b = input.content;
  let detected = magics.find((m) => m.test(b))?.type ?? sniffText(b) ?? null;
  let encrypted = false;
  let hasMacros = false;
  let archiveEntries: string[] = [];
  if (detected === 'application/zip') {
    const zip = inspectZip(b);
    encrypted = zip.encrypted;
    archiveEntries = zip.entries;
    const office = officeZip.find(([re]) => zip.entries.some((e) => re.test(e)));
    if (office) {
      detected = office[1];
      archiveEntries = [];
      hasMacros = zip.entries.some((e) => /vbaProject\.bin$/i.test(e));
    }
  } else if (detected === 'application/x-ole-storage') {
    hasMacros = b.indexOf(Buffer.from('_\x00V\x00B\x00A\x00_\x00P\x00R\x00O\x00J\x00E\x00C\x00T', 'latin1')) !== -1 || b.indexOf('VBA') !== -1 && b.indexOf('Attribute VB_') !== -1;
    if (b.indexOf(Buffer.from('E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e', 'latin1')) !== -1) encrypted = true;
  } else if (detected === 'application/x-7z-compressed' || detected === 'application/x-rar-compressed') {
    // Header encryption cannot be read without decompressing; 7z AES coder id 06F10701 is visible when headers are plain.
    encrypted = b.indexOf(Buffer.from([0x06, 0xf1, 0x07, 0x01])) !== -1;
  }
  const type = detected ?? (input.declaredType || 'application/octet-stream').toLowerCase();
  const scriptSample = type === 'text/html' || type === 'image/svg+xml' ? b.toString('utf8', 0, Math.min(b.length, 65536)).toLowerCase() : '';
  return {
    name: input.name,
    declaredType: input.declaredType.toLowerCase(),
    detectedType: type,
    size: b.length,
    sha256: createHash('sha256').update(b).digest('hex'),
    encrypted,
    hasMacros,
    archiveEntries,
    scriptSample,
    inline: input.inline,
  };
}
