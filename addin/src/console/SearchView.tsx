// Search the inbound mail index by user (mailbox id), sender, domain or URL.
import { Button, Field, Input, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { ConsoleApi } from './console-client.ts';
import type { SearchQuery } from '../../../shared/src/console-api.ts';

type Hits = Awaited<ReturnType<ConsoleApi['search']>>['items'];

export function SearchView({ api }: { api: ConsoleApi }) {
  const [q, setQ] = useState<SearchQuery>({});
  const [hits, setHits] = useState<Hits | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function run() {
    try {
      setHits((await api.search(q)).items);
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Search failed.');
    }
  }
  const field = (key: keyof SearchQuery, label: string) => (
    <Field label={label}>
      <Input value={q[key] ?? ''} onChange={(_, d) => setQ({ ...q, [key]: d.value || undefined })} />
    </Field>
  );
  return (
    <form style={{ display: 'grid', gap: 8 }} onSubmit={(e) => { e.preventDefault(); void run(); }}>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        {field('user', 'User (mailbox id)')}
        {field('sender', 'Sender address')}
        {field('domain', 'Domain')}
        {field('url', 'URL or host')}
      </div>
      <Button type="submit" appearance="primary" style={{ justifySelf: 'start' }}>Search</Button>
      {error && <Text role="alert">{error}</Text>}
      {hits && (
        <table style={{ fontSize: 12, borderCollapse: 'collapse' }}>
          <thead><tr><th align="left">Received</th><th align="left">Mailbox</th><th align="left">Sender</th><th align="left">Subject</th><th align="left">Link hosts</th><th align="left">First pass</th></tr></thead>
          <tbody>
            {hits.map((h) => (
              <tr key={`${h.mailbox}/${h.messageId}`} data-testid="search-hit">
                <td>{h.receivedAt.slice(0, 16).replace('T', ' ')}</td><td>{h.mailbox}</td><td>{h.sender ?? ''}</td><td>{h.subject ?? ''}</td><td>{h.linkHosts.join(' ')}</td><td>{h.verdict ?? ''} {h.score ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </form>
  );
}
