// The narrow slice of Office.js the add-in uses. The real `Office` namespace satisfies it, and so does the
// demo mailbox's stand-in (addin/src/demo/office-stand-in.ts). Only addin/src/office/ sees this type.

/** What Office.js hands to `*Async` callbacks. */
export interface OfficeAsyncResult<T> {
  status: unknown;
  value: T;
  error?: { name?: string; message?: string; code?: number } | null;
}

export interface OfficeEmailAddress {
  displayName?: string;
  emailAddress?: string;
}

/** Office.MessageRead, as far as the task pane reads it. */
export interface OfficeReadItem {
  itemId?: string;
  itemType?: unknown;
  internetMessageId?: string;
  subject?: string;
  from?: OfficeEmailAddress | null;
}

export interface OfficeMailbox {
  item?: OfficeReadItem | null;
  convertToRestId(itemId: string, restVersion: string): string;
  addHandlerAsync(eventType: string, handler: (args: unknown) => void, callback?: (result: OfficeAsyncResult<void>) => void): void;
  removeHandlerAsync(eventType: string, callback?: (result: OfficeAsyncResult<void>) => void): void;
}

export interface OfficeAuthOptions {
  allowSignInPrompt?: boolean;
  allowConsentPrompt?: boolean;
  forMSGraphAccess?: boolean;
}

export interface OfficeApi {
  onReady(): Promise<{ host: unknown; platform: unknown }>;
  context: {
    mailbox: OfficeMailbox;
    officeTheme?: { bodyBackgroundColor?: string } | null;
    requirements?: { isSetSupported(name: string, minVersion?: string): boolean };
  };
  auth?: { getAccessToken(options?: OfficeAuthOptions): Promise<string> };
  EventType: { ItemChanged: unknown };
  AsyncResultStatus: { Succeeded: unknown; Failed: unknown };
  MailboxEnums: { RestVersion: { v2_0: unknown }; ItemType?: { Message: unknown } };
}
