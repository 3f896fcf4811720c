// Inbox rules have no delta: sweep every mailbox's rules in `$batch`es of 20, diff each against the last
// snapshot (created / changed / deleted), and commit each group's events, snapshots and the sweep position
// in one transaction. Rule folder ids resolve to display names through the mailbox's folder list, read only
// when a rule names a folder not seen before. A mailbox's first snapshot reports its rules as `existing`
// (present before Lantern saw the mailbox: baselines learn them, detections ignore them), not as created.
// A mailbox Graph keeps throttling comes back from the $batch as throttled while the group's other mailboxes
// are read: it keeps its last snapshot and is read on the next sweep. Users without a mailbox are counted
// in health (`mailboxes.noMailbox`), not reported as errors.
import type { DomainEvent, InboxRule } from '@lantern/shared';
import type { BatchItemResult, GraphUserSummary } from '../graph/graph-api.ts';
import { NO_MAILBOX_CODES } from '../graph/graph-error.ts';
import { normaliseInboxRule } from './normalise.ts';
import { diffInboxRules, existingInboxRules } from './rule-diff.ts';
import type { Poller, PollerContext } from './poller.ts';
import { commitAndEmit, errorMessage, reportSkipped } from './poller.ts';

export const INBOX_RULES_SOURCE = 'inboxRules';
const GROUP = 20;
/** Groups whose $batches are in flight at once (distinct mailboxes, so no mailbox sees more than one). */
const GROUPS_PER_ROUND = 5;
const MAX_RULES = 500;
const MAX_FOLDERS = 1000;

/** What the store keeps per mailbox. */
export interface InboxRuleSnapshot {
  rules: InboxRule[];
  /** Folder id → display name, as far as rules needed them. */
  folders: Record<string, string>;
}

/** Where a sweep stands: users are swept in id order; `after` is the last user committed. */
interface SweepCursor {
  sweepStartedAt: string;
  after: string | null;
  done: boolean;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readSnapshot(v: unknown): InboxRuleSnapshot | null {
  if (!isObj(v) || !Array.isArray(v.rules) || !isObj(v.folders)) return null;
  const folders: Record<string, string> = {};
  for (const [k, name] of Object.entries(v.folders)) if (typeof name === 'string') folders[k] = name;
  return { rules: v.rules as InboxRule[], folders };
}

function readCursor(raw: string | null): SweepCursor | null {
  if (raw === null) return null;
  try {
    const v: unknown = JSON.parse(raw);
    if (isObj(v) && typeof v.sweepStartedAt === 'string' && (typeof v.after === 'string' || v.after === null) && typeof v.done === 'boolean') {
      return { sweepStartedAt: v.sweepStartedAt, after: v.after, done: v.done };
    }
  } catch {
    // fall through
  }
  return null;
}

function folderList(body: unknown): Map<string, string> | null {
  if (!isObj(body) || !Array.isArray(body.value)) return null;
  const out = new Map<string, string>();
  for (const f of body.value.slice(0, MAX_FOLDERS)) {
    if (isObj(f) && typeof f.id === 'string' && typeof f.displayName === 'string') out.set(f.id, f.displayName.slice(0, 256));
  }
  return out;
}

export function createInboxRulePoller(ctx: PollerContext): Poller {
  const log = ctx.logger;

  function noMailbox(result: BatchItemResult): boolean {
    return !result.ok && (result.error.status === 404 || NO_MAILBOX_CODES.has(result.error.code));
  }

  /** Users found without a mailbox in this run (for health). */
  let noMailboxes = 0;

  interface ReadGroup {
    group: GraphUserSummary[];
    fresh: Map<string, { raw: unknown[]; before: InboxRuleSnapshot | null; folderIds: Set<string> }>;
    needFolders: string[];
  }

  /** Reads one group's rules ($batch of 20) and validates them; finds mailboxes whose rules name unknown folders. */
  async function readGroup(group: GraphUserSummary[]): Promise<ReadGroup> {
    const ids = group.map((u) => u.id);
    const results = await ctx.graph.batchGetInboxRules(ids);
    const stored = await ctx.store.getSnapshots(INBOX_RULES_SOURCE, ids);

    // First pass: validate the rule lists; find folder ids no snapshot has named yet.
    const fresh = new Map<string, { raw: unknown[]; before: InboxRuleSnapshot | null; folderIds: Set<string> }>();
    const needFolders: string[] = [];
    for (const u of group) {
      const result = results.get(u.id);
      const before = readSnapshot(stored.get(u.id));
      if (!result) {
        ctx.health.error(`inbox rules of ${u.userPrincipalName}: no answer in the $batch`);
        continue;
      }
      if (!result.ok) {
        if (noMailbox(result)) {
          noMailboxes++;
          log.debug({ source: 'inboxRules', userId: u.id, code: result.error.code }, 'no mailbox; skipping');
        } else if (result.retryAfterMs !== undefined) {
          log.info({ source: 'inboxRules', userId: u.id, status: result.error.status, retryAfterMs: result.retryAfterMs }, 'mailbox throttled; keeping its last snapshot until the next sweep');
        } else {
          ctx.health.error(`inbox rules of ${u.userPrincipalName}: ${result.error.message}`);
          log.warn({ source: 'inboxRules', userId: u.id, status: result.error.status, code: result.error.code, requestId: result.error.requestId }, 'could not read inbox rules; keeping the last snapshot');
        }
        continue;
      }
      const body = result.body;
      if (!isObj(body) || !Array.isArray(body.value)) {
        ctx.health.skipped(1);
        log.warn({ source: 'inboxRules', userId: u.id }, 'inbox rules answer has no value array; keeping the last snapshot');
        continue;
      }
      const raw = body.value.slice(0, MAX_RULES);
      const known = before?.folders ?? {};
      // Normalised without folder names, a rule's folders are the raw ids.
      const folderIds = new Set<string>();
      for (const r of raw) {
        const n = normaliseInboxRule(r, new Map());
        if (!n.ok) continue;
        for (const f of [n.value.moveToFolder, n.value.copyToFolder]) if (f !== null) folderIds.add(f);
      }
      fresh.set(u.id, { raw, before, folderIds });
      if ([...folderIds].some((f) => !(f in known))) needFolders.push(u.id);
    }

    return { group, fresh, needFolders };
  }

  /** Folder lists of the given mailboxes, in $batches of 20. */
  async function lookUpFolders(needFolders: readonly string[]): Promise<Map<string, Map<string, string>>> {
    const looked = new Map<string, Map<string, string>>();
    for (let i = 0; i < needFolders.length; i += GROUP) {
      const chunk = needFolders.slice(i, i + GROUP);
      try {
        const res = await ctx.graph.batchListMailFolders(chunk);
        for (const id of chunk) {
          const r = res.get(id);
          const list = r?.ok ? folderList(r.body) : null;
          if (list) looked.set(id, list);
          else log.warn({ source: 'inboxRules', userId: id, error: r && !r.ok ? r.error.message : 'unreadable folder list' }, 'could not read mail folders; rule folders keep their ids');
        }
      } catch (err) {
        log.warn({ source: 'inboxRules', users: chunk.length, err: errorMessage(err) }, 'could not read mail folders; rule folders keep their ids');
      }
    }

    return looked;
  }

  /** Diffs one group against its snapshots and commits events, snapshots and the sweep position together. */
  async function commitGroup(read: ReadGroup, looked: ReadonlyMap<string, Map<string, string>>, cursor: SweepCursor, isLast: boolean): Promise<void> {
    const { group, fresh } = read;
    const at = ctx.clock.now().toISOString();
    const events: DomainEvent[] = [];
    const snapshots: { source: string; key: string; value: InboxRuleSnapshot }[] = [];
    for (const u of group) {
      const f = fresh.get(u.id);
      if (!f) continue;
      const folders: Record<string, string> = { ...(f.before?.folders ?? {}) };
      const list = looked.get(u.id);
      if (list) {
        for (const [id, name] of list) folders[id] = name;
        // Remember ids the folder list does not hold either, so they are not looked up on every sweep.
        for (const id of f.folderIds) if (!(id in folders)) folders[id] = id;
      }
      const names = new Map(Object.entries(folders));
      const after: InboxRule[] = [];
      const errors: string[] = [];
      for (const r of f.raw) {
        const n = normaliseInboxRule(r, names);
        if (n.ok) {
          after.push(n.value);
          continue;
        }
        errors.push(n.error);
        // An unreadable rule is not a deleted one: keep its last known version when its id is readable.
        const id = isObj(r) && typeof r.id === 'string' ? r.id : null;
        const prev = id ? f.before?.rules.find((x) => x.id === id) : undefined;
        if (prev) after.push(prev);
      }
      reportSkipped(ctx, errors, { userId: u.id });
      const who = { userId: u.id, upn: u.userPrincipalName };
      events.push(...(f.before ? diffInboxRules(who, at, f.before.rules, after) : existingInboxRules(who, at, after)));
      snapshots.push({ source: INBOX_RULES_SOURCE, key: u.id, value: { rules: after, folders } });
    }
    const last = group[group.length - 1];
    const next: SweepCursor = { sweepStartedAt: cursor.sweepStartedAt, after: last ? last.id : cursor.after, done: isLast };
    await commitAndEmit(ctx, { events, snapshots, cursors: { [INBOX_RULES_SOURCE]: JSON.stringify(next) } });
    cursor.after = next.after;
    ctx.health.cursor(describe(next));
  }

  function describe(c: SweepCursor | null): string | null {
    if (!c) return null;
    return c.done ? `sweep of ${c.sweepStartedAt} complete` : `sweep of ${c.sweepStartedAt} after user ${c.after ?? '(start)'}`;
  }

  return {
    source: 'inboxRules',
    async describeCursor() {
      return describe(readCursor(await ctx.store.getCursor(INBOX_RULES_SOURCE)));
    },
    async poll() {
      noMailboxes = 0;
      const users = [...(await ctx.users())].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const saved = readCursor(await ctx.store.getCursor(INBOX_RULES_SOURCE));
      // Resume an interrupted sweep; otherwise start a new one.
      const cursor: SweepCursor = saved && !saved.done ? saved : { sweepStartedAt: ctx.clock.now().toISOString(), after: null, done: false };
      const todo = cursor.after === null ? users : users.filter((u) => u.id > (cursor.after as string));
      if (saved && !saved.done) log.info({ source: 'inboxRules', after: cursor.after, remaining: todo.length }, 'resuming an interrupted inbox rule sweep');
      if (todo.length === 0) {
        await ctx.store.commit({ cursors: { [INBOX_RULES_SOURCE]: JSON.stringify({ ...cursor, done: true }) } });
        return;
      }
      // Rounds of a few groups: their $batches run together, and the folder lookups they need share
      // $batches of 20; then each group commits in order.
      const round = GROUP * GROUPS_PER_ROUND;
      for (let i = 0; i < todo.length && !ctx.stopping(); i += round) {
        const groups: GraphUserSummary[][] = [];
        for (let j = i; j < Math.min(i + round, todo.length); j += GROUP) groups.push(todo.slice(j, j + GROUP));
        const reads = await Promise.all(groups.map((g) => readGroup(g)));
        const looked = await lookUpFolders(reads.flatMap((r) => r.needFolders));
        for (let g = 0; g < reads.length; g++) {
          const isLast = i + (g + 1) * GROUP >= todo.length;
          await commitGroup(reads[g] as ReadGroup, looked, cursor, isLast);
        }
        if ((i / round) % 20 === 19) log.info({ source: 'inboxRules', swept: Math.min(i + round, todo.length), of: todo.length }, 'inbox rule sweep progress');
      }
      ctx.health.mailboxes({ noMailbox: noMailboxes, shared: 0, resource: 0 });
    },
  };
}
