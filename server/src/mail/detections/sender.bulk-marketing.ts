import type { MailDetection } from '../mail-detection.ts';

// Sending history that makes a mass mailer a known one: this many earlier messages from its domain to the organisation.
const knownSenderMessages = 20;

export const detection: MailDetection = {
  id: 'sender.bulk-marketing',
  title: 'Marketing mail from an identifiable mass mailer',
  description:
    "A label, not a warning: the message was mass-mailed by a sender that can be identified and left (a List-Unsubscribe address, with RFC 8058 one-click unsubscribe when present), through a mailing platform or its own bulk infrastructure, with the receiving server's authentication not failing. Detections whose mistakes come from marketing mail (a newsletter's tracking redirects, subscription forms, promotion wording) read the same signals; the reader sees a neutral \"marketing\" note instead of a warning when nothing dangerous is present.",
  category: 'sender',
  effect: 'label',
  maxWeight: 0,
  references: ['https://www.rfc-editor.org/rfc/rfc8058', 'https://www.rfc-editor.org/rfc/rfc2369', 'https://support.google.com/a/answer/81126'],
  falsePositives: ['Scams are mass-mailed too, often through the same platforms: this label never lowers what other detections find.'],
  gaps: ['List-Unsubscribe, Return-Path and relay names are written by the sender; only the DKIM and DMARC verdicts of the receiving server are verified.', 'Sending history counts only when the caller supplies it.'],
  evaluate(m, context) {
    const kinds = new Set(m.bulk.marks.map(([k]) => k));
    if (!m.bulk.isBulk || m.bulk.authFailed || !kinds.has('unsubscribe')) return [];
    const history = context.sender?.domainMessagesToOrganisation;
    const known = history !== undefined && history >= knownSenderMessages;
    const evidence = [...m.bulk.marks.map(([, v]) => v), ...(known ? [`${history} earlier messages from ${m.fromRegistrable} to the organisation`] : [])];
    const via = m.bulk.platforms[0];
    return [
      {
        weight: 0,
        evidence: `marketing mail: ${evidence.join('; ')}`,
        plain: `it is marketing mail from ${m.fromRegistrable ?? 'a mass mailer'}${via ? ` sent through ${via}` : ''}, with an unsubscribe link`,
      },
    ];
  },
  cases: [
    {
      name: 'newsletter with one-click unsubscribe through a mailing platform',
      kind: 'true-positive',
      fires: true,
      mail: {
        from: 'Shop <news@shop.example.com>',
        auth: 'spf=pass smtp.mailfrom=bounces.shop.example.com; dkim=pass header.d=shop.example.com; dmarc=pass header.from=shop.example.com',
        headers: [
          { name: 'List-Unsubscribe', value: '<https://shop.example.com/u/abc>, <mailto:unsub@shop.example.com>' },
          { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
          { name: 'DKIM-Signature', value: 'v=1; d=sendgrid.net; s=s1; h=from' },
        ],
        text: 'Our autumn collection is here.',
      },
    },
    { name: 'a person writing', kind: 'true-negative', fires: false, mail: { from: 'Jo <jo@example.org>', text: 'See you at 3.' } },
    {
      name: 'unsubscribe header on mail that fails DMARC',
      kind: 'near-miss',
      fires: false,
      mail: {
        from: 'Bank <alerts@example-bank.com>',
        auth: 'spf=fail smtp.mailfrom=evil.example.top; dkim=none; dmarc=fail header.from=example-bank.com',
        headers: [{ name: 'List-Unsubscribe', value: '<mailto:u@evil.example.top>' }, { name: 'Precedence', value: 'bulk' }],
        text: 'Your account is locked.',
      },
    },
    {
      name: 'an unsubscribe header and nothing else of mass mail',
      kind: 'near-miss',
      fires: false,
      mail: { from: 'Jo <jo@example.org>', headers: [{ name: 'List-Unsubscribe', value: '<mailto:u@example.org>' }], text: 'hello' },
    },
  ],
};
