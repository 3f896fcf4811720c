// Held-mail digests: per-user preference (off / daily / weekly), the digest e-mail with signed one-click
// links (sent through Graph sendMail), and performing a link's action exactly once.
import type { Kysely } from 'kysely';
import type { HeldMessage } from '@lantern/shared/api';
import type { Clock } from '../clock.ts';
import type { DigestFrequency, TriageTables } from '../triage/triage-tables.ts';
import { composeDigest, type DigestMail } from './compose-digest.ts';
import { DigestLinkError, signDigestLink, verifyDigestLink, type DigestAction, type DigestLinkClaims } from './digest-link.ts';

export interface DigestUser {
  id: string;
  upn: string;
  displayName: string | null;
}

/** What digests need from the mailbox module, as the user the link is bound to. */
export interface DigestMailbox {
  held(user: DigestUser): Promise<HeldMessage[]>;
  release(user: DigestUser, messageId: string): Promise<string>;
  requestRelease(user: DigestUser, messageId: string): Promise<string>;
  report(user: DigestUser, messageId: string): Promise<string>;
}

export interface DigestSendMail {
  sendMail(userId: string, message: unknown, saveToSentItems?: boolean): Promise<void>;
}

export interface DigestServiceDeps {
  db: Kysely<TriageTables>;
  clock: Clock;
  /** HMAC key, at least 32 bytes, from the server's configuration. */
  secret: Buffer;
  /** Public base URL of the backend, e.g. "https://lantern.contoso.com" (links go to {baseUrl}/digest/act). */
  baseUrl: string;
  mailbox: DigestMailbox;
  graph: DigestSendMail;
  /** The mailbox digests are sent from. */
  fromUserId: string;
  listUsers(): Promise<DigestUser[]>;
  defaultFrequency?: DigestFrequency;
  /** Link lifetime (default 7 days). */
  linkTtlSeconds?: number;
}

export interface DigestActionResult {
  action: DigestAction;
  ok: boolean;
  message: string;
}

const DAY_MS = 86_400_000;
const ACTION_WORDS: Record<DigestAction, string> = {
  release: 'Release this message to your inbox',
  'request-release': 'Ask the security team to release this message',
  report: 'Report this message as phishing',
};

export class DigestService {
  readonly #d: DigestServiceDeps;
  constructor(deps: DigestServiceDeps) {
    this.#d = deps;
  }

  async preference(userId: string): Promise<DigestFrequency> {
    const row = await this.#d.db.selectFrom('digest_preferences').select('frequency').where('user_id', '=', userId).executeTakeFirst();
    return row?.frequency ?? this.#d.defaultFrequency ?? 'daily';
  }

  async setPreference(userId: string, frequency: DigestFrequency): Promise<void> {
    const at = this.#d.clock.now().toISOString();
    await this.#d.db
      .insertInto('digest_preferences')
      .values({ user_id: userId, frequency, last_sent_at: null, updated_at: at })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ frequency, updated_at: at }))
      .execute();
  }

  link(user: DigestUser, messageId: string, action: DigestAction): string {
    const token = signDigestLink(this.#d.secret, { sub: user.id, upn: user.upn, mid: messageId, act: action }, this.#d.clock.now(), this.#d.linkTtlSeconds ?? 7 * 86_400);
    return `${this.#d.baseUrl.replace(/\/$/, '')}/digest/act?token=${token}`;
  }

  /** The digest for one user, or null when nothing is held for them. */
  async build(user: DigestUser, period: 'daily' | 'weekly'): Promise<DigestMail | null> {
    const held = (await this.#d.mailbox.held(user)).slice(0, 50);
    if (held.length === 0) return null;
    return composeDigest(
      user.displayName,
      held.map((h) => ({
        subject: h.subject,
        from: h.from,
        receivedAt: h.receivedAt,
        // The message's state says what is offered (a denied or reported message is not offered again) and where it stands.
        why: h.notice && h.state !== 'held' ? `${h.why} ${h.notice}` : h.why,
        releaseUrl: h.actions.includes('release') ? this.link(user, h.messageId, 'release') : null,
        requestReleaseUrl: h.actions.includes('request-release') ? this.link(user, h.messageId, 'request-release') : null,
        reportUrl: h.actions.includes('report') ? this.link(user, h.messageId, 'report') : null,
      })),
      period,
    );
  }

  /** Sends every digest that is due now; returns how many were sent. */
  async sendDue(): Promise<{ sent: number; empty: number; off: number }> {
    const now = this.#d.clock.now();
    const prefs = new Map((await this.#d.db.selectFrom('digest_preferences').selectAll().execute()).map((p) => [p.user_id, p]));
    let sent = 0;
    let empty = 0;
    let off = 0;
    for (const user of await this.#d.listUsers()) {
      const pref = prefs.get(user.id);
      const frequency = pref?.frequency ?? this.#d.defaultFrequency ?? 'daily';
      if (frequency === 'off') {
        off++;
        continue;
      }
      const every = frequency === 'weekly' ? 7 * DAY_MS : DAY_MS;
      const last = pref?.last_sent_at ? new Date(pref.last_sent_at).getTime() : 0;
      if (now.getTime() - last < every - 60_000) continue;
      const mail = await this.build(user, frequency);
      if (!mail) {
        empty++;
        continue;
      }
      await this.#d.graph.sendMail(this.#d.fromUserId, {
        subject: mail.subject,
        body: { contentType: 'HTML', content: mail.html },
        toRecipients: [{ emailAddress: { address: user.upn } }],
      }, false);
      const at = now.toISOString();
      await this.#d.db
        .insertInto('digest_preferences')
        .values({ user_id: user.id, frequency, last_sent_at: at, updated_at: pref?.updated_at ?? at })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ last_sent_at: at }))
        .execute();
      sent++;
    }
    return { sent, empty, off };
  }

  /** Checks a link without using it (the confirmation page). Throws DigestLinkError. */
  async inspect(token: string): Promise<{ claims: DigestLinkClaims; question: string }> {
    const claims = verifyDigestLink(this.#d.secret, token, this.#d.clock.now());
    const used = await this.#d.db.selectFrom('digest_used_links').select('link_id').where('link_id', '=', claims.jti).executeTakeFirst();
    if (used) throw new DigestLinkError('used', 'This link was already used. Each digest link works once.');
    return { claims, question: ACTION_WORDS[claims.act] };
  }

  /** Performs a link's action once: claims the link id first, and gives it back if the action fails. */
  async perform(token: string): Promise<DigestActionResult> {
    const claims = verifyDigestLink(this.#d.secret, token, this.#d.clock.now());
    const inserted = await this.#d.db
      .insertInto('digest_used_links')
      .values({ link_id: claims.jti, user_id: claims.sub, action: claims.act, used_at: this.#d.clock.now().toISOString() })
      .onConflict((oc) => oc.column('link_id').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) {
      throw new DigestLinkError('used', 'This link was already used. Each digest link works once.');
    }
    const user: DigestUser = { id: claims.sub, upn: claims.upn, displayName: null };
    try {
      const message =
        claims.act === 'release'
          ? await this.#d.mailbox.release(user, claims.mid)
          : claims.act === 'request-release'
            ? await this.#d.mailbox.requestRelease(user, claims.mid)
            : await this.#d.mailbox.report(user, claims.mid);
      return { action: claims.act, ok: true, message };
    } catch (err) {
      await this.#d.db.deleteFrom('digest_used_links').where('link_id', '=', claims.jti).execute();
      const message = err instanceof Error && 'statusCode' in err && Number((err as { statusCode: unknown }).statusCode) < 500 ? err.message : 'Lantern could not do this right now. Try again later.';
      return { action: claims.act, ok: false, message };
    }
  }
}
