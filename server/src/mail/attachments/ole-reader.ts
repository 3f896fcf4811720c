// OLE compound files (legacy .doc/.xls/.ppt and Outlook .msg) read with SheetJS cfb: VBA macro storages, and for
// .msg messages the subject, sender, bodies and attachments through @kenjiuno/msgreader.
import CFB from 'cfb';
import msgreader from '@kenjiuno/msgreader';
import type { AttachmentFinding } from './attachment-content.ts';

export interface OleReading {
  kind: 'msg' | 'office' | 'other';
  findings: AttachmentFinding[];
  /** For a .msg: the message, ready to go through the Graph edge. */
  message: OutlookMessage | null;
}

export interface OutlookMessage {
  subject: string;
  senderName: string;
  senderEmail: string;
  body: string;
  bodyHtml: string;
  attachments: Array<{ name: string; content: Buffer }>;
}

// A CommonJS module: Node hands over its exports object (the class is its `default`); bundlers such as Vite hand
// over the class itself. Accept both.
type MsgReaderClass = typeof msgreader.default;
const imported: unknown = msgreader;
const MsgReader = (typeof imported === 'function' ? imported : msgreader.default) as MsgReaderClass;

const macroStream = /^(_VBA_PROJECT(_CUR)?|VBA|Macros|PROJECT)$/i;

function readMsg(bytes: Buffer, maxAttachments: number, maxAttachmentBytes: number): OutlookMessage {
  const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const reader = new MsgReader(ab);
  const data = reader.getFileData();
  const attachments: OutlookMessage['attachments'] = [];
  for (const a of (data.attachments ?? []).slice(0, maxAttachments)) {
    try {
      const got = reader.getAttachment(a);
      if (got.content.length <= maxAttachmentBytes) attachments.push({ name: (got.fileName ?? '').slice(0, 255), content: Buffer.from(got.content) });
    } catch {
      // an unreadable attachment inside a .msg is skipped; the rest of the message is still read
    }
  }
  return {
    subject: (data.subject ?? '').slice(0, 1000),
    senderName: (data.senderName ?? '').slice(0, 200),
    senderEmail: (data.senderSmtpAddress ?? data.senderEmail ?? '').slice(0, 320),
    body: (data.body ?? '').slice(0, 1_000_000),
    bodyHtml: (data.bodyHtml ?? '').slice(0, 1_000_000),
    attachments,
  };
}

export function readOle(bytes: Buffer, path: string[], maxAttachments: number, maxAttachmentBytes: number): OleReading {
  const cfb = CFB.read(bytes, { type: 'buffer' });
  const names = cfb.FullPaths.map((p) => p.replace(/\/$/, '').replace(/^.*\//, ''));
  if (names.some((n) => n.startsWith('__substg1.0_'))) {
    return { kind: 'msg', findings: [], message: readMsg(bytes, maxAttachments, maxAttachmentBytes) };
  }
  const findings: AttachmentFinding[] = [];
  const macro = names.find((n) => macroStream.test(n));
  if (macro) findings.push({ code: 'office-macros', detail: `the Office document carries a VBA macro storage (${macro})`, path });
  const office = names.some((n) => /^(WordDocument|Workbook|Book|PowerPoint Document)$/.test(n));
  return { kind: office ? 'office' : 'other', findings, message: null };
}
