import type { MailVerdict } from '../../../shared/src/assessment.ts';
import type { MessageState } from '../../../shared/src/message-state.ts';

export interface VerdictCopy {
  title: string;
  intent: 'success' | 'warning' | 'error' | 'info';
}

/**
 * The headline the pane shows: from the message's state first (held, released, restored), then its verdict.
 * A delivered message that still earned some points is "low risk", never "no warning signs" beside a score.
 */
export function verdictCopy(verdict: MailVerdict, state: MessageState, reasons = 0): VerdictCopy {
  switch (state) {
    case 'held':
    case 'release-requested':
    case 'denied':
      return { title: 'Held: this message looks dangerous', intent: 'error' };
    case 'restored':
      return { title: 'Checked by triage: this message is safe', intent: 'success' };
    case 'released':
      return { title: "Released: Lantern's hold or warning was removed", intent: 'info' };
    case 'reported':
    case 'delivered':
    case 'tagged':
    case 'links-locked':
      break;
  }
  switch (verdict) {
    case 'deliver':
      return reasons > 0 ? { title: 'Low risk: a few things to note', intent: 'info' } : { title: 'No warning signs found', intent: 'success' };
    case 'tag':
      return { title: 'Be careful with this message', intent: 'warning' };
    case 'lock-links':
      return { title: 'Likely phishing: links are locked', intent: 'error' };
    case 'hold':
      return { title: 'Held: this message looks dangerous', intent: 'error' };
  }
}
