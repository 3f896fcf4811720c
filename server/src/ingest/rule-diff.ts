// Inbox rules have no change feed: Lantern reads a mailbox's whole rule set and diffs consecutive snapshots.
import type { InboxRule, InboxRuleEvent } from '@lantern/shared';

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Whether two versions of a rule send mail to the same folder. Folders are compared on their Graph ids: a
 * folder whose name could not be resolved on one read is the same folder, not a change. A version stored
 * before ids were kept holds only the name (or, unresolved, the raw id), so it matches either.
 */
function sameFolder(aName: string | null, aId: string | null | undefined, bName: string | null, bId: string | null | undefined): boolean {
  if (aId !== undefined && bId !== undefined) return aId === bId;
  const id = aId ?? bId;
  const name = aId === undefined ? aName : bName;
  if (id === undefined) return aName === bName;
  return name === (aId === undefined ? bName : aName) || name === id;
}

/** Whether two versions of a rule differ in anything that matters (the sequence and folder names do not). */
export function ruleChanged(a: InboxRule, b: InboxRule): boolean {
  return (
    a.name !== b.name ||
    a.enabled !== b.enabled ||
    a.hasConditions !== b.hasConditions ||
    !sameList(a.conditionTerms, b.conditionTerms) ||
    !sameFolder(a.moveToFolder, a.moveToFolderId, b.moveToFolder, b.moveToFolderId) ||
    !sameFolder(a.copyToFolder, a.copyToFolderId, b.copyToFolder, b.copyToFolderId) ||
    a.delete !== b.delete ||
    a.permanentDelete !== b.permanentDelete ||
    a.markAsRead !== b.markAsRead ||
    a.stopProcessing !== b.stopProcessing ||
    !sameList(a.forwardTo, b.forwardTo) ||
    !sameList(a.forwardAsAttachmentTo, b.forwardAsAttachmentTo) ||
    !sameList(a.redirectTo, b.redirectTo)
  );
}

/**
 * The events that turn `before` into `after`, observed at `at`: created, changed and deleted rules, in a
 * stable order (deleted, then changed and created in the order of `after`). Event ids are deterministic:
 * `${userId}:${ruleId}:${change}:${at}`, so re-reading the same snapshot yields the same ids.
 */
export function diffInboxRules(user: { userId: string; upn: string }, at: string, before: InboxRule[], after: InboxRule[]): InboxRuleEvent[] {
  const upn = user.upn.toLowerCase();
  const prev = new Map<string, InboxRule>();
  for (const r of before) prev.set(r.id, r);
  const seen = new Set<string>();
  const events: InboxRuleEvent[] = [];
  const make = (change: InboxRuleEvent['change'], rule: InboxRule, previous: InboxRule | null): InboxRuleEvent => ({
    id: `${user.userId}:${rule.id}:${change}:${at}`,
    kind: 'inboxRule',
    at,
    userId: user.userId,
    upn,
    change,
    rule,
    previous,
  });
  for (const r of before) {
    if (!after.some((a) => a.id === r.id)) events.push(make('deleted', r, r));
  }
  for (const r of after) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const old = prev.get(r.id);
    if (!old) events.push(make('created', r, null));
    else if (ruleChanged(old, r)) events.push(make('changed', r, old));
  }
  return events;
}

/**
 * A mailbox's first snapshot, observed at `at`: every rule is `existing` (state, not a change), with ids
 * `${userId}:${ruleId}:existing:${at}`.
 */
export function existingInboxRules(user: { userId: string; upn: string }, at: string, rules: InboxRule[]): InboxRuleEvent[] {
  const upn = user.upn.toLowerCase();
  const seen = new Set<string>();
  const events: InboxRuleEvent[] = [];
  for (const r of rules) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    events.push({ id: `${user.userId}:${r.id}:existing:${at}`, kind: 'inboxRule', at, userId: user.userId, upn, change: 'existing', rule: r, previous: null });
  }
  return events;
}
