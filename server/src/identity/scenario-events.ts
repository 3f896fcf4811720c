// Turns a tenant scenario (Graph JSON as Graph returns it) into time-ordered domain events through the
// same normalisers the pollers use: sign-ins as they are, security-info audits with the methods read
// after them, inbox-rule snapshots as diffs, messages as metadata. Pure.
import type { AuthMethod, DomainEvent, InboxRule, TenantScenario } from '@lantern/shared';
import { normaliseAuthMethods, normaliseInboxRule, normaliseMessage, normaliseSecurityInfoAudit, normaliseSignIn } from '../ingest/normalise.ts';
import { diffInboxRules, existingInboxRules } from '../ingest/rule-diff.ts';

export interface ScenarioEvents {
  events: DomainEvent[];
  /** Invalid records skipped. */
  skipped: number;
  /** One line per skipped record, capped. */
  problems: string[];
}

const MAX_PROBLEMS = 100;
/** A method snapshot read this long after an audit still describes the methods after that change. */
const METHODS_AFTER_MS = 24 * 3_600_000;

export function scenarioToEvents(scenario: TenantScenario): ScenarioEvents {
  let skipped = 0;
  const problems: string[] = [];
  const problem = (msg: string) => {
    skipped++;
    if (problems.length < MAX_PROBLEMS) problems.push(msg);
    else if (problems.length === MAX_PROBLEMS) problems.push('… more problems not listed');
  };
  const upnOf = new Map<string, string>();
  for (const u of scenario.users ?? []) if (u && typeof u.id === 'string' && typeof u.userPrincipalName === 'string') upnOf.set(u.id, u.userPrincipalName.toLowerCase());

  const signIns: DomainEvent[] = [];
  for (const raw of scenario.signIns ?? []) {
    const r = normaliseSignIn(raw);
    if (r.ok) signIns.push(r.value);
    else problem(r.error);
  }

  // Method snapshots per user, in time order, for methodsAfter.
  const methods = new Map<string, { t: number; methods: AuthMethod[] }[]>();
  for (const s of scenario.authenticationMethods ?? []) {
    const t = Date.parse(s.at);
    const r = normaliseAuthMethods(s.methods);
    if (!Number.isFinite(t) || !r.ok) {
      problem(`authentication methods snapshot of ${s.userId}: ${r.ok ? 'invalid time' : r.error}`);
      continue;
    }
    const list = methods.get(s.userId) ?? [];
    list.push({ t, methods: r.value });
    methods.set(s.userId, list);
  }
  for (const list of methods.values()) list.sort((a, b) => a.t - b.t);
  const methodsAfter = (userId: string, t: number): AuthMethod[] | null => {
    const list = methods.get(userId);
    if (!list) return null;
    for (const s of list) if (s.t >= t && s.t - t <= METHODS_AFTER_MS) return s.methods;
    return null;
  };

  const audits: DomainEvent[] = [];
  for (const raw of scenario.directoryAudits ?? []) {
    const probe = normaliseSecurityInfoAudit(raw, null);
    if (!probe.ok) {
      // Audits of other services are not security-info changes: ignored, not invalid.
      if (!probe.error.includes('is not a security info change')) problem(probe.error);
      continue;
    }
    const e = probe.value;
    audits.push({ ...e, methodsAfter: methodsAfter(e.userId, Date.parse(e.at)) });
  }

  // Folder names per user: id → display name, and well-known names.
  const folders = new Map<string, Map<string, string>>();
  for (const rec of scenario.mailFolders ?? []) {
    const m = folders.get(rec.userId) ?? new Map<string, string>();
    for (const f of rec.folders ?? []) {
      if (!f || typeof f.id !== 'string' || typeof f.displayName !== 'string') continue;
      m.set(f.id, f.displayName);
      if (f.wellKnownName) m.set(f.wellKnownName.toLowerCase(), f.displayName);
    }
    folders.set(rec.userId, m);
  }
  const wellKnown = new Map([
    ['inbox', 'Inbox'],
    ['archive', 'Archive'],
    ['deleteditems', 'Deleted Items'],
    ['junkemail', 'Junk Email'],
    ['conversationhistory', 'Conversation History'],
    ['sentitems', 'Sent Items'],
  ]);
  const folderMap = (userId: string): ReadonlyMap<string, string> => {
    const own = folders.get(userId);
    if (!own) return wellKnown;
    for (const [k, v] of wellKnown) if (!own.has(k)) own.set(k, v);
    return own;
  };

  const ruleEvents: DomainEvent[] = [];
  const startT = Date.parse(scenario.start);
  const snaps = [...(scenario.inboxRules ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const current = new Map<string, InboxRule[]>();
  for (const s of snaps) {
    const t = Date.parse(s.at);
    if (!Number.isFinite(t) || !Array.isArray(s.rules)) {
      problem(`inbox rules snapshot of ${s.userId} has no valid time or rule list`);
      continue;
    }
    const fm = folderMap(s.userId);
    const rules: InboxRule[] = [];
    for (const raw of s.rules) {
      const r = normaliseInboxRule(raw, fm);
      if (r.ok) rules.push(r.value);
      else problem(`inbox rules snapshot of ${s.userId}: ${r.error}`);
    }
    const before = current.get(s.userId);
    current.set(s.userId, rules);
    const at = new Date(t).toISOString();
    const who = { userId: s.userId, upn: upnOf.get(s.userId) ?? s.userId };
    // A user's first snapshot at the start of the period is the state of things, not a change: its rules are
    // `existing`, as the live poller reports a mailbox's first snapshot.
    if (!before && t <= startT) ruleEvents.push(...existingInboxRules(who, at, rules));
    else ruleEvents.push(...diffInboxRules(who, at, before ?? [], rules));
  }

  const messages: DomainEvent[] = [];
  for (const m of scenario.messages ?? []) {
    const r = normaliseMessage(m?.message, m?.userId ?? '', upnOf.get(m?.userId ?? '') ?? m?.userId ?? '', m?.folder ?? 'inbox');
    if (r.ok) messages.push(r.value);
    else problem(r.error);
  }

  const events = [...signIns, ...audits, ...ruleEvents, ...messages];
  // Stable: equal times keep the order sign-ins, audits, rules, messages.
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { events, skipped, problems };
}
