// Identity incidents: narrative, a timeline of the correlated breaches and a map of sign-in locations.
import { Badge, Caption1, Card, Text } from '@fluentui/react-components';
import type { ConsoleApi } from './console-client.ts';
import { IncidentResponsePanel } from './IncidentResponsePanel.tsx';
import { IncidentTimeline } from './IncidentTimeline.tsx';
import { LoadState } from './LoadState.tsx';
import { SignInMap } from './SignInMap.tsx';
import { useLoad } from './use-load.ts';

export function IncidentsView({ api }: { api: ConsoleApi }) {
  const state = useLoad(() => api.incidents(), []);
  return (
    <div style={{ display: 'grid', gap: 12 }}>
      <LoadState state={state} label="incidents" />
      {state.data?.items.length === 0 && <Text>No identity incidents.</Text>}
      {state.data?.items.map((i) => (
        <Card key={i.id} data-testid="incident">
          <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
            <Badge color={i.severity === 'critical' || i.severity === 'high' ? 'danger' : 'warning'}>{i.severity}</Badge>
            <Text weight="semibold">{i.users.join(', ')}</Text>
            <Caption1>{i.start.slice(0, 16).replace('T', ' ')} → {i.end.slice(0, 16).replace('T', ' ')} · score {i.score}</Caption1>
          </div>
          <Text size={200}>{i.narrative}</Text>
          <IncidentTimeline items={i.timeline} start={i.start} end={i.end} />
          {i.signIns.length > 0 ? <SignInMap points={i.signIns} /> : <Caption1>No sign-in locations recorded.</Caption1>}
          <IncidentResponsePanel api={api} incidentId={i.id} />
        </Card>
      ))}
    </div>
  );
}
