// Renderer entry: pick the transport (preload bridge or web-mode WebSocket), then mount the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApi } from './api/client';
import { pickTransport } from './api/transport';
import { App } from './App';
import { createI18n } from './i18n';
import './styles/theme.css';
import './styles/app.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');
const i18n = createI18n('en');

try {
  const transport = pickTransport();
  const api = createApi(transport.bridge);
  createRoot(container).render(
    <StrictMode>
      <App api={api} i18n={i18n} {...(transport.kind === 'websocket' ? { connection: transport.bridge } : {})} />
    </StrictMode>,
  );
} catch {
  // No bridge and no token: nothing to talk to. Say so in plain text instead of a blank window,
  // in the browser's language (the station's setting cannot be read without the service).
  const lng = navigator.language.toLowerCase().startsWith('cs') ? 'cs' : 'en';
  container.textContent = i18n.t('app.noToken', { lng });
  container.className = 'splash';
}
