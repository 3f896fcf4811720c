// Every action — triage's and people's — newest first.
import type { ConsoleApi } from './console-client.ts';
import { LoadState } from './LoadState.tsx';
import { useLoad } from './use-load.ts';

export function AuditView({ api }: { api: ConsoleApi }) {
  const state = useLoad(() => api.audit(), []);
  return (
    <div>
      <LoadState state={state} label="audit trail" />
      <table style={{ fontSize: 12, borderCollapse: 'collapse' }}>
        <thead><tr><th align="left">When</th><th align="left">Who</th><th align="left">Action</th><th align="left">Target</th><th align="left">Detail</th></tr></thead>
        <tbody>
          {state.data?.items.map((a) => (
            <tr key={a.id} data-testid="audit-row"><td>{a.at.slice(0, 19).replace('T', ' ')}</td><td>{a.actor}</td><td>{a.action}</td><td>{a.targetKind} {a.targetId}</td><td>{a.detail ?? ''}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
