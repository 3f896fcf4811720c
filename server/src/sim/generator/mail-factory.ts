// Builds a received message twice, consistently: Graph message JSON (with internetMessageHeaders) and
// its raw RFC 822 source (served by the simulator at /messages/{id}/$value).
import type { GraphInternetMessageHeader, GraphMessage, GraphRecipient, ScenarioMessage } from '@lantern/shared';
import { internetMessageId, mailItemId } from './graph-ids.ts';
import type { Mailbox } from './mail-folders.ts';
import type { Prng } from './prng.ts';
import { graphTime } from './sign-in-factory.ts';

export interface Address {
  name: string;
  address: string;
}

export interface Attachment {
  name: string;
  contentType: string;
  base64: string;
}

export interface MailSpec {
  receivedMs: number;
  /** Seconds between sending and delivery. */
  transitSeconds: number;
  recipientUserId: string;
  mailbox: Mailbox;
  /** Well-known name or display name of the destination folder in `mailbox`. */
  folder: string;
  from: Address;
  to: Address[];
  subject: string;
  text: string;
  html: string;
  /** Transport headers that precede the message's own (Received, Authentication-Results, ...). */
  transportHeaders: GraphInternetMessageHeader[];
  /** Extra message headers (List-Unsubscribe, ...). */
  extraHeaders?: GraphInternetMessageHeader[];
  attachment?: Attachment;
  messageIdHost: string;
  isRead?: boolean;
}

export function rfc2822Date(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toUTCString().replace('GMT', '+0000');
}

function formatAddress(a: Address): string {
  return `"${a.name.replace(/"/g, "'")}" <${a.address}>`;
}

function recipient(a: Address): GraphRecipient {
  return { emailAddress: { name: a.name, address: a.address } };
}

function preview(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 255);
}

export function makeMessage(prng: Prng, spec: MailSpec): ScenarioMessage {
  const sentMs = spec.receivedMs - spec.transitSeconds * 1000;
  const messageId = internetMessageId(prng, spec.messageIdHost);
  const boundary = `_000_${prng.chars(24, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}_`;
  const mixed = spec.attachment ? `_004_${prng.chars(24, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}_` : null;
  const headers: GraphInternetMessageHeader[] = [
    ...spec.transportHeaders,
    { name: 'From', value: formatAddress(spec.from) },
    { name: 'To', value: spec.to.map(formatAddress).join(', ') },
    { name: 'Subject', value: spec.subject },
    { name: 'Date', value: rfc2822Date(sentMs) },
    { name: 'Message-ID', value: messageId },
    { name: 'Content-Language', value: 'en-US' },
    ...(spec.extraHeaders ?? []),
    { name: 'MIME-Version', value: '1.0' },
    {
      name: 'Content-Type',
      value: mixed ? `multipart/mixed; boundary="${mixed}"` : `multipart/alternative; boundary="${boundary}"`,
    },
  ];
  const crlf = '\r\n';
  const parts: string[] = headers.map((h) => `${h.name}: ${h.value}`);
  parts.push('');
  if (mixed) {
    parts.push(`--${mixed}`, `Content-Type: multipart/alternative; boundary="${boundary}"`, '');
  }
  parts.push(
    `--${boundary}`,
    'Content-Type: text/plain; charset="utf-8"',
    'Content-Transfer-Encoding: 8bit',
    '',
    spec.text,
    '',
    `--${boundary}`,
    'Content-Type: text/html; charset="utf-8"',
    'Content-Transfer-Encoding: 8bit',
    '',
    spec.html,
    '',
    `--${boundary}--`,
    '',
  );
  if (mixed && spec.attachment) {
    const a = spec.attachment;
    parts.push(
      `--${mixed}`,
      `Content-Type: ${a.contentType}; name="${a.name}"`,
      `Content-Description: ${a.name}`,
      `Content-Disposition: attachment; filename="${a.name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      ...(a.base64.match(/.{1,76}/g) ?? []),
      '',
      `--${mixed}--`,
      '',
    );
  }
  const folderId = spec.mailbox.ids.get(spec.folder) ?? spec.folder;
  const message: GraphMessage = {
    id: mailItemId(prng, spec.mailbox.tag),
    createdDateTime: graphTime(spec.receivedMs),
    receivedDateTime: graphTime(spec.receivedMs),
    sentDateTime: graphTime(sentMs),
    hasAttachments: spec.attachment !== undefined,
    internetMessageId: messageId,
    subject: spec.subject,
    bodyPreview: preview(spec.text),
    importance: 'normal',
    parentFolderId: folderId,
    conversationId: mailItemId(prng, spec.mailbox.tag),
    isRead: spec.isRead ?? false,
    body: { contentType: 'html', content: spec.html },
    sender: recipient(spec.from),
    from: recipient(spec.from),
    toRecipients: spec.to.map(recipient),
    ccRecipients: [],
    replyTo: [],
    categories: [],
    internetMessageHeaders: headers,
  };
  return { userId: spec.recipientUserId, folder: spec.folder, message, mime: parts.join(crlf) };
}

/** Transport headers of mail from outside the organisation that passed SPF, DKIM and DMARC. */
export function externalTransportHeaders(
  prng: Prng,
  receivedMs: number,
  senderDomain: string,
  senderIp: string,
  senderCountry: string,
  bulk: boolean,
): GraphInternetMessageHeader[] {
  const eop = `${prng.pick(['BN1PEPF', 'SN1PEPF', 'CH2PEPF', 'DS3PEPF'])}${prng.between(10000, 99999)}.namprd${prng.between(10, 20)}.prod.outlook.com`;
  const mta = `o${prng.between(1, 40)}.mail.${senderDomain}`;
  return [
    {
      name: 'Received',
      value: `from ${mta} (${senderIp}) by ${eop} (10.167.243.${prng.between(2, 250)}) with Microsoft SMTP Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.8182.${prng.between(10, 40)} via Frontend Transport; ${rfc2822Date(receivedMs)}`,
    },
    {
      name: 'Authentication-Results',
      value: `spf=pass (sender IP is ${senderIp}) smtp.mailfrom=bounces.${senderDomain}; dkim=pass (signature was verified) header.d=${senderDomain};dmarc=pass action=none header.from=${senderDomain};compauth=pass reason=100`,
    },
    {
      name: 'Received-SPF',
      value: `Pass (protection.outlook.com: domain of bounces.${senderDomain} designates ${senderIp} as permitted sender) receiver=protection.outlook.com; client-ip=${senderIp}; helo=${mta}; pr=C`,
    },
    { name: 'X-MS-Exchange-Organization-AuthAs', value: 'Anonymous' },
    { name: 'X-MS-Exchange-Organization-SCL', value: bulk ? '1' : '1' },
    {
      name: 'X-Forefront-Antispam-Report',
      value: `CIP:${senderIp};CTRY:${senderCountry};LANG:en;SCL:1;SRV:${bulk ? 'BULK' : ''};IPV:NLI;SFV:NSPM;H:${mta};PTR:${mta};CAT:NONE;SFS:;DIR:INB;`,
    },
  ];
}

/** Transport headers of mail sent inside the tenant (one Exchange Online organisation). */
export function internalTransportHeaders(prng: Prng, receivedMs: number, domain: string): GraphInternetMessageHeader[] {
  const host = `${prng.pick(['BY5PR', 'SA1PR', 'CO1PR', 'DM6PR', 'PH0PR'])}${prng.between(10, 19)}MB${prng.between(1000, 9999)}.namprd${prng.between(10, 20)}.prod.outlook.com`;
  return [
    {
      name: 'Received',
      value: `from ${host} (2603:10b6:a03:${prng.chars(3, '0123456789abcdef')}::${prng.chars(2, '0123456789abcdef')}) by ${host} ([fe80::${prng.chars(4, '0123456789abcdef')}%7]) with mapi id 15.20.8182.${prng.between(10, 40)}; ${rfc2822Date(receivedMs)}`,
    },
    { name: 'Authentication-Results', value: `dkim=none (message not signed) header.d=none;dmarc=none action=none header.from=${domain};` },
    { name: 'X-MS-Exchange-Organization-AuthAs', value: 'Internal' },
    { name: 'X-MS-Exchange-Organization-AuthSource', value: host },
    { name: 'X-MS-Exchange-Organization-AuthMechanism', value: '04' },
    { name: 'X-MS-Exchange-Organization-SCL', value: '-1' },
    { name: 'X-MS-Has-Attach', value: '' },
  ];
}
