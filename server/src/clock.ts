// The clock is injected everywhere time matters; nothing below the entry points calls Date.now() itself.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that runs from `start` at `speed` times real time (the demo replays days in minutes). */
export function acceleratedClock(start: Date, speed: number, real: Clock = systemClock): Clock {
  const realStart = real.now().getTime();
  return { now: () => new Date(start.getTime() + (real.now().getTime() - realStart) * speed) };
}

/** A clock tests and replays move by hand. */
export class ManualClock implements Clock {
  #t: number;
  constructor(start: Date | string) {
    this.#t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#t);
  }
  set(t: Date | string): void {
    this.#t = new Date(t).getTime();
  }
  advance(ms: number): void {
    this.#t += ms;
  }
}
