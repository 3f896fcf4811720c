// The Graph operations Lantern uses. The only implementation that talks to Microsoft Graph is in
// create-graph-api.ts; records come back as Graph JSON (`unknown`) for ingest's normalisers to validate.
import type { GraphError } from './graph-error.ts';

export interface TimeWindow {
  /** Inclusive ISO start. */
  from: string;
  /** Inclusive ISO end. */
  to: string;
}

/**
 * Where sign-ins are read. 'v1.0': interactive sign-ins with v1.0's properties. 'beta': one event type
 * (`signInEventTypes`) with beta's properties (authenticationProtocol, sessionId, userAgent, ...); beta
 * lists interactive sign-ins unless asked for another type.
 */
export type SignInQuery = { api: 'v1.0' } | { api: 'beta'; eventType: 'interactiveUser' | 'nonInteractiveUser' };

export interface GraphUserSummary {
  id: string;
  userPrincipalName: string;
  displayName: string | null;
  mail: string | null;
  accountEnabled: boolean | null;
}

export interface UserList {
  users: GraphUserSummary[];
  /** Records without an id or userPrincipalName, skipped. */
  invalid: number;
}

/**
 * One item of a `$batch`: the parsed body on 2xx, otherwise the item's error. An item still throttled when
 * its wait budget ran out carries `retryAfterMs` (how long Graph asked it to wait): that mailbox is
 * throttled, not broken, and the caller reads it again later while the batch's other items are done.
 */
export type BatchItemResult = { ok: true; status: number; body: unknown } | { ok: false; error: GraphError; retryAfterMs?: number };

/** What Graph's `mailboxSettings.userPurpose` says a mailbox is; 'none' when the user has no mailbox. */
export type MailboxPurpose = 'user' | 'linked' | 'shared' | 'room' | 'equipment' | 'others' | 'none';

export interface InboxDeltaOptions {
  /**
   * First round only (no link): read only messages received at or after this ISO time
   * (`$filter=receivedDateTime ge …`, the one filter the message delta allows). The delta and next
   * links Graph returns carry the filter on.
   */
  receivedSince?: string;
  /**
   * Longest this page waits, in total, for throttling to end; past it the call fails at once with a 429
   * GraphError carrying `retryAfterMs`, so one throttled mailbox does not hold up a poller's other
   * mailboxes (default: the client's usual retries).
   */
  maxThrottleWaitMs?: number;
}

export interface DeltaPage {
  /** Graph message records of this page (may include `@removed` entries). */
  records: unknown[];
  /** Where the next page is; null on the last page. */
  nextLink: string | null;
  /** Present on the last page: where the next round starts. */
  deltaLink: string | null;
}

export interface MailFolderSummary {
  id: string;
  displayName: string;
}

export interface GraphObserver {
  /** Every HTTP request sent (a `$batch` counts once), retries included. */
  onRequest?(info: { method: string; path: string }): void;
  /** A 429/503/504 (outer, or an inner `$batch` item), before waiting `retryAfterMs`. */
  onThrottled?(info: { status: number; retryAfterMs: number; path: string; inner: boolean }): void;
  /** A retry after a timeout, network failure, 5xx or unreadable response. */
  onRetry?(info: { reason: string; attempt: number; path: string }): void;
}

export interface GraphApi {
  listUsers(): Promise<UserList>;
  /** Sign-ins with createdDateTime in the window, page by page (Graph: newest first); v1.0 by default. */
  listSignIns(window: TimeWindow, query?: SignInQuery): AsyncIterable<unknown[]>;
  /** Directory audits with activityDateTime in the window and an optional extra OData filter clause. */
  listDirectoryAudits(window: TimeWindow, filter?: string): AsyncIterable<unknown[]>;
  /** The user's registered authentication methods (Graph JSON array). */
  getAuthMethods(userId: string): Promise<unknown[]>;
  /** Inbox rules of up to 20 mailboxes in one `$batch`, by user id; inner 429s are retried. */
  batchGetInboxRules(userIds: readonly string[]): Promise<Map<string, BatchItemResult>>;
  /** Mail folders of up to 20 mailboxes in one `$batch` (top level, hidden included), by user id. */
  batchListMailFolders(userIds: readonly string[]): Promise<Map<string, BatchItemResult>>;
  /**
   * What kind of mailbox each of up to 20 users has (`mailboxSettings.userPurpose`, one `$batch`), by user
   * id: 'none' for users without a mailbox (Graph's MailboxNotEnabledForRESTAPI / ResourceNotFound), an
   * error result when Graph could not say (throttled, failed).
   */
  batchMailboxPurposes(userIds: readonly string[]): Promise<Map<string, { ok: true; purpose: MailboxPurpose } | { ok: false; error: GraphError }>>;
  listMailFolders(userId: string): Promise<unknown[]>;
  /** The pages after a list answer's `@odata.nextLink` (a whole URL), each page's `value`, until the last. */
  nextPages(nextLink: string, what: string): AsyncIterable<unknown[]>;
  /** The folder with this display name, created hidden if missing. */
  ensureHiddenFolder(userId: string, name: string): Promise<MailFolderSummary>;
  getMessage(userId: string, messageId: string, select?: readonly string[]): Promise<unknown>;
  /** Raw RFC 822 source (bounded in size). */
  getMessageMime(userId: string, messageId: string): Promise<string>;
  /** Moves a message; returns its id after the move (immutable ids keep it stable). */
  moveMessage(userId: string, messageId: string, destinationId: string): Promise<string>;
  setMessageCategories(userId: string, messageId: string, categories: readonly string[]): Promise<void>;
  /** One page of the inbox delta: the first round with no link, then the stored next/delta link. */
  inboxDelta(userId: string, link?: string | null, options?: InboxDeltaOptions): Promise<DeltaPage>;
  sendMail(userId: string, message: unknown, saveToSentItems?: boolean): Promise<void>;
  /** The same API reporting requests and throttling to `observer` too (per poller health, benchmarks). */
  withObserver(observer: GraphObserver): GraphApi;
}
