import { ApiContractError, ApiOfflineError, ApiRequestError, ApiSignInError } from '../api/api-error.ts';

export interface ErrorDescription {
  kind: 'offline' | 'sign-in' | 'not-found' | 'forbidden' | 'rate-limited' | 'server' | 'unexpected';
  title: string;
  detail: string;
}

/** What the pane tells the reader about a failure: plain words, nothing internal. */
export function describeError(err: unknown): ErrorDescription {
  if (err instanceof ApiOfflineError) {
    return { kind: 'offline', title: "You're offline", detail: 'Lantern could not be reached. It will try again when the connection is back.' };
  }
  if (err instanceof ApiSignInError) {
    return { kind: 'sign-in', title: "Couldn't sign you in", detail: err.message };
  }
  if (err instanceof ApiRequestError) {
    if (err.status === 404) {
      return { kind: 'not-found', title: 'Not assessed yet', detail: "Lantern hasn't assessed this message. Messages you sent, and very recent mail, may not have an assessment yet." };
    }
    if (err.status === 401) return { kind: 'sign-in', title: 'Your session has ended', detail: err.message };
    if (err.status === 403) return { kind: 'forbidden', title: 'Not allowed', detail: err.message };
    if (err.status === 429) return { kind: 'rate-limited', title: 'Too many requests', detail: 'Wait a few seconds and try again.' };
    if (err.status >= 500) return { kind: 'server', title: 'Lantern had a problem', detail: 'Try again in a moment. If it keeps happening, tell your IT team.' };
    return { kind: 'unexpected', title: 'Something went wrong', detail: err.message };
  }
  if (err instanceof ApiContractError) {
    return { kind: 'unexpected', title: 'Lantern sent something unexpected', detail: 'The add-in and the server may be different versions. Reload the pane.' };
  }
  return { kind: 'unexpected', title: 'Something went wrong', detail: err instanceof Error ? err.message : 'Unknown error.' };
}
