import type { MailVerdict } from '../../../shared/src/assessment.ts';

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
