// The shared styles first, so the features' CSS modules (imported by the components) come after them.
import './ui/tokens.css';
import './ui/base.css';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from './App';
import { I18nProvider } from './i18n/i18n';
import { registerAppShell } from './sync/app-shell';

/**
 * Loading, error and cancel state of host calls. No retries by default: the host is local, and a
 * failure should be shown (with its own retry button) rather than hidden for seconds.
 */
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <App />
      </I18nProvider>
    </QueryClientProvider>,
  );
}

registerAppShell();
