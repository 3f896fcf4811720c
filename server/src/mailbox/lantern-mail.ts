// Lantern's own mail: everything Lantern sends (digests, reporter feedback, notifications) goes out from the
// security mailbox carrying an X-Lantern-Signature header, an HMAC over the message's own identifiers (a
// nonce, the time, the sender, the recipients and the subject) keyed from Lantern's link secret. A received
// message is Lantern's own only when it comes from the security mailbox AND its signature verifies: a copied
// or invented header on someone else's mail gets no pass.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { GraphMessage } from '@lantern/shared';

/** Graph's sendMail accepts custom internet message headers whose names start with "x-". */
export const LANTERN_SIGNATURE_HEADER = 'X-Lantern-Signature';
/** The reason code of the assessment Lantern gives its own mail instead of scoring it. */
export const OWN_MAIL_REASON = 'lantern.own-mail';

/** The security mailbox as resolved through Graph at start. */
export interface SecurityMailbox {
  id: string;
  /** Its userPrincipalName, lower-cased. */
  upn: string;
  /** Every address it sends as (UPN and primary SMTP address), lower-cased. */
  addresses: string[];
  displayName: string | null;
}

interface Recipient {
  emailAddress: { address?: string | null; name?: string | null };
}

/** The parts of a Graph sendMail `message` the signature covers; other fields pass through untouched. */
export interface OutgoingMessage {
  subject?: string;
  toRecipients?: Recipient[];
  ccRecipients?: Recipient[];
  internetMessageHeaders?: { name: string; value: string }[];
  [field: string]: unknown;
}

export interface SendMailApi {
  sendMail(userId: string, message: unknown, saveToSentItems?: boolean): Promise<void>;
}

const VERSION = 'v1';
/** A signature counts only on mail received from shortly before its time (clock skew) to two days after it. */
const SKEW_S = 10 * 60;
const MAX_AGE_S = 2 * 86_400;
const VALUE = /^v1; n=([A-Za-z0-9_-]{16}); t=(\d{1,12}); s=([A-Za-z0-9_-]{43})$/;

function recipientsOf(list: readonly Recipient[] | null | undefined): string[] {
  return (list ?? []).map((r) => (r.emailAddress.address ?? '').trim().toLowerCase()).filter((a) => a !== '');
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class LanternMailSigner {
  readonly mailbox: SecurityMailbox;
  readonly #key: Buffer;
  readonly #nonce: () => string;

  /** `secret`: Lantern's link secret; the signing key is derived from it, so link tokens and mail never share one. */
  constructor(secret: Buffer, mailbox: SecurityMailbox, nonce: () => string = () => randomBytes(12).toString('base64url')) {
    if (secret.length < 16) throw new Error('the signing secret must be at least 16 bytes');
    this.#key = createHmac('sha256', secret).update('lantern/mail-signature/v1').digest();
    this.mailbox = mailbox;
    this.#nonce = nonce;
  }

  #mac(nonce: string, time: string, from: string, recipients: string[], subject: string): string {
    const payload = [VERSION, nonce, time, from, [...recipients].sort().join(','), subject].join('\n');
    return createHmac('sha256', this.#key).update(payload, 'utf8').digest('base64url');
  }

  /** The message with Lantern's signature header added (any earlier one replaced). */
  sign(message: OutgoingMessage, at: Date): OutgoingMessage {
    const nonce = this.#nonce();
    if (!/^[A-Za-z0-9_-]{16}$/.test(nonce)) throw new Error('a signature nonce must be 16 base64url characters');
    const time = String(Math.floor(at.getTime() / 1000));
    const from = this.mailbox.addresses[0] ?? this.mailbox.upn;
    const recipients = [...recipientsOf(message.toRecipients), ...recipientsOf(message.ccRecipients)];
    const mac = this.#mac(nonce, time, from, recipients, message.subject ?? '');
    const others = (message.internetMessageHeaders ?? []).filter((h) => h.name.toLowerCase() !== LANTERN_SIGNATURE_HEADER.toLowerCase());
    return { ...message, internetMessageHeaders: [...others, { name: LANTERN_SIGNATURE_HEADER, value: `${VERSION}; n=${nonce}; t=${time}; s=${mac}` }] };
  }

  /** True when `address` is one the security mailbox sends as. */
  isSecurityMailboxAddress(address: string | null | undefined): boolean {
    return !!address && this.mailbox.addresses.includes(address.trim().toLowerCase());
  }

  /**
   * True only for mail Lantern sent: from (and, when Graph gives it, sent by) the security mailbox, with exactly
   * one signature header whose HMAC matches this message's sender, recipients and subject, received (when Graph
   * says when) within two days of its signing: an old genuine header replayed later gets no pass.
   */
  isOwnMail(message: Pick<GraphMessage, 'from' | 'sender' | 'toRecipients' | 'ccRecipients' | 'subject' | 'internetMessageHeaders' | 'receivedDateTime'>): boolean {
    const from = message.from?.emailAddress.address ?? null;
    if (!this.isSecurityMailboxAddress(from)) return false;
    const sender = message.sender?.emailAddress.address;
    if (sender && !this.isSecurityMailboxAddress(sender)) return false;
    const headers = (message.internetMessageHeaders ?? []).filter((h) => h.name.toLowerCase() === LANTERN_SIGNATURE_HEADER.toLowerCase());
    if (headers.length !== 1) return false;
    const m = VALUE.exec(headers[0]!.value.trim());
    if (!m) return false;
    const [, nonce, time, given] = m as unknown as [string, string, string, string];
    const received = message.receivedDateTime ? Date.parse(message.receivedDateTime) / 1000 : Number.NaN;
    if (Number.isFinite(received) && (Number(time) > received + SKEW_S || Number(time) < received - MAX_AGE_S)) return false;
    const recipients = [...recipientsOf(message.toRecipients), ...recipientsOf(message.ccRecipients)];
    // The signature names the address Lantern sent as; any of the mailbox's addresses may show as From.
    for (const address of this.mailbox.addresses) {
      const expected = Buffer.from(this.#mac(nonce, time, address, recipients, message.subject ?? ''), 'utf8');
      const actual = Buffer.from(given, 'utf8');
      if (expected.length === actual.length && timingSafeEqual(expected, actual)) return true;
    }
    return false;
  }
}

/** A sendMail that signs every message it sends (Lantern's only way out for mail). */
export function signingSendMail(graph: SendMailApi, signer: LanternMailSigner, now: () => Date): SendMailApi {
  return {
    async sendMail(userId, message, saveToSentItems) {
      if (!isObj(message)) throw new Error('sendMail needs a message object');
      await graph.sendMail(userId, signer.sign(message as OutgoingMessage, now()), saveToSentItems);
    },
  };
}
