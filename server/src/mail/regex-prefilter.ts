// A necessary condition for a regular expression to match, checked before running it: the literal strings that any
// match must contain (read from the expression's source, as RE2's and Hyperscan's prefilters do), looked up in a
// trigram index of the text. When no literal of some required set can occur in the text, the expression cannot match
// and is not run. The check only ever skips expressions that cannot match: the results are those of running them all.

/** Conjunctive form: every set is a list of alternatives, and one of them occurs in any match. */
type Requirement = readonly (readonly string[])[];

interface NodeInfo {
  /** Every string the node can match, when that is a small finite set; null otherwise. */
  exact: string[] | null;
  /** What any match of the node contains. */
  required: string[][];
}

/** Largest set of strings kept while combining literals (cross products of alternatives, unions of branches). */
const maxExact = 64;
/** Literals shorter than a trigram cannot be looked up and are not used. */
const minLiteral = 3;

const unknown = (): NodeInfo => ({ exact: null, required: [] });
const assertion = (): NodeInfo => ({ exact: [''], required: [] });
const literal = (s: string): NodeInfo => ({ exact: [s], required: [] });

class Unsupported extends Error {}

/** How selective a set of alternatives is: the shortest alternative's length (0 when one is too short to look up). */
function strength(set: readonly string[]): number {
  let min = Infinity;
  for (const s of set) min = Math.min(min, s.length);
  return min >= minLiteral ? min : 0;
}

function requiredOf(info: NodeInfo): string[][] {
  if (info.exact) return info.exact.includes('') ? [] : [info.exact];
  return info.required;
}

class Parser {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly unicode: boolean,
  ) {}

  parse(): NodeInfo {
    const info = this.alternation();
    if (this.i !== this.src.length) throw new Unsupported('unbalanced parenthesis');
    return info;
  }

  private alternation(): NodeInfo {
    const branches = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      branches.push(this.sequence());
    }
    if (branches.length === 1) return branches[0]!;
    let exact: string[] | null = [];
    for (const b of branches) {
      if (!b.exact || !exact) {
        exact = null;
        continue;
      }
      for (const s of b.exact) if (!exact.includes(s)) exact.push(s);
      if (exact.length > maxExact) exact = null;
    }
    // one set from each branch (its most selective); any match goes through one branch, so contains one of their union
    const union: string[] = [];
    for (const b of branches) {
      let best: string[] | null = null;
      for (const set of requiredOf(b)) if (strength(set) > 0 && (!best || strength(set) > strength(best))) best = set;
      if (!best) return { exact, required: [] };
      for (const s of best) if (!union.includes(s)) union.push(s);
    }
    return { exact, required: exact ? [] : [union] };
  }

  private sequence(): NodeInfo {
    const required: string[][] = [];
    let run: string[] = [''];
    let allExact = true;
    const flush = (): void => {
      if (!run.includes('')) required.push(run);
      run = [''];
    };
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const item = this.item();
      if (item.exact && run.length * item.exact.length <= maxExact) {
        const next: string[] = [];
        for (const a of run) for (const b of item.exact) if (!next.includes(a + b)) next.push(a + b);
        // the strings themselves say more than what the item requires of them
        run = next;
        continue;
      }
      allExact = false;
      flush();
      if (item.exact) run = [...item.exact];
      required.push(...item.required);
    }
    const exact = allExact ? run : null;
    if (!allExact) flush();
    return { exact, required };
  }

  private item(): NodeInfo {
    const atom = this.atom();
    const q = this.quantifier();
    if (!q) return atom;
    if (q.min === 0) return { exact: q.max === 1 && atom.exact ? [...new Set([...atom.exact, ''])] : null, required: [] };
    if (q.min === 1 && q.max === 1) return atom;
    return { exact: null, required: requiredOf(atom) };
  }

  private quantifier(): { min: number; max: number } | null {
    const c = this.src[this.i];
    let q: { min: number; max: number } | null = null;
    if (c === '?') q = { min: 0, max: 1 };
    else if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    if (q) this.i++;
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i, this.i + 24));
      if (!m) return null; // a literal brace (outside unicode mode), read as an atom next
      this.i += m[0].length;
      const min = Number(m[1]);
      q = { min, max: m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity };
    } else return null;
    if (this.src[this.i] === '?') this.i++; // lazy
    return q;
  }

  private atom(): NodeInfo {
    const c = this.src[this.i]!;
    if (c === '(') return this.group();
    if (c === '[') return this.charClass();
    if (c === '\\') return this.escape(false).info;
    this.i++;
    if (c === '.') return unknown();
    if (c === '^' || c === '$') return assertion();
    if (c === '*' || c === '+' || c === '?') throw new Unsupported('nothing to repeat');
    if (this.unicode && (c === '{' || c === '}' || c === ']')) throw new Unsupported('lone brace in unicode mode');
    return literal(c);
  }

  private group(): NodeInfo {
    this.i++;
    let lookaround = false;
    if (this.src.startsWith('?:', this.i)) this.i += 2;
    else if (this.src.startsWith('?=', this.i) || this.src.startsWith('?!', this.i)) {
      this.i += 2;
      lookaround = true;
    } else if (this.src.startsWith('?<=', this.i) || this.src.startsWith('?<!', this.i)) {
      this.i += 3;
      lookaround = true;
    } else if (this.src.startsWith('?<', this.i)) {
      const end = this.src.indexOf('>', this.i);
      if (end < 0) throw new Unsupported('group name');
      this.i = end + 1;
    } else if (this.src[this.i] === '?') throw new Unsupported('group modifier');
    const inner = this.alternation();
    if (this.src[this.i] !== ')') throw new Unsupported('unclosed group');
    this.i++;
    return lookaround ? assertion() : inner;
  }

  private charClass(): NodeInfo {
    this.i++;
    let negated = false;
    if (this.src[this.i] === '^') {
      negated = true;
      this.i++;
    }
    const chars: string[] = [];
    let exact = !negated;
    while (this.i < this.src.length && this.src[this.i] !== ']') {
      let ch: string | null;
      if (this.src[this.i] === '\\') {
        ch = this.escape(true).char;
      } else ch = this.src[this.i++]!;
      if (ch === null) {
        exact = false;
        continue;
      }
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length) {
        // a range: too many characters to list
        this.i++;
        if (this.src[this.i] === '\\') this.escape(true);
        else this.i++;
        exact = false;
        continue;
      }
      if (!chars.includes(ch)) chars.push(ch);
    }
    if (this.src[this.i] !== ']') throw new Unsupported('unclosed class');
    this.i++;
    return exact && chars.length > 0 && chars.length <= 8 ? { exact: chars, required: [] } : unknown();
  }

  /** An escape; `char` is the one character it stands for, or null for a class, an assertion or a reference. */
  private escape(inClass: boolean): { info: NodeInfo; char: string | null } {
    this.i++;
    const c = this.src[this.i];
    if (c === undefined) throw new Unsupported('trailing backslash');
    this.i++;
    const one = (ch: string): { info: NodeInfo; char: string } => ({ info: literal(ch), char: ch });
    if (c === 'b' || c === 'B') return inClass ? (c === 'b' ? one('\b') : { info: unknown(), char: null }) : { info: assertion(), char: null };
    if ('dDwWsS'.includes(c)) return { info: unknown(), char: null };
    if (c === 'p' || c === 'P') {
      if (!this.unicode) return one(c);
      const end = this.src.indexOf('}', this.i);
      if (this.src[this.i] !== '{' || end < 0) throw new Unsupported('property escape');
      this.i = end + 1;
      return { info: unknown(), char: null };
    }
    if (c >= '0' && c <= '9') {
      while (this.src[this.i]! >= '0' && this.src[this.i]! <= '9') this.i++;
      return { info: unknown(), char: null };
    }
    if (c === 'k') throw new Unsupported('named reference');
    if (c === 'n') return one('\n');
    if (c === 'r') return one('\r');
    if (c === 't') return one('\t');
    if (c === 'f') return one('\f');
    if (c === 'v') return one('\v');
    if (c === 'c') throw new Unsupported('control escape');
    if (c === 'x') {
      const h = /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.i, this.i + 2));
      if (!h) throw new Unsupported('hex escape');
      this.i += 2;
      return one(String.fromCharCode(parseInt(h[0], 16)));
    }
    if (c === 'u') {
      const h = /^[0-9a-fA-F]{4}/.exec(this.src.slice(this.i, this.i + 4));
      if (!h) throw new Unsupported('unicode escape');
      this.i += 4;
      const code = parseInt(h[0], 16);
      if (code >= 0xd800 && code <= 0xdfff) throw new Unsupported('surrogate escape');
      return one(String.fromCharCode(code));
    }
    if (/[a-zA-Z]/.test(c)) throw new Unsupported('unknown letter escape');
    return one(c);
  }
}

/** The literal sets any match of `re` contains (each usable in a trigram lookup), or null when nothing can be said. */
export function requiredLiterals(re: RegExp): Requirement | null {
  // stateful (g, y), case-folding (i) and set-notation (v) expressions, and astral characters, are always run
  if (/[gyiv]/.test(re.flags) || /[\ud800-\udfff]/.test(re.source)) return null;
  let info: NodeInfo;
  try {
    info = new Parser(re.source, re.flags.includes('u')).parse();
  } catch (err) {
    if (err instanceof Unsupported) return null;
    throw err;
  }
  const sets = new Map<string, string[]>();
  for (const set of requiredOf(info)) if (strength(set) > 0) sets.set(JSON.stringify(set), set);
  return sets.size > 0 ? [...sets.values()] : null;
}

const requirementCache = new WeakMap<RegExp, Requirement | null>();

function requirementOf(re: RegExp): Requirement | null {
  let r = requirementCache.get(re);
  if (r === undefined) {
    r = requiredLiterals(re);
    requirementCache.set(re, r);
  }
  return r;
}

function trigramHash(a: number, b: number, c: number, mask: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d)) >>> 0 & mask;
}

/** Which trigrams (three UTF-16 code units) occur in a text, as a Bloom-like bit set: no false "absent". */
export class TrigramIndex {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  constructor(text: string) {
    let size = 1 << 12;
    while (size < text.length * 16 && size < 1 << 22) size <<= 1;
    this.bits = new Uint32Array(size >>> 5);
    this.mask = size - 1;
    for (let i = 0; i + 2 < text.length; i++) {
      const h = trigramHash(text.charCodeAt(i), text.charCodeAt(i + 1), text.charCodeAt(i + 2), this.mask);
      this.bits[h >>> 5] = this.bits[h >>> 5]! | (1 << (h & 31));
    }
  }

  /** False only when `s` (at least three characters long) does not occur in the text. */
  mayContain(s: string): boolean {
    for (let i = 0; i + 2 < s.length; i++) {
      const h = trigramHash(s.charCodeAt(i), s.charCodeAt(i + 1), s.charCodeAt(i + 2), this.mask);
      if ((this.bits[h >>> 5]! & (1 << (h & 31))) === 0) return false;
    }
    return true;
  }
}

/** Texts shorter than this are matched directly: building an index would cost more than it saves. */
const minIndexedLength = 512;
const indexCache = new Map<string, TrigramIndex>();

function indexOf(text: string): TrigramIndex {
  let index = indexCache.get(text);
  if (!index) {
    index = new TrigramIndex(text);
    // the texts one message's detections read (its content, subject, sender name…): a few at a time
    if (indexCache.size >= 4) indexCache.delete(indexCache.keys().next().value!);
    indexCache.set(text, index);
  }
  return index;
}

/** False only when `re` cannot match `text`; true when it may (then run it). */
export function mayMatch(re: RegExp, text: string): boolean {
  if (text.length < minIndexedLength) return true;
  const req = requirementOf(re);
  if (!req) return true;
  const index = indexOf(text);
  // the bit set first (no false "absent"); a literal it lets through is then looked for in the text itself
  for (const set of req) if (!set.some((s) => index.mayContain(s) && text.includes(s))) return false;
  return true;
}
