// addin/src/build/build-progress.ts: the add-in build reports its phases and, during the long transform
// phase, a count every N modules at most once per interval. Hooks are called as Vite calls them.
import { describe, expect, it } from 'vitest';
import { buildProgressPlugin, progressLine, type BuildProgress } from '../../addin/src/build/build-progress.ts';

type Hook = (...args: unknown[]) => unknown;
const call = (plugin: object, name: string, ...args: unknown[]) => (plugin as Record<string, Hook>)[name]!(...args);

describe('build progress', () => {
  it('reports start, throttled transform counts, render, write and done with the file count', () => {
    let t = 0;
    const seen: BuildProgress[] = [];
    const plugin = buildProgressPlugin((p) => seen.push(p), { every: 10, minIntervalMs: 1_000, now: () => t });
    call(plugin, 'buildStart');
    for (let i = 0; i < 40; i++) {
      t += 100; // 10 modules per second: a report at most every 10 modules and 1 s
      call(plugin, 'transform', 'code', `m${i}.ts`);
    }
    call(plugin, 'renderStart');
    call(plugin, 'generateBundle');
    call(plugin, 'writeBundle', {}, { 'a.js': {}, 'b.css': {}, 'taskpane.html': {} });
    expect(seen.map((p) => p.phase)).toEqual(['start', 'transform', 'transform', 'transform', 'transform', 'render', 'write', 'done']);
    expect(seen.filter((p) => p.phase === 'transform').map((p) => p.modules)).toEqual([10, 20, 30, 40]);
    expect(seen.at(-1)).toMatchObject({ phase: 'done', files: 3, modules: 40, elapsedMs: 4_000 });
    expect(progressLine(seen[1]!)).toBe('building the add-in: 10 modules transformed (1s)');
    expect(progressLine(seen.at(-1)!)).toBe('building the add-in: done, 3 files (4s)');
  });

  it('does not flood a fast machine', () => {
    let t = 0;
    const seen: BuildProgress[] = [];
    const plugin = buildProgressPlugin((p) => seen.push(p), { every: 10, minIntervalMs: 1_000, now: () => t });
    call(plugin, 'buildStart');
    for (let i = 0; i < 1_000; i++) {
      t += 1;
      call(plugin, 'transform', 'code', `m${i}.ts`);
    }
    // 1,000 modules in one second: one report, not a hundred.
    expect(seen.filter((p) => p.phase === 'transform').length).toBe(1);
  });
});
