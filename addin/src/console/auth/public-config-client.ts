// GET /api/public-config from the console: the sign-in settings, validated with the server's own schema.
// A server without the endpoint (or not answering) is treated as demo mode by the caller.
import { Value } from '@sinclair/typebox/value';
import { PublicConfigResponse } from '../../../../shared/src/api.ts';

export class PublicConfigUnavailableError extends Error {
  override readonly name = 'PublicConfigUnavailableError';
  constructor(
    readonly status: number | null,
    message: string,
  ) {
    super(message);
  }
}

export async function loadPublicConfig(baseUrl: string, doFetch: typeof fetch = globalThis.fetch.bind(globalThis)): Promise<PublicConfigResponse> {
  let res: Response;
  try {
    res = await doFetch(`${baseUrl.replace(/\/+$/, '')}/api/public-config`, { cache: 'no-store', headers: { accept: 'application/json' } });
  } catch {
    throw new PublicConfigUnavailableError(null, 'Lantern is unreachable.');
  }
  if (!res.ok) throw new PublicConfigUnavailableError(res.status, `Lantern has no sign-in settings (${res.status}).`);
  const json: unknown = await res.json().catch(() => null);
  if (!Value.Check(PublicConfigResponse, json)) throw new PublicConfigUnavailableError(res.status, 'Lantern answered its sign-in settings in an unexpected format.');
  return json;
}
