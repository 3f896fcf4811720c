// Request counters of the simulator, by route template and status, for tests and benchmarks.
export interface SimStatsSnapshot {
  /** HTTP requests received (a $batch counts once here). */
  httpRequests: number;
  /** Requests handled inside $batch. */
  batchedRequests: number;
  /** `"GET /users/{}/messages/{}"` to status to count (top-level and batched requests alike). */
  byRoute: Record<string, Record<number, number>>;
  throttled: number;
  faults: number;
  tokensIssued: number;
}

export class SimStats {
  #s: SimStatsSnapshot = { httpRequests: 0, batchedRequests: 0, byRoute: {}, throttled: 0, faults: 0, tokensIssued: 0 };

  record(route: string, status: number, inner: boolean): void {
    if (inner) this.#s.batchedRequests += 1;
    else this.#s.httpRequests += 1;
    const r = (this.#s.byRoute[route] ??= {});
    r[status] = (r[status] ?? 0) + 1;
    if (status === 429) this.#s.throttled += 1;
  }

  fault(): void {
    this.#s.faults += 1;
  }

  token(): void {
    this.#s.tokensIssued += 1;
  }

  /** A copy; later requests do not change it. */
  snapshot(): SimStatsSnapshot {
    return structuredClone(this.#s);
  }

  /** Sum of counts for routes containing `routePart`, optionally only one status. */
  count(routePart: string, status?: number): number {
    let n = 0;
    for (const [route, statuses] of Object.entries(this.#s.byRoute)) {
      if (!route.includes(routePart)) continue;
      for (const [st, c] of Object.entries(statuses)) if (status === undefined || Number(st) === status) n += c;
    }
    return n;
  }

  reset(): void {
    this.#s = { httpRequests: 0, batchedRequests: 0, byRoute: {}, throttled: 0, faults: 0, tokensIssued: 0 };
  }
}
