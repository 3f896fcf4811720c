// AssessmentService: the stored assessment of a message in the caller's own mailbox, or a fresh one
// (fetch through Graph, parse the MIME, add sender history, score, store features and narratives only).
import type { GraphMessage, MailAssessment } from '@lantern/shared';
import type { Clock } from '../clock.ts';
import { MailParseError, mailFromGraphMetadata, parseMime } from '../mail/parse.ts';
import type { ParseLimits } from '../mail/parse-limits.ts';
import type { ParsedMail } from '../mail/parsed-mail.ts';
import { stripControlCharacters } from '../mail/strip-control-characters.ts';
import type { MailboxGraph } from './mailbox-graph.ts';
import { OWN_MAIL_REASON } from './lantern-mail.ts';
import { assessmentOf, type MailboxRepository, type StoredAssessment } from './mailbox-repository.ts';
import type { MailScorer } from './mail-scorer.ts';

export interface AssessedMessage {
  /** The message id the assessment is stored under (Graph's immutable id). */
  messageId: string;
  internetMessageId: string | null;
  receivedAt: string | null;
  subject: string | null;
  senderAddress: string | null;
  assessment: MailAssessment;
  /** False when the stored assessment was returned. */
  fresh: boolean;
}

export interface AssessmentServiceDeps {
  repo: MailboxRepository;
  graph: MailboxGraph;
  scorer: MailScorer;
  clock: Clock;
  parseLimits?: Partial<ParseLimits>;
  /** Recognises mail Lantern itself sent (signed, from the security mailbox): it is never scored. */
  isOwnMail?: (message: GraphMessage) => boolean;
}

/** Graph-side text on its way into storage: no NUL (PostgreSQL refuses it) or other control character, bounded. */
function clean(s: string | null | undefined, max: number): string | null {
  return typeof s === 'string' ? stripControlCharacters(s).slice(0, max) : null;
}

function domainOf(address: string | null): string | null {
  if (!address) return null;
  const at = address.lastIndexOf('@');
  return at > 0 ? address.slice(at + 1).toLowerCase() : null;
}

/** True for the assessment Lantern records for its own (verified) mail instead of a score. */
export function isOwnMailAssessment(assessment: MailAssessment): boolean {
  return assessment.reasons.some((r) => r.code === OWN_MAIL_REASON);
}

function ownMailAssessment(message: GraphMessage): MailAssessment {
  const address = message.from?.emailAddress.address?.toLowerCase() ?? null;
  return {
    score: 0,
    verdict: 'deliver',
    reasons: [{ code: OWN_MAIL_REASON, weight: 0, text: `Sent by Lantern from the security mailbox ${address ?? ''}; its signature was verified, so Lantern did not score it.`.replace(' ;', ';') }],
    userNarrative: 'This message comes from Lantern, your organisation\'s mail security service. Lantern does not score its own mail.',
    analystNarrative: `Lantern's own mail (from ${address ?? 'the security mailbox'}, signature verified): not scored and never acted on.`,
    sender: { address, name: message.from?.emailAddress.name ?? null, replyTo: null, authentication: null },
    subject: message.subject ?? null,
    links: [],
    attachments: [],
  };
}

function toAssessed(row: StoredAssessment, fresh: boolean): AssessedMessage {
  return {
    messageId: row.message_id,
    internetMessageId: row.internet_message_id,
    receivedAt: row.received_at,
    subject: row.subject,
    senderAddress: row.sender_address,
    assessment: assessmentOf(row),
    fresh,
  };
}

export class AssessmentService {
  readonly #deps: AssessmentServiceDeps;
  constructor(deps: AssessmentServiceDeps) {
    this.#deps = deps;
  }

  /** The stored assessment, without touching Graph; null when the message was never assessed. */
  async stored(userId: string, messageId: string, internetMessageId?: string | null): Promise<AssessedMessage | null> {
    const row = await this.#deps.repo.findAssessment(userId, messageId, internetMessageId);
    return row ? toAssessed(row, false) : null;
  }

  /**
   * The assessment of `messageId` in `userId`'s mailbox: stored, or computed now. Throws
   * MessageNotFoundError when the mailbox holds no such message (another user's id included).
   */
  async getOrAssess(userId: string, messageId: string, internetMessageId?: string | null): Promise<AssessedMessage> {
    const stored = await this.stored(userId, messageId, internetMessageId);
    if (stored) return stored;
    return this.assess(userId, messageId);
  }

  async assess(userId: string, messageId: string): Promise<AssessedMessage> {
    const { repo, graph, scorer, clock } = this.#deps;
    const message = await graph.getMessage(userId, messageId);
    if (this.#deps.isOwnMail?.(message)) return this.#saveOwn(userId, messageId, message);
    const mime = await graph.getMessageMime(userId, message.id);
    // Past a parse bound parseMime reads the message in part and says so; a source it cannot read at all is scored
    // on what Graph says about the message. Either way message.not-fully-checked holds it: hostile mail fails closed.
    let mail: ParsedMail;
    try {
      mail = await parseMime(mime, this.#deps.parseLimits);
    } catch (err) {
      if (!(err instanceof MailParseError)) throw err;
      mail = mailFromGraphMetadata(message, { kind: 'structure', detail: `the MIME source could not be read (${err.message.slice(0, 200)}): scored on the headers Graph reports` }, this.#deps.parseLimits);
    }

    const senderAddress = mail.from?.address ?? clean(message.from?.emailAddress.address, 320)?.toLowerCase() ?? null;
    const senderDomain = mail.from?.domain ?? domainOf(senderAddress);
    const receivedAt = message.receivedDateTime ?? null;
    const recipient = message.toRecipients?.[0]?.emailAddress.address?.toLowerCase() ?? null;
    const sender = await repo.senderFacts(senderAddress, senderDomain);
    const assessment = scorer(mail, { receivedAt, recipient, sender });

    const now = clock.now().toISOString();
    const already = await repo.findAssessment(userId, message.id);
    const row: StoredAssessment = {
      user_id: userId,
      message_id: message.id,
      internet_message_id: clean(message.internetMessageId, 998) ?? mail.messageId ?? null,
      subject: clean(assessment.subject ?? message.subject, 1000),
      sender_address: senderAddress,
      received_at: receivedAt,
      score: assessment.score,
      verdict: assessment.verdict,
      assessment: JSON.stringify(assessment),
      assessed_at: now,
    };
    await repo.saveAssessment(row);
    await repo.saveAlias(userId, messageId, message.id);
    if (!already) await repo.recordSender(senderAddress, senderDomain, receivedAt ?? now, false);
    return toAssessed(row, true);
  }

  /**
   * Scores a message that is not in a mailbox Lantern reads (e.g. the original attached to a report sent to the
   * security mailbox) with the sender history Lantern has; nothing is stored.
   */
  async assessParsed(mail: ParsedMail, facts: { recipient: string | null; receivedAt: string | null }): Promise<MailAssessment> {
    const address = mail.from?.address ?? null;
    const sender = await this.#deps.repo.senderFacts(address, mail.from?.domain ?? domainOf(address));
    return this.#deps.scorer(mail, { receivedAt: facts.receivedAt, recipient: facts.recipient, sender });
  }

  /** Lantern's own mail: recorded as such (the task pane says where it came from), never scored. */
  async #saveOwn(userId: string, requestedId: string, message: GraphMessage): Promise<AssessedMessage> {
    const assessment = ownMailAssessment(message);
    const row: StoredAssessment = {
      user_id: userId,
      message_id: message.id,
      internet_message_id: message.internetMessageId ?? null,
      subject: message.subject ?? null,
      sender_address: assessment.sender.address,
      received_at: message.receivedDateTime ?? null,
      score: 0,
      verdict: 'deliver',
      assessment: JSON.stringify(assessment),
      assessed_at: this.#deps.clock.now().toISOString(),
    };
    await this.#deps.repo.saveAssessment(row);
    await this.#deps.repo.saveAlias(userId, requestedId, message.id);
    return toAssessed(row, true);
  }
}
