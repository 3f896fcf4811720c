// A faithful stand-in for the slice of Office.js the task pane uses, so the real task pane runs in the demo
// mailbox (and the end-to-end test) without Outlook. The parent page owns one OfficeStandIn; each task pane
// frame gets its own Office namespace from createOffice(), installed by taskpane.html before its scripts run.
import { toEwsId, toRestId } from './ews-id.ts';

export interface DemoItem {
  /** The message's REST (Graph) id. */
  id: string;
  internetMessageId: string | null;
  subject: string | null;
  from: { name: string | null; address: string | null } | null;
  receivedAt: string | null;
}

export interface OfficeStandInOptions {
  /** Token for Lantern's API for the demo user (from /demo/api/token). */
  getToken(): Promise<string>;
  user: { upn: string; displayName: string | null };
  theme: 'light' | 'dark';
}

const ITEM_CHANGED = 'olkItemSelectedChanged';
const SUCCEEDED = 'succeeded';
const FAILED = 'failed';
/** Mailbox requirement sets the stand-in implements (ItemChanged is 1.5; officeTheme is 1.14). */
const MAILBOX_VERSION = [1, 14];

type AsyncCallback = (result: { status: string; value: undefined; error: { name: string; message: string; code: number } | null }) => void;

export class OfficeStandIn {
  #item: DemoItem | null = null;
  #options: OfficeStandInOptions;
  /** The ItemChanged handler registered by the current pane frame, if any. */
  #handler: ((args: unknown) => void) | null = null;
  #frame: Window | null = null;

  constructor(options: OfficeStandInOptions) {
    this.#options = options;
  }

  get paneFollowsSelection(): boolean {
    return this.#handler !== null;
  }

  /** Opens `item` in the reading pane. A pinned pane (one that registered ItemChanged) is told. */
  selectItem(item: DemoItem | null): void {
    this.#item = item;
    const handler = this.#handler;
    if (handler) setTimeout(() => handler({ type: ITEM_CHANGED }), 0);
  }

  /** Forgets the pane frame (it was closed or is being reloaded). */
  detachPane(): void {
    this.#handler = null;
    this.#frame = null;
  }

  /** The Office namespace for a task pane frame. */
  createOffice(frame: Window): unknown {
    this.detachPane();
    this.#frame = frame;
    const self = this;
    const owns = () => self.#frame === frame;
    const done = (cb: AsyncCallback | undefined, error: { name: string; message: string; code: number } | null) => {
      if (cb) setTimeout(() => cb({ status: error ? FAILED : SUCCEEDED, value: undefined, error }), 0);
    };
    const readyInfo = { host: 'Outlook', platform: 'OfficeOnline' };
    const mailbox = {
      get item() {
        const it = self.#item;
        if (!it) return null;
        return {
          itemId: toEwsId(it.id),
          itemType: 'message',
          internetMessageId: it.internetMessageId ?? '',
          subject: it.subject ?? '',
          from: it.from ? { displayName: it.from.name ?? '', emailAddress: it.from.address ?? '' } : null,
          dateTimeCreated: it.receivedAt ? new Date(it.receivedAt) : null,
        };
      },
      userProfile: { emailAddress: self.#options.user.upn, displayName: self.#options.user.displayName ?? self.#options.user.upn },
      convertToRestId(itemId: string, restVersion: string): string {
        if (typeof itemId !== 'string' || itemId.length === 0) throw new Error('convertToRestId: itemId is required');
        if (restVersion !== 'v2.0' && restVersion !== 'v1.0' && restVersion !== 'beta') throw new Error(`convertToRestId: unknown REST version ${restVersion}`);
        return toRestId(itemId);
      },
      convertToEwsId(itemId: string): string {
        return toEwsId(itemId);
      },
      addHandlerAsync(eventType: string, handler: (args: unknown) => void, optionsOrCb?: unknown, cb?: AsyncCallback) {
        const callback = (typeof optionsOrCb === 'function' ? optionsOrCb : cb) as AsyncCallback | undefined;
        if (eventType !== ITEM_CHANGED) {
          done(callback, { name: 'InvalidEventType', message: `The stand-in does not raise ${eventType}`, code: 5001 });
          return;
        }
        if (owns()) self.#handler = handler;
        done(callback, null);
      },
      removeHandlerAsync(eventType: string, optionsOrCb?: unknown, cb?: AsyncCallback) {
        const callback = (typeof optionsOrCb === 'function' ? optionsOrCb : cb) as AsyncCallback | undefined;
        if (eventType === ITEM_CHANGED && owns()) self.#handler = null;
        done(callback, null);
      },
    };
    const dark = self.#options.theme === 'dark';
    return {
      onReady(callback?: (info: typeof readyInfo) => void) {
        return new Promise<typeof readyInfo>((resolve) =>
          setTimeout(() => {
            callback?.(readyInfo);
            resolve(readyInfo);
          }, 0),
        );
      },
      HostType: { Outlook: 'Outlook' },
      PlatformType: { OfficeOnline: 'OfficeOnline' },
      EventType: { ItemChanged: ITEM_CHANGED },
      AsyncResultStatus: { Succeeded: SUCCEEDED, Failed: FAILED },
      MailboxEnums: { RestVersion: { v1_0: 'v1.0', v2_0: 'v2.0', Beta: 'beta' }, ItemType: { Message: 'message', Appointment: 'appointment' } },
      context: {
        mailbox,
        officeTheme: dark
          ? { bodyBackgroundColor: '#292929', bodyForegroundColor: '#ffffff', controlBackgroundColor: '#1f1f1f', controlForegroundColor: '#ffffff' }
          : { bodyBackgroundColor: '#ffffff', bodyForegroundColor: '#242424', controlBackgroundColor: '#f5f5f5', controlForegroundColor: '#242424' },
        requirements: {
          isSetSupported(name: string, minVersion?: string): boolean {
            if (name !== 'Mailbox' && name !== 'IdentityAPI') return false;
            if (!minVersion) return true;
            const [maj = 0, min = 0] = minVersion.split('.').map(Number);
            const [sMaj = 0, sMin = 0] = name === 'Mailbox' ? MAILBOX_VERSION : [1, 3];
            return maj < sMaj || (maj === sMaj && min <= sMin);
          },
        },
        diagnostics: { hostName: 'OutlookWebApp', hostVersion: 'lantern-demo', OWAView: 'ThreeColumn' },
      },
      auth: {
        async getAccessToken(): Promise<string> {
          try {
            return await self.#options.getToken();
          } catch (err) {
            // Office rejects with a plain object carrying a numeric code, not an Error; mimic that.
            throw { name: 'Error', code: 13001, message: err instanceof Error ? err.message : 'The user is not signed in.' };
          }
        },
      },
    };
  }
}
