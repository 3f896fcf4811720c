import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { describeError } from './describe-error.ts';
import type { ActionState } from './use-action.ts';

/** The outcome of an action, announced to screen readers as it arrives. */
export function ActionFeedback({ state }: { state: ActionState }) {
  return (
    <div aria-live="polite" aria-atomic="true">
      {state.kind === 'done' ? (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>{state.message}</MessageBarBody>
        </MessageBar>
      ) : state.kind === 'failed' ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{describeError(state.error).title}</MessageBarTitle>
            {describeError(state.error).detail}
          </MessageBarBody>
        </MessageBar>
      ) : null}
    </div>
  );
}
