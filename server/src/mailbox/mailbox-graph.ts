// The Graph operations the mailbox module needs, as a narrow port. The real implementation adapts the
// graph module's GraphApi (mailboxGraphFrom in mailbox-graph-from.ts); every call is scoped to one
// mailbox (userId), so a message id from another mailbox is simply not found there.
import type { GraphMessage } from '@lantern/shared';

export interface MailboxGraph {
  /** The message with internetMessageHeaders, parentFolderId and categories; throws MessageNotFoundError. */
  getMessage(userId: string, messageId: string): Promise<GraphMessage>;
  /** Raw RFC 822 source. */
  getMessageMime(userId: string, messageId: string): Promise<string | Buffer>;
  /** Moves the message; returns its id afterwards (unchanged with immutable ids). */
  moveMessage(userId: string, messageId: string, destinationFolder: string): Promise<{ id: string; parentFolderId: string | null }>;
  /** The id of a hidden folder with this display name, created (isHidden: true) when missing. */
  ensureHiddenFolder(userId: string, displayName: string): Promise<string>;
  /** Replaces the message's categories. */
  setCategories(userId: string, messageId: string, categories: string[]): Promise<void>;
}

/** The message does not exist in that mailbox (or not any more). */
export class MessageNotFoundError extends Error {
  readonly userId: string;
  readonly messageId: string;
  constructor(userId: string, messageId: string, options?: { cause?: unknown }) {
    super('message not found in mailbox', options);
    this.name = 'MessageNotFoundError';
    this.userId = userId;
    this.messageId = messageId;
  }
}
