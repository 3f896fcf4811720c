// Bounds on what reading one message's attachments may cost. Data, not branches: callers override any field.

export interface AttachmentLimits {
  /** Attachments larger than this are not opened (their type, hash and name are still known). */
  maxAttachmentBytes: number;
  /** Sum of the bytes opened across one message (nested messages included). */
  maxTotalBytes: number;
  /** PDF pages whose text and link annotations are read. */
  maxPdfPages: number;
  /** PDF pages whose images are decoded for QR codes (the first pages only: a lure sits on page 1). */
  maxPdfImagePages: number;
  /** Images (attached, inline, inside PDFs or HTML) handed to the QR decoder per message. */
  maxImagesDecoded: number;
  /** Images with fewer pixels cannot hold a readable QR code; more pixels cost too much to decode. */
  minImagePixels: number;
  maxImagePixels: number;
  /** Shorter side of an image, in pixels, below which no QR code is looked for (icons, tracking pixels). */
  minImageSide: number;
  /** Images over this many bytes are not decoded (a QR code image is small; photos are not QR codes). */
  maxImageBytes: number;
  /** Attached messages (message/rfc822, .eml) opened within attached messages. 1 = only the outer message's. */
  maxNestingDepth: number;
  /** ZIP (OOXML) entries listed, and bytes inflated per entry and in total. */
  maxZipEntries: number;
  maxZipEntryBytes: number;
  maxZipInflatedBytes: number;
  /** Characters of text kept per attachment, and links kept per attachment. */
  maxTextChars: number;
  maxLinks: number;
  /** Wall-clock budget for all attachment reading of one message, nested messages included. */
  timeBudgetMs: number;
}

export const defaultAttachmentLimits: AttachmentLimits = {
  maxAttachmentBytes: 10 * 1024 * 1024,
  maxTotalBytes: 30 * 1024 * 1024,
  maxPdfPages: 2,
  maxPdfImagePages: 1,
  maxImagesDecoded: 4,
  minImagePixels: 40 * 40,
  maxImagePixels: 1600 * 1600,
  minImageSide: 40,
  maxImageBytes: 2 * 1024 * 1024,
  maxNestingDepth: 3,
  maxZipEntries: 2000,
  maxZipEntryBytes: 2 * 1024 * 1024,
  maxZipInflatedBytes: 8 * 1024 * 1024,
  maxTextChars: 20_000,
  maxLinks: 100,
  timeBudgetMs: 2_000,
};
