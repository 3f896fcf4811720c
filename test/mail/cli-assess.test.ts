import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assessCommand } from '../../server/src/cli/assess.ts';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

async function runAssess(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await assessCommand(args, { write: (l) => out.push(l), progress: (l) => err.push(l) });
  return { code, out, err };
}

describe('lantern assess', () => {
  it('prints one JSON object per file, an error line for unparseable files, and a summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-assess-'));
    writeFileSync(join(dir, 'empty.eml'), '');
    const { code, out, err } = await runAssess(['--json', fixtures, join(dir, 'empty.eml')]);
    expect(code).toBe(0);
    const rows = out.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toHaveLength(7);
    const ok = rows.filter((r) => !('error' in r));
    for (const r of ok) {
      expect(Object.keys(r).sort()).toEqual(['file', 'narrative', 'reasons', 'score', 'verdict']);
      for (const reason of r.reasons as Array<Record<string, unknown>>) expect(Object.keys(reason).sort()).toEqual(['code', 'text', 'weight']);
    }
    const failed = rows.find((r) => String(r.file).endsWith('empty.eml'));
    expect(failed?.error).toMatch(/empty/);
    expect(err.at(-1)).toMatch(/^7 files: \d+ deliver, \d+ tag, \d+ lock-links, \d+ hold, 1 errors$/);
  });

  it('prints a readable table without --json', async () => {
    const { out } = await runAssess([join(fixtures, 'benign-colleague.eml')]);
    expect(out[0]).toMatch(/^file\s+score\s+verdict/);
    expect(out[1]).toMatch(/benign-colleague\.eml\s+0\s+deliver/);
    expect(out.at(-1)).toBe('1 files: 1 deliver, 0 tag, 0 lock-links, 0 hold, 0 errors');
  });

  it('rejects bad options with a clear error', async () => {
    await expect(runAssess([])).rejects.toThrow(/at least one/);
    await expect(runAssess(['--tag-at', 'x', fixtures])).rejects.toThrow(/--tag-at/);
    await expect(runAssess(['/no/such/path.eml'])).rejects.toThrow(/no such file/);
  });
});
