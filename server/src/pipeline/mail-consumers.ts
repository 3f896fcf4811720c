// The mail stages as consumers of the event log: live scoring (assess, then hold / tag / lock links), the
// triage index (every scored inbound copy, so a later report finds its campaign), and report triage (each
// user report, appended to the log with its row). Each handler is idempotent: a replay after a crash
// re-reads stored assessments and holds, and never acts on a message twice.
import type { MessageEvent } from '@lantern/shared';
import type { InboundOutcome, MailboxService } from '../mailbox/mailbox-service.ts';
import { indexInboundMessage, intakeFromUserReport } from '../triage/connect-triage.ts';
import type { SecurityMailboxIntake } from '../triage/security-mailbox-intake.ts';
import type { TriageService } from '../triage/triage-service.ts';
import type { Consumer } from './consumer.ts';
import { IDENTITY_CONSUMER } from './identity-consumer.ts';

export const MAIL_SCORING_CONSUMER = 'mail-scoring';
export const TRIAGE_INDEX_CONSUMER = 'triage-index';
export const REPORT_TRIAGE_CONSUMER = 'report-triage';
export const SECURITY_MAILBOX_CONSUMER = 'security-mailbox-intake';

const INBOUND = new Set(['inbox']);

/** One of `count` partitions of a tenant's mailboxes (several instances share the mail work by mailbox). */
export interface MailPartition {
  index: number;
  count: number;
}

/** FNV-1a of the mailbox id: the same mailbox always lands in the same partition, so its mail stays in order. */
export function mailPartitionOf(userId: string, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    h ^= userId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % count;
}

const partitionFields = (p: MailPartition | undefined) =>
  p && p.count > 1 ? { partition: `${p.index + 1}/${p.count}`, spread: true } : {};

const inPartition = (p: MailPartition | undefined, userId: string) => !p || p.count <= 1 || mailPartitionOf(userId, p.count) === p.index;

export function mailScoringConsumer(opts: {
  mailbox: MailboxService;
  partition?: MailPartition;
  onOutcome?: (outcome: InboundOutcome, event: MessageEvent) => void;
  /** Runs before each message is scored (brings what scoring reads from other instances up to date). */
  beforeScoring?: () => Promise<void>;
}): Consumer {
  return {
    name: MAIL_SCORING_CONSUMER,
    ...partitionFields(opts.partition),
    batchSize: 200,
    // Mail from a colleague is judged with the identity incidents of the sign-ins before it.
    follows: [IDENTITY_CONSUMER],
    accepts: (e) => e.kind === 'message' && inPartition(opts.partition, e.userId),
    async handle(entry) {
      const event = entry.event as MessageEvent;
      await opts.beforeScoring?.();
      const outcome = await opts.mailbox.scoreInboundMessage(event);
      opts.onOutcome?.(outcome, event);
    },
  };
}

/** The message has not been scored yet (scoring runs first; retried until it has, or parked with it). */
export class NotScoredYetError extends Error {
  constructor() {
    super('the message has no stored assessment yet');
    this.name = 'NotScoredYetError';
  }
}

export function triageIndexConsumer(opts: { triage: TriageService; mailbox: MailboxService; partition?: MailPartition }): Consumer {
  return {
    name: TRIAGE_INDEX_CONSUMER,
    ...partitionFields(opts.partition),
    batchSize: 200,
    // the same partition of mail scoring (the consumer of that name with the same partition key)
    follows: [MAIL_SCORING_CONSUMER],
    accepts: (e) => e.kind === 'message' && INBOUND.has(e.folder.toLowerCase()) && inPartition(opts.partition, e.userId),
    async handle(entry) {
      const event = entry.event as MessageEvent;
      const r = await indexInboundMessage(opts.triage, opts.mailbox, event.userId, event.messageId, event.internetMessageId);
      if (!r.indexed) throw new NotScoredYetError();
    },
  };
}

export function reportTriageConsumer(opts: { triage: TriageService; mailbox: MailboxService }): Consumer {
  return {
    name: REPORT_TRIAGE_CONSUMER,
    batchSize: 20,
    accepts: (e) => e.kind === 'userReport',
    async handle(entry) {
      if (entry.event.kind !== 'userReport') return;
      const report = await opts.mailbox.reportById(entry.event.reportId);
      if (!report) throw new Error(`report ${entry.event.reportId} is not stored`);
      // The report may have moved the copy (to junk) under a new id: keep the index pointing at it.
      await opts.triage.index.rename(report.reporterId, report.originalMessageId, report.messageId);
      const stored = await opts.mailbox.assessments.stored(report.reporterId, report.messageId, report.internetMessageId);
      await opts.triage.triageReport(intakeFromUserReport(report, stored?.receivedAt ?? null));
    },
  };
}

/** Mail reported to Lantern's own mailbox (the reported message attached): triaged like an add-in report, once. */
export function securityMailboxConsumer(opts: { mailboxId: string; intake: Pick<SecurityMailboxIntake, 'intake'> }): Consumer {
  return {
    name: SECURITY_MAILBOX_CONSUMER,
    batchSize: 20,
    accepts: (e) => e.kind === 'message' && e.userId === opts.mailboxId && e.folder.toLowerCase() === 'inbox',
    async handle(entry) {
      // the report id is derived from the message id, so a replay after a crash finds the report already there
      await opts.intake.intake(entry.event as MessageEvent);
    },
  };
}
