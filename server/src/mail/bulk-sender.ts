// Is this message mass-mailed by an identifiable sender, and which domains are that sender's own infrastructure?
// Computed once from the headers; detections use it to tell a newsletter's own click-tracking redirect or
// subscription form from a lure. Being bulk mail is no sign of safety: scams are mass-mailed too. It only
// explains away structures that every mass mailing has.
import { domainToASCII } from 'node:url';
import { parse as parseDomain } from 'tldts';
import { bulkMailerSoftware, espOf, type EspPlatform } from './esp-platforms.ts';
import { fileSharingHosts, freeHostingSuffixes, freemailDomains, hostMatches, shortenerHosts } from './link-platforms.ts';
import type { ParsedMail } from './parsed-mail.ts';

export type BulkMark = 'unsubscribe' | 'one-click-unsubscribe' | 'precedence' | 'feedback-id' | 'platform' | 'mailer' | 'bounce-address' | 'aligned-dkim';

export interface BulkSender {
  /** Each kind of evidence found, with the concrete value, e.g. ['unsubscribe', 'List-Unsubscribe <mailto:leave-…@…>']. */
  marks: Array<[BulkMark, string]>;
  /** True when at least two different marks say the message was mass-mailed (an unsubscribe address, a mailing platform…). */
  isBulk: boolean;
  /** The mailing platforms seen sending the message (DKIM d=, Return-Path, Received), by name. */
  platforms: string[];
  /** Registrable domains of the sender's own infrastructure: From, Return-Path, DKIM signers, List-Unsubscribe hosts, sending relays, the platforms' tracking domains. */
  infrastructure: ReadonlySet<string>;
  /** The receiving server verified a DKIM signature of the From address's registrable domain. */
  alignedDkim: boolean;
  /** The receiving server's SPF, DKIM, DMARC or compauth verdict failed. */
  authFailed: boolean;
}

// Domains anyone can publish under: never "the sender's own" even when they relay or sign the message.
const bigProviders: readonly string[] = ['google.com', 'googleusercontent.com', 'outlook.com', 'office365.com', 'microsoft.com', 'onmicrosoft.com', 'amazonaws.com', 'cloudfront.net', 'windows.net'];

function registrable(host: string | null | undefined): string | null {
  if (!host) return null;
  const h = (domainToASCII(host.toLowerCase().replace(/\.$/, '')) || host).toLowerCase();
  const p = parseDomain(h);
  return !p.isIp && p.domain && p.isIcann ? p.domain : null;
}

function hostsOf(listUnsubscribe: string): { hosts: string[]; mailto: boolean; https: boolean } {
  const hosts: string[] = [];
  let mailto = false;
  let https = false;
  for (const m of listUnsubscribe.matchAll(/<\s*([^>\s]+)\s*>/g)) {
    const uri = m[1]!;
    if (/^mailto:/i.test(uri)) {
      mailto = true;
      const at = /@([^?>\s]+)/.exec(uri)?.[1];
      if (at) hosts.push(at.toLowerCase());
    } else if (/^https?:\/\//i.test(uri)) {
      https ||= /^https:/i.test(uri);
      try {
        hosts.push(new URL(uri).hostname.toLowerCase());
      } catch {
        // not a URL: ignored
      }
    }
  }
  return { hosts, mailto, https };
}

// Return-Path local parts of mailing systems (VERP and bounce handlers): bounce-lgtech-2534369, owner-list, ems+P8T5PED6, 2.20367.04-Dn9Z…
const bounceLocal = /^(bounces?|bnc|return|rp|ems|mailer|owner|msprvs\d|prvs=)[-+._=]|[-+._](bounces?|owner|request|return)([-+._@]|$)|^(?=[^@]{16,}@)(?=[^@]*\d[^@]*\d[^@]*\d)[^@]*[-+._=][^@]*@/i;

export function bulkSender(mail: ParsedMail, fromRegistrable: string | null): BulkSender {
  const marks: Array<[BulkMark, string]> = [];
  const infra = new Set<string>();
  const add = (host: string | null | undefined): void => {
    const r = registrable(host);
    if (!r || freemailDomains.has(r) || hostMatches(bigProviders, r) || hostMatches(fileSharingHosts, r) || hostMatches(freeHostingSuffixes, r) || hostMatches(shortenerHosts, r)) return;
    infra.add(r);
  };
  if (fromRegistrable) infra.add(fromRegistrable);
  const b = mail.bulk;
  if (b.listUnsubscribe) {
    const u = hostsOf(b.listUnsubscribe);
    if (u.mailto || u.https || u.hosts.length > 0) marks.push(['unsubscribe', `List-Unsubscribe ${b.listUnsubscribe.slice(0, 80)}`]);
    for (const h of u.hosts) add(h);
    if (b.listUnsubscribePost && /list-unsubscribe\s*=\s*one-click/i.test(b.listUnsubscribePost) && u.https) marks.push(['one-click-unsubscribe', 'List-Unsubscribe-Post: List-Unsubscribe=One-Click (RFC 8058)']);
  }
  if (b.precedence && /^(bulk|list)$/.test(b.precedence)) marks.push(['precedence', `Precedence: ${b.precedence}`]);
  if (b.feedbackId) marks.push(['feedback-id', `Feedback-ID ${b.feedbackId.slice(0, 60)}`]);
  const auth = mail.authentication[0] ?? null;
  const signers = auth?.dkimPassDomains.length ? auth.dkimPassDomains : b.dkimDomains;
  const platforms = new Set<EspPlatform>();
  const returnDomain = mail.returnPath?.split('@')[1] ?? null;
  const relays = mail.received.map((h) => h.from).filter((h): h is string => !!h && h.includes('.') && !/^\[?[\d.:]+\]?$/.test(h));
  for (const h of [...signers, returnDomain, ...relays]) {
    if (!h) continue;
    const e = espOf(h, 'sending');
    if (e) platforms.add(e);
  }
  for (const e of platforms) for (const d of [...e.sending, ...e.tracking]) infra.add(registrable(d) ?? d);
  if (platforms.size > 0) marks.push(['platform', `sent through ${[...platforms].map((e) => e.name).join(', ')}`]);
  const mailerHit = bulkMailerSoftware.exec(`${b.mailer ?? ''} ${mail.received.map((h) => `${h.from ?? ''} ${h.by ?? ''}`).join(' ')}`);
  if (mailerHit && platforms.size === 0) marks.push(['mailer', `mailing software ${mailerHit[0]}`]);
  if (mail.returnPath && mail.returnPath !== mail.from?.address && bounceLocal.test(mail.returnPath)) marks.push(['bounce-address', `bounce address ${mail.returnPath.slice(0, 60)}`]);
  add(returnDomain);
  for (const d of signers) add(d);
  if (mail.sender?.domain) add(mail.sender.domain);
  // the relays the message left from, as they named themselves: only for mass mail, where they are the platform's
  // a shared platform domain (onmicrosoft.com, gmail.com) signs for everyone on it: that aligns nothing
  const shared = !fromRegistrable || freemailDomains.has(fromRegistrable) || !!hostMatches(bigProviders, fromRegistrable) || !!hostMatches(freeHostingSuffixes, fromRegistrable);
  const alignedDkim = !shared && !!auth && auth.dkimPassDomains.some((d) => registrable(d) === fromRegistrable);
  if (alignedDkim) marks.push(['aligned-dkim', `DKIM signature of ${fromRegistrable} verified by the receiving server`]);
  const kinds = new Set(marks.map(([k]) => k));
  // an unsubscribe address, a Precedence header or a known mailing platform or software, and one more mark of another kind
  const isBulk = kinds.size >= 2 && (kinds.has('unsubscribe') || kinds.has('precedence') || kinds.has('platform') || kinds.has('mailer'));
  if (isBulk) for (const h of relays.slice(-3)) add(h);
  const failed = (r: string | null | undefined): boolean => r === 'fail' || r === 'softfail' || r === 'permerror';
  return {
    marks,
    isBulk,
    platforms: [...platforms].map((e) => e.name),
    infrastructure: infra,
    alignedDkim,
    authFailed: !!auth && (failed(auth.dmarc) || failed(auth.compauth) || (failed(auth.spf) && auth.dkim !== 'pass')),
  };
}
