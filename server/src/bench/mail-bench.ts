// Mail engine benchmark: parse + assess every .eml under corpusDir in one process; throughput, latency, memory.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { assessMail } from '../mail/assess.ts';
import { parseMime } from '../mail/parse.ts';

async function emlUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const p = join(dir, name);
    const s = await stat(p);
    if (s.isDirectory()) out.push(...(await emlUnder(p)));
    else if (name.toLowerCase().endsWith('.eml')) out.push(p);
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (n: number, d = 2): number => Math.round(n * 10 ** d) / 10 ** d;

/**
 * Messages are read into memory first so disk speed is not measured. Each message is parsed (mailparser) and
 * assessed; per-message wall times give p50/p99; RSS is sampled after every message. msg_per_s is wall-clock,
 * cpu_msg_per_s divides by this process's CPU time (includes garbage collection and mailparser's stream work).
 */
export async function benchMail(opts: { corpusDir: string; now?: () => number }): Promise<Record<string, number | string>> {
  const now = opts.now ?? (() => performance.now());
  const files = await emlUnder(opts.corpusDir);
  const raws = await Promise.all(files.map((f) => readFile(f)));
  const bytes = raws.reduce((s, r) => s + r.length, 0);
  // warm-up on a few messages so JIT compilation is not counted
  for (const raw of raws.slice(0, 20)) {
    try {
      assessMail(await parseMime(raw));
    } catch {
      // counted below
    }
  }
  const times: number[] = [];
  let errors = 0;
  let peakRss = process.memoryUsage.rss();
  let parseMs = 0;
  const start = now();
  const cpuStart = process.cpuUsage();
  for (const [i, raw] of raws.entries()) {
    const t0 = now();
    try {
      const mail = await parseMime(raw);
      parseMs += now() - t0;
      assessMail(mail);
    } catch {
      errors++;
    }
    times.push(now() - t0);
    if (i % 25 === 0) {
      // sampled: reading RSS costs a system call; the kernel's own peak (maxRSS) is taken at the end too
      const rss = process.memoryUsage.rss();
      if (rss > peakRss) peakRss = rss;
    }
  }
  const totalMs = now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  times.sort((a, b) => a - b);
  return {
    'mail.messages': raws.length,
    'mail.corpus_mb': round(bytes / 1024 / 1024),
    'mail.errors': errors,
    'mail.msg_per_s': round((raws.length * 1000) / totalMs, 1),
    // CPU time of this process: the throughput one core gives when the machine is shared with other work
    'mail.cpu_msg_per_s': round((raws.length * 1000) / cpuMs, 1),
    'mail.p50_ms': round(percentile(times, 50)),
    'mail.p99_ms': round(percentile(times, 99)),
    'mail.max_ms': round(times.at(-1) ?? 0),
    'mail.parse_share': round(parseMs / totalMs),
    'mail.peak_rss_mb': round(Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1024 / 1024, 1),
  };
}
