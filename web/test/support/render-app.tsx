import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { ApiError } from '../../src/api';
import { App } from '../../src/App';
import { AuthProvider, type Role, type Session } from '../../src/auth';
import { I18nProvider } from '../../src/i18n';

/**
 * The whole app as main.tsx mounts it, at `path` (without /app), signed in as `who` through the demo session the
 * sign-in page keeps in sessionStorage: routes, role checks and pages are the real ones.
 */
export function renderApp(path: string, who: { role: Role; subjectId?: string; departmentId?: string }) {
  const session: Session = {
    token: `test-token-${who.role}`,
    kind: 'demo',
    expiresAt: Math.floor(Date.now() / 1000) + 3600,
    ...who,
  };
  sessionStorage.setItem('akasse.session', JSON.stringify(session));
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: {
        retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
        retryDelay: 10,
        refetchOnWindowFocus: false,
      },
    },
  });
  const user = userEvent.setup();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <AuthProvider>
          <MemoryRouter initialEntries={[path]}>
            <App />
          </MemoryRouter>
        </AuthProvider>
      </I18nProvider>
    </QueryClientProvider>,
  );
  return { user, queryClient, ...view };
}
