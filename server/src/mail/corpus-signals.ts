// Reads corpus messages and computes what the trainer needs from each: its detections' points and content tokens
// (no tenant context: the corpus has none), plus a hash of its bytes for the training-set hash.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { mailSignals } from './assess.ts';
import type { CorpusFile } from './corpus-files.ts';
import type { MessageSignals } from './mail-signals.ts';
import { OFFLINE_PARSE_LIMITS, OFFLINE_READ_OPTIONS, parseMime } from './parse.ts';

export interface CorpusSignals extends CorpusFile {
  sha256: string;
  /** null when the message could not be parsed (it is then left out of training). */
  signals: MessageSignals | null;
}

export async function corpusSignals(files: readonly CorpusFile[], onProgress?: (done: number, total: number) => void): Promise<CorpusSignals[]> {
  const out: CorpusSignals[] = [];
  for (const f of files) {
    const raw = await readFile(f.file);
    const sha256 = createHash('sha256').update(raw).digest('hex');
    let signals: MessageSignals | null = null;
    try {
      signals = mailSignals(await parseMime(raw, OFFLINE_PARSE_LIMITS, OFFLINE_READ_OPTIONS)).signals;
    } catch {
      signals = null;
    }
    out.push({ ...f, sha256, signals });
    onProgress?.(out.length, files.length);
  }
  return out;
}
