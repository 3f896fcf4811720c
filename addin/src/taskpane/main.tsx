// Task pane entry: render only after Office.onReady; Office.js stays behind createOfficeMailHost.
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from '../api/api-client.ts';
import { createOfficeMailHost } from '../office/office-mail-host.ts';
import { officeFromWindow, waitForOffice } from '../office/office-ready.ts';
import { ErrorView } from './StatusViews.tsx';
import { TaskPane } from './TaskPane.tsx';

async function start(root: HTMLElement): Promise<void> {
  const reactRoot = createRoot(root);
  try {
    const office = officeFromWindow(window);
    await waitForOffice(office);
    const host = await createOfficeMailHost(office);
    // The backend serves the pane under /addin/ and the API under /api/ on the same origin.
    const api = createApiClient({ baseUrl: window.location.origin, getToken: host.getToken });
    reactRoot.render(
      <StrictMode>
        <TaskPane host={host} api={api} />
      </StrictMode>,
    );
  } catch (err) {
    reactRoot.render(
      <FluentProvider theme={webLightTheme}>
        <ErrorView error={err} onRetry={() => window.location.reload()} />
      </FluentProvider>,
    );
  }
}

const root = document.getElementById('root');
if (root) void start(root);
