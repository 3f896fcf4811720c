// Measures how long generating (and optionally writing) a scenario takes: the figures the benchmarks report.
import type { GeneratorOptions } from './options.ts';
import { generateScenario } from './generate.ts';
import { writeScenario } from './write-scenario.ts';

export interface GenerationMeasure {
  users: number;
  days: number;
  signIns: number;
  messages: number;
  generateMs: number;
  generateCpuMs: number;
  writeMs: number | null;
  heapUsedMb: number;
}

/** Generates `options` once (writing to `writePath` if given) and reports times and sizes. */
export async function measureGeneration(options: GeneratorOptions, writePath?: string): Promise<GenerationMeasure> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const scenario = generateScenario(options);
  const used = process.cpuUsage(cpu);
  const generateMs = performance.now() - started;
  const heapUsedMb = Math.round(process.memoryUsage().heapUsed / 1e6);
  let writeMs: number | null = null;
  if (writePath) {
    const w = performance.now();
    await writeScenario(writePath, scenario);
    writeMs = Math.round(performance.now() - w);
  }
  return {
    users: options.users,
    days: options.days,
    signIns: scenario.signIns?.length ?? 0,
    messages: scenario.messages?.length ?? 0,
    generateMs: Math.round(generateMs),
    generateCpuMs: Math.round((used.user + used.system) / 1000),
    writeMs,
    heapUsedMb,
  };
}
