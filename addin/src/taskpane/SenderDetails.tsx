import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { WarningRegular } from '@fluentui/react-icons/svg/warning';
import type { MailAssessment } from '../../../shared/src/assessment.ts';
import { formatSender } from './format.ts';

const useStyles = makeStyles({
  dl: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXS, margin: 0 },
  dt: { color: tokens.colorNeutralForeground2 },
  dd: { margin: 0, overflowWrap: 'anywhere' },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1, display: 'inline-flex', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
});

export function SenderDetails({ sender }: { sender: MailAssessment['sender'] }) {
  const s = useStyles();
  const replyDiffers = !!sender.replyTo && !!sender.address && sender.replyTo.toLowerCase() !== sender.address.toLowerCase();
  return (
    <dl className={s.dl} aria-label="Sender">
      <dt className={s.dt}>From</dt>
      <dd className={s.dd}>{formatSender(sender.name, sender.address)}</dd>
      {sender.replyTo ? (
        <>
          <dt className={s.dt}>Replies go to</dt>
          <dd className={s.dd}>
            {replyDiffers ? (
              <span className={s.warn}>
                <WarningRegular aria-hidden="true" />
                <span>
                  {sender.replyTo} <Text size={200}>(not the sender)</Text>
                </span>
              </span>
            ) : (
              sender.replyTo
            )}
          </dd>
        </>
      ) : null}
      {sender.authentication ? (
        <>
          <dt className={s.dt}>Authentication</dt>
          <dd className={s.dd}>{sender.authentication}</dd>
        </>
      ) : null}
    </dl>
  );
}
