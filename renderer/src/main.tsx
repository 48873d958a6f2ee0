import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createHostBridge } from './bridge/host-bridge';
import { App } from './ui/app';
import './styles.css';

// Under Electron the preload has installed window.studio; in host mode (a browser) install the HTTP bridge.
window.studio ??= createHostBridge();

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
