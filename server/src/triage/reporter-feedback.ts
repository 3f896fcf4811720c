// The plain message that closes the loop with a reporter, from the verdict and the evidence. Pure.
import type { SenderHistory, TriageVerdict } from './decide-verdict.ts';

export interface FeedbackFacts {
  verdict: TriageVerdict;
  subject: string | null;
  sender: SenderHistory;
  /** Mailboxes the campaign reached, and copies removed. */
  mailboxes: number;
  removed: number;
  bulk: boolean;
}

export interface Feedback {
  subject: string;
  text: string;
}

function quoted(subject: string | null): string {
  return subject ? `"${subject.slice(0, 120)}"` : 'the message you reported';
}

export function reporterFeedback(f: FeedbackFacts): Feedback {
  const what = quoted(f.subject);
  const who = f.sender.address ?? 'the sender';
  switch (f.verdict) {
    case 'malicious':
      return {
        subject: 'You reported a phishing message: thank you',
        text:
          `You were right: ${what} was a phishing attempt. ` +
          (f.removed > 0 ? `We removed it from ${f.removed} mailbox${f.removed === 1 ? '' : 'es'} across the company, including yours. ` : '') +
          'If you clicked a link or entered your password, change your password now and tell the security team.',
      };
    case 'spam':
      return {
        subject: 'Your report: unwanted bulk mail',
        text: `${what} from ${who} was unwanted bulk mail (spam), not a phishing attempt. We lowered the sender's reputation so similar mail gets filtered. You can delete it.`,
      };
    case 'benign': {
      const kind = f.sender.internal
        ? `a genuine message from your colleague ${who}`
        : f.bulk && f.sender.earlierMessages > 0
          ? `${who}'s regular newsletter, which ${f.sender.earlierMailboxes} people here have received ${f.sender.earlierMessages} times before`
          : `a genuine message from ${who}`;
      return {
        subject: 'Your report: the message was safe',
        text: `Thank you for checking. ${what} was ${kind}; we found nothing dangerous in it. Reporting when in doubt is exactly right.`,
      };
    }
    case 'suspicious':
      return {
        subject: 'Your report is with the security team',
        text: `${what} needs a closer look: the security team is reviewing it and will act if it is dangerous. Please don't open its links or attachments meanwhile.`,
      };
  }
}
