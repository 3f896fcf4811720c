import { useCallback, useEffect, useRef, useState } from 'react';

export type ActionState = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; message: string } | { kind: 'failed'; error: unknown };

/** Runs one user action at a time and keeps its outcome for immediate feedback. */
export function useAction() {
  const [state, setState] = useState<ActionState>({ kind: 'idle' });
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback(async <T extends { message: string }>(action: () => Promise<T>, onDone?: (result: T) => void) => {
    setState({ kind: 'busy' });
    try {
      const result = await action();
      if (!mounted.current) return;
      onDone?.(result);
      setState({ kind: 'done', message: result.message });
    } catch (error) {
      if (mounted.current) setState({ kind: 'failed', error });
    }
  }, []);
  const reset = useCallback(() => setState({ kind: 'idle' }), []);
  return { state, run, reset };
}
