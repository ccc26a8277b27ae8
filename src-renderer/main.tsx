import { createRoot } from 'react-dom/client';
import { App } from './App';
import { I18nProvider } from './i18n/i18n';
import './styles.css';
import { registerAppShell } from './sync/app-shell';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <I18nProvider>
      <App />
    </I18nProvider>,
  );
}

registerAppShell();
