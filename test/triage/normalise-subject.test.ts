import { describe, expect, it } from 'vitest';
import { normaliseSubject } from '../../server/src/triage/normalise-subject.ts';

describe('normaliseSubject', () => {
  it('makes the same lure with different numbers, names and prefixes equal', () => {
    const a = normaliseSubject('RE: [EXTERNAL] Invoice 4471 for Alice Martin', ['Alice Martin']);
    const b = normaliseSubject('Fwd: Invoice #9921-22 for Bob Stone', ['Bob Stone']);
    expect(a).toBe(b);
    expect(a).toContain('invoice');
  });
  it('keeps different subjects apart and handles empty input', () => {
    expect(normaliseSubject('Quarterly results')).not.toBe(normaliseSubject('Password expiry notice'));
    expect(normaliseSubject(null)).toBe('');
  });
});
