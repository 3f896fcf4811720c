// Scores a labelled corpus (phish/ and ham/ folders of .eml) and summarises how the scorer does on each side.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MailVerdict } from '@lantern/shared/assessment';
import { assessMail } from './assess.ts';
import type { MailContext } from './mail-context.ts';
import { defaultMailPolicy, type MailPolicy } from './mail-policy.ts';
import { parseMime } from './parse.ts';

export interface CorpusItem {
  file: string;
  label: 'phish' | 'ham';
  score: number | null;
  verdict: MailVerdict | null;
  codes: string[];
  error: string | null;
  ms: number;
}

export interface SideSummary {
  total: number;
  errors: number;
  flagged: number;
  lockedOrHeld: number;
  verdicts: Record<MailVerdict, number>;
  /** Detection code → number of messages on this side it fired on. */
  topReasons: Array<{ code: string; count: number }>;
}

export interface CorpusEvaluation {
  phish: SideSummary;
  ham: SideSummary;
  phishFlaggedRate: number;
  hamFlaggedRate: number;
  hamLockedOrHeldRate: number;
  items: CorpusItem[];
}

function summarise(items: CorpusItem[]): SideSummary {
  const verdicts: Record<MailVerdict, number> = { deliver: 0, tag: 0, 'lock-links': 0, hold: 0 };
  const reasons = new Map<string, number>();
  let errors = 0;
  for (const i of items) {
    if (!i.verdict) {
      errors++;
      continue;
    }
    verdicts[i.verdict]++;
    for (const c of i.codes) reasons.set(c, (reasons.get(c) ?? 0) + 1);
  }
  return {
    total: items.length,
    errors,
    flagged: verdicts.tag + verdicts['lock-links'] + verdicts.hold,
    lockedOrHeld: verdicts['lock-links'] + verdicts.hold,
    verdicts,
    topReasons: [...reasons].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
  };
}

async function emlFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names.filter((n) => n.toLowerCase().endsWith('.eml')).sort().map((n) => join(dir, n));
}

/** Assesses every .eml under corpusDir/phish and corpusDir/ham. `now` is injected for timing (performance.now by default). */
export async function evaluateCorpus(
  corpusDir: string,
  options: { context?: MailContext; policy?: MailPolicy; now?: () => number; onProgress?: (done: number, total: number) => void } = {},
): Promise<CorpusEvaluation> {
  const now = options.now ?? (() => performance.now());
  const policy = options.policy ?? defaultMailPolicy;
  const sides: Array<['phish' | 'ham', string[]]> = [
    ['phish', await emlFiles(join(corpusDir, 'phish'))],
    ['ham', await emlFiles(join(corpusDir, 'ham'))],
  ];
  const total = sides.reduce((s, [, f]) => s + f.length, 0);
  const items: CorpusItem[] = [];
  for (const [label, files] of sides) {
    for (const file of files) {
      const raw = await readFile(file);
      const t0 = now();
      try {
        const a = assessMail(await parseMime(raw), options.context ?? {}, policy);
        items.push({ file, label, score: a.score, verdict: a.verdict, codes: a.reasons.map((r) => r.code), error: null, ms: now() - t0 });
      } catch (err) {
        items.push({ file, label, score: null, verdict: null, codes: [], error: err instanceof Error ? err.message : String(err), ms: now() - t0 });
      }
      options.onProgress?.(items.length, total);
    }
  }
  const phish = summarise(items.filter((i) => i.label === 'phish'));
  const ham = summarise(items.filter((i) => i.label === 'ham'));
  const rate = (n: number, d: number): number => (d === 0 ? 0 : n / d);
  return {
    phish,
    ham,
    phishFlaggedRate: rate(phish.flagged, phish.total),
    hamFlaggedRate: rate(ham.flagged, ham.total),
    hamLockedOrHeldRate: rate(ham.lockedOrHeld, ham.total),
    items,
  };
}
