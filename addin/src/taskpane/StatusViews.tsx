import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { MailInboxRegular } from '@fluentui/react-icons/svg/mail-inbox';
import { PlugDisconnectedRegular } from '@fluentui/react-icons/svg/plug-disconnected';
import { describeError } from './describe-error.ts';

const useStyles = makeStyles({
  centre: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    textAlign: 'center',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalL}`,
    color: tokens.colorNeutralForeground2,
  },
  icon: { fontSize: '40px', color: tokens.colorNeutralForeground3 },
});

export function LoadingView({ label }: { label: string }) {
  const s = useStyles();
  return (
    <div className={s.centre} role="status" aria-live="polite">
      <Spinner size="medium" label={label} labelPosition="below" />
    </div>
  );
}

export function EmptyView({ title, detail }: { title: string; detail: string }) {
  const s = useStyles();
  return (
    <div className={s.centre} role="status">
      <MailInboxRegular className={s.icon} aria-hidden="true" />
      <Text weight="semibold" size={400}>
        {title}
      </Text>
      <Text>{detail}</Text>
    </div>
  );
}

/** Every failure gets a designed state: offline, sign-in, not assessed, server trouble. */
export function ErrorView({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const s = useStyles();
  const d = describeError(error);
  if (d.kind === 'offline') {
    return (
      <div className={s.centre} role="alert">
        <PlugDisconnectedRegular className={s.icon} aria-hidden="true" />
        <Text weight="semibold" size={400}>
          {d.title}
        </Text>
        <Text>{d.detail}</Text>
        <Button onClick={onRetry}>Try again</Button>
      </div>
    );
  }
  if (d.kind === 'not-found') return <EmptyView title={d.title} detail={d.detail} />;
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{d.title}</MessageBarTitle>
        {d.detail}
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" onClick={onRetry}>
          Try again
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
