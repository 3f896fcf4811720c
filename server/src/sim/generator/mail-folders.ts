// A mailbox's folders as Graph lists them: the well-known folders, the "RSS Feeds", "RSS Subscriptions"
// and "Conversation History" folders every Exchange Online mailbox has, and optional user folders.
import type { GraphMailFolder } from '@lantern/shared';
import { mailItemId, mailboxTag } from './graph-ids.ts';
import type { Prng } from './prng.ts';

export interface Mailbox {
  tag: string;
  rootId: string;
  folders: GraphMailFolder[];
  /** Folder ids by well-known name or, for other folders, by display name. */
  ids: Map<string, string>;
}

const STANDARD: readonly [string, string | null][] = [
  ['Inbox', 'inbox'],
  ['Drafts', 'drafts'],
  ['Sent Items', 'sentitems'],
  ['Deleted Items', 'deleteditems'],
  ['Junk Email', 'junkemail'],
  ['Archive', 'archive'],
  ['Outbox', 'outbox'],
  ['Conversation History', 'conversationhistory'],
  ['RSS Feeds', null],
  ['RSS Subscriptions', null],
];

export function buildMailbox(prng: Prng, extraFolders: readonly string[]): Mailbox {
  const tag = mailboxTag(prng);
  const rootId = mailItemId(prng, tag);
  const folders: GraphMailFolder[] = [];
  const ids = new Map<string, string>();
  for (const [displayName, wellKnownName] of [...STANDARD, ...extraFolders.map((n): [string, null] => [n, null])]) {
    const id = mailItemId(prng, tag);
    const folder: GraphMailFolder = {
      id,
      displayName,
      parentFolderId: rootId,
      childFolderCount: 0,
      unreadItemCount: 0,
      totalItemCount: 0,
      isHidden: false,
    };
    if (wellKnownName) folder.wellKnownName = wellKnownName;
    folders.push(folder);
    ids.set(wellKnownName ?? displayName, id);
  }
  return { tag, rootId, folders, ids };
}
