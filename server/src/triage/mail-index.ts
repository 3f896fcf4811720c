// Lantern's index of inbound mail metadata: one row per copy, filled by the live scorer through
// indexInboundMessage(); read by campaign matching and sender history. Metadata only, never bodies.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { MailAssessment } from '@lantern/shared';
import { analyseLinkChain } from './link-chain.ts';
import { normaliseSubject } from './normalise-subject.ts';
import type { IndexedMessage } from './match-campaign.ts';
import type { MailIndexTable, TriageTables } from './triage-tables.ts';

export interface InboundMessage {
  /** The mailbox owner's user id. */
  mailbox: string;
  messageId: string;
  internetMessageId: string | null;
  receivedAt: string;
  assessment: MailAssessment;
  /** The recipient's names, removed from the subject before matching ("Invoice for Alice"). */
  recipientNames?: string[];
}

const MAX_LINKS = 50;

export function linkKey(url: string): string {
  let basis = url;
  try {
    const u = new URL(url);
    basis = `${u.protocol}//${u.hostname.toLowerCase()}${u.pathname}`;
  } catch {
    /* keep */
  }
  return createHash('sha256').update(basis).digest('hex').slice(0, 16);
}

/** The index row for a message (pure). */
export function toIndexedMessage(m: InboundMessage): IndexedMessage {
  const a = m.assessment;
  const hosts: string[] = [];
  const domains: string[] = [];
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const link of a.links.slice(0, MAX_LINKS * 4)) {
    const chain = analyseLinkChain(link.url, link.text);
    if (!chain) continue;
    const key = linkKey(chain.finalUrl);
    if (seen.has(key)) continue;
    seen.add(key);
    hosts.push(chain.finalHost);
    domains.push(chain.finalDomain);
    keys.push(key);
    if (keys.length >= MAX_LINKS) break;
  }
  const sender = a.sender.address?.toLowerCase().slice(0, 512) ?? null;
  // The full domain after '@' (not the registrable one: "contoso.onmicrosoft.com" is the tenant, not Microsoft).
  const senderDomain = sender && sender.includes('@') ? (sender.split('@').pop() ?? '') || null : null;
  return {
    mailbox: m.mailbox,
    messageId: m.messageId,
    internetMessageId: m.internetMessageId?.slice(0, 998) ?? null,
    sender,
    senderDomain,
    subject: a.subject?.slice(0, 512) ?? null,
    subjectNorm: normaliseSubject(a.subject, m.recipientNames ?? []),
    linkHosts: hosts,
    linkDomains: domains,
    linkKeys: keys,
    receivedAt: m.receivedAt,
    verdict: a.verdict,
    score: a.score,
  };
}

function split(s: string): string[] {
  return s ? s.split(' ').filter(Boolean) : [];
}

export function fromIndexRow(r: MailIndexTable): IndexedMessage {
  return {
    mailbox: r.mailbox,
    messageId: r.message_id,
    internetMessageId: r.internet_message_id,
    sender: r.sender,
    senderDomain: r.sender_domain,
    subject: r.subject,
    subjectNorm: r.subject_norm,
    linkHosts: split(r.link_hosts),
    linkDomains: split(r.link_domains),
    linkKeys: split(r.link_keys),
    receivedAt: r.received_at,
    verdict: r.verdict,
    score: r.score === null ? null : Number(r.score),
  };
}

export class MailIndex {
  readonly #db: Kysely<TriageTables>;
  constructor(db: Kysely<TriageTables>) {
    this.#db = db;
  }

  /** Adds or refreshes one copy. Idempotent per (mailbox, messageId). */
  async put(m: IndexedMessage, at: string): Promise<void> {
    const row: MailIndexTable = {
      mailbox: m.mailbox,
      message_id: m.messageId,
      internet_message_id: m.internetMessageId,
      sender: m.sender,
      sender_domain: m.senderDomain,
      subject: m.subject,
      subject_norm: m.subjectNorm.slice(0, 512),
      link_hosts: m.linkHosts.join(' '),
      link_domains: m.linkDomains.join(' '),
      link_keys: m.linkKeys.join(' '),
      received_at: m.receivedAt,
      verdict: m.verdict,
      score: m.score,
      indexed_at: at,
    };
    await this.#db.transaction().execute(async (tx) => {
      await tx
        .insertInto('mail_index')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['mailbox', 'message_id']).doUpdateSet({ verdict: row.verdict, score: row.score, indexed_at: at }),
        )
        .execute();
      await tx.deleteFrom('mail_index_links').where('mailbox', '=', m.mailbox).where('message_id', '=', m.messageId).execute();
      if (m.linkKeys.length > 0) {
        await tx
          .insertInto('mail_index_links')
          .values(
            m.linkKeys.map((k, i) => ({
              mailbox: m.mailbox,
              message_id: m.messageId,
              link_domain: m.linkDomains[i] ?? '',
              link_host: m.linkHosts[i] ?? '',
              link_key: k,
              received_at: m.receivedAt,
            })),
          )
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    });
  }

  async get(mailbox: string, messageId: string): Promise<IndexedMessage | null> {
    const r = await this.#db.selectFrom('mail_index').selectAll().where('mailbox', '=', mailbox).where('message_id', '=', messageId).executeTakeFirst();
    return r ? fromIndexRow(r) : null;
  }

  async findByInternetMessageId(internetMessageId: string): Promise<IndexedMessage[]> {
    const rows = await this.#db.selectFrom('mail_index').selectAll().where('internet_message_id', '=', internetMessageId).limit(5000).execute();
    return rows.map(fromIndexRow);
  }

  /** Renames a copy after a move changed its id. */
  async rename(mailbox: string, fromId: string, toId: string): Promise<void> {
    if (fromId === toId) return;
    await this.#db.updateTable('mail_index').set({ message_id: toId }).where('mailbox', '=', mailbox).where('message_id', '=', fromId).execute();
    await this.#db.updateTable('mail_index_links').set({ message_id: toId }).where('mailbox', '=', mailbox).where('message_id', '=', fromId).execute();
  }

  /**
   * Copies that may belong to the seed's campaign: the same internetMessageId, the same sender or subject, or a
   * shared link, within the window. matchCampaign() decides; this only narrows the search. Bounded.
   */
  async candidates(seed: IndexedMessage, windowHours: number, limit = 5000): Promise<IndexedMessage[]> {
    const t = new Date(seed.receivedAt).getTime();
    const from = new Date(t - windowHours * 3_600_000).toISOString();
    const to = new Date(t + windowHours * 3_600_000).toISOString();
    const out = new Map<string, IndexedMessage>();
    const add = (rows: MailIndexTable[]) => {
      for (const r of rows) out.set(`${r.mailbox}\u0000${r.message_id}`, fromIndexRow(r));
    };
    if (seed.internetMessageId) add(await this.#db.selectFrom('mail_index').selectAll().where('internet_message_id', '=', seed.internetMessageId).limit(limit).execute());
    if (seed.sender) {
      add(await this.#db.selectFrom('mail_index').selectAll().where('sender', '=', seed.sender).where('received_at', '>=', from).where('received_at', '<=', to).limit(limit).execute());
    }
    if (seed.subjectNorm) {
      add(await this.#db.selectFrom('mail_index').selectAll().where('subject_norm', '=', seed.subjectNorm).where('received_at', '>=', from).where('received_at', '<=', to).limit(limit).execute());
    }
    if (seed.linkKeys.length > 0) {
      const rows = await this.#db
        .selectFrom('mail_index_links as l')
        .innerJoin('mail_index as m', (j) => j.onRef('m.mailbox', '=', 'l.mailbox').onRef('m.message_id', '=', 'l.message_id'))
        .selectAll('m')
        .where('l.link_key', 'in', seed.linkKeys.slice(0, 50))
        .where('l.received_at', '>=', from)
        .where('l.received_at', '<=', to)
        .limit(limit)
        .execute();
      add(rows);
    }
    return [...out.values()];
  }

  /** Sender facts from the index before `before`, excluding given copies. */
  async senderStats(
    sender: string,
    before: string,
  ): Promise<{ firstSeen: string | null; messages: number; mailboxes: number }> {
    const r = await this.#db
      .selectFrom('mail_index')
      .select((eb) => [
        eb.fn.min('received_at').as('first'),
        eb.fn.count('message_id').as('n'),
        eb.fn.count('mailbox').distinct().as('boxes'),
      ])
      .where('sender', '=', sender)
      .where('received_at', '<', before)
      .executeTakeFirst();
    return { firstSeen: (r?.first as string | null) ?? null, messages: Number(r?.n ?? 0), mailboxes: Number(r?.boxes ?? 0) };
  }

  /** Search by user (mailbox), sender, domain or URL host, newest first. */
  async search(q: { mailbox?: string; sender?: string; domain?: string; host?: string }, limit = 200): Promise<IndexedMessage[]> {
    let query = this.#db.selectFrom('mail_index').selectAll();
    if (q.mailbox) query = query.where('mailbox', '=', q.mailbox);
    if (q.sender) query = query.where('sender', '=', q.sender.toLowerCase());
    if (q.domain) {
      const d = q.domain.toLowerCase();
      query = query.where((eb) =>
        eb.or([
          eb('sender_domain', '=', d),
          eb.exists(
            eb.selectFrom('mail_index_links as l').select('l.link_key').whereRef('l.mailbox', '=', 'mail_index.mailbox').whereRef('l.message_id', '=', 'mail_index.message_id').where('l.link_domain', '=', d),
          ),
        ]),
      );
    }
    if (q.host) {
      const h = q.host.toLowerCase();
      query = query.where((eb) =>
        eb.exists(
          eb.selectFrom('mail_index_links as l').select('l.link_key').whereRef('l.mailbox', '=', 'mail_index.mailbox').whereRef('l.message_id', '=', 'mail_index.message_id').where('l.link_host', '=', h),
        ),
      );
    }
    const rows = await query.orderBy('received_at', 'desc').limit(Math.min(limit, 1000)).execute();
    return rows.map(fromIndexRow);
  }
}
