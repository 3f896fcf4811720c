// One campaign: every copy and its state, the reports, and one-click removal or undo.
import { Button, Caption1, Card, CardHeader, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { ConsoleApi } from './console-client.ts';
import { LoadState } from './LoadState.tsx';
import { useLoad } from './use-load.ts';
import { VerdictBadge } from './VerdictBadge.tsx';

export function CampaignPanel({ api, campaignId, onChanged }: { api: ConsoleApi; campaignId: string; onChanged(): void }) {
  const state = useLoad(() => api.campaign(campaignId), [campaignId]);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function act(action: 'remove' | 'restore') {
    setBusy(true);
    try {
      const r = await api.campaignAction(campaignId, action);
      setNote(r.message);
      state.reload();
      onChanged();
    } catch (err) {
      setNote(err instanceof Error ? err.message : 'Failed.');
    } finally {
      setBusy(false);
    }
  }
  const c = state.data;
  return (
    <Card data-testid="campaign-panel">
      <LoadState state={state} label="campaign" />
      {c && (
        <>
          <CardHeader
            header={<Text weight="semibold">{c.subject ?? '(no subject)'}</Text>}
            description={<Caption1>from {c.sender ?? 'unknown'} · {c.mailboxes} mailbox(es) · {c.reporters} reporter(s) · {c.status}</Caption1>}
            action={<VerdictBadge verdict={c.verdict} confidence={c.confidence} />}
          />
          {c.narrative && <Text size={200}>{c.narrative}</Text>}
          <div style={{ display: 'flex', gap: 8 }}>
            <Button appearance="primary" disabled={busy} onClick={() => void act('remove')}>Remove every copy</Button>
            <Button disabled={busy} onClick={() => void act('restore')}>Undo (restore every copy)</Button>
          </div>
          {note && <Text role="status">{note}</Text>}
          <table style={{ fontSize: 12, borderCollapse: 'collapse' }}>
            <thead><tr><th align="left">Mailbox</th><th align="left">Received</th><th align="left">Matched on</th><th align="left">State</th></tr></thead>
            <tbody>
              {c.members.map((m) => (
                <tr key={`${m.mailbox}/${m.messageId}`} data-testid="campaign-member">
                  <td>{m.mailbox}</td><td>{m.receivedAt?.slice(0, 16).replace('T', ' ') ?? ''}</td><td>{m.matchedOn}</td><td>{m.state}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Card>
  );
}
