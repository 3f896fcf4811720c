// What an event leaves behind that keeps an attacker in (a rule, a forward, an MFA method), described with
// what a responder does to undo it. Pure: the engine attaches these items to the user's incident whether the
// breach they caused was raised or suppressed as a repeat, because suppression keeps alerts quiet, never evidence.
import type { DomainEvent, InboxRule, PersistenceItem } from '@lantern/shared';
import { fmtTime } from '../detections/evidence.ts';
import { externalRecipients } from '../detections/rule-suspicion.ts';

const METHOD_CHANGES: ReadonlySet<string> = new Set(['registered', 'updated', 'changed-default']);

function ruleActions(r: InboxRule, external: readonly string[]): string[] {
  const out: string[] = [];
  if (r.forwardTo.length > 0) out.push(`forwards to ${r.forwardTo.join(', ')}`);
  if (r.forwardAsAttachmentTo.length > 0) out.push(`forwards as attachment to ${r.forwardAsAttachmentTo.join(', ')}`);
  if (r.redirectTo.length > 0) out.push(`redirects to ${r.redirectTo.join(', ')}`);
  if (r.moveToFolder) out.push(`moves to ${r.moveToFolder}`);
  if (r.copyToFolder) out.push(`copies to ${r.copyToFolder}`);
  if (r.permanentDelete) out.push('deletes permanently');
  else if (r.delete) out.push('deletes');
  if (r.markAsRead) out.push('marks as read');
  if (external.length > 0 && out.length === 0) out.push(`forwards outside to ${external.join(', ')}`);
  return out;
}

function ruleScope(r: InboxRule): string {
  if (!r.hasConditions) return 'every message';
  const terms = r.conditionTerms.slice(0, 6).map((t) => JSON.stringify(t));
  if (terms.length === 0) return 'messages matching its conditions';
  return `messages matching ${terms.join(', ')}${r.conditionTerms.length > 6 ? ` and ${r.conditionTerms.length - 6} more terms` : ''}`;
}

/** The persistence an event creates or changes, or null when it creates none (sign-ins, deletions, messages). */
export function persistenceOf(e: DomainEvent, domains: ReadonlySet<string>): Omit<PersistenceItem, 'models' | 'removedAt'> | null {
  switch (e.kind) {
    case 'inboxRule': {
      if ((e.change !== 'created' && e.change !== 'changed') || !e.rule.enabled) return null;
      const r = e.rule;
      const external = externalRecipients(r, domains);
      const actions = ruleActions(r, external);
      const verb = e.change === 'created' ? 'created' : 'changed';
      const what = `Inbox rule ${JSON.stringify(r.name)} ${verb} in ${e.upn}'s mailbox (seen ${fmtTime(e.at)})${actions.length > 0 ? `: ${actions.join(', ')}, for ${ruleScope(r)}` : ''}.`;
      const undo =
        e.change === 'created'
          ? `Delete the rule: Remove-InboxRule -Mailbox ${e.upn} -Identity ${JSON.stringify(r.name)} (Graph: DELETE /users/${e.userId}/mailFolders/inbox/messageRules/${r.id}).`
          : `Restore the rule's earlier version or delete it: Remove-InboxRule -Mailbox ${e.upn} -Identity ${JSON.stringify(r.name)} (Graph: DELETE /users/${e.userId}/mailFolders/inbox/messageRules/${r.id}).`;
      const fullUndo = external.length > 0 ? `${undo} Find what was already forwarded to ${external.join(', ')} (message trace) and treat it as disclosed.` : undo;
      return { kind: external.length > 0 ? 'forwarding' : 'inbox-rule', ref: `rule:${e.userId}:${r.id}`, name: r.name, userId: e.userId, user: e.upn, at: e.at, eventId: e.id, what, undo: fullUndo };
    }
    case 'securityInfo': {
      if (!e.success || !METHOD_CHANGES.has(e.action)) return null;
      const method = e.method ?? e.methodType ?? 'a security info method';
      const how = e.action === 'registered' ? 'registered' : e.action === 'changed-default' ? 'made the default method' : 'updated';
      const by = e.byAdmin ? ' by an administrator' : '';
      const from = e.ip ? ` from ${e.ip}` : '';
      const what = `MFA method ${JSON.stringify(method)} ${how} for ${e.upn}${by}${from} (${fmtTime(e.at)}).`;
      const undo = `Remove the method from ${e.upn}'s authentication methods (Entra admin center → Users → ${e.upn} → Authentication methods, or Graph DELETE /users/${e.userId}/authentication/{method type}Methods/{id}), then revoke the user's sessions and require re-registration.`;
      return { kind: 'auth-method', ref: `method:${e.userId}:${e.method ?? e.methodType ?? e.id}`, name: method, userId: e.userId, user: e.upn, at: e.at, eventId: e.id, what, undo };
    }
    default:
      return null;
  }
}

/** The ref of a persistence object an event removes, if it removes one. */
export function removedRef(e: DomainEvent): string | null {
  if (e.kind === 'inboxRule' && e.change === 'deleted') return `rule:${e.userId}:${e.rule.id}`;
  if (e.kind === 'securityInfo' && e.success && e.action === 'deleted') return `method:${e.userId}:${e.method ?? e.methodType ?? e.id}`;
  return null;
}
