// Look-alike domain tests: confusable skeletons and small edit distances between registrable labels.

const confusables: Record<string, string> = {
  '0': 'o', '1': 'l', '3': 'e', '5': 's', '7': 't', '@': 'a', '$': 's', 'і': 'i', 'ı': 'i', 'ӏ': 'l', 'а': 'a', 'е': 'e',
  'о': 'o', 'р': 'p', 'с': 'c', 'у': 'y', 'х': 'x', 'ѕ': 's', 'ј': 'j', 'ԁ': 'd', 'ɡ': 'g', 'ո': 'n', 'ν': 'v', 'α': 'a',
  'ο': 'o', 'ρ': 'p', 'τ': 't', 'κ': 'k', 'ḿ': 'm', 'ṅ': 'n',
};

/** The skeleton of a label: confusable characters mapped, 'rn'→'m', 'vv'→'w', 'cl'→'d', hyphens dropped. */
export function skeleton(label: string): string {
  let s = '';
  for (const ch of label.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()) s += confusables[ch] ?? ch;
  return s.replace(/rn/g, 'm').replace(/vv/g, 'w').replace(/cl/g, 'd').replace(/l/g, 'i').replace(/-/g, '');
}

/** Damerau-Levenshtein (optimal string alignment) distance, stopping early above `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length > 200 || b.length > 200) return max + 1;
  const w = b.length + 1;
  let prev2 = new Int32Array(w);
  let prev = new Int32Array(w);
  let cur = new Int32Array(w);
  for (let j = 0; j < w; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length]!;
}

/** The label of a registrable domain without its public suffix ("contoso" for "contoso.co.uk"). */
export function mainLabel(registrable: string): string {
  return registrable.split('.')[0] ?? registrable;
}

/**
 * Whether `candidate` (a registrable domain) imitates `target` without being it: same skeleton, one or two edits
 * on a long enough name, or the target's name embedded with extra words ("contoso-payroll.com").
 */
const skeletons = new Map<string, string>();

function cachedSkeleton(label: string): string {
  let s = skeletons.get(label);
  if (s === undefined) {
    s = skeleton(label);
    if (skeletons.size > 10_000) skeletons.clear();
    skeletons.set(label, s);
  }
  return s;
}

export interface Target {
  label: string;
  skeleton: string;
  embedded: RegExp;
}

const targets = new Map<string, Target>();

function target(registrable: string): Target {
  let t = targets.get(registrable);
  if (!t) {
    const label = mainLabel(registrable);
    t = { label, skeleton: skeleton(label), embedded: new RegExp(`(^|[-.0-9])${label.replace(/[^a-z0-9]/g, '')}([-.0-9]|$)`) };
    if (targets.size > 10_000) targets.clear();
    targets.set(registrable, t);
  }
  return t;
}

export function imitates(candidate: string, targetDomain: string): 'skeleton' | 'edit' | 'embedded' | null {
  if (candidate === targetDomain) return null;
  return imitatesLabel(mainLabel(candidate), target(targetDomain));
}

/** The prepared form of a domain to protect. */
export function lookalikeTarget(registrable: string): Target & { domain: string } {
  return { ...target(registrable), domain: registrable };
}

/** Same test as `imitates`, with the candidate's main label and the target prepared once (hot loops). */
export function imitatesLabel(c: string, t: Target): 'skeleton' | 'edit' | 'embedded' | null {
  if (t.label.length < 4) return null;
  if (c === t.label) return null; // the same name under another suffix is not judged here
  if (Math.abs(c.length - t.label.length) <= 3 && cachedSkeleton(c) === t.skeleton) return 'skeleton';
  if (Math.abs(c.length - t.label.length) <= 2) {
    const d = editDistance(c, t.label, 2);
    if ((t.label.length >= 5 && d === 1) || (t.label.length >= 9 && d === 2)) return 'edit';
  }
  if (t.label.length >= 5 && c.length > t.label.length && c.includes(t.label) && t.embedded.test(c)) return 'embedded';
  return null;
}
