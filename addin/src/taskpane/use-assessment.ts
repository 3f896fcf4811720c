import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageAssessmentResponse } from '../../../shared/src/api.ts';
import type { LanternApi } from '../api/api-client.ts';
import { ApiOfflineError } from '../api/api-error.ts';
import type { MailHost, OpenMessage } from './mail-host.ts';

export type AssessmentState =
  | { kind: 'loading'; message: OpenMessage }
  | { kind: 'empty' }
  | { kind: 'ready'; message: OpenMessage; data: MessageAssessmentResponse }
  | { kind: 'failed'; message: OpenMessage | null; error: unknown };

/**
 * The assessment of the message open in Outlook: follows the selection (ItemChanged), ignores answers for a
 * message that is no longer open, and retries by itself when the connection comes back.
 */
export function useAssessment(host: MailHost, api: LanternApi) {
  const [message, setMessage] = useState<{ value: OpenMessage | null; error: unknown }>(() => readMessage(host));
  const [state, setState] = useState<AssessmentState>(() =>
    message.value ? { kind: 'loading', message: message.value } : message.error ? { kind: 'failed', message: null, error: message.error } : { kind: 'empty' },
  );
  const generation = useRef(0);

  const load = useCallback(
    (current: OpenMessage | null, error: unknown) => {
      const gen = ++generation.current;
      if (error) {
        setState({ kind: 'failed', message: null, error });
        return;
      }
      if (!current) {
        setState({ kind: 'empty' });
        return;
      }
      setState({ kind: 'loading', message: current });
      api.assessment(current.restId, current.internetMessageId).then(
        (data) => {
          if (gen === generation.current) setState({ kind: 'ready', message: current, data });
        },
        (err: unknown) => {
          if (gen === generation.current) setState({ kind: 'failed', message: current, error: err });
        },
      );
    },
    [api],
  );

  useEffect(() => host.watchMessage(() => setMessage(readMessage(host))), [host]);
  useEffect(() => load(message.value, message.error), [load, message]);

  const reload = useCallback(() => load(message.value, message.error), [load, message]);

  useEffect(() => {
    if (state.kind !== 'failed' || !(state.error instanceof ApiOfflineError)) return;
    window.addEventListener('online', reload);
    return () => window.removeEventListener('online', reload);
  }, [state, reload]);

  /** Applies the outcome of an action (report, release) without refetching. */
  const patch = useCallback((change: Partial<MessageAssessmentResponse>) => {
    setState((s) => (s.kind === 'ready' ? { ...s, data: { ...s.data, ...change } } : s));
  }, []);

  return { state, reload, patch };
}

function readMessage(host: MailHost): { value: OpenMessage | null; error: unknown } {
  try {
    return { value: host.currentMessage(), error: null };
  } catch (err) {
    return { value: null, error: err };
  }
}
