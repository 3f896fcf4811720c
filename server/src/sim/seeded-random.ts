// A small deterministic PRNG (mulberry32) so simulated faults repeat exactly for a given seed.
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
}

export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  return {
    next(): number {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}
