// Spinner or error for a loading view.
import { Button, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import type { Loaded } from './use-load.ts';

export function LoadState<T>({ state, label }: { state: Loaded<T>; label: string }) {
  if (state.error) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>
          {state.error} <Button size="small" onClick={state.reload}>Retry</Button>
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (state.loading && state.data === null) return <Spinner size="small" label={`Loading ${label}…`} />;
  return null;
}
