// Held mail tenant-wide, and release requests to approve or deny.
import { Button, Caption1, Card, Text, Title3 } from '@fluentui/react-components';
import type { ConsoleApi } from './console-client.ts';
import { LoadState } from './LoadState.tsx';
import { useLoad } from './use-load.ts';

export function HeldView({ api }: { api: ConsoleApi }) {
  const requests = useLoad(() => api.releaseRequests(), []);
  const held = useLoad(() => api.held(), []);
  async function decide(id: string, d: 'approve' | 'deny') {
    await api.decideRelease(id, d).catch(() => undefined);
    requests.reload();
    held.reload();
  }
  return (
    <div style={{ display: 'grid', gap: 12 }}>
      <Title3>Release requests</Title3>
      <LoadState state={requests} label="release requests" />
      {requests.data?.items.length === 0 && <Text>No pending requests.</Text>}
      {requests.data?.items.map((r) => (
        <Card key={r.id} data-testid="release-request">
          <Text weight="semibold">{r.subject ?? '(no subject)'}</Text>
          <Caption1>{r.userUpn} asks · from {r.from ?? 'unknown'} · score {r.score} · {r.requestedAt.slice(0, 16).replace('T', ' ')}</Caption1>
          <div style={{ display: 'flex', gap: 8 }}>
            <Button appearance="primary" onClick={() => void decide(r.id, 'approve')}>Approve (release)</Button>
            <Button onClick={() => void decide(r.id, 'deny')}>Deny</Button>
          </div>
        </Card>
      ))}
      <Title3>Held mail</Title3>
      <LoadState state={held} label="held mail" />
      <table style={{ fontSize: 12, borderCollapse: 'collapse' }}>
        <thead><tr><th align="left">Held</th><th align="left">Mailbox</th><th align="left">From</th><th align="left">Subject</th><th align="left">Score</th></tr></thead>
        <tbody>
          {held.data?.items.map((h) => (
            <tr key={h.holdId} data-testid="held-row"><td>{h.heldAt.slice(0, 16).replace('T', ' ')}</td><td>{h.userId}</td><td>{h.from ?? ''}</td><td>{h.subject ?? ''}</td><td>{h.score}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
