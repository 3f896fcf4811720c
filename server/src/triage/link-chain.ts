// A link's full structure as far as the message itself reveals it: wrappers (Safe Links, Proofpoint v1–v3,
// Barracuda, Google/Facebook/LinkedIn redirectors), redirect parameters (url=, u=, redirect=, ... also
// base64-encoded), shorteners and file-sharing hops. Nothing here fetches anything: an attacker's URL is
// never requested. A shortener's target stays unknown unless the link's visible text names it.
import { getDomain, parse as parseHost } from 'tldts';

export type HopKind = 'original' | 'wrapper' | 'redirect-param' | 'base64-param' | 'shortener';

export interface LinkHop {
  kind: HopKind;
  url: string;
  host: string;
  /** Which wrapper or parameter produced this hop ("safelinks", "proofpoint-v2", "param:url", ...). */
  via: string | null;
}

export interface LinkChain {
  /** The link as written in the message. */
  original: string;
  /** Every hop from the original to the deepest destination the message reveals, original first. */
  hops: LinkHop[];
  /** The deepest destination the message reveals. */
  finalUrl: string;
  finalHost: string;
  /** Registrable domain of the final host (or the host itself for IPs and unknown suffixes). */
  finalDomain: string;
  /** A shortener whose target the message does not reveal. */
  unresolvedShortener: boolean;
  /** Some hop is a file-sharing or document-hosting service (DocSend, Dropbox, Drive, ...). */
  fileShare: boolean;
  /** Number of open-redirect hops (not counting the security wrappers a mail filter added). */
  redirects: number;
  /** The final host is an IP literal. */
  ipHost: boolean;
}

/** Bounds: links longer than this are cut; chains deeper than this stop. */
export const MAX_LINK_LENGTH = 8192;
export const MAX_HOPS = 8;

/** Security wrappers added by mail filters, keyed by host suffix; the value names the wrapped parameter. */
const WRAPPERS: { suffix: string; name: string; param?: string; decode?: (u: URL) => string | null }[] = [
  { suffix: 'safelinks.protection.outlook.com', name: 'safelinks', param: 'url' },
  { suffix: 'safelinks.protection.office365.us', name: 'safelinks', param: 'url' },
  { suffix: 'urldefense.proofpoint.com', name: 'proofpoint', decode: decodeProofpointV1V2 },
  { suffix: 'urldefense.com', name: 'proofpoint-v3', decode: decodeProofpointV3 },
  { suffix: 'linkprotect.cudasvc.com', name: 'barracuda', param: 'a' },
];

/** Redirectors that are legitimate services but pass any destination through. */
const REDIRECTORS: { host: string; path?: RegExp; param: string; name: string }[] = [
  { host: 'www.google.com', path: /^\/url$/, param: 'q', name: 'google-redirect' },
  { host: 'google.com', path: /^\/url$/, param: 'q', name: 'google-redirect' },
  { host: 'l.facebook.com', param: 'u', name: 'facebook-redirect' },
  { host: 'lm.facebook.com', param: 'u', name: 'facebook-redirect' },
  { host: 'www.linkedin.com', path: /^\/redir/, param: 'url', name: 'linkedin-redirect' },
  { host: 'www.youtube.com', path: /^\/redirect$/, param: 'q', name: 'youtube-redirect' },
  { host: 'slack-redir.net', param: 'url', name: 'slack-redirect' },
];

/** Query parameters that commonly carry a redirect destination (lower-cased). */
const REDIRECT_PARAMS = [
  'url', 'u', 'redirect', 'redirect_uri', 'redirect_url', 'redirecturl', 'redir', 'target', 'dest', 'destination',
  'next', 'goto', 'link', 'return', 'returnurl', 'return_url', 'continue', 'to', 'r', 'q', 'out', 'view',
];

export const SHORTENER_HOSTS: ReadonlySet<string> = new Set([
  'bit.ly', 'bitly.com', 'tinyurl.com', 't.co', 'goo.gl', 'ow.ly', 'is.gd', 'buff.ly', 'rebrand.ly', 'cutt.ly',
  'shorturl.at', 'rb.gy', 'tiny.cc', 't.ly', 'bl.ink', 's.id', 'v.gd', 'shorte.st', 'adf.ly', 'qrco.de', 'lnkd.in',
  '1drv.ms', 'aka.ms', 'tiny.one', 'surl.li', 'clck.ru',
]);

/** File-sharing and document-hosting services, matched on the host or its registrable domain. */
export const FILE_SHARE_DOMAINS: ReadonlySet<string> = new Set([
  'docsend.com', 'dropbox.com', 'dropboxusercontent.com', 'box.com', 'wetransfer.com', 'we.tl', 'mediafire.com',
  'sendspace.com', 'onedrive.live.com', 'sharepoint.com', 'drive.google.com', 'docs.google.com', 'sites.google.com',
  'firebasestorage.googleapis.com', 'storage.googleapis.com', 'ipfs.io', 'dweb.link', 'notion.site', 'canva.com',
  'sway.office.com', 'forms.office.com', 'forms.gle', 'jotform.com', 'typeform.com', 'pcloud.com', 'mega.nz',
  'filemail.com', 'smash.gg', 'hightail.com', 'egnyte.com', 'sharefile.com', 'adobe.com', 'acrobat.adobe.com',
  'web.core.windows.net', 'blob.core.windows.net', 'r2.dev', 'pages.dev', 'glitch.me', 'weebly.com', 'wixsite.com',
]);

function safeUrl(raw: string): URL | null {
  const s = raw.trim().slice(0, MAX_LINK_LENGTH);
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

function hostOf(u: URL): string {
  return u.hostname.toLowerCase().replace(/\.$/, '').replace(/^\[|\]$/g, '');
}

/** Registrable domain of a host; the host itself for IPs and hosts without a known public suffix. */
export function registrableDomain(host: string): string {
  const h = host.toLowerCase();
  const p = parseHost(h);
  if (p.isIp) return h;
  return getDomain(h) ?? h;
}

export function isFileShareHost(host: string): boolean {
  const h = host.toLowerCase();
  if (FILE_SHARE_DOMAINS.has(h) || FILE_SHARE_DOMAINS.has(registrableDomain(h))) return true;
  for (const d of FILE_SHARE_DOMAINS) if (h.endsWith('.' + d)) return true;
  return false;
}

function matchesSuffix(host: string, suffix: string): boolean {
  return host === suffix || host.endsWith('.' + suffix);
}

function paramCaseless(u: URL, name: string): string | null {
  for (const [k, v] of u.searchParams) if (k.toLowerCase() === name) return v;
  return null;
}

function asHttpUrl(value: string): string | null {
  const v = value.trim();
  if (/^https?:\/\//i.test(v)) return safeUrl(v) ? v : null;
  // Some redirectors drop the scheme: "//evil.example/x" or "www.evil.example/x".
  if (/^\/\/[a-z0-9.-]+\.[a-z]{2,}/i.test(v)) return safeUrl('https:' + v) ? 'https:' + v : null;
  return null;
}

function fromBase64(value: string): string | null {
  const v = value.trim();
  // "aHR0c" is base64 for "http"; accept base64url too.
  if (!/^aHR0c[A-Za-z0-9+/_=-]{8,}$/.test(v)) return null;
  try {
    const text = Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
    return asHttpUrl(text);
  } catch {
    return null;
  }
}

/** Proofpoint URL Defense v1 (`/v1/url?u=<percent-encoded>`) and v2 (`/v2/url?u=<-for-% and _-for-/>`). */
function decodeProofpointV1V2(u: URL): string | null {
  const raw = u.searchParams.get('u');
  if (!raw) return null;
  try {
    if (u.pathname.startsWith('/v2/')) {
      return decodeURIComponent(raw.replace(/-/g, '%').replace(/_/g, '/'));
    }
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Proofpoint URL Defense v3: `https://urldefense.com/v3/__<url>__;<base64url bytes>!!<signature>`. Each `*` in the
 * URL stands for the next character of the decoded bytes; `**X` stands for a run of (index of X in the base64url
 * alphabet + 2) characters.
 */
function decodeProofpointV3(u: URL): string | null {
  const whole = u.href;
  const m = /\/v3\/__(.+?)__;([A-Za-z0-9_-]*)!/.exec(whole);
  if (!m || !m[1]) return null;
  const encoded = m[1];
  let replacement: string;
  try {
    replacement = Buffer.from((m[2] ?? '').replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  } catch {
    return null;
  }
  const chars = [...replacement];
  let out = '';
  let k = 0;
  for (let i = 0; i < encoded.length; i++) {
    const c = encoded[i];
    if (c !== '*') {
      out += c;
      continue;
    }
    if (encoded[i + 1] === '*' && i + 2 < encoded.length) {
      const run = B64URL.indexOf(encoded[i + 2] ?? '') + 2;
      out += chars.slice(k, k + run).join('');
      k += run;
      i += 2;
    } else {
      out += chars[k] ?? '';
      k += 1;
    }
  }
  return asHttpUrl(out);
}

function unwrapOnce(u: URL): { next: string; kind: HopKind; via: string } | null {
  const host = hostOf(u);
  for (const w of WRAPPERS) {
    if (!matchesSuffix(host, w.suffix)) continue;
    const target = w.decode ? w.decode(u) : w.param ? paramCaseless(u, w.param) : null;
    const next = target ? asHttpUrl(target) : null;
    if (next) return { next, kind: 'wrapper', via: w.name };
  }
  for (const r of REDIRECTORS) {
    if (host !== r.host || (r.path && !r.path.test(u.pathname))) continue;
    const v = paramCaseless(u, r.param);
    const next = v ? asHttpUrl(v) : null;
    if (next) return { next, kind: 'redirect-param', via: r.name };
  }
  for (const name of REDIRECT_PARAMS) {
    const v = paramCaseless(u, name);
    if (!v) continue;
    const direct = asHttpUrl(v);
    if (direct) return { next: direct, kind: 'redirect-param', via: `param:${name}` };
    const b64 = fromBase64(v);
    if (b64) return { next: b64, kind: 'base64-param', via: `param:${name}` };
  }
  // A destination in the fragment ("#https://...") after a redirector page.
  const frag = u.hash.slice(1);
  if (frag) {
    let decoded = frag;
    try {
      decoded = decodeURIComponent(frag);
    } catch {
      /* keep raw */
    }
    const next = asHttpUrl(decoded) ?? fromBase64(frag);
    if (next) return { next, kind: 'redirect-param', via: 'fragment' };
  }
  return null;
}

/**
 * Follow a link's structure as far as the message reveals it. `visibleText` is the anchor text: when a shortener
 * hides the target and the text itself is a URL, that URL is taken as the claimed destination (and marked as such).
 */
export function analyseLinkChain(href: string, visibleText = ''): LinkChain | null {
  const first = safeUrl(href);
  if (!first) return null;
  const hops: LinkHop[] = [{ kind: 'original', url: first.href, host: hostOf(first), via: null }];
  let current = first;
  let unresolvedShortener = false;
  const seen = new Set([first.href]);
  while (hops.length < MAX_HOPS) {
    const step = unwrapOnce(current);
    if (!step) break;
    const nextUrl = safeUrl(step.next);
    if (!nextUrl || seen.has(nextUrl.href)) break;
    seen.add(nextUrl.href);
    hops.push({ kind: step.kind, url: nextUrl.href, host: hostOf(nextUrl), via: step.via });
    current = nextUrl;
  }
  const lastHost = hostOf(current);
  if (SHORTENER_HOSTS.has(lastHost)) {
    const claimed = asHttpUrl(visibleText.trim());
    const claimedUrl = claimed ? safeUrl(claimed) : null;
    if (claimedUrl && !SHORTENER_HOSTS.has(hostOf(claimedUrl))) {
      hops.push({ kind: 'shortener', url: claimedUrl.href, host: hostOf(claimedUrl), via: `text-of:${lastHost}` });
      current = claimedUrl;
    } else {
      unresolvedShortener = true;
    }
  }
  const finalHost = hostOf(current);
  const fileShare = hops.some((h) => isFileShareHost(h.host));
  return {
    original: first.href,
    hops,
    finalUrl: current.href,
    finalHost,
    finalDomain: registrableDomain(finalHost),
    unresolvedShortener,
    fileShare,
    redirects: hops.filter((h) => h.kind === 'redirect-param' || h.kind === 'base64-param').length,
    ipHost: parseHost(finalHost).isIp === true,
  };
}
