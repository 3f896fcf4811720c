// New inbound mail: the inbox delta per mailbox. Each page's events commit together with the link that
// follows it (nextLink mid-round, deltaLink at the end), so a restart resumes at the last committed page.
// A link Graph no longer accepts (expired sync state) restarts that mailbox's delta from scratch; the store
// drops the messages already stored.
//
// A safe first start: the installation time is recorded once (store/installed-at.ts) and every mailbox's
// first delta round, and every restart after an expired link, reads only mail received since then
// (`$filter=receivedDateTime ge {installedAt}`), so installing Lantern never downloads years of mail.
// Mailboxes are classified when the user list is read (mailboxSettings.userPurpose, in $batches of 20):
// users without a mailbox and room or equipment mailboxes are skipped, shared mailboxes read like the
// others; a user whose delta answers "no mailbox" is skipped too. Skips last until the user list is read
// again, and are counted in health (`mailboxes`) instead of logged as errors on every run.
import type { DomainEvent } from '@lantern/shared';
import type { GraphUserSummary, MailboxPurpose } from '../graph/graph-api.ts';
import { GraphError, isNoMailboxError } from '../graph/graph-error.ts';
import { ensureInstalledAt } from '../store/installed-at.ts';
import { normaliseMessage } from './normalise.ts';
import type { Poller, PollerContext } from './poller.ts';
import { commitAndEmit, errorMessage, reportSkipped } from './poller.ts';

export const MESSAGES_CURSOR_PREFIX = 'messages:';

export interface MessagePollerOptions {
  /** Mailboxes read at the same time (default 4). */
  concurrency?: number;
  /** Pages read per mailbox per run; the rest waits for the next run (default 200). */
  maxPagesPerRun?: number;
  /** Read each mailbox's purpose (shared, room, ...) when the user list changes (default true). */
  classifyMailboxes?: boolean;
  /**
   * Longest one mailbox's page waits for Graph's throttling (default 30 s); a mailbox asked to wait longer
   * is left for the next run, so it does not hold up the others.
   */
  maxThrottleWaitMs?: number;
}

/** How the poller treats a mailbox until the user list is read again. */
export type MailboxTreatment = 'read' | 'shared' | 'no-mailbox' | 'resource';

const BATCH = 20;

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function expiredLink(err: unknown): boolean {
  return err instanceof GraphError && (err.status === 410 || /SyncState|InvalidDeltaToken|ResyncRequired/i.test(err.code));
}

export function treatmentOf(purpose: MailboxPurpose): MailboxTreatment {
  if (purpose === 'none') return 'no-mailbox';
  if (purpose === 'room' || purpose === 'equipment') return 'resource';
  if (purpose === 'shared') return 'shared';
  return 'read';
}

export function createMessagePoller(ctx: PollerContext, options: MessagePollerOptions = {}): Poller {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const maxPages = Math.max(1, options.maxPagesPerRun ?? 200);
  const classify = options.classifyMailboxes ?? true;
  const throttleBudget = Math.max(0, options.maxThrottleWaitMs ?? 30_000);
  const log = ctx.logger;
  let installedAt: string | null = null;
  // The user list these treatments belong to: ingestion hands out the same array until it reads the list again.
  let treatedList: readonly GraphUserSummary[] | null = null;
  const treatments = new Map<string, MailboxTreatment>();

  async function classifyAll(users: readonly GraphUserSummary[]): Promise<void> {
    treatments.clear();
    treatedList = users;
    if (!classify) return;
    for (let i = 0; i < users.length && !ctx.stopping(); i += BATCH) {
      const chunk = users.slice(i, i + BATCH);
      try {
        const purposes = await ctx.graph.batchMailboxPurposes(chunk.map((u) => u.id));
        for (const u of chunk) {
          const r = purposes.get(u.id);
          // Graph could not say (throttled, failing): read the mailbox; its delta tells.
          if (r?.ok) treatments.set(u.id, treatmentOf(r.purpose));
        }
      } catch (err) {
        log.warn({ source: 'messages', users: chunk.length, err: errorMessage(err) }, 'could not read mailbox kinds; reading these mailboxes as ordinary ones');
      }
    }
    const counts = countTreatments(users);
    if (counts.noMailbox + counts.resource + counts.shared > 0) log.info({ source: 'messages', ...counts }, 'mailbox kinds read');
  }

  function countTreatments(users: readonly GraphUserSummary[]): { noMailbox: number; shared: number; resource: number } {
    let noMailbox = 0;
    let shared = 0;
    let resource = 0;
    for (const u of users) {
      const t = treatments.get(u.id);
      if (t === 'no-mailbox') noMailbox++;
      else if (t === 'shared') shared++;
      else if (t === 'resource') resource++;
    }
    return { noMailbox, shared, resource };
  }

  async function pollMailbox(user: GraphUserSummary, since: string): Promise<void> {
    const key = `${MESSAGES_CURSOR_PREFIX}${user.id}`;
    let link = await ctx.store.getCursor(key);
    for (let page = 0; page < maxPages && !ctx.stopping(); page++) {
      let res;
      try {
        res = await ctx.graph.inboxDelta(user.id, link, link === null ? { receivedSince: since, maxThrottleWaitMs: throttleBudget } : { maxThrottleWaitMs: throttleBudget });
      } catch (err) {
        if (link !== null && expiredLink(err)) {
          log.warn({ source: 'messages', userId: user.id, err: errorMessage(err) }, 'delta link no longer valid; restarting this mailbox from the installation time');
          await ctx.store.commit({ cursors: { [key]: null } });
          link = null;
          continue;
        }
        throw err;
      }
      const events: DomainEvent[] = [];
      const errors: string[] = [];
      for (const r of res.records) {
        if (isObj(r) && '@removed' in r) continue; // left the inbox: not new mail
        const n = normaliseMessage(r, user.id, user.userPrincipalName, 'inbox');
        if (n.ok) events.push(n.value);
        else errors.push(n.error);
      }
      reportSkipped(ctx, errors, { userId: user.id });
      const next = res.nextLink ?? res.deltaLink;
      await commitAndEmit(ctx, { events, cursors: { [key]: next } });
      link = next;
      if (res.deltaLink) return;
    }
  }

  return {
    source: 'messages',
    async describeCursor() {
      const n = (await ctx.store.listCursors(MESSAGES_CURSOR_PREFIX)).size;
      return n === 0 ? null : `delta links for ${n} mailboxes`;
    },
    async poll() {
      installedAt ??= await ensureInstalledAt(ctx.store.db, ctx.clock.now());
      const since = installedAt;
      const users = await ctx.users();
      if (users !== treatedList) await classifyAll(users);
      const todo = users.filter((u) => {
        const t = treatments.get(u.id);
        return t !== 'no-mailbox' && t !== 'resource';
      });
      let next = 0;
      let failed = 0;
      let lastError: unknown = null;
      const worker = async (): Promise<void> => {
        while (next < todo.length && !ctx.stopping()) {
          const user = todo[next++] as GraphUserSummary;
          try {
            await pollMailbox(user, since);
          } catch (err) {
            if (isNoMailboxError(err)) {
              treatments.set(user.id, 'no-mailbox');
              log.info({ source: 'messages', userId: user.id, code: err.code }, 'user has no mailbox; skipped until the user list is read again');
              continue;
            }
            if (err instanceof GraphError && err.retryAfterMs !== null) {
              // Throttled past the budget: counted as throttled (by the Graph observer), read on the next run.
              log.info({ source: 'messages', userId: user.id, status: err.status, retryAfterMs: err.retryAfterMs }, 'mailbox throttled; reading it on the next run');
              continue;
            }
            failed++;
            lastError = err;
            ctx.health.error(`messages of ${user.userPrincipalName}: ${errorMessage(err)}`);
            log.warn({ source: 'messages', userId: user.id, err: errorMessage(err) }, 'could not read new mail; will retry from the last committed page');
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker));
      ctx.health.mailboxes(countTreatments(users));
      const n = (await ctx.store.listCursors(MESSAGES_CURSOR_PREFIX)).size;
      ctx.health.cursor(n === 0 ? null : `delta links for ${n} mailboxes`);
      // Every mailbox failing means the source is down, not one mailbox.
      if (todo.length > 0 && failed === todo.length) throw lastError instanceof Error ? lastError : new Error(errorMessage(lastError));
    },
  };
}
