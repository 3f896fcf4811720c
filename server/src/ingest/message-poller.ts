// New inbound mail: the inbox delta per mailbox. Each page's events commit together with the link that
// follows it (nextLink mid-round, deltaLink at the end), so a restart resumes at the last committed page.
// A link Graph no longer accepts (expired sync state), or one that has failed on RESET_DELTA_AFTER_RUNS runs
// in a row, restarts that mailbox's delta from scratch, exactly as its first delta (maxPagesPerRun pages a
// run); the store drops the messages already stored.
import type { DomainEvent } from '@lantern/shared';
import type { GraphUserSummary } from '../graph/graph-api.ts';
import { GraphError } from '../graph/graph-error.ts';
import { normaliseMessage } from './normalise.ts';
import type { Poller, PollerContext } from './poller.ts';
import { commitAndEmit, errorMessage, reportSkipped } from './poller.ts';

export const MESSAGES_CURSOR_PREFIX = 'messages:';
/** Runs in a row a mailbox's stored delta link may fail (this one included) before it is dropped. */
export const RESET_DELTA_AFTER_RUNS = 3;

export interface MessagePollerOptions {
  /** Mailboxes read at the same time (default 4). */
  concurrency?: number;
  /** Pages read per mailbox per run; the rest waits for the next run (default 200). */
  maxPagesPerRun?: number;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function expiredLink(err: unknown): boolean {
  return err instanceof GraphError && (err.status === 410 || /SyncState|InvalidDeltaToken|ResyncRequired/i.test(err.code));
}

export function createMessagePoller(ctx: PollerContext, options: MessagePollerOptions = {}): Poller {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const maxPages = Math.max(1, options.maxPagesPerRun ?? 200);
  const log = ctx.logger;

  async function pollMailbox(user: GraphUserSummary): Promise<void> {
    const key = `${MESSAGES_CURSOR_PREFIX}${user.id}`;
    let link = await ctx.store.getCursor(key);
    for (let page = 0; page < maxPages && !ctx.stopping(); page++) {
      let res;
      try {
        res = await ctx.graph.inboxDelta(user.id, link);
      } catch (err) {
        if (link !== null && (expiredLink(err) || ctx.health.failingRuns(user.id) + 1 >= RESET_DELTA_AFTER_RUNS)) {
          log.warn({ source: 'messages', userId: user.id, err: errorMessage(err) }, 'delta link no longer valid; restarting this mailbox from scratch');
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
      const users = await ctx.users();
      let next = 0;
      let failed = 0;
      let lastError: unknown = null;
      const worker = async (): Promise<void> => {
        while (next < users.length && !ctx.stopping()) {
          const user = users[next++] as GraphUserSummary;
          try {
            await pollMailbox(user);
          } catch (err) {
            failed++;
            lastError = err;
            ctx.health.error(`messages of ${user.userPrincipalName}: ${errorMessage(err)}`, user.id);
            log.warn({ source: 'messages', userId: user.id, err: errorMessage(err) }, 'could not read new mail; will retry from the last committed page');
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, users.length) }, worker));
      const n = (await ctx.store.listCursors(MESSAGES_CURSOR_PREFIX)).size;
      ctx.health.cursor(n === 0 ? null : `delta links for ${n} mailboxes`);
      // Every mailbox failing means the source is down, not one mailbox.
      if (users.length > 0 && failed === users.length) throw lastError instanceof Error ? lastError : new Error(errorMessage(lastError));
    },
  };
}
