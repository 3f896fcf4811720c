// The mailbox port over the graph module's GraphApi: validates the message JSON once here, and turns
// Graph's "no such item" (404, or a malformed id) into MessageNotFoundError.
import type { GraphMessage, GraphRecipient } from '@lantern/shared';
import type { GraphApi } from '../graph/graph-api.ts';
import { GraphError } from '../graph/graph-error.ts';
import { MessageNotFoundError, type MailboxGraph } from './mailbox-graph.ts';

export const MESSAGE_FIELDS = [
  'id',
  'internetMessageId',
  'parentFolderId',
  'subject',
  'receivedDateTime',
  'from',
  'sender',
  'replyTo',
  'toRecipients',
  'ccRecipients',
  'categories',
  'isRead',
  'internetMessageHeaders',
] as const;

const NOT_FOUND_CODES = new Set(['ErrorItemNotFound', 'ErrorInvalidIdMalformed', 'ResourceNotFound', 'ErrorInvalidMailboxItemId']);

function isNotFound(err: unknown): boolean {
  return err instanceof GraphError && (err.status === 404 || (err.status === 400 && NOT_FOUND_CODES.has(err.code)));
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function str(v: unknown, max = 4096): string | null {
  return typeof v === 'string' && v.length <= max ? v : null;
}
function recipient(v: unknown): GraphRecipient | null {
  if (!isObj(v) || !isObj(v.emailAddress)) return null;
  return { emailAddress: { name: str(v.emailAddress.name, 512), address: str(v.emailAddress.address, 512) } };
}
function recipients(v: unknown): GraphRecipient[] {
  return Array.isArray(v) ? v.slice(0, 500).map(recipient).filter((r): r is GraphRecipient => r !== null) : [];
}

/** Graph message JSON → the typed subset the mailbox module reads; null when it has no id. */
export function toGraphMessage(raw: unknown): GraphMessage | null {
  if (!isObj(raw)) return null;
  const id = str(raw.id, 1024);
  if (!id) return null;
  const headers = Array.isArray(raw.internetMessageHeaders)
    ? raw.internetMessageHeaders
        .slice(0, 1000)
        .filter(isObj)
        .map((h) => ({ name: str(h.name, 256) ?? '', value: str(h.value, 16_384) ?? '' }))
        .filter((h) => h.name !== '')
    : [];
  return {
    id,
    internetMessageId: str(raw.internetMessageId, 998),
    parentFolderId: str(raw.parentFolderId, 1024),
    subject: str(raw.subject, 4096),
    receivedDateTime: str(raw.receivedDateTime, 64),
    from: recipient(raw.from),
    sender: recipient(raw.sender),
    replyTo: recipients(raw.replyTo),
    toRecipients: recipients(raw.toRecipients),
    ccRecipients: recipients(raw.ccRecipients),
    categories: Array.isArray(raw.categories) ? raw.categories.filter((c): c is string => typeof c === 'string').slice(0, 100) : [],
    isRead: raw.isRead === true,
    internetMessageHeaders: headers,
  };
}

export function mailboxGraphFrom(graph: GraphApi): MailboxGraph {
  async function scoped<T>(userId: string, messageId: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (isNotFound(err)) throw new MessageNotFoundError(userId, messageId, { cause: err });
      throw err;
    }
  }
  return {
    getMessage: (userId, messageId) =>
      scoped(userId, messageId, async () => {
        const message = toGraphMessage(await graph.getMessage(userId, messageId, MESSAGE_FIELDS));
        if (!message) throw new MessageNotFoundError(userId, messageId);
        return message;
      }),
    getMessageMime: (userId, messageId) => scoped(userId, messageId, () => graph.getMessageMime(userId, messageId)),
    moveMessage: (userId, messageId, destination) =>
      scoped(userId, messageId, async () => ({ id: await graph.moveMessage(userId, messageId, destination), parentFolderId: destination })),
    ensureHiddenFolder: async (userId, name) => (await graph.ensureHiddenFolder(userId, name)).id,
    setCategories: (userId, messageId, categories) => scoped(userId, messageId, () => graph.setMessageCategories(userId, messageId, categories)),
  };
}
