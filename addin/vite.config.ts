// Vite build of the add-in's pages. Every *.html at addin/ is an entry (taskpane.html, demo.html, and the
// SOC console's console.html when it lands), served by the backend under /addin/.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';

export const addinRoot = dirname(fileURLToPath(import.meta.url));

/** The HTML entry points: every .html file directly under addin/. */
export function htmlEntries(root: string = addinRoot): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const name of readdirSync(root)) {
    if (name.endsWith('.html')) entries[name.slice(0, -'.html'.length)] = join(root, name);
  }
  return entries;
}

function pickPages(entries: Record<string, string>, pages: readonly string[] | undefined): Record<string, string> {
  if (!pages) return entries;
  const picked: Record<string, string> = {};
  for (const page of pages) {
    const file = entries[page];
    if (!file) throw new Error(`no page ${page}.html under addin/ (have: ${Object.keys(entries).join(', ')})`);
    picked[page] = file;
  }
  return picked;
}

export interface AddinConfigOptions {
  outDir?: string;
  /** Backend origin the dev server proxies /api and /demo to. */
  apiTarget?: string;
  devPort?: number;
  /** Build only these pages (e.g. ['taskpane', 'demo']); default: every *.html under addin/. */
  pages?: readonly string[];
  /** PEM certificate and key for the dev server: Outlook loads add-ins only over https. */
  devTls?: { certFile: string; keyFile: string } | null;
}

export function addinConfig(options: AddinConfigOptions = {}): UserConfig {
  const apiTarget = options.apiTarget ?? 'http://127.0.0.1:3001';
  return {
    root: addinRoot,
    base: '/addin/',
    publicDir: join(addinRoot, 'public'),
    logLevel: 'warn',
    build: {
      outDir: options.outDir ?? resolve(addinRoot, 'dist'),
      emptyOutDir: true,
      manifest: true,
      // Fluent UI plus React is one ~500 kB (≈150 kB gzip) chunk; the add-in benchmark holds the gzip budget.
      chunkSizeWarningLimit: 1024,
      target: 'es2022',
      sourcemap: false,
      rollupOptions: {
        input: pickPages(htmlEntries(), options.pages),
        onwarn(warning, warn) {
          // Fluent UI's packages start with "use client" (React Server Components); meaningless in a browser bundle.
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
          warn(warning);
        },
      },
    },
    server: {
      port: options.devPort ?? 3000,
      strictPort: true,
      ...(options.devTls ? { https: { cert: readFileSync(options.devTls.certFile), key: readFileSync(options.devTls.keyFile) } } : {}),
      proxy: {
        '/api': { target: apiTarget, changeOrigin: true, secure: false },
        '/demo/api': { target: apiTarget, changeOrigin: true, secure: false },
      },
    },
  };
}

// Vite's CLI loads the config through its default export (this file is the dev server's entry point, so it
// is where the environment is read): LANTERN_API_URL is the backend to proxy to, LANTERN_DEV_CERT and
// LANTERN_DEV_KEY the dev server's TLS certificate and key.
const env = process.env;
export default defineConfig(
  addinConfig({
    ...(env['LANTERN_API_URL'] ? { apiTarget: env['LANTERN_API_URL'] } : {}),
    devTls: env['LANTERN_DEV_CERT'] && env['LANTERN_DEV_KEY'] ? { certFile: env['LANTERN_DEV_CERT'], keyFile: env['LANTERN_DEV_KEY'] } : null,
  }),
);
