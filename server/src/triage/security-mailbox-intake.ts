// Reports sent to Lantern's own mailbox (Microsoft's third-party format: the reported message attached as
// .eml/message/rfc822, e.g. by Outlook's built-in Report button pointed at it) become user reports. Each new
// message the ingestion commits for the security mailbox's inbox is read once (raw MIME) and triaged; the
// report id derives from the message id, so a replayed event does not make a second report.
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { DomainEvent, MailAssessment, MessageEvent } from '@lantern/shared';
import type { GraphUserSummary } from '../graph/graph-api.ts';
import type { ParsedMail } from '../mail/parsed-mail.ts';
import type { MailboxGraph } from '../mailbox/mailbox-graph.ts';
import type { MailboxService } from '../mailbox/mailbox-service.ts';
import { intakeFromReportingMailbox, ReportIntakeError } from './reporting-mailbox.ts';
import type { TriageResult, TriageService } from './triage-service.ts';

export interface SecurityMailboxIntakeDeps {
  /** The security mailbox's user id and the addresses it sends as (its own mail is never a report). */
  mailbox: { id: string; addresses: readonly string[] };
  graph: { getMessageMime(userId: string, messageId: string): Promise<string | Buffer> };
  triage: TriageService;
  /** First-pass score of the reported original. */
  assess(mail: ParsedMail, reporter: string): Promise<MailAssessment>;
  /** The tenant user behind an address, or null for outsiders. */
  resolveUser(address: string): Promise<{ id: string; upn: string } | null>;
  /** A message that is not a report (no attachment, not from a tenant user): logged, never its content. */
  onRejected?: (reason: ReportIntakeError['reason'], messageId: string) => void;
  onError?: (err: unknown, context: Record<string, string>) => void;
}

export interface SecurityMailboxIntake {
  /** Give this every batch of committed events (ingestion.onEvents); only the security mailbox's inbox is read. */
  handle(events: readonly DomainEvent[]): void;
  /** Triage one message of the security mailbox now. */
  intake(event: MessageEvent): Promise<TriageResult | null>;
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** The triage report id of a message in the security mailbox. */
export function reportIdFor(messageId: string): string {
  return `mbx-${createHash('sha256').update(messageId).digest('hex').slice(0, 32)}`;
}

export function connectSecurityMailboxIntake(deps: SecurityMailboxIntakeDeps): SecurityMailboxIntake {
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;
  const own = new Set(deps.mailbox.addresses.map((a) => a.toLowerCase()));

  async function intake(event: MessageEvent): Promise<TriageResult | null> {
    if (event.userId !== deps.mailbox.id || event.folder.toLowerCase() !== 'inbox') return null;
    if (event.fromAddress && own.has(event.fromAddress.toLowerCase())) return null;
    const raw = await deps.graph.getMessageMime(event.userId, event.messageId);
    try {
      return await intakeFromReportingMailbox(
        {
          triage: deps.triage,
          assess: (mail) => deps.assess(mail, event.fromAddress ?? ''),
          resolveUser: deps.resolveUser,
        },
        { id: reportIdFor(event.messageId), raw, receivedAt: event.receivedAt ?? event.at },
      );
    } catch (err) {
      if (err instanceof ReportIntakeError) {
        deps.onRejected?.(err.reason, event.messageId);
        return null;
      }
      throw err;
    }
  }

  return {
    handle(events) {
      for (const event of events) {
        if (event.kind !== 'message' || event.userId !== deps.mailbox.id) continue;
        chain = chain.then(async () => {
          if (stopped) return;
          try {
            await intake(event);
          } catch (err) {
            deps.onError?.(err, { stage: 'security-mailbox-intake', messageId: event.messageId });
          }
        });
      }
    },
    intake,
    idle: () => chain,
    async stop() {
      stopped = true;
      await chain;
    },
  };
}

/** The intake as the runtime wires it: first-pass scores from the mailbox module, reporters from the directory. */
export function securityMailboxIntakeFor(options: {
  mailbox: { id: string; addresses: readonly string[] };
  service: MailboxService;
  graph: MailboxGraph;
  triage: TriageService;
  users: readonly GraphUserSummary[];
  logger: Logger;
}): SecurityMailboxIntake {
  const { mailbox, service, users, logger } = options;
  return connectSecurityMailboxIntake({
    mailbox,
    graph: options.graph,
    triage: options.triage,
    assess: (mail, reporter) => service.assessments.assessParsed(mail, { recipient: reporter || null, receivedAt: mail.date }),
    resolveUser: async (address) => {
      const u = users.find((x) => x.id !== mailbox.id && (x.userPrincipalName.toLowerCase() === address || x.mail?.toLowerCase() === address));
      return u ? { id: u.id, upn: u.userPrincipalName.toLowerCase() } : null;
    },
    onRejected: (reason, messageId) => logger.info({ reason, messageId }, 'mail to the security mailbox is not a report'),
    onError: (err, context) => logger.warn({ ...context, err: err instanceof Error ? err.message : String(err) }, 'security mailbox intake failed'),
  });
}
