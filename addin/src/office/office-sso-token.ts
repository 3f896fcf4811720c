import type { OfficeApi } from './office-api.ts';
import { OfficeError } from './office-error.ts';

/**
 * Office single sign-on: a token for Lantern's API (the manifest's WebApplicationInfo resource), for the user
 * signed in to Outlook. Office caches it and refreshes it; call this before each request.
 */
export async function getOfficeSsoToken(office: OfficeApi): Promise<string> {
  const auth = office.auth;
  if (!auth || typeof auth.getAccessToken !== 'function') {
    throw new OfficeError('Office.auth.getAccessToken', 'single sign-on is not available in this Outlook', 13012);
  }
  let token: unknown;
  try {
    token = await auth.getAccessToken({ allowSignInPrompt: true, allowConsentPrompt: true, forMSGraphAccess: false });
  } catch (err) {
    throw OfficeError.from('Office.auth.getAccessToken', err);
  }
  if (typeof token !== 'string' || token.length === 0 || token.length > 16_384) {
    throw new OfficeError('Office.auth.getAccessToken', 'returned no usable token');
  }
  return token;
}

/**
 * SSO errors after which nested app authentication (MSAL) is worth trying: SSO unsupported on this platform
 * or account type, or an add-in not set up for SSO. 13001/13002 (not signed in / user cancelled) are not.
 */
export function ssoFallbackAdvised(err: unknown): boolean {
  return err instanceof OfficeError && err.code !== null && [13003, 13006, 13007, 13012, 13013].includes(err.code);
}
