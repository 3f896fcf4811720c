import { FluentProvider, Tab, TabList, makeStyles, tokens, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { ShieldRegular } from '@fluentui/react-icons/svg/shield';
import { useEffect, useState } from 'react';
import type { LanternApi } from '../api/api-client.ts';
import { HeldMailTab } from './HeldMailTab.tsx';
import type { MailHost } from './mail-host.ts';
import { MessageTab } from './MessageTab.tsx';

const useStyles = makeStyles({
  root: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2, color: tokens.colorNeutralForeground1 },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} 0`,
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase400,
  },
  brand: { color: tokens.colorBrandForeground1, fontSize: '20px' },
  panel: { padding: tokens.spacingHorizontalM },
});

type TabId = 'message' | 'held';

function usePrefersDark(): boolean {
  const query = typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  const [dark, setDark] = useState(query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const on = (e: MediaQueryListEvent) => setDark(e.matches);
    query.addEventListener('change', on);
    return () => query.removeEventListener('change', on);
  }, [query]);
  return dark;
}

/** The Outlook task pane: this message's assessment, and the user's held mail. */
export function TaskPane({ host, api, initialTab = 'message' }: { host: MailHost; api: LanternApi; initialTab?: TabId }) {
  const s = useStyles();
  const prefersDark = usePrefersDark();
  const dark = host.theme ? host.theme === 'dark' : prefersDark;
  const [tab, setTab] = useState<TabId>(initialTab);
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} className={s.root} data-theme={dark ? 'dark' : 'light'}>
      <header className={s.header}>
        <ShieldRegular className={s.brand} aria-hidden="true" />
        <span>Lantern</span>
      </header>
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabId)} aria-label="Lantern views" size="small">
        <Tab value="message" id="lantern-tab-message" aria-controls="lantern-panel">
          This message
        </Tab>
        <Tab value="held" id="lantern-tab-held" aria-controls="lantern-panel">
          Held mail
        </Tab>
      </TabList>
      <main id="lantern-panel" role="tabpanel" aria-labelledby={tab === 'message' ? 'lantern-tab-message' : 'lantern-tab-held'} className={s.panel}>
        {tab === 'message' ? <MessageTab host={host} api={api} /> : <HeldMailTab api={api} />}
      </main>
    </FluentProvider>
  );
}
