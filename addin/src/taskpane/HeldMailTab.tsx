import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons/svg/arrow-clockwise';
import { useCallback, useEffect, useState } from 'react';
import type { HeldMessage } from '../../../shared/src/api.ts';
import { allowedActions, nextMessageState, stateSentence } from '../../../shared/src/message-state.ts';
import type { LanternApi } from '../api/api-client.ts';
import { ActionFeedback } from './ActionFeedback.tsx';
import { formatWhen } from './format.ts';
import { EmptyView, ErrorView, LoadingView } from './StatusViews.tsx';
import { useAction } from './use-action.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  header: { display: 'flex', justifyContent: 'space-between', alignItems: 'center' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  meta: { color: tokens.colorNeutralForeground2 },
  why: { margin: 0 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalXS },
});

type ListState = { kind: 'loading' } | { kind: 'ready'; items: HeldMessage[] } | { kind: 'failed'; error: unknown };

/** The user's held messages with why each was held, and release / request release. */
export function HeldMailTab({ api }: { api: Pick<LanternApi, 'held' | 'release' | 'requestRelease'> }) {
  const s = useStyles();
  const [state, setState] = useState<ListState>({ kind: 'loading' });
  const load = useCallback(() => {
    setState({ kind: 'loading' });
    api.held().then(
      (r) => setState({ kind: 'ready', items: r.items }),
      (error: unknown) => setState({ kind: 'failed', error }),
    );
  }, [api]);
  useEffect(load, [load]);

  const update = (messageId: string, change: Partial<HeldMessage> | null) =>
    setState((st) =>
      st.kind !== 'ready'
        ? st
        : { kind: 'ready', items: change === null ? st.items.filter((i) => i.messageId !== messageId) : st.items.map((i) => (i.messageId === messageId ? { ...i, ...change } : i)) },
    );

  return (
    <div className={s.root}>
      <div className={s.header}>
        <Text weight="semibold" size={400} as="h2">
          Held mail
        </Text>
        <Button appearance="subtle" icon={<ArrowClockwiseRegular />} onClick={load} aria-label="Refresh held mail" />
      </div>
      {state.kind === 'loading' ? <LoadingView label="Loading held mail…" /> : null}
      {state.kind === 'failed' ? <ErrorView error={state.error} onRetry={load} /> : null}
      {state.kind === 'ready' && state.items.length === 0 ? (
        <EmptyView title="Nothing held" detail="Lantern has not held any of your mail. Held messages appear here with the reason." />
      ) : null}
      {state.kind === 'ready' && state.items.length > 0 ? (
        <ul className={s.list} aria-label="Held messages">
          {state.items.map((item) => (
            <HeldItem key={item.messageId} item={item} api={api} onChanged={(change) => update(item.messageId, change)} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function HeldItem({ item, api, onChanged }: { item: HeldMessage; api: Pick<LanternApi, 'release' | 'requestRelease'>; onChanged(change: Partial<HeldMessage>): void }) {
  const s = useStyles();
  const { state, run } = useAction();
  const busy = state.kind === 'busy';
  const released = state.kind === 'done' && item.state === 'released';
  const after = (action: 'release' | 'request-release'): Partial<HeldMessage> => {
    const next = nextMessageState(item.state, action, item.release) ?? item.state;
    return { state: next, actions: allowedActions(next, item.release), notice: stateSentence(next, item.release), releaseRequested: action === 'request-release' || item.releaseRequested };
  };
  return (
    <li className={s.item} aria-label={`${item.subject ?? '(no subject)'} from ${item.from ?? 'unknown sender'}`} data-state={item.state}>
      <Text weight="semibold">{item.subject ?? '(no subject)'}</Text>
      <Text size={200} className={s.meta}>
        {item.from ?? 'Unknown sender'}
        {item.receivedAt ? ` · ${formatWhen(item.receivedAt)}` : ''}
      </Text>
      <p className={s.why}>
        <Text>{item.why}</Text>
      </p>
      {item.state !== 'held' && item.notice && !released ? (
        <Text size={200} className={s.meta} data-testid="held-state-notice">
          {item.notice}
        </Text>
      ) : null}
      <div className={s.actions}>
        {item.actions.includes('release') ? (
          <Button size="small" disabled={busy} onClick={() => run(() => api.release(item.messageId), () => onChanged(after('release')))}>
            Release
          </Button>
        ) : null}
        {item.actions.includes('request-release') ? (
          <Button size="small" disabled={busy} onClick={() => run(() => api.requestRelease(item.messageId), () => onChanged(after('request-release')))}>
            Request release
          </Button>
        ) : null}
        {item.state === 'held' && item.release === 'none' ? (
          <Text size={200} className={s.meta}>
            Only your security team can release this message.
          </Text>
        ) : null}
      </div>
      <ActionFeedback state={state} />
    </li>
  );
}
