// The work behind `lantern backfill`: read the inbox mail received in a bounded window, score each message
// as live scoring would, and report what Lantern would have done. Read-only towards the tenant: the Graph
// port it scores through refuses every write, and assessments and sender history go to a scratch store
// that is thrown away, so the real store's history is not touched by mail Lantern never saw arrive.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MailVerdict } from '@lantern/shared/assessment';
import type { Clock } from '../clock.ts';
import type { GraphApi, GraphUserSummary } from '../graph/graph-api.ts';
import { isNoMailboxError } from '../graph/graph-error.ts';
import { treatmentOf, type MailboxTreatment } from '../ingest/message-poller.ts';
import { AssessmentService } from '../mailbox/assessment-service.ts';
import { createMailScorer, type TenantDirectory } from '../mailbox/mail-scorer-default.ts';
import type { MailboxGraph } from '../mailbox/mailbox-graph.ts';
import { mailboxGraphFrom } from '../mailbox/mailbox-graph-from.ts';
import { MailboxRepository } from '../mailbox/mailbox-repository.ts';
import { openStore } from '../store/open-store.ts';

export const MAX_BACKFILL_DAYS = 30;
export const MAX_BACKFILL_MESSAGES = 10_000;

export interface BackfillScanOptions {
  graph: GraphApi;
  users: readonly GraphUserSummary[];
  /** Window of receivedDateTime, ISO, inclusive. */
  since: string;
  until: string;
  /** At most this many messages are scored in all (each mailbox gets its share). */
  maxMessages: number;
  directory: TenantDirectory;
  clock: Clock;
  /** How many risky messages the report keeps (default 10). */
  top?: number;
  concurrency?: number;
  progress(line: string): void;
}

export interface RiskyMessage {
  userPrincipalName: string;
  receivedAt: string | null;
  from: string | null;
  subject: string | null;
  score: number;
  verdict: MailVerdict;
  reasons: string[];
}

export interface BackfillReport {
  since: string;
  until: string;
  mailboxes: { read: number; shared: number; noMailbox: number; resource: number; failed: number };
  /** Messages found in the window (up to the cap), scored, and failed to score. */
  found: number;
  scored: number;
  errors: number;
  /** True when the cap left messages of the window unread. */
  capped: boolean;
  verdicts: Record<MailVerdict, number>;
  top: RiskyMessage[];
}

interface Candidate {
  user: GraphUserSummary;
  id: string;
  receivedAt: string;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class ReadOnlyMailboxError extends Error {
  constructor(what: string) {
    super(`backfill is read-only: refused to ${what}`);
    this.name = 'ReadOnlyMailboxError';
  }
}

/** The mailbox port with every write refused: what backfill scores through. */
function readOnly(graph: MailboxGraph): MailboxGraph {
  return {
    getMessage: (u, m) => graph.getMessage(u, m),
    getMessageMime: (u, m) => graph.getMessageMime(u, m),
    moveMessage: async () => {
      throw new ReadOnlyMailboxError('move a message');
    },
    ensureHiddenFolder: async () => {
      throw new ReadOnlyMailboxError('create a folder');
    },
    setCategories: async () => {
      throw new ReadOnlyMailboxError('set categories');
    },
  };
}

export async function backfillScan(options: BackfillScanOptions): Promise<BackfillReport> {
  const { graph, since, until } = options;
  const t0 = Date.parse(since);
  const t1 = Date.parse(until);
  if (!(t0 <= t1)) throw new RangeError('backfill window: since must not be after until');
  const report: BackfillReport = {
    since,
    until,
    mailboxes: { read: 0, shared: 0, noMailbox: 0, resource: 0, failed: 0 },
    found: 0,
    scored: 0,
    errors: 0,
    capped: false,
    verdicts: { deliver: 0, tag: 0, 'lock-links': 0, hold: 0 },
    top: [],
  };

  // Which mailboxes to read: the same treatment as the message poller.
  const treatment = new Map<string, MailboxTreatment>();
  for (let i = 0; i < options.users.length; i += 20) {
    const chunk = options.users.slice(i, i + 20);
    try {
      const purposes = await graph.batchMailboxPurposes(chunk.map((u) => u.id));
      for (const [id, r] of purposes) if (r.ok) treatment.set(id, treatmentOf(r.purpose));
    } catch {
      // unknown kinds: read them; the delta tells
    }
  }
  const mailboxes = options.users.filter((u) => {
    const t = treatment.get(u.id);
    if (t === 'no-mailbox') report.mailboxes.noMailbox++;
    else if (t === 'resource') report.mailboxes.resource++;
    else if (t === 'shared') report.mailboxes.shared++;
    return t !== 'no-mailbox' && t !== 'resource';
  });

  // The window's inbox mail, each mailbox up to its share of the cap.
  const share = Math.max(10, Math.ceil(options.maxMessages / Math.max(1, mailboxes.length)));
  const candidates: Candidate[] = [];
  for (const [n, user] of mailboxes.entries()) {
    if (candidates.length >= options.maxMessages) {
      report.capped = true;
      break;
    }
    const mine: Candidate[] = [];
    try {
      let link: string | null = null;
      for (let page = 0; page < 1000; page++) {
        const res = await graph.inboxDelta(user.id, link, link === null ? { receivedSince: since } : {});
        for (const r of res.records) {
          if (!isObj(r) || '@removed' in r || typeof r.id !== 'string' || typeof r.receivedDateTime !== 'string') continue;
          const t = Date.parse(r.receivedDateTime);
          if (!(t >= t0 && t <= t1)) continue;
          mine.push({ user, id: r.id, receivedAt: new Date(t).toISOString() });
        }
        if (mine.length >= share || candidates.length + mine.length >= options.maxMessages) {
          if (res.nextLink) report.capped = true;
          break;
        }
        if (!res.nextLink) break;
        link = res.nextLink;
      }
      report.mailboxes.read++;
    } catch (err) {
      if (isNoMailboxError(err)) report.mailboxes.noMailbox++;
      else {
        report.mailboxes.failed++;
        options.progress(`could not read the mailbox of ${user.userPrincipalName}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      }
      continue;
    }
    // Newest first within the share, so a capped mailbox reports its latest mail.
    mine.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
    const keep = Math.min(share, options.maxMessages - candidates.length);
    if (mine.length > keep) report.capped = true;
    candidates.push(...mine.slice(0, keep));
    if ((n + 1) % 10 === 0 || n + 1 === mailboxes.length) options.progress(`read ${n + 1}/${mailboxes.length} mailboxes, ${candidates.length} messages in the window`);
  }
  report.found = candidates.length;

  // Score oldest first, so the scratch sender history grows as live scoring's would have.
  candidates.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  const dir = await mkdtemp(join(tmpdir(), 'lantern-backfill-'));
  const scratch = await openStore({ kind: 'sqlite', file: join(dir, 'scratch.sqlite') });
  try {
    const assessments = new AssessmentService({
      repo: new MailboxRepository(scratch.db),
      graph: readOnly(mailboxGraphFrom(graph)),
      scorer: createMailScorer(options.directory, undefined, undefined, options.clock),
      clock: options.clock,
    });
    const risky: RiskyMessage[] = [];
    let next = 0;
    let done = 0;
    const worker = async (): Promise<void> => {
      while (next < candidates.length) {
        const c = candidates[next++] as Candidate;
        try {
          const a = await assessments.assess(c.user.id, c.id);
          report.scored++;
          report.verdicts[a.assessment.verdict]++;
          risky.push({
            userPrincipalName: c.user.userPrincipalName,
            receivedAt: a.receivedAt ?? c.receivedAt,
            from: a.senderAddress,
            subject: a.subject,
            score: a.assessment.score,
            verdict: a.assessment.verdict,
            reasons: a.assessment.reasons.slice(0, 3).map((r) => r.code),
          });
        } catch {
          report.errors++;
        }
        done++;
        if (done % 100 === 0) options.progress(`scored ${done}/${candidates.length}`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, Math.max(1, candidates.length)) }, worker));
    report.top = risky
      .filter((r) => r.verdict !== 'deliver')
      .sort((a, b) => b.score - a.score || (b.receivedAt ?? '').localeCompare(a.receivedAt ?? ''))
      .slice(0, options.top ?? 10);
  } finally {
    await scratch.close();
    await rm(dir, { recursive: true, force: true });
  }
  return report;
}
