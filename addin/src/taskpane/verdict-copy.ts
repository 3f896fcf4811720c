import type { MailReason, MailVerdict } from '../../../shared/src/assessment.ts';
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

/** The scorer's reason code for a message it could only read in part (server/src/mail/detections/message.not-fully-checked.ts). */
export const NOT_FULLY_CHECKED = 'message.not-fully-checked';

/** The warning the pane shows above everything else when the message could not be fully checked, or null. */
export function notFullyCheckedCopy(reasons: readonly MailReason[]): string | null {
  return reasons.some((r) => r.code === NOT_FULLY_CHECKED)
    ? 'Lantern could not check this message in full — treat it with care. Do not open its links or attachments unless you were expecting it.'
    : null;
}
