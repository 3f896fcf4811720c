// The shared allowance of one message's attachment reading: time, bytes, decoded images and nesting depth.
// Nested messages draw on the same budget as the message that carries them.
import type { AnalysisLimit, AnalysisLimitCode } from './attachment-content.ts';
import type { AttachmentLimits } from './attachment-limits.ts';

export class ReadBudget {
  readonly limits: AttachmentLimits;
  readonly #now: () => number;
  #deadline: number;
  bytesOpened = 0;
  imagesDecoded = 0;

  constructor(limits: AttachmentLimits, now: () => number = () => performance.now()) {
    this.limits = limits;
    this.#now = now;
    this.#deadline = now() + limits.timeBudgetMs;
  }

  /**
   * Runs one-time work (loading PDF.js or the QR decoder's WebAssembly) without charging it to this message:
   * the deadline moves by the time it took.
   */
  async excluding<T>(work: () => Promise<T>): Promise<T> {
    const start = this.#now();
    try {
      return await work();
    } finally {
      this.#deadline += this.#now() - start;
    }
  }

  /** Milliseconds left before the message's attachment reading must stop (never negative). */
  remainingMs(): number {
    return Math.max(0, this.#deadline - this.#now());
  }

  expired(): boolean {
    return this.remainingMs() <= 0;
  }

  /** Takes `bytes` from the per-message allowance; false (nothing taken) when it would go over. */
  takeBytes(bytes: number): boolean {
    if (this.bytesOpened + bytes > this.limits.maxTotalBytes) return false;
    this.bytesOpened += bytes;
    return true;
  }

  /** Takes one image decode; false when the per-message count is spent. */
  takeImage(): boolean {
    if (this.imagesDecoded >= this.limits.maxImagesDecoded) return false;
    this.imagesDecoded++;
    return true;
  }
}

/** Thrown inside a reader when the time budget runs out; turned into an AnalysisLimit by the dispatcher. */
export class BudgetExpired extends Error {
  constructor() {
    super('attachment time budget spent');
    this.name = 'BudgetExpired';
  }
}

/** Resolves `work`, or rejects with BudgetExpired once the budget's remaining time has passed. */
export async function withinBudget<T>(budget: ReadBudget, work: Promise<T>): Promise<T> {
  const ms = budget.remainingMs();
  if (ms <= 0) {
    work.catch(() => undefined);
    throw new BudgetExpired();
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BudgetExpired()), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
    work.catch(() => undefined);
  }
}

export function limit(code: AnalysisLimitCode, detail: string, path: string[]): AnalysisLimit {
  return { code, detail, path };
}
