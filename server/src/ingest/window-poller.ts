// Sources with no delta (sign-ins, directory audits) are read by time window. The cursor is the end of the
// last window fully committed; each run re-reads `overlapMs` before it (late-arriving records), and the
// store's (kind, id) uniqueness drops what was already stored. Long gaps are read in windows of at most
// `maxWindowMs`, committing the cursor after each, so a restart resumes where the last commit left off.
import type { DomainEvent } from '@lantern/shared';
import type { TimeWindow } from '../graph/graph-api.ts';
import type { Poller, PollerContext } from './poller.ts';
import { commitAndEmit, reportSkipped } from './poller.ts';
import type { SourceName } from './poller-health.ts';

export interface WindowPollerOptions {
  /** Re-read this much before the cursor on each run (default 10 minutes). */
  overlapMs?: number;
  /** Longest window read before committing the cursor (default 1 day). */
  maxWindowMs?: number;
  /** With no cursor yet, start this far back (default 30 days, what Graph keeps). */
  initialLookbackMs?: number;
}

export interface WindowSource {
  source: SourceName;
  list(window: TimeWindow): AsyncIterable<unknown[]>;
  /** Normalise (and enrich) one page of records. */
  toEvents(records: unknown[]): Promise<{ events: DomainEvent[]; errors: string[] }>;
}

const DAY = 86_400_000;

export function createWindowPoller(ctx: PollerContext, spec: WindowSource, options: WindowPollerOptions = {}): Poller {
  const overlapMs = options.overlapMs ?? 600_000;
  const maxWindowMs = Math.max(60_000, options.maxWindowMs ?? DAY);
  const lookbackMs = options.initialLookbackMs ?? 30 * DAY;
  const cursorKey = spec.source;

  async function readCursor(): Promise<number | null> {
    const raw = await ctx.store.getCursor(cursorKey);
    if (raw === null) return null;
    const t = Date.parse(raw);
    if (!Number.isFinite(t)) {
      ctx.logger.error({ source: spec.source, cursor: raw.slice(0, 100) }, 'stored cursor is not a time; starting from the initial lookback');
      ctx.health.error(`stored cursor '${raw.slice(0, 100)}' is not a time`);
      return null;
    }
    return t;
  }

  return {
    source: spec.source,
    async describeCursor() {
      return ctx.store.getCursor(cursorKey);
    },
    async poll() {
      const now = ctx.clock.now().getTime();
      let start = (await readCursor()) ?? now - lookbackMs;
      while (start < now && !ctx.stopping()) {
        const end = Math.min(start + maxWindowMs, now);
        const window: TimeWindow = { from: new Date(start - overlapMs).toISOString(), to: new Date(end).toISOString() };
        // Hold one page back so the last page commits together with the cursor that covers it.
        let held: DomainEvent[] | null = null;
        let pages = 0;
        let read = 0;
        for await (const records of spec.list(window)) {
          pages++;
          read += records.length;
          const { events, errors } = await spec.toEvents(records);
          reportSkipped(ctx, errors, { window });
          if (held) await commitAndEmit(ctx, { events: held });
          held = events;
        }
        const cursor = new Date(end).toISOString();
        const result = await commitAndEmit(ctx, { events: held ?? [], cursors: { [cursorKey]: cursor } });
        ctx.health.cursor(cursor);
        ctx.logger.debug({ source: spec.source, window, pages, read, lastPageNew: result.inserted.length }, 'window committed');
        start = end;
      }
    },
  };
}
