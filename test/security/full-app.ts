// The whole product as buildLantern wires it, with every optional part switched on (demo endpoints, health,
// public config, console, digests, incidents, the add-in's files), and tokens from a local issuer so the
// suite can forge every kind of bad token. Shared by the files under test/security/.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTokenVerifier } from '../../server/src/auth/token-verifier.ts';
import { ManualClock } from '../../server/src/clock.ts';
import { demoPublicConfig } from '../../server/src/routes/public-config.ts';
import { startFixture, type AppFixture, type FixtureOptions } from '../routes/app-fixture.ts';
import { CLIENT_ID, createLocalIssuer, NOW, TENANT_ID, type LocalIssuer } from '../auth/local-issuer.ts';

/** The inline script the fake task pane carries (its hash must appear in the page's policy). */
export const TASKPANE_INLINE_SCRIPT = 'window.lanternProbe = 1;';

export interface FullApp {
  fx: AppFixture;
  issuer: LocalIssuer;
  addinDir: string;
  close(): Promise<void>;
}

export async function startFullApp(options: Pick<FixtureOptions, 'failedAuthLimit' | 'rateLimit' | 'storeConfig'> = {}): Promise<FullApp> {
  const addinDir = mkdtempSync(join(tmpdir(), 'lantern-addin-'));
  writeFileSync(join(addinDir, 'taskpane.html'), `<!doctype html><html><head><script>${TASKPANE_INLINE_SCRIPT}</script></head><body></body></html>`);
  writeFileSync(join(addinDir, 'console.html'), '<!doctype html><html><head><script type="module" src="/addin/assets/console.js"></script></head><body></body></html>');
  writeFileSync(join(addinDir, 'demo.html'), '<!doctype html><html><body><iframe src="/addin/taskpane.html"></iframe></body></html>');
  const issuer = await createLocalIssuer();
  const verifier = createTokenVerifier({ tenantId: TENANT_ID, clientId: CLIENT_ID, keys: issuer.keys, clock: new ManualClock(NOW), cacheSize: 0 });
  const fx = await startFixture({
    demo: true,
    ingestion: true,
    addinDir,
    verifier,
    publicConfig: demoPublicConfig({ authority: `https://localhost:1/${TENANT_ID}/v2.0`, apiClientId: CLIENT_ID }),
    rateLimit: options.rateLimit ?? { max: 1_000_000, timeWindowMs: 60_000 },
    failedAuthLimit: options.failedAuthLimit ?? { max: 1_000_000, timeWindowMs: 60_000 },
    ...(options.storeConfig ? { storeConfig: options.storeConfig } : {}),
  });
  return {
    fx,
    issuer,
    addinDir,
    async close() {
      await fx.close();
      rmSync(addinDir, { recursive: true, force: true });
    },
  };
}

/** A concrete URL for a registered route pattern (parameters and wildcards filled in). */
export function concreteUrl(pattern: string): string {
  return pattern.replace(/:[A-Za-z]+/g, 'probe-1').replace(/\*$/, 'taskpane.html');
}
