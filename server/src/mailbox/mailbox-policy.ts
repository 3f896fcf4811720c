// Tenant policy for mailbox actions, as data: when a user may release held mail themselves, where reported
// mail goes, which categories Lantern writes.
import type { MailVerdict } from '@lantern/shared';
import type { ReleaseMode } from '@lantern/shared/api';

export interface MailboxPolicy {
  /** A held message scoring at least this needs an analyst's approval to be released. */
  releaseApprovalThreshold: number;
  /** Where a reported message goes (well-known folder name), or null to leave it in place. */
  reportDestination: string | null;
  /** Display name of the hidden per-mailbox folder held mail is moved to. */
  heldFolderName: string;
  /** Outlook categories written by the tag and lock-links actions. */
  categories: { tag: string; lockLinks: string };
  /** Apply verdict actions to new inbound mail (hold, tag, lock-links); false only records assessments. */
  actOnInbound: boolean;
}

export const defaultMailboxPolicy: MailboxPolicy = {
  releaseApprovalThreshold: 80,
  reportDestination: 'junkemail',
  heldFolderName: 'Lantern Held',
  categories: { tag: 'Lantern: suspicious', lockLinks: 'Lantern: links locked' },
  actOnInbound: true,
};

/**
 * What the user may do to undo Lantern's action on a message: a held message scoring at or above the
 * threshold needs approval ('request'); other held, tagged or link-locked messages the user may release
 * ('allowed'); a delivered message has nothing to release ('none').
 */
export function releaseModeFor(verdict: MailVerdict, score: number, held: boolean, policy: MailboxPolicy): ReleaseMode {
  if (held) return score >= policy.releaseApprovalThreshold ? 'request' : 'allowed';
  if (verdict === 'tag' || verdict === 'lock-links') return 'allowed';
  return 'none';
}
