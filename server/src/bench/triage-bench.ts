// `lantern bench triage`: report triage on a generated tenant (two weeks of history, one week of reports),
// with and without the identity signal, in a throw-away SQLite store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { openStore } from '../store/open-store.ts';
import { defaultTriageEvalOptions, evaluateTriage, type TriageEvalOptions } from '../triage/evaluate.ts';
import type { TriageTables } from '../triage/triage-tables.ts';

export async function benchTriage(opts: Partial<TriageEvalOptions> = {}): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-triage-bench-'));
  try {
    const out: Record<string, number | string> = {};
    for (const identitySignal of [true, false]) {
      const store = await openStore({ kind: 'sqlite', file: join(dir, `${identitySignal ? 'with' : 'without'}.db`) });
      try {
        const figures = await evaluateTriage(store.db as unknown as Kysely<TriageTables>, { ...defaultTriageEvalOptions, ...opts, identitySignal });
        const suffix = identitySignal ? '' : '_without_identity_signal';
        for (const [k, v] of Object.entries(figures)) if (k !== 'identity_signal') out[`${k}${suffix}`] = v;
      } finally {
        await store.close();
      }
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
