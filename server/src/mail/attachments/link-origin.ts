// Names where a link found in an attachment came from, in words a recipient understands:
// "a QR code in the attached PDF invoice.pdf", "a link in the attached calendar invitation invite.ics".
import type { AttachmentLink } from './attachment-content.ts';

export interface LinkOrigin {
  kind: AttachmentLink['origin'];
  /** Subject phrase for the narrative, e.g. "a QR code in the attached PDF invoice.pdf". */
  description: string;
  /** Where inside the attachment (page, part, relationship), for the analyst. */
  where: string;
  /** Attachment names, outermost first. */
  path: string[];
}

function theAttached(container: string, path: string[]): string {
  const name = path.at(-1) ?? '';
  const inner = path.length > 1 ? ` (inside ${path.slice(0, -1).join(' → ')})` : '';
  if (container === 'message body') return 'the message body';
  return `the attached ${container}${name && name !== '(unnamed)' ? ` ${name}` : ''}${inner}`;
}

export function linkOrigin(l: AttachmentLink): LinkOrigin {
  const where = theAttached(l.container, l.path);
  const description =
    l.origin === 'qr-code'
      ? `a QR code in ${where}`
      : l.origin === 'pdf-text'
        ? `a web address written in ${where}`
        : l.origin === 'office-external-link'
          ? `an external reference in ${where}`
          : l.origin === 'mobileconfig'
            ? `a URL in ${where}`
            : `a link in ${where}`;
  return { kind: l.origin, description, where: l.where, path: l.path };
}
