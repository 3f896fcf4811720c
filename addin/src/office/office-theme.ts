import type { OfficeApi } from './office-api.ts';

/** 'dark' or 'light' from Office's theme (Mailbox 1.14), or null when Office does not say. */
export function readOfficeTheme(office: OfficeApi): 'dark' | 'light' | null {
  const bg = office.context.officeTheme?.bodyBackgroundColor;
  if (typeof bg !== 'string') return null;
  const m = /^#?([0-9a-f]{6})$/i.exec(bg.trim());
  if (!m || !m[1]) return null;
  const n = parseInt(m[1], 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  // Relative luminance (sRGB, approximate): dark backgrounds sit well below the middle.
  const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  return luminance < 0.5 ? 'dark' : 'light';
}
