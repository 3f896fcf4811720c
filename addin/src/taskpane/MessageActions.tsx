import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { MailCheckmarkRegular } from '@fluentui/react-icons/svg/mail-checkmark';
import { SendClockRegular } from '@fluentui/react-icons/svg/send-clock';
import { ShieldErrorRegular } from '@fluentui/react-icons/svg/shield-error';
import type { MessageAssessmentResponse } from '../../../shared/src/api.ts';
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

export function MessageActions({ data, api, onChanged }: MessageActionsProps) {
  const s = useStyles();
  const { state, run } = useAction();
  const busy = state.kind === 'busy';
  const risky = data.assessment.verdict !== 'deliver' || data.held;
  return (
    <div className={s.wrap}>
      <div className={s.row} role="group" aria-label="Actions">
        <Button
          appearance={risky ? 'primary' : 'secondary'}
          icon={<ShieldErrorRegular />}
          disabled={busy || data.reported}
          onClick={() => run(() => api.report(data.messageId), () => onChanged({ reported: true }))}
        >
          {data.reported ? 'Reported' : 'Report phishing'}
        </Button>
        {data.held && data.release === 'allowed' ? (
          <Button
            icon={<MailCheckmarkRegular />}
            disabled={busy}
            onClick={() => run(() => api.release(data.messageId), () => onChanged({ held: false }))}
          >
            Not junk: release
          </Button>
        ) : null}
        {data.held && data.release === 'request' ? (
          <Button
            icon={<SendClockRegular />}
            disabled={busy || data.releaseRequested}
            onClick={() => run(() => api.requestRelease(data.messageId), () => onChanged({ releaseRequested: true }))}
          >
            {data.releaseRequested ? 'Release requested' : 'Request release'}
          </Button>
        ) : null}
      </div>
      <ActionFeedback state={state} />
    </div>
  );
}
