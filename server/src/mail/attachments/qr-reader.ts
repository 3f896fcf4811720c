// QR codes in images, through ZXing-C++ compiled to WebAssembly (zxing-wasm; the .wasm ships in the npm package
// and is loaded from disk, never fetched). Callers decide which images are worth decoding (see qrCandidate).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AttachmentLimits } from './attachment-limits.ts';
import { imageDimensions, type ImageDimensions } from './image-dimensions.ts';

/** RGBA pixels, as ImageData holds them. */
export interface RgbaPixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

type ZxingReader = typeof import('zxing-wasm/reader');

let reader: Promise<ZxingReader> | null = null;

async function loadReader(): Promise<ZxingReader> {
  const zxing = await import('zxing-wasm/reader');
  const wasmPath = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
  const bytes = await readFile(wasmPath);
  const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  await zxing.prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
  return zxing;
}

/** Loads the decoder once (reading and compiling its WebAssembly); later calls return at once. */
export function zxingReader(): Promise<ZxingReader> {
  reader ??= loadReader().catch((err: unknown) => {
    reader = null;
    throw err;
  });
  return reader;
}

const readerOptions = {
  formats: ['QRCode', 'MicroQRCode'],
  tryHarder: true,
  tryRotate: false,
  // inverted (light on dark) codes are rare in mail and trying them doubles the cost of every image without a code
  tryInvert: false,
  tryDownscale: true,
  maxNumberOfSymbols: 4,
} as const;

function texts(results: Array<{ text: string; isValid: boolean }>): string[] {
  return [...new Set(results.filter((r) => r.isValid && r.text).map((r) => r.text.slice(0, 4096)))];
}

/** Decodes every QR code in an encoded PNG, JPEG, GIF or BMP image. */
export async function decodeQrInImage(bytes: Uint8Array): Promise<string[]> {
  const zxing = await zxingReader();
  return texts(await zxing.readBarcodes(bytes, { ...readerOptions, formats: [...readerOptions.formats] }));
}

/** Decodes every QR code in RGBA pixels. */
export async function decodeQrInPixels(pixels: RgbaPixels): Promise<string[]> {
  const zxing = await zxingReader();
  // zxing-wasm reads any { data, width, height } the way it reads an ImageData
  return texts(await zxing.readBarcodes(pixels as unknown as ImageData, { ...readerOptions, formats: [...readerOptions.formats] }));
}

/** Words that ask the reader to scan something, in the languages the phrase lists cover. */
export const scanRequest = /\b(qr|scan|escan|scann|c[aâ]mera|kamera|smartphone)/i;

export type QrCandidate = { decode: true; dimensions: ImageDimensions } | { decode: false; why: string; limited: boolean };

/**
 * Whether an image can plausibly hold a QR code worth decoding: a format the decoder reads, not an icon or a
 * tracking pixel, not a photo too large to decode cheaply. `limited` is true when only a limit (not the image's
 * nature) stopped it, so the caller reports an analysis limit.
 */
export function qrCandidate(bytes: Uint8Array, limits: AttachmentLimits): QrCandidate {
  const dimensions = imageDimensions(bytes);
  if (!dimensions) return { decode: false, why: 'not a readable image header', limited: false };
  if (dimensions.format === 'webp') return { decode: false, why: 'WebP images are not decoded', limited: true };
  return pixelCandidate(dimensions, bytes.length, limits);
}

export function pixelCandidate(dimensions: ImageDimensions, byteLength: number, limits: AttachmentLimits): QrCandidate {
  const { width, height } = dimensions;
  const pixels = width * height;
  if (Math.min(width, height) < limits.minImageSide || pixels < limits.minImagePixels)
    return { decode: false, why: `${width}×${height} is too small to hold a QR code`, limited: false };
  if (Math.max(width, height) / Math.min(width, height) > 6) return { decode: false, why: `${width}×${height} is a banner or a rule, not a code`, limited: false };
  if (pixels > limits.maxImagePixels) return { decode: false, why: `${width}×${height} is over the ${limits.maxImagePixels}-pixel limit`, limited: true };
  if (byteLength > limits.maxImageBytes) return { decode: false, why: `${byteLength} bytes is over the ${limits.maxImageBytes}-byte image limit`, limited: true };
  return { decode: true, dimensions };
}
