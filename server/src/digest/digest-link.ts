// Signed, expiring, single-use action links for held-mail digests. A token is
// base64url(JSON payload) "." base64url(HMAC-SHA256(secret, "lantern-digest-v1." + payload)), bound to one user,
// one held message and one action. Single use is enforced by the store (digest_used_links), not here.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type DigestAction = 'release' | 'request-release' | 'report';
export const DIGEST_ACTIONS: readonly DigestAction[] = ['release', 'request-release', 'report'];

export interface DigestLinkClaims {
  /** Link id (random), recorded when used. */
  jti: string;
  /** The mailbox owner's user id, and their UPN (for the mailbox module's AuthUser). */
  sub: string;
  upn: string;
  /** The held message's id in that mailbox. */
  mid: string;
  act: DigestAction;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export type DigestLinkProblem = 'malformed' | 'bad-signature' | 'expired' | 'used';

export class DigestLinkError extends Error {
  readonly problem: DigestLinkProblem;
  constructor(problem: DigestLinkProblem, message: string) {
    super(message);
    this.name = 'DigestLinkError';
    this.problem = problem;
  }
}

/** Tokens longer than this are refused before any work. */
export const MAX_TOKEN_LENGTH = 2048;
const CONTEXT = 'lantern-digest-v1.';
const MIN_SECRET_BYTES = 32;

function mac(secret: Buffer, payload: string): Buffer {
  return createHmac('sha256', secret).update(CONTEXT + payload).digest();
}

export function checkSecret(secret: Buffer): void {
  if (secret.length < MIN_SECRET_BYTES) throw new RangeError(`the digest link secret must be at least ${MIN_SECRET_BYTES} bytes`);
}

export function signDigestLink(
  secret: Buffer,
  claims: Omit<DigestLinkClaims, 'jti' | 'exp'> & { jti?: string },
  now: Date,
  ttlSeconds: number,
): string {
  checkSecret(secret);
  const full: DigestLinkClaims = {
    jti: claims.jti ?? randomBytes(16).toString('hex'),
    sub: claims.sub,
    upn: claims.upn,
    mid: claims.mid,
    act: claims.act,
    exp: Math.floor(now.getTime() / 1000) + Math.max(1, Math.floor(ttlSeconds)),
  };
  const payload = Buffer.from(JSON.stringify(full)).toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

function isClaims(v: unknown): v is DigestLinkClaims {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  const str = (k: string, max: number) => typeof o[k] === 'string' && (o[k] as string).length > 0 && (o[k] as string).length <= max;
  return (
    str('jti', 64) && str('sub', 256) && str('upn', 512) && str('mid', 512) &&
    typeof o.act === 'string' && (DIGEST_ACTIONS as readonly string[]).includes(o.act) &&
    typeof o.exp === 'number' && Number.isFinite(o.exp)
  );
}

/** Checks format, signature (constant time) and expiry; returns the claims. Does not check single use. */
export function verifyDigestLink(secret: Buffer, token: string, now: Date): DigestLinkClaims {
  checkSecret(secret);
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) throw new DigestLinkError('malformed', 'This link is not valid.');
  const m = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m || !m[1] || !m[2]) throw new DigestLinkError('malformed', 'This link is not valid.');
  const given = Buffer.from(m[2], 'base64url');
  const expected = mac(secret, m[1]);
  // Canonical encoding only: the last of 43 characters carries 4 bits, so 4 spellings decode to the same MAC;
  // only the one Lantern writes is accepted (a link has exactly one valid form).
  const canonical = given.toString('base64url') === m[2];
  if (!canonical || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new DigestLinkError('bad-signature', 'This link is not valid: it was changed or not issued by Lantern.');
  }
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8'));
  } catch {
    throw new DigestLinkError('malformed', 'This link is not valid.');
  }
  if (!isClaims(claims)) throw new DigestLinkError('malformed', 'This link is not valid.');
  if (claims.exp * 1000 <= now.getTime()) throw new DigestLinkError('expired', 'This link has expired. Open Lantern in Outlook, or wait for your next digest.');
  return claims;
}
