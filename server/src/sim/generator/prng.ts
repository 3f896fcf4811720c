// A small seeded pseudo-random generator (sfc32) with the helpers the scenario generator needs.
// Everything the generator produces comes from one of these, never from Math.random, so a seed fixes
// the output. `fork(label)` derives an independent stream, so adding a draw in one place (one user, one
// attack) does not shift every number drawn elsewhere.

const HEX_CODES: number[] = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const GUID_CODES: number[] = Array.from('00000000-0000-0000-0000-000000000000', (c) => c.charCodeAt(0));

/** FNV-1a over a string, mixed with a numeric seed; a 32-bit unsigned result. */
export function hashSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}

export class Prng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;
  readonly seed: number;

  constructor(seed: number) {
    this.seed = seed >>> 0;
    this.#a = 0x9e3779b9;
    this.#b = 0x243f6a88;
    this.#c = 0xb7e15162;
    this.#d = this.seed;
    for (let i = 0; i < 15; i++) this.uint32();
  }

  /** An independent stream named by `label`. */
  fork(label: string): Prng {
    return new Prng(hashSeed(this.seed, label));
  }

  uint32(): number {
    const a = this.#a, b = this.#b, c = this.#c, d = this.#d;
    const t = (((a + b) | 0) + d) | 0;
    this.#d = (d + 1) | 0;
    this.#a = b ^ (b >>> 9);
    this.#b = (c + (c << 3)) | 0;
    const r = (c << 21) | (c >>> 11);
    this.#c = (r + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [min, max] inclusive. */
  between(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Real in [min, max). */
  real(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.int(items.length)] as T;
  }

  /** Picks by weight; `weight` must be non-negative with a positive total. */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    let total = 0;
    for (const item of items) total += weight(item);
    let r = this.next() * total;
    for (const item of items) {
      r -= weight(item);
      if (r < 0) return item;
    }
    return items[items.length - 1] as T;
  }

  /** Standard normal (Box–Muller). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** k distinct items (k capped at the list length), in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + this.int(copy.length - i);
      const tmp = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = tmp;
    }
    return copy.slice(0, n);
  }

  /** A random (version 4) GUID, lower-case, as Graph writes ids (a flat string, cheap to keep). */
  guid(): string {
    const codes = GUID_CODES;
    let w = 0;
    let pos = 0;
    for (let i = 0; i < 32; i++) {
      if ((i & 7) === 0) w = this.uint32();
      let nibble = (w >>> ((i & 7) * 4)) & 15;
      if (i === 12) nibble = 4;
      else if (i === 16) nibble = (nibble & 3) | 8;
      if (pos === 8 || pos === 13 || pos === 18 || pos === 23) pos++;
      codes[pos++] = HEX_CODES[nibble]!;
    }
    return String.fromCharCode.apply(null, codes);
  }

  /** `n` random characters from `alphabet`. */
  chars(n: number, alphabet: string): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet.charAt(this.int(alphabet.length));
    return s;
  }
}
