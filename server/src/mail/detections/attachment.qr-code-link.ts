import { attachmentLinks } from '../mail-features.ts';
import type { DetectionHit, MailDetection } from '../mail-detection.ts';

export const detection: MailDetection = {
  id: 'attachment.qr-code-link',
  title: 'QR code leading to a web page',
  description:
    'A QR code decoded from an attached image, an image inside an attached PDF or web page, or an image embedded in the body, that leads to a web address. "Quishing" moves the link to a phone, outside the reach of link protection; the decoded link also goes through every link detection.',
  category: 'attachment',
  maxWeight: 20,
  references: ['https://attack.mitre.org/techniques/T1566/001/', 'https://www.microsoft.com/en-us/security/blog/2023/10/26/qr-code-phishing-quishing/'],
  falsePositives: ['Event tickets, boarding passes, payment slips and MFA enrolment mail with real QR codes to the sender\'s own site.'],
  gaps: ['QR codes drawn with HTML tables or CSS, WebP images, images over the pixel limit and images past the per-message decode count are not read.'],
  evaluate(m) {
    const hits: DetectionHit[] = [];
    const seen = new Set<string>();
    for (const l of m.links) {
      if (l.origin?.kind !== 'qr-code' || seen.has(l.url)) continue;
      seen.add(l.url);
      const own = !!m.fromRegistrable && l.registrable === m.fromRegistrable;
      hits.push({
        weight: own ? 8 : 20,
        evidence: `${l.origin.description} (${l.origin.where}) decodes to ${l.url}`,
        plain: `${l.origin.description} leads to ${l.hostUnicode}${own ? '' : ', a site other than the sender\'s'}`,
        links: [l.url],
      });
    }
    // QR codes whose text is not a web link (Wi-Fi settings, payment data) still deserve a mention for the analyst
    if (hits.length === 0) {
      const other = attachmentLinks(m.mail).find((l) => l.origin === 'qr-code' && !/^https?:/i.test(l.href));
      if (other && /^[a-z][a-z0-9+.-]*:/i.test(other.href))
        hits.push({ weight: 5, evidence: `a QR code in ${other.path.join(' → ')} holds '${other.href.slice(0, 200)}'`, plain: `a QR code in the attachment ${other.path.join(' → ')} holds a ${other.href.split(':')[0]} link` });
    }
    return hits.slice(0, 3);
  },
  cases: [
    {
      name: 'QR code to a free-hosting page',
      kind: 'true-positive',
      fires: true,
      mail: {
        from: 'Payroll <payroll@example.org>',
        text: 'Scan to review your payslip.',
        // a QR code (uqr, 3 px per module) for https://secure-login-5b2.web.app/p
        attachments: [{ name: 'payslip.png', contentType: 'image/png', encoding: 'base64', content: 'iVBORw0KGgoAAAANSUhEUgAAAHUAAAB1CAAAAABVb/FgAAABVklEQVR4nO2VwQ7CMAxD9/8/Dbcpcmy3nQRIxDmgLWv8Opl61+sXdYUaaqihhhrqj6gXq/tRXVOb0FEKoVZp2qkqfU93f605ngrqhtdJak2oyxljavc11AdUcx3qKZV2DPKDifiP1F6QQctfqhCqL9gBXNeLLbXBVKpOpal/wFb7mEylqw3VzNJQC3UZT10R1Ok/I1RAdob5yvazBILkxQZTO3spZIJMHbDJVODVJt2Hf0R3OZzaB2j0KNGHvg6mQsfku8qss2waQO2Ogm4/M97vLV8nUenAZvT0BcrayVR6NkDFJLv6coRKJ6nBNIOof2eJOIaqfDWBTtOKwkJ16zYCSFm+m4gzqBcrqg66tH+QiJOotKNI6ksQqqd6n4ABgDor3yRUbZu69fsIdUmFSRr0tVNhoSo5Kqp4apddMNReVZRaSKln6T+G+p0KNdRQQw011G/VG+b57xmwiFhjAAAAAElFTkSuQmCC' }],
      },
    },
    { name: 'photo without a code', kind: 'true-negative', fires: false, mail: { text: 'Our team photo', attachments: [{ name: 'team.png', contentType: 'image/png', encoding: 'base64', content: 'iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAAAAACPAi4CAAAAcElEQVR4nGNgYGbj5OEXEpWQllNUUdfSNTA2s7Sxd3L18PYLDAmPik1ITsvMyS8qraiua2xp7+qdMHnazDnzFy1dsXrdxi3bd+1lGDVg1IBRA0YNGDVg1IBRA0YNGDVg1IBRA0YNGDVg1IBRA4a7AQDgcehMez21jgAAAABJRU5ErkJggg==' }] } },
    { name: 'asks to scan but carries no image', kind: 'near-miss', fires: false, mail: { text: 'Scan the QR code on your badge at the door.' } },
  ],
};
