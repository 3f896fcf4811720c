import type { OfficeApi } from './office-api.ts';
import { OfficeError } from './office-error.ts';

export interface OfficeReadyInfo {
  host: string | null;
  platform: string | null;
}

/** Resolves once Office.js is initialised (the task pane renders only after this). */
export async function waitForOffice(office: OfficeApi): Promise<OfficeReadyInfo> {
  try {
    const info = await office.onReady();
    return {
      host: info.host == null ? null : String(info.host),
      platform: info.platform == null ? null : String(info.platform),
    };
  } catch (err) {
    throw OfficeError.from('Office.onReady', err);
  }
}

/** Finds the Office.js namespace on a window (the CDN script or the demo stand-in defines it). */
export function officeFromWindow(win: Window): OfficeApi {
  const office = (win as Window & { Office?: OfficeApi }).Office;
  if (!office || typeof office.onReady !== 'function') {
    throw new OfficeError('window.Office', 'Office.js is not loaded: open this page from Outlook, or through the demo mailbox');
  }
  return office;
}
