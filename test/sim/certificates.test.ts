import { X509Certificate } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/src/clock.ts';
import { persistCertificates } from '../../server/src/sim/certificates.ts';

describe('simulator certificates', () => {
  it('makes a CA and a localhost certificate it signs, persists them and reuses them until near expiry', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'lantern-certs-')), 'certs');
    const clock = new ManualClock(new Date());
    const first = await persistCertificates(dir, clock);
    expect(first.reused).toBe(false);
    const leaf = new X509Certificate(first.certPem);
    const ca = new X509Certificate(first.caPem);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(ca.ca).toBe(true);
    expect(leaf.subjectAltName).toContain('DNS:localhost');
    expect(leaf.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(leaf.checkHost('localhost')).toBe('localhost');
    expect(statSync(join(dir, 'lantern-sim-key.pem')).mode & 0o077).toBe(0);

    const again = await persistCertificates(dir, clock);
    expect(again.reused).toBe(true);
    expect(again.caPem).toBe(first.caPem);

    clock.advance(29.5 * 86_400_000);
    const renewed = await persistCertificates(dir, clock);
    expect(renewed.reused).toBe(false);
    expect(renewed.caPem).not.toBe(first.caPem);
  });
});
