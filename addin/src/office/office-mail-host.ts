import type { MailHost } from '../taskpane/mail-host.ts';
import type { NaaTokenSource } from './naa-token-source.ts';
import type { OfficeApi } from './office-api.ts';
import { onItemChanged, supportsPinning } from './item-changed.ts';
import { getOfficeSsoToken, ssoFallbackAdvised } from './office-sso-token.ts';
import { readOfficeTheme } from './office-theme.ts';
import { readOpenMessage } from './open-message.ts';

export interface OfficeMailHostOptions {
  /** Nested app authentication, tried when Office SSO is unavailable. */
  naa?: NaaTokenSource;
}

/**
 * Adapts Office.js (already ready) to the plain MailHost the task pane consumes. Registers one ItemChanged
 * handler and fans it out to the pane's listeners.
 */
export async function createOfficeMailHost(office: OfficeApi, options: OfficeMailHostOptions = {}): Promise<MailHost> {
  const listeners = new Set<() => void>();
  const pinning = supportsPinning(office);
  let following = false;
  if (pinning) {
    try {
      await onItemChanged(office, () => {
        for (const listener of [...listeners]) listener();
      });
      following = true;
    } catch {
      // The pane still works for the item it was opened on; it just cannot follow the selection.
      following = false;
    }
  }
  return {
    currentMessage: () => readOpenMessage(office),
    watchMessage(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    followsSelection: following,
    theme: readOfficeTheme(office),
    async getToken() {
      try {
        return await getOfficeSsoToken(office);
      } catch (err) {
        if (options.naa && ssoFallbackAdvised(err)) return options.naa.getToken();
        throw err;
      }
    },
  };
}
