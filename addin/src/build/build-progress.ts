// Build progress as lines a terminal can show while Vite builds the add-in pages (the first start used to
// spend over a minute with one line of output): modules transformed so far, then chunks, then files written.
import type { Plugin } from 'vite';

export type BuildPhase = 'start' | 'transform' | 'render' | 'write' | 'done';
export interface BuildProgress {
  phase: BuildPhase;
  /** Modules transformed so far. */
  modules: number;
  /** Files written (phase 'done'). */
  files: number;
  /** Milliseconds since the build started. */
  elapsedMs: number;
}

/** One short line per progress report, e.g. "building the add-in: 1,200 modules transformed (14s)". */
export function progressLine(p: BuildProgress): string {
  const t = `(${Math.round(p.elapsedMs / 1000)}s)`;
  switch (p.phase) {
    case 'start':
      return 'building the add-in: starting';
    case 'transform':
      return `building the add-in: ${p.modules.toLocaleString('en-US')} modules transformed ${t}`;
    case 'render':
      return `building the add-in: ${p.modules.toLocaleString('en-US')} modules, bundling and minifying ${t}`;
    case 'write':
      return `building the add-in: writing files ${t}`;
    case 'done':
      return `building the add-in: done, ${p.files} files ${t}`;
  }
}

/**
 * A Vite plugin calling `report` at each phase and every `every` transformed modules (and at most once per
 * `minIntervalMs` during the transform phase, so a fast machine is not flooded). `now` is injected for tests.
 */
export function buildProgressPlugin(report: (p: BuildProgress) => void, options: { every?: number; minIntervalMs?: number; now?: () => number } = {}): Plugin {
  const every = options.every ?? 500;
  const minInterval = options.minIntervalMs ?? 2_000;
  const now = options.now ?? (() => performance.now());
  let started = 0;
  let modules = 0;
  let lastReport = 0;
  const emit = (phase: BuildPhase, files = 0) => report({ phase, modules, files, elapsedMs: now() - started });
  return {
    name: 'lantern-build-progress',
    apply: 'build',
    buildStart() {
      started = now();
      modules = 0;
      lastReport = started;
      emit('start');
    },
    transform() {
      modules++;
      if (modules % every === 0 && now() - lastReport >= minInterval) {
        lastReport = now();
        emit('transform');
      }
      return null;
    },
    renderStart() {
      emit('render');
    },
    generateBundle() {
      emit('write');
    },
    writeBundle(_options, bundle) {
      emit('done', Object.keys(bundle).length);
    },
  };
}
