import type { OfficeApi } from './office-api.ts';
import { OfficeError } from './office-error.ts';

/** The message open in Outlook, as plain data. */
export interface OpenMessage {
  /** REST / Graph id, converted from the EWS id Outlook gives (the backend's key). */
  restId: string;
  internetMessageId: string | null;
  subject: string | null;
  from: { name: string | null; address: string | null } | null;
}

const MAX_ID = 512;

/**
 * Reads the item open in the reading pane. Returns null when there is none (a pinned pane with nothing
 * selected, or several items selected) or when it is not a message (a meeting request, for example).
 */
export function readOpenMessage(office: OfficeApi): OpenMessage | null {
  const item = office.context.mailbox.item;
  if (!item) return null;
  const messageType = office.MailboxEnums.ItemType?.Message;
  if (messageType !== undefined && item.itemType !== undefined && item.itemType !== messageType) return null;
  const ewsId = item.itemId;
  if (typeof ewsId !== 'string' || ewsId.length === 0) return null;
  if (ewsId.length > MAX_ID) throw new OfficeError('item.itemId', `item id is longer than ${MAX_ID} characters`);
  let restId: string;
  try {
    restId = office.context.mailbox.convertToRestId(ewsId, String(office.MailboxEnums.RestVersion.v2_0));
  } catch (err) {
    throw OfficeError.from('mailbox.convertToRestId', err);
  }
  if (typeof restId !== 'string' || restId.length === 0) {
    throw new OfficeError('mailbox.convertToRestId', 'returned no id');
  }
  const from = item.from
    ? { name: nonEmpty(item.from.displayName), address: nonEmpty(item.from.emailAddress) }
    : null;
  return {
    restId,
    internetMessageId: nonEmpty(item.internetMessageId),
    subject: typeof item.subject === 'string' ? item.subject : null,
    from,
  };
}

function nonEmpty(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : null;
}
