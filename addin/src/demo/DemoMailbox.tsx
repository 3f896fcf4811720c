import {
  Badge,
  Button,
  FluentProvider,
  Select,
  Switch,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons/svg/arrow-clockwise';
import { DismissRegular } from '@fluentui/react-icons/svg/dismiss';
import { MailInboxRegular } from '@fluentui/react-icons/svg/mail-inbox';
import { ShieldRegular } from '@fluentui/react-icons/svg/shield';
import { ShieldLockRegular } from '@fluentui/react-icons/svg/shield-lock';
import { WarningRegular } from '@fluentui/react-icons/svg/warning';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DemoApi, DemoFolder, DemoMessage, DemoUser } from './demo-api.ts';
import { OfficeStandIn, type DemoItem } from './office-stand-in.ts';

const FOLDERS: { id: DemoFolder; label: string; icon: React.ReactElement }[] = [
  { id: 'inbox', label: 'Inbox', icon: <MailInboxRegular /> },
  { id: 'held', label: 'Held by Lantern', icon: <ShieldLockRegular /> },
  { id: 'junkemail', label: 'Junk Email', icon: <WarningRegular /> },
];

const REFRESH_MS = 4000;
/** Demo tokens are minted for an hour; fetch a new one well before that. */
const TOKEN_REUSE_MS = 20 * 60_000;

const useStyles = makeStyles({
  root: { height: '100%', display: 'grid', gridTemplateRows: 'auto 1fr', backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground1 },
  bar: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    flexWrap: 'wrap',
  },
  barTitle: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400, display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  barControls: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, marginLeft: 'auto', flexWrap: 'wrap' },
  barLabel: { color: tokens.colorNeutralForegroundOnBrand },
  body: { display: 'grid', gridTemplateColumns: '200px minmax(260px, 1fr) minmax(300px, 1.2fr) 380px', minHeight: 0 },
  nav: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, padding: tokens.spacingVerticalM, borderRight: `1px solid ${tokens.colorNeutralStroke2}` },
  navButton: { justifyContent: 'flex-start' },
  list: { listStyleType: 'none', margin: 0, padding: 0, overflowY: 'auto', borderRight: `1px solid ${tokens.colorNeutralStroke2}`, backgroundColor: tokens.colorNeutralBackground1 },
  row: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'stretch',
    gap: '2px',
    width: '100%',
    textAlign: 'left',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: 'none',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    borderLeft: '3px solid transparent',
    background: 'none',
    color: 'inherit',
    font: 'inherit',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  rowSelected: { backgroundColor: tokens.colorNeutralBackground1Selected, borderLeft: `3px solid ${tokens.colorBrandStroke1}` },
  unread: { fontWeight: tokens.fontWeightSemibold },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  reading: { padding: tokens.spacingHorizontalL, overflowY: 'auto', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  pane: { display: 'flex', flexDirection: 'column', borderLeft: `1px solid ${tokens.colorNeutralStroke2}`, backgroundColor: tokens.colorNeutralBackground1, minHeight: 0 },
  paneHeader: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  frame: { flex: 1, border: 'none', width: '100%', minHeight: 0 },
  empty: { padding: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground2 },
});

function demoItem(m: DemoMessage): DemoItem {
  return { id: m.id, internetMessageId: m.internetMessageId, subject: m.subject, from: m.from, receivedAt: m.receivedAt };
}

function formatFrom(from: DemoMessage['from']): string {
  if (!from) return 'Unknown sender';
  if (from.name && from.address) return `${from.name} <${from.address}>`;
  return from.address ?? from.name ?? 'Unknown sender';
}

declare global {
  interface Window {
    /** Installed by the demo mailbox; taskpane.html calls it to get its Office.js stand-in. */
    lanternOfficeStandIn?: (frame: Window) => unknown;
  }
}

type Folders = Record<DemoFolder, DemoMessage[]>;
const NO_FOLDERS: Folders = { inbox: [], held: [], junkemail: [] };

/** Plays Outlook for the simulated tenant: pick a user, open a message, and the real task pane loads beside it. */
export function DemoMailbox({ api, now }: { api: DemoApi; now: () => number }) {
  const s = useStyles();
  const [users, setUsers] = useState<DemoUser[] | null>(null);
  const [userId, setUserId] = useState<string>('');
  const [folder, setFolder] = useState<DemoFolder>('inbox');
  const [folders, setFolders] = useState<Folders>(NO_FOLDERS);
  const [open, setOpen] = useState<DemoMessage | null>(null);
  const [paneKey, setPaneKey] = useState(0);
  const [paneOpen, setPaneOpen] = useState(false);
  const [pinned, setPinned] = useState(true);
  const [dark, setDark] = useState(() => window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false);
  const [error, setError] = useState<string | null>(null);
  /** The open message, for a new stand-in (theme switch) to show it again. */
  const openRef = useRef<DemoMessage | null>(null);
  openRef.current = open;
  const tokenCache = useRef<{ userId: string; token: Promise<string>; at: number } | null>(null);

  useEffect(() => {
    api.users().then(
      (list) => {
        setUsers(list);
        const fromQuery = new URLSearchParams(window.location.search).get('user');
        const pick = list.find((u) => u.id === fromQuery || u.upn === fromQuery) ?? list[0];
        if (pick) setUserId(pick.id);
      },
      (err: unknown) => setError(err instanceof Error ? err.message : 'could not load users'),
    );
  }, [api]);

  const user = users?.find((u) => u.id === userId) ?? null;

  const standIn = useMemo(() => {
    if (!user) return null;
    return new OfficeStandIn({
      user: { upn: user.upn, displayName: user.displayName },
      theme: dark ? 'dark' : 'light',
      getToken() {
        const cached = tokenCache.current;
        if (cached && cached.userId === user.id && now() - cached.at <= TOKEN_REUSE_MS) return cached.token;
        const token = api.token(user.id);
        tokenCache.current = { userId: user.id, token, at: now() };
        token.catch(() => {
          if (tokenCache.current?.token === token) tokenCache.current = null;
        });
        return token;
      },
    });
  }, [api, user, dark, now]);

  useEffect(() => {
    window.lanternOfficeStandIn = standIn ? (frame) => standIn.createOffice(frame) : undefined;
    // A new user or theme means a new Outlook session: the open pane reloads.
    if (standIn) {
      setPaneKey((k) => k + 1);
      standIn.selectItem(openRef.current ? demoItem(openRef.current) : null);
    }
    return () => {
      standIn?.detachPane();
    };
  }, [standIn]);

  useEffect(() => {
    setOpen(null);
    setPaneOpen(false);
    setFolders(NO_FOLDERS);
  }, [userId]);

  const refresh = useCallback(async () => {
    if (!userId) return;
    try {
      const [inbox, held, junkemail] = await Promise.all([api.mailbox(userId, 'inbox'), api.mailbox(userId, 'held'), api.mailbox(userId, 'junkemail')]);
      setFolders({ inbox, held, junkemail });
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'could not load the mailbox');
    }
  }, [api, userId]);

  useEffect(() => {
    void refresh();
    const t = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(t);
  }, [refresh]);

  const openMessage = (m: DemoMessage) => {
    if (!standIn) return;
    setOpen(m);
    standIn.selectItem(demoItem(m));
    // Pinned panes follow the selection (ItemChanged); otherwise Outlook opens the pane afresh.
    if (!paneOpen || !pinned || !standIn.paneFollowsSelection) {
      setPaneKey((k) => k + 1);
      setPaneOpen(true);
    }
  };

  const list = folders[folder];
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} className={s.root}>
      <header className={s.bar}>
        <span className={s.barTitle}>
          <ShieldRegular aria-hidden="true" /> Lantern demo mailbox
        </span>
        <div className={s.barControls}>
          <label className={s.barLabel} htmlFor="demo-user">
            Signed in as
          </label>
          <Select id="demo-user" value={userId} onChange={(_, d) => setUserId(d.value)} disabled={!users}>
            {(users ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName ? `${u.displayName} (${u.upn})` : u.upn}
              </option>
            ))}
          </Select>
          <Switch label={<span className={s.barLabel}>Pin task pane</span>} checked={pinned} onChange={(_, d) => setPinned(d.checked)} />
          <Switch label={<span className={s.barLabel}>Dark theme</span>} checked={dark} onChange={(_, d) => setDark(d.checked)} />
        </div>
      </header>
      <div className={s.body}>
        <nav className={s.nav} aria-label="Folders">
          {FOLDERS.map((f) => (
            <Button
              key={f.id}
              className={s.navButton}
              appearance={folder === f.id ? 'primary' : 'subtle'}
              icon={f.icon}
              aria-current={folder === f.id ? 'true' : undefined}
              onClick={() => setFolder(f.id)}
              data-folder={f.id}
            >
              {f.label} ({folders[f.id].length})
            </Button>
          ))}
          <Button appearance="subtle" icon={<ArrowClockwiseRegular />} className={s.navButton} onClick={() => void refresh()}>
            Refresh
          </Button>
          {error ? (
            <Text role="alert" size={200}>
              {error}
            </Text>
          ) : null}
        </nav>
        <ul className={s.list} aria-label={`${FOLDERS.find((f) => f.id === folder)?.label ?? ''} messages`}>
          {list.length === 0 ? <li className={s.empty}>No messages.</li> : null}
          {list.map((m) => (
            <li key={m.id}>
              <button
                type="button"
                className={mergeClasses(s.row, open?.id === m.id && s.rowSelected)}
                aria-current={open?.id === m.id ? 'true' : undefined}
                onClick={() => openMessage(m)}
                data-message-id={m.id}
              >
                <span className={m.isRead ? undefined : s.unread}>{m.from?.name ?? m.from?.address ?? 'Unknown sender'}</span>
                <span className={m.isRead ? undefined : s.unread}>{m.subject ?? '(no subject)'}</span>
                <span className={s.meta}>
                  {m.receivedAt ? new Date(m.receivedAt).toLocaleString() : ''}
                  {m.categories.length > 0 ? ` · ${m.categories.join(', ')}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <section className={s.reading} aria-label="Reading pane">
          {open ? (
            <>
              <Text as="h1" size={500} weight="semibold">
                {open.subject ?? '(no subject)'}
              </Text>
              <Text>{formatFrom(open.from)}</Text>
              <Text className={s.meta}>{open.receivedAt ? new Date(open.receivedAt).toLocaleString() : ''}</Text>
              <div>
                {open.categories.map((c) => (
                  <Badge key={c} appearance="tint" color="warning">
                    {c}
                  </Badge>
                ))}
              </div>
              <Text className={s.meta}>
                The simulator keeps message bodies server-side; Lantern's assessment of this message is in the task pane.
              </Text>
            </>
          ) : (
            <Text className={s.meta}>Select a message to read it. The Lantern task pane opens beside it.</Text>
          )}
        </section>
        <aside className={s.pane} aria-label="Add-in task pane">
          <div className={s.paneHeader}>
            <Text weight="semibold">Lantern {pinned ? '(pinned)' : ''}</Text>
            {paneOpen ? <Button appearance="subtle" icon={<DismissRegular />} aria-label="Close task pane" onClick={() => { standIn?.detachPane(); setPaneOpen(false); }} /> : null}
          </div>
          {paneOpen ? <iframe key={paneKey} className={s.frame} title="Lantern task pane" src={`taskpane.html?pane=${paneKey}`} /> : <Text className={s.empty}>The task pane opens when you open a message.</Text>}
        </aside>
      </div>
    </FluentProvider>
  );
}
