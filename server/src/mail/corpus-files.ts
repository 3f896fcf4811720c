// The labelled corpus on disk: CORPUS/phish/*.eml and CORPUS/ham/*.eml, each file placed in its set and on its side
// of the committed split.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { corpusSetOf, corpusSideOf, type CorpusSet, type CorpusSide, type CorpusSplit } from './corpus-split.ts';

export interface CorpusFile {
  /** Path to the .eml file. */
  file: string;
  /** File name, as in the split. */
  name: string;
  set: CorpusSet;
  side: CorpusSide;
}

/** A corpus folder that is not one: the message says what is missing. */
export class CorpusFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorpusFolderError';
  }
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/** Every .eml under dir/phish and dir/ham, sorted by set then name. */
export async function corpusFiles(dir: string, split: CorpusSplit): Promise<CorpusFile[]> {
  if (!(await isDirectory(dir))) throw new CorpusFolderError(`${dir} is not a folder`);
  const out: CorpusFile[] = [];
  for (const folder of ['phish', 'ham'] as const) {
    const sub = join(dir, folder);
    if (!(await isDirectory(sub))) throw new CorpusFolderError(`${dir} has no ${folder}/ folder (a corpus folder holds phish/ and ham/ with .eml files)`);
    const names = (await readdir(sub)).filter((n) => n.toLowerCase().endsWith('.eml')).sort();
    for (const name of names) {
      const set = corpusSetOf(folder, name);
      out.push({ file: join(sub, name), name, set, side: corpusSideOf(split, set, name) });
    }
  }
  if (!out.some((f) => f.set === 'phish') || !out.some((f) => f.set !== 'phish')) throw new CorpusFolderError(`${dir} needs .eml files in both phish/ and ham/`);
  return out;
}
