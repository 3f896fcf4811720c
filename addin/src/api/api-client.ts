import type {
  HeldListResponse,
  MeResponse,
  MessageAssessmentResponse,
  ReleaseRequestResponse,
  ReleaseResponse,
  ReportResponse,
} from '../../../shared/src/api.ts';
import {
  decodeAssessment,
  decodeErrorBody,
  decodeHeldList,
  decodeMe,
  decodeRelease,
  decodeReleaseRequest,
  decodeReport,
} from './api-decode.ts';
import { ApiOfflineError, ApiRequestError, ApiSignInError } from './api-error.ts';

/** Lantern's API as the add-in uses it (the contract is shared/src/api.ts). */
export interface LanternApi {
  me(): Promise<MeResponse>;
  assessment(messageId: string, internetMessageId: string | null): Promise<MessageAssessmentResponse>;
  report(messageId: string, comment?: string): Promise<ReportResponse>;
  release(messageId: string): Promise<ReleaseResponse>;
  requestRelease(messageId: string): Promise<ReleaseRequestResponse>;
  held(): Promise<HeldListResponse>;
}

export interface ApiClientOptions {
  /** Origin (and optional path prefix) of the API, e.g. "https://lantern.contoso.com". */
  baseUrl: string;
  getToken(): Promise<string>;
  fetch?: typeof fetch;
}

const MAX_MESSAGE_ID = 512;
const MAX_INTERNET_MESSAGE_ID = 998;
const MAX_COMMENT = 2000;

export function createApiClient(options: ApiClientOptions): LanternApi {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = options.baseUrl.replace(/\/+$/, '');

  async function call<T>(method: 'GET' | 'POST', path: string, decode: (path: string, json: unknown) => T, body?: unknown): Promise<T> {
    let token: string;
    try {
      token = await options.getToken();
    } catch (err) {
      const why = err instanceof Error ? err.message : 'no token';
      throw new ApiSignInError(`Lantern could not sign you in (${why}).`, { cause: err });
    }
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await doFetch(base + path, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (err) {
      throw new ApiOfflineError(path, { cause: err });
    }
    const json: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const e = decodeErrorBody(json);
      throw new ApiRequestError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? res.statusText, path);
    }
    return decode(path, json);
  }

  const messagePath = (messageId: string, tail: string): string => {
    if (messageId.length === 0 || messageId.length > MAX_MESSAGE_ID) throw new RangeError('message id must be 1..512 characters');
    return `/api/messages/${encodeURIComponent(messageId)}/${tail}`;
  };

  return {
    me: () => call('GET', '/api/me', decodeMe),
    assessment(messageId, internetMessageId) {
      let path = messagePath(messageId, 'assessment');
      if (internetMessageId && internetMessageId.length <= MAX_INTERNET_MESSAGE_ID) {
        path += `?internetMessageId=${encodeURIComponent(internetMessageId)}`;
      }
      return call('GET', path, decodeAssessment);
    },
    report(messageId, comment) {
      const body = comment ? { comment: comment.slice(0, MAX_COMMENT) } : {};
      return call('POST', messagePath(messageId, 'report'), decodeReport, body);
    },
    release: (messageId) => call('POST', messagePath(messageId, 'release'), decodeRelease, {}),
    requestRelease: (messageId) => call('POST', messagePath(messageId, 'release-request'), decodeReleaseRequest, {}),
    held: () => call('GET', '/api/held', decodeHeldList),
  };
}
