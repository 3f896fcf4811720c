// Injected faults: at a seeded random rate, or a scripted list consumed in order (tests). Kinds are the
// failures Lantern's Graph client must survive: 503/504, slow answers, a malformed JSON body, and an
// empty page that still carries a nextLink; scripts may also throttle (429) one request, e.g. one
// mailbox's item inside a $batch, or fail a whole $batch (path '/$batch': 424, 429, 5xx).
import { seededRandom, type SeededRandom } from './seeded-random.ts';

export type Fault =
  | { kind: 'status'; status: 424 | 429 | 500 | 502 | 503 | 504; retryAfterSeconds?: number }
  | { kind: 'slow'; ms: number }
  | { kind: 'malformed-json' }
  | { kind: 'empty-page' };

export interface ScriptedFault {
  fault: Fault;
  /** Only requests with this method (default any). */
  method?: string;
  /** Only requests whose Graph path (without /v1.0) contains this string or matches this pattern. */
  path?: string | RegExp;
  /** How many matching requests get the fault (default 1). */
  times?: number;
}

export interface FaultOptions {
  /** Probability in [0, 1] that a request gets a random fault. */
  rate?: number;
  seed?: number;
  /** Faults to draw from (default: 503, 504, slow 1500 ms, malformed JSON, empty page). */
  kinds?: Fault[];
  /** Consumed in order before any random fault. */
  script?: ScriptedFault[];
}

export const DEFAULT_FAULTS: Fault[] = [
  { kind: 'status', status: 503, retryAfterSeconds: 1 },
  { kind: 'status', status: 504, retryAfterSeconds: 1 },
  { kind: 'slow', ms: 1500 },
  { kind: 'malformed-json' },
  { kind: 'empty-page' },
];

export class FaultInjector {
  readonly #random: SeededRandom;
  readonly #script: (ScriptedFault & { left: number })[];
  readonly #rate: number;
  readonly #kinds: Fault[];

  constructor(options: FaultOptions = {}) {
    this.#random = seededRandom(options.seed ?? 1);
    this.#rate = Math.min(1, Math.max(0, options.rate ?? 0));
    this.#kinds = options.kinds && options.kinds.length > 0 ? options.kinds : DEFAULT_FAULTS;
    this.#script = (options.script ?? []).map((s) => ({ ...s, left: s.times ?? 1 }));
  }

  /** The fault for this request, if any. `listRoute` says whether an empty page makes sense here. */
  pick(method: string, path: string, listRoute: boolean): Fault | undefined {
    const scripted = this.pickScripted(method, path, listRoute);
    if (scripted) return scripted;
    if (this.#rate === 0) return undefined;
    if (this.#random.next() >= this.#rate) return undefined;
    const kinds = listRoute ? this.#kinds : this.#kinds.filter((k) => k.kind !== 'empty-page');
    return kinds[Math.floor(this.#random.next() * kinds.length)];
  }

  /** A scripted fault only (the outer $batch request: random faults stay on the requests inside it). */
  pickScripted(method: string, path: string, listRoute: boolean): Fault | undefined {
    for (const s of this.#script) {
      if (s.left <= 0) continue;
      if (s.method && s.method.toUpperCase() !== method.toUpperCase()) continue;
      if (s.path !== undefined && (typeof s.path === 'string' ? !path.includes(s.path) : !s.path.test(path))) continue;
      if (s.fault.kind === 'empty-page' && !listRoute) continue;
      s.left -= 1;
      return s.fault;
    }
    return undefined;
  }
}
