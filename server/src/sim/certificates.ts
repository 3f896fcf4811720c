// TLS material for the simulator: a private CA and a `localhost` server certificate it signs
// (SAN DNS:localhost, IP:127.0.0.1, IP:::1), made at start. Clients trust the CA explicitly
// (see trust.ts) or through NODE_EXTRA_CA_CERTS pointed at the file `persistCertificates` writes.
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import type { Clock } from '../clock.ts';

export interface Certificates {
  /** The CA certificate clients must trust. */
  caPem: string;
  /** The server certificate (leaf) and its key. */
  certPem: string;
  keyPem: string;
}

const DAY = 86_400_000;

export async function generateCertificates(clock: Clock, validDays = 30): Promise<Certificates> {
  const now = clock.now();
  const notBeforeDate = new Date(now.getTime() - DAY);
  const notAfterDate = new Date(now.getTime() + validDays * DAY);
  // ECDSA P-256: as good as RSA-2048 for a local CA and much faster to make.
  const ca = await generate([{ name: 'commonName', value: 'Lantern simulator local CA' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const leaf = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });
  return { caPem: ca.cert, certPem: leaf.cert, keyPem: leaf.private };
}

export const CA_FILE = 'lantern-sim-ca.pem';
const CERT_FILE = 'lantern-sim-cert.pem';
const KEY_FILE = 'lantern-sim-key.pem';

export interface PersistedCertificates extends Certificates {
  /** Path of the CA file (what NODE_EXTRA_CA_CERTS should point at). */
  caFile: string;
  reused: boolean;
}

/**
 * Reuses the certificates in `dir` if all three files are there and the server certificate is valid
 * for at least another day; otherwise makes new ones and writes them (key file mode 0600).
 */
export async function persistCertificates(dir: string, clock: Clock): Promise<PersistedCertificates> {
  const caFile = join(dir, CA_FILE);
  const paths = [caFile, join(dir, CERT_FILE), join(dir, KEY_FILE)] as const;
  if (paths.every((p) => existsSync(p))) {
    try {
      const [caPem, certPem, keyPem] = paths.map((p) => readFileSync(p, 'utf8')) as [string, string, string];
      const leaf = new X509Certificate(certPem);
      const ca = new X509Certificate(caPem);
      const now = clock.now().getTime();
      const keyMatches = createPublicKey(createPrivateKey(keyPem)).export({ type: 'spki', format: 'pem' }) === leaf.publicKey.export({ type: 'spki', format: 'pem' });
      if (keyMatches && leaf.checkIssued(ca) && leaf.verify(ca.publicKey) && Date.parse(leaf.validTo) > now + DAY && Date.parse(leaf.validFrom) <= now) {
        return { caPem, certPem, keyPem, caFile, reused: true };
      }
    } catch {
      // Unreadable or corrupt files are replaced below.
    }
  }
  const fresh = await generateCertificates(clock);
  mkdirSync(dir, { recursive: true });
  // Each file is replaced atomically; a reader that catches a mixed set fails the checks above and renews.
  const put = (path: string, text: string, mode: number): void => {
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, text, { mode });
    chmodSync(tmp, mode);
    renameSync(tmp, path);
  };
  put(paths[2], fresh.keyPem, 0o600);
  put(paths[1], fresh.certPem, 0o644);
  put(paths[0], fresh.caPem, 0o644);
  return { ...fresh, caFile, reused: false };
}
