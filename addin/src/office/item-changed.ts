import type { OfficeApi, OfficeAsyncResult } from './office-api.ts';
import { OfficeError } from './office-error.ts';

/**
 * Follows the selection while the task pane is pinned (Mailbox 1.5). Resolves once Office has registered
 * the handler, with a function that removes it again.
 */
export function onItemChanged(office: OfficeApi, handler: () => void): Promise<() => Promise<void>> {
  const mailbox = office.context.mailbox;
  const eventType = String(office.EventType.ItemChanged);
  return new Promise((resolve, reject) => {
    try {
      mailbox.addHandlerAsync(eventType, () => handler(), (result: OfficeAsyncResult<void>) => {
        if (result.status === office.AsyncResultStatus.Failed) {
          reject(OfficeError.from('mailbox.addHandlerAsync', result.error ?? 'failed'));
          return;
        }
        resolve(() => removeHandler(office, eventType));
      });
    } catch (err) {
      reject(OfficeError.from('mailbox.addHandlerAsync', err));
    }
  });
}

function removeHandler(office: OfficeApi, eventType: string): Promise<void> {
  return new Promise((resolve, reject) => {
    try {
      office.context.mailbox.removeHandlerAsync(eventType, (result: OfficeAsyncResult<void>) => {
        if (result.status === office.AsyncResultStatus.Failed) {
          reject(OfficeError.from('mailbox.removeHandlerAsync', result.error ?? 'failed'));
        } else {
          resolve();
        }
      });
    } catch (err) {
      reject(OfficeError.from('mailbox.removeHandlerAsync', err));
    }
  });
}

/** Whether the host supports following the selection in a pinned pane. */
export function supportsPinning(office: OfficeApi): boolean {
  const req = office.context.requirements;
  return req ? req.isSetSupported('Mailbox', '1.5') : true;
}
