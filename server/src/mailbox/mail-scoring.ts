// Live scoring: every new inbound message the ingestion runtime commits is assessed and its verdict's
// action applied (hold, tag, lock-links), one message at a time per process, failures logged and skipped.
import type { DomainEvent, MessageEvent } from '@lantern/shared';
import type { InboundOutcome, MailboxService } from './mailbox-service.ts';

/** The part of the ingestion runtime live scoring needs. */
export interface CommittedEventSource {
  /** Calls `handler` with each batch of newly committed events; returns the unsubscribe function. */
  onEvents(handler: (events: readonly DomainEvent[]) => void | Promise<void>): () => void;
}

export interface MailScoringOptions {
  ingestion: CommittedEventSource;
  service: MailboxService;
  onOutcome?: (outcome: InboundOutcome, event: MessageEvent) => void;
  onError?: (err: unknown, event: MessageEvent) => void;
}

export interface MailScoring {
  /** Resolves when every message received so far has been scored. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export function startMailScoring(options: MailScoringOptions): MailScoring {
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;
  const unsubscribe = options.ingestion.onEvents((events) => {
    for (const event of events) {
      if (event.kind !== 'message') continue;
      chain = chain.then(async () => {
        if (stopped) return;
        try {
          const outcome = await options.service.scoreInboundMessage(event);
          options.onOutcome?.(outcome, event);
        } catch (err) {
          options.onError?.(err, event);
        }
      });
    }
  });
  return {
    idle: () => chain,
    async stop() {
      stopped = true;
      unsubscribe();
      await chain;
    },
  };
}
