// The demo's token route mints analyst tokens for anyone who asks: the demo listens on a loopback address
// unless the operator says explicitly that it may be reached from elsewhere (--allow-remote-demo).
import { isIP } from 'node:net';
import { ConfigError } from '../config.ts';

/** True for localhost, 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice('::ffff:'.length) : h;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/** Throws a one-line ConfigError when demo mode would listen beyond this machine without permission. */
export function checkDemoHost(mode: 'demo' | 'tenant', host: string, allowRemote: boolean): void {
  if (mode !== 'demo' || allowRemote || isLoopbackHost(host)) return;
  throw new ConfigError(
    `demo mode listens on loopback only: LANTERN_HOST=${host} would let anyone who reaches it mint analyst tokens; ` +
      'use 127.0.0.1, or pass --allow-remote-demo (LANTERN_ALLOW_REMOTE_DEMO=1) if that is really what you want',
  );
}
