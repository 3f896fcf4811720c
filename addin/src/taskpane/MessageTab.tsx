import type { LanternApi } from '../api/api-client.ts';
import { AssessmentView } from './AssessmentView.tsx';
import type { MailHost } from './mail-host.ts';
import { EmptyView, ErrorView, LoadingView } from './StatusViews.tsx';
import { useAssessment } from './use-assessment.ts';

export function MessageTab({ host, api }: { host: MailHost; api: LanternApi }) {
  const { state, reload, patch } = useAssessment(host, api);
  switch (state.kind) {
    case 'empty':
      return (
        <EmptyView
          title="No message selected"
          detail={host.followsSelection ? 'Select a message and Lantern will check it.' : 'Open a message to see what Lantern found.'}
        />
      );
    case 'loading':
      return <LoadingView label="Checking this message…" />;
    case 'failed':
      return <ErrorView error={state.error} onRetry={reload} />;
    case 'ready':
      return <AssessmentView key={state.data.messageId} data={state.data} api={api} onChanged={patch} />;
  }
}
