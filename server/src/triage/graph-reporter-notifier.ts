// Closes the loop with reporters by e-mail: Graph sendMail from the security team's mailbox, plain text.
import type { ReporterNotifier } from './triage-ports.ts';

export interface SendMailApi {
  sendMail(userId: string, message: unknown, saveToSentItems?: boolean): Promise<void>;
}

/** `fromUserId`: the mailbox the outcome is sent from (e.g. the reporting or security mailbox). */
export function graphReporterNotifier(graph: SendMailApi, fromUserId: string): ReporterNotifier {
  return {
    async notify(reporter, subject, text) {
      await graph.sendMail(
        fromUserId,
        {
          subject: subject.slice(0, 255),
          body: { contentType: 'Text', content: text.slice(0, 4000) },
          toRecipients: [{ emailAddress: { address: reporter.upn } }],
        },
        false,
      );
    },
  };
}
