import type { AssessedLink, MailVerdict } from '../../../shared/src/assessment.ts';

/**
 * Whether the pane shows a link locked (not clickable, its real destination spelled out).
 * "lock-links" and "hold" lock every link of the message: in a message that looks like phishing, even a
 * harmless-looking link is a lure. "tag" locks only the links the scorer found risky.
 */
export function isLinkLocked(verdict: MailVerdict, link: AssessedLink): boolean {
  if (verdict === 'lock-links' || verdict === 'hold') return true;
  if (verdict === 'tag') return link.risky;
  return false;
}

/** Only http(s) links may ever be rendered clickable. */
export function isSafeHref(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}
