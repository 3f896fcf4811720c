// Builds the add-in's pages with Vite (programmatically: tests and benchmarks build into a temp directory).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'vite';
import { addinConfig } from '../../vite.config.ts';
import { buildProgressPlugin, type BuildProgress } from './build-progress.ts';

export interface BuiltAddin {
  outDir: string;
  /** Vite's build manifest (.vite/manifest.json): entry and chunk files per source. */
  manifest: Record<string, { file: string; src?: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[]; css?: string[] }>;
}

export async function buildAddin(options: { outDir: string; pages?: readonly string[]; onProgress?: (p: BuildProgress) => void }): Promise<BuiltAddin> {
  const config = addinConfig({ outDir: options.outDir, ...(options.pages ? { pages: options.pages } : {}) });
  const plugins = options.onProgress ? [...(config.plugins ?? []), buildProgressPlugin(options.onProgress)] : config.plugins;
  await build({ ...config, ...(plugins ? { plugins } : {}), ...(options.onProgress ? { logLevel: 'warn' as const } : {}), configFile: false });
  const manifest = JSON.parse(await readFile(join(options.outDir, '.vite', 'manifest.json'), 'utf8')) as BuiltAddin['manifest'];
  return { outDir: options.outDir, manifest };
}

/** Files the browser loads for an HTML entry ("taskpane.html"): its entry chunk and every static import. */
export function entryFiles(manifest: BuiltAddin['manifest'], htmlEntry: string): string[] {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imp of chunk.imports ?? []) visit(imp);
  };
  visit(htmlEntry);
  if (files.size === 0) throw new Error(`no entry ${htmlEntry} in the Vite manifest`);
  return [...files];
}
