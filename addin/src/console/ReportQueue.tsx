// The queue of reports: by default those that need a person, with verdict, confidence, campaign size,
// reporters and narrative; an analyst's verdict applies to the whole campaign.
import { Button, Caption1, Card, Tab, TabList, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { ConsoleApi } from './console-client.ts';
import { CampaignPanel } from './CampaignPanel.tsx';
import { LoadState } from './LoadState.tsx';
import { useLoad } from './use-load.ts';
import { VerdictBadge } from './VerdictBadge.tsx';

type Filter = 'needs-person' | 'closed' | 'all';

export function ReportQueue({ api }: { api: ConsoleApi }) {
  const [filter, setFilter] = useState<Filter>('needs-person');
  const [open, setOpen] = useState<string | null>(null);
  const state = useLoad(() => api.reports(filter), [filter]);
  async function decide(id: string, verdict: 'malicious' | 'benign') {
    await api.decide(id, verdict).catch(() => undefined);
    state.reload();
  }
  return (
    <div style={{ display: 'grid', gap: 12 }}>
      <TabList selectedValue={filter} onTabSelect={(_, d) => setFilter(d.value as Filter)}>
        <Tab value="needs-person">Needs a person</Tab>
        <Tab value="closed">Closed</Tab>
        <Tab value="all">All</Tab>
      </TabList>
      <LoadState state={state} label="reports" />
      {state.data?.items.length === 0 && <Text>Nothing here: automatic triage handled every report.</Text>}
      {state.data?.items.map((r) => (
        <Card key={r.id} data-testid="report-row">
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <div>
              <Text weight="semibold">{r.subject ?? '(no subject)'}</Text>
              <br />
              <Caption1>
                from {r.sender ?? 'unknown'} · reported by {r.reporterUpn} · {r.reportedAt.slice(0, 16).replace('T', ' ')} · campaign: {r.campaignMailboxes} mailbox(es), {r.campaignReporters} reporter(s) · {r.outcome ?? r.status}
              </Caption1>
            </div>
            <VerdictBadge verdict={r.verdict} confidence={r.confidence} />
          </div>
          {r.summary && <Text size={200}>{r.summary}</Text>}
          {r.reasons.length > 0 && (
            <ul style={{ margin: 0, fontSize: 12 }}>
              {r.reasons.slice(0, 6).map((x) => (
                <li key={x.code}><code>{x.code}</code> ({x.weight > 0 ? '+' : ''}{x.weight}) {x.text}</li>
              ))}
            </ul>
          )}
          <div style={{ display: 'flex', gap: 8 }}>
            {r.status !== 'closed' && <Button appearance="primary" onClick={() => void decide(r.id, 'malicious')}>Malicious: remove everywhere</Button>}
            {r.status !== 'closed' && <Button onClick={() => void decide(r.id, 'benign')}>Harmless: close and tell reporters</Button>}
            {r.campaignId && <Button appearance="subtle" onClick={() => setOpen(open === r.campaignId ? null : r.campaignId)}>Campaign</Button>}
          </div>
          {open && open === r.campaignId && <CampaignPanel api={api} campaignId={open} onChanged={state.reload} />}
        </Card>
      ))}
    </div>
  );
}
