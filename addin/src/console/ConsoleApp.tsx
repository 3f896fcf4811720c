// The security-team console: sign-in (a real tenant: Microsoft Entra ID through auth/; demo: pick a simulated
// user, who gets the analyst role), then the report queue, incidents, held mail, search and the audit trail.
import { Button, Select, Tab, TabList, Text, Title2 } from '@fluentui/react-components';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { AuditView } from './AuditView.tsx';
import type { ConsoleAuth } from './auth/console-auth.ts';
import { useConsoleSignIn } from './auth/use-console-sign-in.ts';
import { createConsoleApi, demoAnalystToken, demoUsers, type ConsoleApi } from './console-client.ts';
import { HeldView } from './HeldView.tsx';
import { IncidentsView } from './IncidentsView.tsx';
import { ReportQueue } from './ReportQueue.tsx';
import { SearchView } from './SearchView.tsx';

type View = 'reports' | 'incidents' | 'held' | 'search' | 'audit';

export function ConsoleApp({ baseUrl }: { baseUrl: string }) {
  const signIn = useConsoleSignIn(baseUrl);
  if (signIn.kind === 'loading') return <div style={{ padding: 24 }}><Title2>Lantern security console</Title2></div>;
  if (signIn.kind === 'tenant') return <TenantConsole baseUrl={baseUrl} auth={signIn.auth} startError={signIn.startError} />;
  return <DemoConsole baseUrl={baseUrl} />;
}

/** A real tenant: sign in with Microsoft Entra ID; tokens for the Lantern API come from the auth module. */
function TenantConsole({ baseUrl, auth, startError }: { baseUrl: string; auth: ConsoleAuth; startError: string | null }) {
  const [error, setError] = useState<string | null>(startError);
  const api = useMemo(() => createConsoleApi(baseUrl, () => auth.getToken()), [baseUrl, auth]);
  if (auth.state !== 'signed-in' || !auth.account) {
    return (
      <div style={{ padding: 24, display: 'grid', gap: 12, maxWidth: 420 }}>
        <Title2>Lantern security console</Title2>
        <Text>
          {auth.state === 'sign-in-required' ? 'Your session has ended: sign in again.' : 'Sign in with your work account. The console is for members of the security team (app role Lantern.SecurityAnalyst).'}
        </Text>
        <Button appearance="primary" disabled={auth.state === 'starting'} onClick={() => auth.signIn().catch((err: unknown) => setError(err instanceof Error ? err.message : 'Sign-in failed.'))}>
          Sign in
        </Button>
        {error && <Text role="alert">{error}</Text>}
      </div>
    );
  }
  return (
    <Workspace api={api}>
      <Text>
        {auth.account.name ?? auth.account.username}{' '}
        <Button size="small" appearance="subtle" onClick={() => auth.signOut().catch((err: unknown) => setError(err instanceof Error ? err.message : 'Sign-out failed.'))}>
          Sign out
        </Button>
      </Text>
    </Workspace>
  );
}

/** Demo mode: choose a simulated user, who gets an analyst token from /demo/api/token. */
function DemoConsole({ baseUrl }: { baseUrl: string }) {
  const [users, setUsers] = useState<{ id: string; upn: string }[]>([]);
  const [userId, setUserId] = useState('');
  const [token, setToken] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    demoUsers(baseUrl)
      .then((u) => {
        setUsers(u);
        // a choice the user already made stands; the first user is only the default
        setUserId((chosen) => chosen || (u[0]?.id ?? ''));
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
  return <Workspace api={api} />;
}

function Workspace({ api, children }: { api: ConsoleApi; children?: ReactNode }) {
  const [view, setView] = useState<View>('reports');
  return (
    <div style={{ padding: 16, display: 'grid', gap: 12 }}>
      <Title2>Lantern security console</Title2>
      {children}
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
