// Digest action links have exactly one valid spelling: a signature re-encoded with other trailing bits (which
// decodes to the same MAC) is refused, as is every single-character change.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DigestLinkError, signDigestLink, verifyDigestLink } from '../../server/src/digest/digest-link.ts';

const SECRET = randomBytes(32);
const NOW = new Date('2026-03-01T10:00:00Z');
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('digest link signatures', () => {
  it('accepts the canonical signature and refuses the other spellings of the same bytes', () => {
    const token = signDigestLink(SECRET, { sub: 'u1', upn: 'u1@contoso.test', mid: 'm1', act: 'release' }, NOW, 3600);
    expect(verifyDigestLink(SECRET, token, NOW).mid).toBe('m1');
    const [payload, sig] = token.split('.') as [string, string];
    const last = ALPHABET.indexOf(sig.at(-1) ?? '');
    const variants = [1, 2, 3].map((low) => `${payload}.${sig.slice(0, -1)}${ALPHABET[(last & ~3) | ((last + low) & 3)]}`);
    for (const variant of variants) {
      // Same MAC bytes once decoded: only the spelling differs.
      expect(Buffer.from(variant.split('.')[1] ?? '', 'base64url').equals(Buffer.from(sig, 'base64url'))).toBe(true);
      expect(() => verifyDigestLink(SECRET, variant, NOW)).toThrow(DigestLinkError);
    }
  });

  it('refuses every one-character change of the signature', () => {
    const token = signDigestLink(SECRET, { sub: 'u1', upn: 'u1@contoso.test', mid: 'm1', act: 'report' }, NOW, 3600);
    const dot = token.indexOf('.');
    for (let i = dot + 1; i < token.length; i++) {
      const c = token[i] ?? 'A';
      const changed = token.slice(0, i) + (c === 'A' ? 'B' : 'A') + token.slice(i + 1);
      expect(() => verifyDigestLink(SECRET, changed, NOW), `position ${i}`).toThrow(DigestLinkError);
    }
  });
});
