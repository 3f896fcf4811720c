// What makes an inbox rule look like an attacker's: hiding, deleting or diverting mail, security and finance
// keywords, names that say nothing. Weights, folders and keywords are data.
import type { InboxRule, Reason } from '@lantern/shared';

export interface RuleSuspicionParams {
  /** Folders attackers hide mail in (lower case), with points. */
  folders: Readonly<Record<string, number>>;
  keywords: readonly string[];
  points: {
    nameNoWords: number;
    keyword: number;
    delete: number;
    markAsRead: number;
    stopProcessing: number;
    noCondition: number;
    forward: number;
  };
}

export const defaultRuleSuspicion: RuleSuspicionParams = {
  folders: {
    'rss feeds': 30,
    'rss subscriptions': 30,
    'conversation history': 30,
    rss: 25,
    archive: 12,
    'deleted items': 20,
    deleteditems: 20,
    'junk email': 20,
    junkemail: 20,
    junk: 20,
    conversationhistory: 30,
  },
  keywords: ['phish', 'hack', 'security', 'invoice', 'payment', 'wire', 'transfer', 'bank', 'fraud', 'compromise', 'suspicious', 'password', 'mfa', 'helpdesk', 'it support', 'ach', 'remittance', 'w-2', 'w2', 'payroll'],
  points: { nameNoWords: 25, keyword: 20, delete: 20, markAsRead: 10, stopProcessing: 5, noCondition: 15, forward: 10 },
};

export interface RuleSuspicion {
  points: number;
  reasons: Reason[];
}

function hasWord(name: string): boolean {
  return /[\p{L}\p{N}]{3,}/u.test(name);
}

function keywordHits(terms: readonly string[], keywords: readonly string[]): string[] {
  const hits = new Set<string>();
  for (const t of terms) {
    const lower = t.toLowerCase();
    for (const k of keywords) {
      if (k.length <= 3 ? new RegExp(`\\b${k}\\b`).test(lower) : lower.includes(k)) hits.add(k);
    }
  }
  return [...hits];
}

/** Points and reasons for what the rule does; with `previous`, only what the change added counts. */
export function ruleSuspicion(rule: InboxRule, previous: InboxRule | null, p: RuleSuspicionParams = defaultRuleSuspicion): RuleSuspicion {
  const reasons: Reason[] = [];
  let points = 0;
  const add = (code: string, pts: number, text: string) => {
    points += pts;
    reasons.push({ code, text });
  };
  const was = previous;
  if (!hasWord(rule.name) && (!was || hasWord(was.name))) add('rule.name-no-words', p.points.nameNoWords, `The rule's name ${JSON.stringify(rule.name)} has no words.`);
  const folder = rule.moveToFolder?.toLowerCase() ?? null;
  if (folder && p.folders[folder] !== undefined && (!was || was.moveToFolder?.toLowerCase() !== folder)) {
    add('rule.hiding-folder', p.folders[folder]!, `It moves mail to "${rule.moveToFolder}", a folder people rarely look at.`);
  }
  if ((rule.delete || rule.permanentDelete) && !(was && (was.delete || was.permanentDelete))) add('rule.delete', p.points.delete, `It ${rule.permanentDelete ? 'permanently deletes' : 'deletes'} matching mail.`);
  if (rule.markAsRead && !was?.markAsRead) add('rule.mark-read', p.points.markAsRead, 'It marks matching mail as read.');
  if (rule.stopProcessing && !was?.stopProcessing) add('rule.stop-processing', p.points.stopProcessing, 'It stops processing further rules.');
  const hits = keywordHits([...rule.conditionTerms, rule.name], p.keywords);
  const before = was ? new Set(keywordHits([...was.conditionTerms, was.name], p.keywords)) : new Set<string>();
  const fresh = hits.filter((h) => !before.has(h));
  if (fresh.length > 0) add('rule.keywords', p.points.keyword, `It matches security or finance words: ${fresh.join(', ')}.`);
  const acts = (rule.moveToFolder ? 1 : 0) + (rule.delete || rule.permanentDelete ? 1 : 0) + rule.forwardTo.length + rule.redirectTo.length + rule.forwardAsAttachmentTo.length;
  if (!rule.hasConditions && acts > 0 && (!was || was.hasConditions)) add('rule.no-condition', p.points.noCondition, 'It applies to every message (no condition).');
  const fwd = [...rule.forwardTo, ...rule.forwardAsAttachmentTo, ...rule.redirectTo];
  const oldFwd = was ? new Set([...was.forwardTo, ...was.forwardAsAttachmentTo, ...was.redirectTo]) : new Set<string>();
  const newFwd = fwd.filter((a) => !oldFwd.has(a));
  if (newFwd.length > 0) add('rule.forwards', p.points.forward, `It forwards or redirects mail to ${newFwd.join(', ')}.`);
  return { points, reasons };
}

/** Recipients outside the tenant's domains (subdomains count as inside). */
export function externalRecipients(rule: InboxRule, domains: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const a of [...rule.forwardTo, ...rule.forwardAsAttachmentTo, ...rule.redirectTo]) {
    const at = a.lastIndexOf('@');
    const d = at >= 0 ? a.slice(at + 1).toLowerCase() : '';
    let inside = false;
    for (const own of domains) if (d === own || d.endsWith(`.${own}`)) inside = true;
    if (!inside && !out.includes(a)) out.push(a);
  }
  return out;
}
