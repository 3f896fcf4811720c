// Demo mailbox entry: plays Outlook for the simulated tenant (served by the backend in demo mode).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createDemoApi } from './demo-api.ts';
import { DemoMailbox } from './DemoMailbox.tsx';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <DemoMailbox api={createDemoApi(window.location.origin)} now={() => Date.now()} />
    </StrictMode>,
  );
}
