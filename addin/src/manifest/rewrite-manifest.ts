// Rewrites the dev manifest (dev server URLs, placeholder client id) for a deployment.

export const DEV_BASE_URL = 'https://localhost:3000';
export const PLACEHOLDER_CLIENT_ID = '00000000-0000-0000-0000-000000000000';

export interface ManifestTarget {
  /** Where Lantern serves the add-in, e.g. "https://lantern.contoso.com" (the pane is at /addin/taskpane.html). */
  baseUrl: string;
  /** The API app registration's client id (Entra ID application id). */
  clientId: string;
}

export class ManifestRewriteError extends Error {
  override readonly name = 'ManifestRewriteError';
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function rewriteManifest(xml: string, target: ManifestTarget): string {
  let base: URL;
  try {
    base = new URL(target.baseUrl);
  } catch {
    throw new ManifestRewriteError(`base URL "${target.baseUrl}" is not a URL`);
  }
  if (base.protocol !== 'https:') throw new ManifestRewriteError('Outlook loads add-ins only over https: the base URL must be https');
  if (base.username || base.password || base.search || base.hash) throw new ManifestRewriteError('the base URL must be an origin with an optional path, nothing else');
  if (!GUID.test(target.clientId)) throw new ManifestRewriteError(`client id "${target.clientId}" is not a GUID`);
  if (target.clientId === PLACEHOLDER_CLIENT_ID) throw new ManifestRewriteError('use your API app registration client id, not the placeholder');
  if (!xml.includes(DEV_BASE_URL)) throw new ManifestRewriteError(`the manifest has no ${DEV_BASE_URL} URLs to rewrite`);

  const newBase = (base.origin + base.pathname).replace(/\/+$/, '');
  const host = base.host;
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  // The SSO resource first (api://localhost:3000/CLIENT_ID), then every dev URL, then the client id itself.
  return xml
    .split(`api://${new URL(DEV_BASE_URL).host}/`)
    .join(`api://${escape(host)}/`)
    .split(DEV_BASE_URL)
    .join(escape(newBase))
    .split(PLACEHOLDER_CLIENT_ID)
    .join(target.clientId.toLowerCase());
}
