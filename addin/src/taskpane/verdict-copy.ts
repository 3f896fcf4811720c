import type { MailReason, MailVerdict } from '../../../shared/src/assessment.ts';

export interface VerdictCopy {
  title: string;
  intent: 'success' | 'warning' | 'error' | 'info';
}

/** The headline the pane shows for each verdict. */
export function verdictCopy(verdict: MailVerdict, held: boolean): VerdictCopy {
  if (held) return { title: 'Held: this message looks dangerous', intent: 'error' };
  switch (verdict) {
    case 'deliver':
      return { title: 'No warning signs found', intent: 'success' };
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
