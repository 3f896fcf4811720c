// Width and height of PNG, JPEG, GIF, BMP and WebP images from their headers, without decoding pixels. Bounded.

export interface ImageDimensions {
  format: 'png' | 'jpeg' | 'gif' | 'bmp' | 'webp';
  width: number;
  height: number;
}

const maxJpegScan = 256 * 1024;

function jpegDimensions(b: Uint8Array): ImageDimensions | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let pos = 2;
  const end = Math.min(b.length, maxJpegScan);
  while (pos + 9 < end) {
    if (b[pos] !== 0xff) {
      pos++;
      continue;
    }
    const marker = b[pos + 1]!;
    if (marker === 0xff) {
      pos++;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos += 2;
      continue;
    }
    const len = view.getUint16(pos + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { format: 'jpeg', height: view.getUint16(pos + 5), width: view.getUint16(pos + 7) };
    }
    if (len < 2) return null;
    pos += 2 + len;
  }
  return null;
}

export function imageDimensions(bytes: Uint8Array): ImageDimensions | null {
  const b = bytes;
  if (b.length < 26) return null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const ascii = (at: number, s: string): boolean => {
    for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
    return true;
  };
  if (b[0] === 0x89 && ascii(1, 'PNG') && ascii(12, 'IHDR')) return { format: 'png', width: view.getUint32(16), height: view.getUint32(20) };
  if (b[0] === 0xff && b[1] === 0xd8) return jpegDimensions(b);
  if (ascii(0, 'GIF8')) return { format: 'gif', width: view.getUint16(6, true), height: view.getUint16(8, true) };
  if (ascii(0, 'BM')) return { format: 'bmp', width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) };
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP') && b.length >= 30) {
    if (ascii(12, 'VP8X')) return { format: 'webp', width: 1 + (b[24]! | (b[25]! << 8) | (b[26]! << 16)), height: 1 + (b[27]! | (b[28]! << 8) | (b[29]! << 16)) };
    if (ascii(12, 'VP8L')) {
      const bits = view.getUint32(21, true);
      return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
    }
    if (ascii(12, 'VP8 ')) return { format: 'webp', width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  }
  return null;
}
