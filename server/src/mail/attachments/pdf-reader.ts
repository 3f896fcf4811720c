// PDF attachments through Mozilla's PDF.js (pdfjs-dist, legacy build for Node): text and link annotations of the
// first pages, embedded files, script and launch actions, and the images of the first pages for QR codes.
import { extractTextLinks } from '../text-links.ts';
import type { AnalysisLimit, AttachmentFinding, AttachmentLink } from './attachment-content.ts';
import { decodeQrInPixels, pixelCandidate, scanRequest, zxingReader, type RgbaPixels } from './qr-reader.ts';
import { BudgetExpired, limit, withinBudget, type ReadBudget } from './read-budget.ts';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsModule: Promise<PdfJs> | null = null;
// Loading the worker module up front makes PDF.js run its "fake worker" in this thread without loading it on the
// first document (which would be charged to that message's time budget).
const workerModule = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
async function loadPdfjs(): Promise<PdfJs> {
  const [lib] = await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import(workerModule)]);
  return lib;
}
const pdfjs = (): Promise<PdfJs> =>
  (pdfjsModule ??= loadPdfjs().catch((err: unknown) => {
    pdfjsModule = null;
    throw err;
  }));

export interface PdfReading {
  text: string;
  links: AttachmentLink[];
  findings: AttachmentFinding[];
  limits: AnalysisLimit[];
}


/** pdf.js ImageKind: 1 = 1 bit grey (bit set = white), 2 = RGB, 3 = RGBA. */
function toRgba(img: { width: number; height: number; kind?: number; data?: Uint8Array | Uint8ClampedArray }): RgbaPixels | null {
  const { width, height, kind, data } = img;
  if (!data || !(width > 0) || !(height > 0)) return null;
  const out = new Uint8ClampedArray(width * height * 4);
  if (kind === 3 && data.length >= width * height * 4) out.set(data.subarray(0, width * height * 4));
  else if (kind === 2 && data.length >= width * height * 3) {
    for (let i = 0, j = 0; j < out.length; i += 3, j += 4) {
      out[j] = data[i]!;
      out[j + 1] = data[i + 1]!;
      out[j + 2] = data[i + 2]!;
      out[j + 3] = 255;
    }
  } else if (kind === 1) {
    const rowBytes = (width + 7) >> 3;
    if (data.length < rowBytes * height) return null;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const v = (data[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0;
        const j = (y * width + x) * 4;
        out[j] = out[j + 1] = out[j + 2] = v;
        out[j + 3] = 255;
      }
  } else return null;
  return { data: out, width, height };
}

interface PdfImageObject {
  width: number;
  height: number;
  kind?: number;
  data?: Uint8Array | Uint8ClampedArray;
}

function isImageObject(v: unknown): v is PdfImageObject {
  return typeof v === 'object' && v !== null && typeof (v as { width?: unknown }).width === 'number' && typeof (v as { height?: unknown }).height === 'number';
}

export async function readPdf(bytes: Uint8Array, path: string[], budget: ReadBudget): Promise<PdfReading> {
  const lim = budget.limits;
  const out: PdfReading = { text: '', links: [], findings: [], limits: [] };
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (/\/JavaScript\b|\/JS\s*[(<]/.test(head)) out.findings.push({ code: 'pdf-javascript', detail: 'the PDF carries JavaScript', path });
  if (/\/Launch\b/.test(head)) out.findings.push({ code: 'pdf-launch-action', detail: 'the PDF carries a Launch action (runs a program)', path });
  const lib = await budget.excluding(pdfjs);
  const task = lib.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    enableXfa: false,
    stopAtErrors: false,
    maxImageSize: lim.maxImagePixels,
    verbosity: 0,
  });
  try {
    const doc = await withinBudget(budget, task.promise);
    const pages = Math.min(doc.numPages, lim.maxPdfPages);
    if (doc.numPages > pages) out.limits.push(limit('pages', `read the first ${pages} of ${doc.numPages} pages`, path));
    const attachments: unknown = await withinBudget(budget, doc.getAttachments()).catch(() => null);
    if (attachments && typeof attachments === 'object') {
      const names = Object.values(attachments as Record<string, { filename?: unknown }>).map((a) => (typeof a?.filename === 'string' ? a.filename : '(unnamed)'));
      if (names.length > 0) out.findings.push({ code: 'pdf-embedded-file', detail: `the PDF embeds ${names.slice(0, 5).join(', ')}`, path });
    }
    const texts: string[] = [];
    let textChars = 0;
    for (let p = 1; p <= pages; p++) {
      const page = await withinBudget(budget, doc.getPage(p));
      const where = `page ${p}`;
      const content = await withinBudget(budget, page.getTextContent());
      const pageText = content.items
        .map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : ' ') : ''))
        .join('')
        .replace(/[ \t]+/g, ' ');
      if (textChars < lim.maxTextChars) {
        texts.push(pageText.slice(0, lim.maxTextChars - textChars));
        textChars += pageText.length;
      }
      const annotations: unknown[] = await withinBudget(budget, page.getAnnotations());
      for (const a of annotations) {
        if (typeof a !== 'object' || a === null) continue;
        const ann = a as { subtype?: unknown; url?: unknown; unsafeUrl?: unknown; action?: unknown };
        const url = typeof ann.url === 'string' ? ann.url : typeof ann.unsafeUrl === 'string' ? ann.unsafeUrl : null;
        if (url && out.links.length < lim.maxLinks) out.links.push({ href: url, text: '', origin: 'pdf-annotation', where, path, container: 'PDF' });
        if (ann.action === 'JavaScript' || ann.action === 'Launch') out.findings.push({ code: ann.action === 'Launch' ? 'pdf-launch-action' : 'pdf-javascript', detail: `a ${ann.action} action on ${where}`, path });
      }
      for (const l of extractTextLinks(pageText, lim.maxLinks)) {
        if (out.links.length >= lim.maxLinks) break;
        if (!out.links.some((x) => x.href === l.href)) out.links.push({ href: l.href, text: l.text, origin: 'pdf-text', where, path, container: 'PDF' });
      }
      if (p <= lim.maxPdfImagePages && (pageText.trim().length < 200 || scanRequest.test(pageText))) await readPageImages(lib, page, where, path, budget, out);
      page.cleanup();
    }
    out.text = texts.join('\n').trim();
  } catch (err) {
    if (err instanceof BudgetExpired) throw err;
    const name = err instanceof Error ? err.name : '';
    out.limits.push(limit('unreadable', name === 'PasswordException' ? 'the PDF is password-protected' : `the PDF could not be read (${name || 'error'})`, path));
  } finally {
    // released before the next document, so PDF.js never holds more than one document's objects
    await task.destroy().catch(() => undefined);
  }
  return out;
}

async function readPageImages(
  lib: PdfJs,
  page: Awaited<ReturnType<Awaited<ReturnType<PdfJs['getDocument']>['promise']>['getPage']>>,
  where: string,
  path: string[],
  budget: ReadBudget,
  out: PdfReading,
): Promise<void> {
  const ops = await withinBudget(budget, page.getOperatorList());
  const ids: string[] = [];
  for (let i = 0; i < ops.fnArray.length && ids.length < 50; i++) {
    if (ops.fnArray[i] !== lib.OPS.paintImageXObject) continue;
    const id: unknown = ops.argsArray[i]?.[0];
    if (typeof id === 'string' && !ids.includes(id)) ids.push(id);
  }
  for (const id of ids) {
    const store = id.startsWith('g_') ? page.commonObjs : page.objs;
    const img: unknown = await withinBudget(budget, new Promise<unknown>((resolve) => store.get(id, resolve)));
    if (!isImageObject(img)) continue;
    const candidate = pixelCandidate({ format: 'png', width: img.width, height: img.height }, 0, budget.limits);
    if (!candidate.decode) {
      if (candidate.limited) out.limits.push(limit('pixels', `an image on ${where}: ${candidate.why}`, path));
      continue;
    }
    if (!budget.takeImage()) {
      out.limits.push(limit('images', `an image on ${where} was not decoded: ${budget.limits.maxImagesDecoded} images already decoded for this message`, path));
      return;
    }
    const pixels = toRgba(img);
    if (!pixels) continue;
    await budget.excluding(zxingReader);
    for (const text of await withinBudget(budget, decodeQrInPixels(pixels))) {
      if (out.links.length >= budget.limits.maxLinks) break;
      out.links.push({ href: text, text: '', origin: 'qr-code', where: `an image on ${where}`, path, container: 'PDF' });
    }
  }
}
