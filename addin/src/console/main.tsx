// Console entry: served by the backend at /addin/console.html; the API is on the same origin.
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConsoleApp } from './ConsoleApp.tsx';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <FluentProvider theme={webLightTheme}>
        <ConsoleApp baseUrl={window.location.origin} />
      </FluentProvider>
    </StrictMode>,
  );
}
