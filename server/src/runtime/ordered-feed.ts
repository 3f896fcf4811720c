// Feeds the identity engine in event-time order although its sources arrive separately: a security-info
// change polled before the sign-in that preceded it must still be seen after that sign-in. Events wait in a
// buffer until every identity source has completed a run that started after them (its `completeThrough`).
import type { DomainEvent } from '@lantern/shared';
import type { PollerHealth, SourceName } from '../ingest/poller-health.ts';

export interface OrderedFeedOptions {
  /** The sources whose progress gates the release (sources without a licence are left out automatically). */
  sources: readonly SourceName[];
  health: () => Record<SourceName, PollerHealth>;
  /** Receives released events, in time order. */
  deliver: (events: DomainEvent[]) => void;
  /** Largest number of events held back; beyond it the oldest are released regardless (default 200,000). */
  maxBuffered?: number;
}

export interface OrderedFeed {
  push(events: readonly DomainEvent[]): void;
  /** Releases what every source has moved past; call after each poll and on a timer. */
  flush(): void;
  /** Releases everything (shutdown). */
  drain(): void;
  buffered(): number;
}

const byTime = (a: DomainEvent, b: DomainEvent) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);

/** The event time every one of `sources` has completed a run past (null: some source has not yet). */
export function sourcesWatermark(sources: readonly SourceName[], health: Partial<Record<SourceName, Pick<PollerHealth, 'state' | 'completeThrough'>>>): string | null {
  let low: string | null = null;
  for (const s of sources) {
    const h = health[s];
    if (!h || h.state === 'licence-required' || h.state === 'stopped') continue;
    if (!h.completeThrough) return null;
    if (low === null || h.completeThrough < low) low = h.completeThrough;
  }
  return low;
}

export function orderedFeed(options: OrderedFeedOptions): OrderedFeed {
  const max = options.maxBuffered ?? 200_000;
  let buffer: DomainEvent[] = [];
  let sorted = true;

  const watermark = (): string | null => sourcesWatermark(options.sources, options.health());

  const release = (upTo: number) => {
    if (upTo <= 0) return;
    const out = buffer.slice(0, upTo);
    buffer = buffer.slice(upTo);
    options.deliver(out);
  };

  return {
    push(events) {
      if (events.length === 0) return;
      buffer.push(...events);
      sorted = false;
    },
    flush() {
      if (buffer.length === 0) return;
      if (!sorted) {
        buffer.sort(byTime);
        sorted = true;
      }
      const mark = watermark();
      let n = 0;
      if (mark !== null) while (n < buffer.length && buffer[n]!.at <= mark) n++;
      if (buffer.length - n > max) n = buffer.length - max;
      release(n);
    },
    drain() {
      if (!sorted) buffer.sort(byTime);
      sorted = true;
      release(buffer.length);
    },
    buffered: () => buffer.length,
  };
}
