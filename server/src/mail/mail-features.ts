// Derived facts about a ParsedMail, computed once and shared by every detection.
import { domainToASCII, domainToUnicode } from 'node:url';
import { parse as parseDomain } from 'tldts';
import type { AttachmentLink } from './attachments/attachment-content.ts';
import { linkOrigin, type LinkOrigin } from './attachments/link-origin.ts';
import { bulkSender, type BulkSender } from './bulk-sender.ts';
import { normaliseText, type Normalisation } from './text-normalise.ts';
import type { AuthenticationResults, ParsedLink, ParsedMail } from './parsed-mail.ts';

export interface LinkFeature {
  text: string;
  href: string;
  source: ParsedLink['source'];
  /** Normalised absolute URL. */
  url: string;
  /** ASCII (punycode) lower-case host. */
  host: string;
  /** The host as a reader would see it (Unicode). */
  hostUnicode: string;
  /** Registrable domain (ICANN section of the public suffix list), the IP for IP literals. */
  registrable: string;
  suffix: string;
  subdomain: string;
  isIp: boolean;
  /** Lower-case path and query, percent-decoded where possible. */
  pathAndQuery: string;
  /** The host the visible text shows when the text itself looks like a URL or domain name, else null. */
  textHost: string | null;
  /** For a link found inside an attachment (a PDF, a QR code, an invitation, an attached message): where; else null. */
  origin: LinkOrigin | null;
}

/**
 * A link in any scheme but http(s): it opens a local program (search-ms:, ms-msdt:, ms-officecmd:, file:, …), runs
 * code (javascript:, vbscript:, data:text/html) or addresses someone (mailto:, tel:). Never followed; listed and judged.
 */
export interface SchemeLink {
  text: string;
  href: string;
  source: ParsedLink['source'];
  /** Lower-case scheme without the colon; 'file' for a bare Windows path or UNC path (C:\…, \\host\share). */
  scheme: string;
  /** The target with control characters removed, at most 2,048 characters. */
  url: string;
  /** A remote host the target names (file://host, \\host\share, a search-ms: location), or ''. */
  hostUnicode: string;
}

export interface MailFeatures {
  mail: ParsedMail;
  fromAddress: string | null;
  fromName: string;
  /** ASCII lower-case From domain. */
  fromDomain: string | null;
  fromRegistrable: string | null;
  replyToAddresses: string[];
  replyToRegistrables: string[];
  /** The topmost Authentication-Results, stamped by the receiving boundary; null when none. */
  auth: AuthenticationResults | null;
  /** http(s) links, deduplicated by (url, text). */
  links: LinkFeature[];
  /** Links in every other scheme, deduplicated by (url, text). */
  schemeLinks: SchemeLink[];
  /** Subject and body text, folded for phrase matching (normalised, lower case, accents removed, whitespace collapsed, ≤ 100 000 chars). */
  content: string;
  /** The subject folded the same way. */
  subject: string;
  /** Text read from attachments (PDF text, invitations, attached messages), folded; also part of `content`. */
  attachmentText: string;
  /** What normalising the subject, sender name and body undid (invisible characters, foreign marks, look-alikes): the text itself is `content`. */
  normalisation: Omit<Normalisation, 'text'>;
  /** Whether the message was mass-mailed, and the domains of the sender's own sending and tracking infrastructure. */
  bulk: BulkSender;
}

/** Normalised (see text-normalise.ts: invisible characters, marks on Latin letters, look-alikes, compatibility forms), lower case, whitespace collapsed. */
export function fold(s: string): string {
  return normaliseText(s).text.toLowerCase().replace(/\s+/g, ' ');
}

export interface DomainParts {
  registrable: string;
  suffix: string;
  subdomain: string;
  isIp: boolean;
}

const domainCache = new Map<string, DomainParts>();

export function domainParts(host: string): DomainParts {
  const hit = domainCache.get(host);
  if (hit) return hit;
  const p = parseDomain(host);
  const parts: DomainParts = p.isIp
    ? { registrable: host, suffix: '', subdomain: '', isIp: true }
    : { registrable: p.domain ?? host, suffix: p.publicSuffix ?? '', subdomain: p.subdomain ?? '', isIp: false };
  if (domainCache.size > 50_000) domainCache.clear();
  domainCache.set(host, parts);
  return parts;
}

export function registrableOf(domain: string | null | undefined): string | null {
  if (!domain) return null;
  const ascii = domainToASCII(domain) || domain;
  return domainParts(ascii.toLowerCase()).registrable;
}

const urlLike = /^(?:https?:\/\/)?((?:[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff-]{0,62})\.)+[a-z\u00a1-\uffff]{2,24})(?::\d+)?(?:[/?#]\S*)?$/i;
// names in text that are files, not domains (several are also TLDs: .so, .sh, .py, .md, .rs, .zip, .mov)
const commonFileExt = /\.(pdf|docx?|xlsx?|pptx?|zip|png|jpe?g|gif|txt|csv|html?|exe|iso|msg|eml|so|sh|py|md|rs|go|js|json|log|xml|ya?ml|cpp|hpp|bin|img|tar|gz|bz2|xz|deb|rpm|dll|mov|ini|cfg|conf)$/i;

function textHostOf(text: string): string | null {
  let t = text.trim().replace(/[.,;:!]+$/, '');
  if (/^https?:\/\//i.test(t)) {
    try {
      const inner = unwrapRewrittenLink(new URL(t));
      if (inner && /^https?:\/\//i.test(inner)) t = inner;
    } catch {
      // not a URL after all: judged as text below
    }
  }
  if (t.length > 300 || /\s/.test(t)) return null;
  const m = urlLike.exec(t);
  if (!m || !m[1]) return null;
  if (!/^https?:\/\//i.test(t) && commonFileExt.test(t)) return null;
  const host = (domainToASCII(m[1].toLowerCase()) || m[1].toLowerCase()).replace(/^www\./, '');
  const p = parseDomain(host);
  return p.domain && p.isIcann ? host : null;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Security gateways rewrite links (Microsoft Safe Links, Proofpoint URL Defense): judge the link they protect,
 * not the gateway. Returns the wrapped URL, or null when `u` is not a rewritten link.
 */
export function unwrapRewrittenLink(u: URL): string | null {
  const host = u.hostname.toLowerCase();
  if (host.endsWith('.safelinks.protection.outlook.com')) return u.searchParams.get('url');
  if (host === 'urldefense.com' || host === 'urldefense.proofpoint.com') {
    const v3 = /^\/v3\/__(.+?)__;/.exec(u.pathname + u.search);
    if (v3?.[1]) return v3[1];
    const v2 = u.searchParams.get('u');
    if (v2) return safeDecode(v2.replace(/-/g, '%').replace(/_/g, '/'));
  }
  return null;
}

/** Every link read from attachments and from images in the body, in attachment order. */
export function attachmentLinks(mail: ParsedMail): AttachmentLink[] {
  const out: AttachmentLink[] = [];
  for (const a of mail.attachments) if (a.content) out.push(...a.content.links);
  if (mail.bodyContent) out.push(...mail.bodyContent.links);
  return out;
}

function linkFeature(l: ParsedLink, origin: LinkOrigin | null = null): LinkFeature | null {
  let href = l.href.trim().replace(/[\u0000-\u001f\u007f]/g, '');
  if (/^www\./i.test(href)) href = 'http://' + href;
  if (!/^https?:\/\//i.test(href)) return null;
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    return null;
  }
  for (let depth = 0; depth < 3; depth++) {
    const inner = unwrapRewrittenLink(u);
    if (!inner || !/^https?:\/\//i.test(inner)) break;
    try {
      u = new URL(inner);
    } catch {
      break;
    }
  }
  const host = u.hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (!host) return null;
  const parts = domainParts(host);
  return {
    text: l.text,
    href: l.href,
    source: l.source,
    url: u.href,
    host,
    hostUnicode: domainToUnicode(host) || host,
    ...parts,
    pathAndQuery: safeDecode(u.pathname + u.search).toLowerCase().slice(0, 4000),
    textHost: l.source === 'text' ? null : textHostOf(l.text),
    origin,
  };
}

const schemePattern = /^([a-z][a-z0-9+.-]{0,39}):/i;

/** The remote host a local-program target names: file://host/…, \\host\share, location:\\host in search-ms:. */
function remoteHostOf(target: string): string {
  const decoded = safeDecode(target);
  const m = /(?:\\\\|\b(?:https?|file|ftp|smb|davwwwroot):\/\/(?!\/))([^\\/?#&|\s]{1,253})/i.exec(decoded);
  const host = m?.[1]?.replace(/@.*$/, '').toLowerCase() ?? '';
  return host === 'localhost' ? '' : host;
}

function schemeLink(l: ParsedLink): SchemeLink | null {
  const href = l.href.trim().replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  let scheme: string;
  if (/^\\\\|^[a-z]:[\\/]/i.test(href)) scheme = 'file';
  else {
    const m = schemePattern.exec(href);
    if (!m?.[1]) return null; // relative link or fragment: not a way out of the message
    scheme = m[1].toLowerCase();
  }
  if (scheme === 'http' || scheme === 'https') return null;
  const url = href.slice(0, 2048);
  return { text: l.text, href: l.href, source: l.source, scheme, url, hostUnicode: scheme === 'mailto' || scheme === 'tel' ? '' : remoteHostOf(url) };
}

export function mailFeatures(mail: ParsedMail): MailFeatures {
  const fromDomain = mail.from?.domain ? (domainToASCII(mail.from.domain) || mail.from.domain).toLowerCase() : null;
  const fromRegistrable = fromDomain ? domainParts(fromDomain).registrable : null;
  const links: LinkFeature[] = [];
  const seen = new Set<string>();
  const schemeLinks: SchemeLink[] = [];
  for (const l of mail.links) {
    const f = linkFeature(l);
    const other = f ? null : schemeLink(l);
    const key = (f?.url ?? other?.url ?? '') + '\u0000' + l.text;
    if (seen.has(key)) continue;
    seen.add(key);
    if (f) links.push(f);
    else if (other) schemeLinks.push(other);
  }
  const bodyUrls = new Set(links.map((l) => l.url));
  for (const a of attachmentLinks(mail)) {
    if (links.length >= 1000) break;
    const f = linkFeature({ href: a.href, text: a.text, source: a.source ?? 'text' }, linkOrigin(a));
    // a link also in the body is judged as the body's; the attachment adds nothing new
    if (!f || bodyUrls.has(f.url)) continue;
    const key = f.url + '\u0000' + f.text;
    if (seen.has(key)) continue;
    seen.add(key);
    links.push(f);
  }
  // folded as the body is (fold = normaliseText, lower case, whitespace collapsed)
  const attachmentText = fold(
    mail.attachments
      .map((a) => a.content?.text ?? '')
      .filter((t) => t)
      .join('\n')
      .slice(0, 50_000),
  );
  const body = mail.text.length >= mail.htmlText.length * 0.3 || !mail.htmlText ? mail.text : mail.htmlText;
  const subjectN = normaliseText(mail.subject ?? '');
  const bodyN = normaliseText(body.slice(0, 100_000));
  const nameN = normaliseText(mail.from?.name ?? '');
  const subject = subjectN.text.toLowerCase().replace(/\s+/g, ' ');
  const replyTo = mail.replyTo.map((r) => r.address).filter((a): a is string => !!a);
  return {
    mail,
    fromAddress: mail.from?.address ?? null,
    fromName: mail.from?.name ?? '',
    fromDomain,
    fromRegistrable,
    replyToAddresses: replyTo,
    replyToRegistrables: mail.replyTo.map((r) => registrableOf(r.domain)).filter((d): d is string => !!d),
    auth: mail.authentication[0] ?? null,
    links,
    schemeLinks,
    content: (subject + '\n' + bodyN.text.toLowerCase().replace(/\s+/g, ' ') + (attachmentText ? '\n' + attachmentText : '')).slice(0, 150_000),
    subject,
    attachmentText,
    normalisation: {
      invisible: subjectN.invisible + bodyN.invisible + nameN.invisible,
      foreignMarks: subjectN.foreignMarks + bodyN.foreignMarks + nameN.foreignMarks,
      confusables: subjectN.confusables + bodyN.confusables + nameN.confusables,
      compatibility: subjectN.compatibility + bodyN.compatibility + nameN.compatibility,
    },
    bulk: bulkSender(mail, fromRegistrable),
  };
}
