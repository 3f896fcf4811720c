// Wires triage to the mailbox module: every user report (onReport) is triaged, and every inbound message
// live scoring assessed is indexed (pass `indexScored` as startMailScoring's onOutcome, or call
// indexInboundMessage yourself). Failures go to onError, never message content.
import type { MessageEvent } from '@lantern/shared';
import type { InboundOutcome, MailboxService, UserReport } from '../mailbox/mailbox-service.ts';
import type { ReportIntake, TriageService } from './triage-service.ts';

export function intakeFromUserReport(r: UserReport, receivedAt: string | null = null): ReportIntake {
  return {
    id: r.id,
    source: 'add-in',
    reporterId: r.reporterId,
    reporterUpn: r.reporterUpn,
    mailbox: r.reporterId,
    messageId: r.messageId,
    internetMessageId: r.internetMessageId,
    receivedAt,
    reportedAt: r.reportedAt,
    assessment: r.assessment,
  };
}

/**
 * Indexes one inbound message the live scorer assessed (reads the stored assessment; no Graph call).
 * Returns whether the copy belonged to an already-contained campaign and was removed.
 */
export async function indexInboundMessage(
  triage: TriageService,
  mailbox: MailboxService,
  userId: string,
  messageId: string,
  internetMessageId: string | null = null,
): Promise<{ indexed: boolean; removed: boolean; campaignId: string | null }> {
  const stored = await mailbox.assessments.stored(userId, messageId, internetMessageId);
  if (!stored) return { indexed: false, removed: false, campaignId: null };
  const r = await triage.indexInbound({
    mailbox: userId,
    messageId: stored.messageId,
    internetMessageId: stored.internetMessageId,
    receivedAt: stored.receivedAt ?? new Date(0).toISOString(),
    assessment: stored.assessment,
  });
  return { indexed: true, ...r };
}

export interface TriageConnection {
  /** Give this to startMailScoring({ onOutcome }) so each scored inbound message is indexed. */
  indexScored(outcome: InboundOutcome, event: MessageEvent): void;
  /** Resolves when every report and index job started so far is done (tests, shutdown). */
  idle(): Promise<void>;
  stop(): void;
}

export function connectTriage(opts: {
  triage: TriageService;
  mailbox: MailboxService;
  onError?: (err: unknown, context: Record<string, string>) => void;
}): TriageConnection {
  const { triage, mailbox } = opts;
  let pending: Promise<unknown> = Promise.resolve();
  const track = (p: Promise<unknown>, context: Record<string, string>) => {
    const guarded = p.catch((err: unknown) => opts.onError?.(err, context));
    pending = Promise.all([pending, guarded]);
  };
  const unsubscribe = mailbox.onReport(async (report) => {
    // The report may have moved the copy (to junk) under a new id: keep the index pointing at it.
    await triage.index.rename(report.reporterId, report.originalMessageId, report.messageId);
    const stored = await mailbox.assessments.stored(report.reporterId, report.messageId, report.internetMessageId);
    const p = triage.triageReport(intakeFromUserReport(report, stored?.receivedAt ?? null));
    track(p, { stage: 'triage-report', reportId: report.id });
    await p;
  });
  return {
    indexScored(outcome, event) {
      if (outcome.action === 'skipped') return;
      track(indexInboundMessage(triage, mailbox, event.userId, outcome.messageId, event.internetMessageId), { stage: 'index-inbound' });
    },
    idle: async () => {
      // Reports may start triage while we wait: settle until nothing new was queued.
      for (let i = 0; i < 5; i++) {
        const p = pending;
        await p;
        if (p === pending) return;
      }
    },
    stop: unsubscribe,
  };
}
