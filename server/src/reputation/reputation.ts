// Sender and domain reputation fed by triage verdicts and user reports: a pure update rule plus its store.
// Mail scoring reads it through senderReputation() (and the sender-history facts triage builds).
import type { Kysely } from 'kysely';
import type { ReputationTable, TriageTables } from '../triage/triage-tables.ts';
import type { TriageVerdict } from '../triage/decide-verdict.ts';

export interface Reputation {
  kind: 'address' | 'domain';
  key: string;
  /** -1 (known bad) … 1 (known good); 0 when unknown. */
  score: number;
  malicious: number;
  suspicious: number;
  spam: number;
  benign: number;
  reports: number;
}

export type ReputationEvent = { type: 'verdict'; verdict: TriageVerdict; confidence: number } | { type: 'report' };

export function emptyReputation(kind: Reputation['kind'], key: string): Reputation {
  return { kind, key, score: 0, malicious: 0, suspicious: 0, spam: 0, benign: 0, reports: 0 };
}

/**
 * The score is a smoothed balance of verdicts: a malicious verdict weighs four times a benign one, spam and
 * suspicious verdicts and unresolved reports pull down a little. Two pseudo-counts keep one verdict from
 * deciding everything.
 */
export function scoreOf(r: Omit<Reputation, 'score' | 'kind' | 'key'>): number {
  const good = r.benign;
  const bad = 4 * r.malicious + 0.75 * r.spam + 0.5 * r.suspicious + 0.1 * r.reports;
  const s = (good - bad) / (good + 4 * r.malicious + r.spam + r.suspicious + 2);
  return Math.round(Math.max(-1, Math.min(1, s)) * 1000) / 1000;
}

export function applyReputationEvent(r: Reputation, e: ReputationEvent): Reputation {
  const next = { ...r };
  if (e.type === 'report') next.reports += 1;
  else if (e.confidence >= 0.6) next[e.verdict] += 1;
  next.score = scoreOf(next);
  return next;
}

/** Domains too shared to carry one sender's reputation (free mail providers). */
export const SHARED_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'yahoo.com', 'icloud.com', 'aol.com',
  'proton.me', 'protonmail.com', 'gmx.com', 'gmx.de', 'mail.com', 'yandex.ru', 'zoho.com',
]);

export class ReputationStore {
  readonly #db: Kysely<TriageTables>;
  constructor(db: Kysely<TriageTables>) {
    this.#db = db;
  }

  async get(kind: Reputation['kind'], key: string): Promise<Reputation> {
    const row = await this.#db.selectFrom('reputation').selectAll().where('kind', '=', kind).where('key', '=', key.toLowerCase()).executeTakeFirst();
    return row ? fromRow(row) : emptyReputation(kind, key.toLowerCase());
  }

  /** Applies the event to the sender's address and (unless a shared mail provider) its domain. */
  async record(address: string | null, domain: string | null, event: ReputationEvent, at: string): Promise<void> {
    const targets: [Reputation['kind'], string][] = [];
    if (address) targets.push(['address', address.toLowerCase()]);
    if (domain && !SHARED_MAIL_DOMAINS.has(domain.toLowerCase())) targets.push(['domain', domain.toLowerCase()]);
    for (const [kind, key] of targets) {
      const next = applyReputationEvent(await this.get(kind, key), event);
      const row: ReputationTable = { ...next, updated_at: at };
      await this.#db
        .insertInto('reputation')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['kind', 'key']).doUpdateSet({
            score: row.score,
            malicious: row.malicious,
            suspicious: row.suspicious,
            spam: row.spam,
            benign: row.benign,
            reports: row.reports,
            updated_at: at,
          }),
        )
        .execute();
    }
  }
}

function fromRow(row: ReputationTable): Reputation {
  return {
    kind: row.kind,
    key: row.key,
    score: Number(row.score),
    malicious: Number(row.malicious),
    suspicious: Number(row.suspicious),
    spam: Number(row.spam),
    benign: Number(row.benign),
    reports: Number(row.reports),
  };
}

/** Reputation facts for mail scoring: the worse-informed of address and domain, combined. */
export interface SenderReputation {
  address: Reputation | null;
  domain: Reputation | null;
  /** Combined -1 … 1: the address when it has history, else the domain, halved. */
  combined: number;
}

export async function senderReputation(db: Kysely<TriageTables>, address: string | null, domain: string | null): Promise<SenderReputation> {
  const store = new ReputationStore(db);
  const a = address ? await store.get('address', address) : null;
  const d = domain && !SHARED_MAIL_DOMAINS.has(domain.toLowerCase()) ? await store.get('domain', domain) : null;
  const aKnown = a && a.malicious + a.suspicious + a.spam + a.benign + a.reports > 0;
  const combined = aKnown ? Math.min(a.score, d ? d.score * 0.5 + a.score * 0.5 : a.score) : d ? d.score * 0.5 : 0;
  return { address: a, domain: d, combined: Math.round(combined * 1000) / 1000 };
}

/**
 * The sender-history facts mail scoring's MailContext takes from reputation: users' phishing reports about
 * this sender, and how many of them triage (or an analyst) confirmed malicious. Merge into
 * `MailContext.sender` next to the mailbox module's message counts.
 */
export async function mailContextReputationFacts(
  db: Kysely<TriageTables>,
  address: string | null,
): Promise<{ phishReports: number; confirmedPhish: number }> {
  if (!address) return { phishReports: 0, confirmedPhish: 0 };
  const a = await new ReputationStore(db).get('address', address);
  return { phishReports: a.reports, confirmedPhish: a.malicious };
}
