// What the task pane needs from its host (Outlook, or the demo mailbox): plain functions and data.
// addin/src/office/office-mail-host.ts implements it over Office.js; components never see Office.
import type { OpenMessage } from '../office/open-message.ts';

export type { OpenMessage };

export interface MailHost {
  /** The message open now, or null (nothing selected, or not a message). Throws an Error if Outlook fails. */
  currentMessage(): OpenMessage | null;
  /** Calls `listener` when another item is selected while the pane is pinned. Returns the unsubscribe. */
  watchMessage(listener: () => void): () => void;
  /** Whether the pane follows the selection when pinned. */
  followsSelection: boolean;
  /** A bearer token for Lantern's API. Rejects with an Error. */
  getToken(): Promise<string>;
  /** Outlook's theme when it says; null lets the pane follow prefers-color-scheme. */
  theme: 'dark' | 'light' | null;
}
