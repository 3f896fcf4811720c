// The security-team console: sign-in (demo: pick a simulated user, who gets the analyst role), then the report
// queue, incidents, held mail, search and the audit trail.
import { Button, Select, Tab, TabList, Text, Title2 } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { AuditView } from './AuditView.tsx';
import { createConsoleApi, demoAnalystToken, demoUsers } from './console-client.ts';
import { HeldView } from './HeldView.tsx';
import { IncidentsView } from './IncidentsView.tsx';
import { ReportQueue } from './ReportQueue.tsx';
import { SearchView } from './SearchView.tsx';

type View = 'reports' | 'incidents' | 'held' | 'search' | 'audit';

export function ConsoleApp({ baseUrl }: { baseUrl: string }) {
  const [users, setUsers] = useState<{ id: string; upn: string }[]>([]);
  const [userId, setUserId] = useState('');
  const [token, setToken] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<View>('reports');
  useEffect(() => {
    demoUsers(baseUrl)
      .then((u) => {
        setUsers(u);
        setUserId(u[0]?.id ?? '');
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : 'Sign-in is not available.'));
  }, [baseUrl]);
  const api = useMemo(() => (token ? createConsoleApi(baseUrl, async () => token) : null), [baseUrl, token]);

  if (!api) {
    return (
      <div style={{ padding: 24, display: 'grid', gap: 12, maxWidth: 420 }}>
        <Title2>Lantern security console</Title2>
        <Text>Demo sign-in: choose who you are; the demo gives you the security-analyst role.</Text>
        <Select aria-label="Demo user" value={userId} onChange={(_, d) => setUserId(d.value)}>
          {users.map((u) => <option key={u.id} value={u.id}>{u.upn}</option>)}
        </Select>
        <Button
          appearance="primary"
          disabled={!userId}
          onClick={() => demoAnalystToken(baseUrl, userId).then(setToken).catch((err: unknown) => setError(err instanceof Error ? err.message : 'Sign-in failed.'))}
        >
          Sign in as analyst
        </Button>
        {error && <Text role="alert">{error}</Text>}
      </div>
    );
  }
  return (
    <div style={{ padding: 16, display: 'grid', gap: 12 }}>
      <Title2>Lantern security console</Title2>
      <TabList selectedValue={view} onTabSelect={(_, d) => setView(d.value as View)}>
        <Tab value="reports">Reports</Tab>
        <Tab value="incidents">Identity incidents</Tab>
        <Tab value="held">Held mail &amp; requests</Tab>
        <Tab value="search">Search</Tab>
        <Tab value="audit">Audit trail</Tab>
      </TabList>
      {view === 'reports' && <ReportQueue api={api} />}
      {view === 'incidents' && <IncidentsView api={api} />}
      {view === 'held' && <HeldView api={api} />}
      {view === 'search' && <SearchView api={api} />}
      {view === 'audit' && <AuditView api={api} />}
    </div>
  );
}
