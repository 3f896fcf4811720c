import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { MailCheckmarkRegular } from '@fluentui/react-icons/svg/mail-checkmark';
import { SendClockRegular } from '@fluentui/react-icons/svg/send-clock';
import { ShieldErrorRegular } from '@fluentui/react-icons/svg/shield-error';
import type { MessageAssessmentResponse } from '../../../shared/src/api.ts';
import { allowedActions, nextMessageState, stateSentence, type MessageAction } from '../../../shared/src/message-state.ts';
import type { LanternApi } from '../api/api-client.ts';
import { ActionFeedback } from './ActionFeedback.tsx';
import { useAction } from './use-action.ts';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  wrap: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

export interface MessageActionsProps {
  data: MessageAssessmentResponse;
  api: Pick<LanternApi, 'report' | 'release' | 'requestRelease'>;
  /** Called with what changed once an action succeeds. */
  onChanged(change: Partial<MessageAssessmentResponse>): void;
}

/** The message's state after `action` succeeded: the same machine the server answers from (shared/src/message-state.ts). */
export function afterAction(data: MessageAssessmentResponse, action: MessageAction): Partial<MessageAssessmentResponse> {
  const state = nextMessageState(data.state, action, data.release) ?? data.state;
  const change: Partial<MessageAssessmentResponse> = { state, actions: allowedActions(state, data.release), notice: stateSentence(state, data.release) };
  if (action === 'report') change.reported = true;
  if (action === 'release') change.held = false;
  if (action === 'request-release') change.releaseRequested = true;
  return change;
}

/** Only the actions the message's state allows; what was done shows as the state's sentence (AssessmentView). */
export function MessageActions({ data, api, onChanged }: MessageActionsProps) {
  const s = useStyles();
  const { state, run } = useAction();
  const busy = state.kind === 'busy';
  const risky = data.assessment.verdict !== 'deliver' || data.held;
  const offers = (a: MessageAction) => data.actions.includes(a);
  if (data.actions.length === 0 && state.kind === 'idle') return null;
  return (
    <div className={s.wrap}>
      {data.actions.length > 0 ? (
        <div className={s.row} role="group" aria-label="Actions">
          {offers('report') ? (
            <Button
              appearance={risky ? 'primary' : 'secondary'}
              icon={<ShieldErrorRegular />}
              disabled={busy}
              onClick={() => run(() => api.report(data.messageId), () => onChanged(afterAction(data, 'report')))}
            >
              Report phishing
            </Button>
          ) : null}
          {offers('release') ? (
            <Button icon={<MailCheckmarkRegular />} disabled={busy} onClick={() => run(() => api.release(data.messageId), () => onChanged(afterAction(data, 'release')))}>
              {data.held ? 'Not junk: release' : 'Remove warning'}
            </Button>
          ) : null}
          {offers('request-release') ? (
            <Button
              icon={<SendClockRegular />}
              disabled={busy}
              onClick={() => run(() => api.requestRelease(data.messageId), () => onChanged(afterAction(data, 'request-release')))}
            >
              Request release
            </Button>
          ) : null}
        </div>
      ) : null}
      <ActionFeedback state={state} />
    </div>
  );
}
