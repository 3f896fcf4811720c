// Does a domain label look machine-generated ("rz8js7sjbef", "fvnyklha0dj9sumus4fr") rather than chosen by a person?

const vowels = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

/** Why a label looks random, or null. */
export function randomLabelReason(label: string): string | null {
  const l = label.toLowerCase();
  if (l.length < 7 || l.startsWith('xn--')) return null;
  if (!/^[a-z0-9]+$/.test(l)) return null;
  const digits = (l.match(/[0-9]/g) ?? []).length;
  const letters = l.length - digits;
  let transitions = 0;
  for (let i = 1; i < l.length; i++) if (/[0-9]/.test(l[i]!) !== /[0-9]/.test(l[i - 1]!)) transitions++;
  if (letters >= 4 && digits >= 2 && transitions >= 3) return 'letters and digits interleaved';
  let run = 0;
  let maxRun = 0;
  let vowelCount = 0;
  for (const ch of l) {
    if (/[0-9]/.test(ch)) {
      run = 0;
      continue;
    }
    if (vowels.has(ch)) {
      vowelCount++;
      run = 0;
    } else {
      run++;
      maxRun = Math.max(maxRun, run);
    }
  }
  if (maxRun >= 6 && letters >= 8) return `${maxRun} consonants in a row`;
  if (letters >= 9 && vowelCount / letters < 0.2) return 'almost no vowels';
  return null;
}
