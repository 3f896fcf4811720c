import type { MailDetection } from '../mail-detection.ts';

const scanPhrase = /\b(scan (the|this|below|attached)?\s?(qr|code|barcode)|qr ?code|qr-code|codigo qr|code qr|escanee|escaneie|scannez|scannen sie)\b/;

export const detection: MailDetection = {
  id: 'content.qr-code',
  title: 'QR code that hides a link',
  description:
    'The message asks the reader to scan a QR code and carries an image: "quishing" moves the link to a phone, out of reach of link scanning. Decoding the image is not done; the pattern of a scan request with an image and few or no clickable links is.',
  category: 'content',
  maxWeight: 25,
  references: ['https://attack.mitre.org/techniques/T1566/002/', 'https://en.wikipedia.org/wiki/QR_code'],
  falsePositives: ['Event tickets, boarding passes, payment requests and MFA enrolment mail that really carry QR codes.'],
  gaps: ['The QR code is not decoded, so its URL is not scored; QR codes drawn in HTML tables or inside PDFs are only seen through the scan request.'],
  evaluate(m) {
    const match = scanPhrase.exec(m.content);
    if (!match) return [];
    const images = m.mail.attachments.filter((a) => a.detectedType.startsWith('image/')).length + (m.mail.html.match(/<img\b/gi)?.length ?? 0);
    if (images === 0) return [];
    const weight = m.links.length <= 2 ? 20 : 10;
    return [{ weight, evidence: `asks to scan a QR code ('${match[0]}') and carries ${images} image(s) with ${m.links.length} clickable link(s)`, plain: 'it asks you to scan a QR code, which hides where the link goes' }];
  },
  cases: [
    {
      name: 'scan to re-enrol MFA',
      kind: 'true-positive',
      fires: true,
      mail: { subject: 'MFA update', html: '<p>Scan the QR code below with your phone to keep access.</p><img src="cid:qr1">' },
    },
    { name: 'no QR request', kind: 'true-negative', fires: false, mail: { html: '<p>Photo of the setup:</p><img src="cid:p1">' } },
    { name: 'QR mentioned without any image', kind: 'near-miss', fires: false, mail: { text: 'The QR code on the box is the serial number.' } },
  ],
};
