// Vite build of the add-in's pages. Every *.html at addin/ is an entry (taskpane.html, demo.html, and the
// SOC console's console.html when it lands), served by the backend under /addin/.
import { readdirSync } from 'node:fs';
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

export interface AddinConfigOptions {
  outDir?: string;
  /** Backend origin the dev server proxies /api and /demo to. */
  apiTarget?: string;
  devPort?: number;
}

export function addinConfig(options: AddinConfigOptions = {}): UserConfig {
  const apiTarget = options.apiTarget ?? 'https://localhost:3443';
  return {
    root: addinRoot,
    base: '/addin/',
    publicDir: join(addinRoot, 'public'),
    logLevel: 'warn',
    build: {
      outDir: options.outDir ?? resolve(addinRoot, 'dist'),
      emptyOutDir: true,
      manifest: true,
      target: 'es2022',
      sourcemap: false,
      rollupOptions: {
        input: htmlEntries(),
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
      proxy: {
        '/api': { target: apiTarget, changeOrigin: true, secure: false },
        '/demo/api': { target: apiTarget, changeOrigin: true, secure: false },
      },
    },
  };
}

// Vite's CLI loads the config through its default export.
export default defineConfig(addinConfig());
