// The fixed train/validation split of the evaluation corpus (learned/corpus-split.json), and which set a message is in.
// Validation messages are never trained or tuned on; everything not listed there is training.
import splitJson from './learned/corpus-split.json' with { type: 'json' };

/** phish/ → phishing; ham/commercial-* → commercial ham; every other ham/ file → list ham. */
export type CorpusSet = 'phish' | 'list' | 'commercial';
export type CorpusSide = 'train' | 'validation';

export const corpusSets: readonly CorpusSet[] = ['phish', 'list', 'commercial'];
export const corpusSetNames: Record<CorpusSet, string> = { phish: 'phishing', list: 'list ham', commercial: 'commercial ham' };

export interface CorpusSplit {
  /** File names (not paths) on the validation side, per set. */
  validation: Record<CorpusSet, ReadonlySet<string>>;
}

export class CorpusSplitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorpusSplitError';
  }
}

function names(v: unknown, key: string): ReadonlySet<string> {
  if (!Array.isArray(v) || !v.every((x): x is string => typeof x === 'string' && x.length > 0)) {
    throw new CorpusSplitError(`corpus split: validation.${key} must be a list of file names`);
  }
  return new Set(v);
}

/** Validates the split file's JSON (the committed one by default). */
export function parseCorpusSplit(json: unknown): CorpusSplit {
  if (typeof json !== 'object' || json === null || !('validation' in json)) throw new CorpusSplitError('corpus split: no "validation" object');
  const v = (json as { validation: unknown }).validation;
  if (typeof v !== 'object' || v === null) throw new CorpusSplitError('corpus split: "validation" must be an object');
  const o = v as Record<string, unknown>;
  return { validation: { phish: names(o.phish, 'phish'), list: names(o.listHam, 'listHam'), commercial: names(o.commercialHam, 'commercialHam') } };
}

export const committedCorpusSplit: CorpusSplit = parseCorpusSplit(splitJson);

/** The set of a corpus message from its folder (phish/ or ham/) and file name. */
export function corpusSetOf(folder: 'phish' | 'ham', fileName: string): CorpusSet {
  if (folder === 'phish') return 'phish';
  return fileName.startsWith('commercial-') ? 'commercial' : 'list';
}

export function corpusSideOf(split: CorpusSplit, set: CorpusSet, fileName: string): CorpusSide {
  return split.validation[set].has(fileName) ? 'validation' : 'train';
}
