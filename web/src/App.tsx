import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import { Navigate, NavLink, Route, Routes, useLocation, useNavigate } from 'react-router';
import { setUnauthorisedHandler } from './api';
import { CENTRAL_ROLES, COORDINATOR_ROLES, homeFor, providerSignInUrl, STAFF_ROLES, useAuth, type Role } from './auth';
import { useI18n } from './i18n';
import type { MessageKey } from './messages';
import { BookingPage, MemberSessionPage } from './features/booking/BookingPage';
import { CapacityPage } from './pages/Capacity';
import { KpiPage } from './pages/Kpis';
import { MemberPage } from './pages/Member';
import { MessagesPage } from './pages/Messages';
import { NotLinkedPage } from './pages/NotLinked';
import { OfficeWeekPage } from './pages/OfficeWeek';
import { OptimiserPage } from './features/optimiser/OptimiserPage';
import { PublishPage } from './features/publishing/PublishPage';
import { SessionPage } from './pages/SessionDetail';
import { SignInPage } from './pages/SignIn';
import { Loading } from './components/ui';

// The chart library is the biggest dependency: only the forecast page loads it.
const ForecastPage = lazy(() => import('./pages/Forecast').then((m) => ({ default: m.ForecastPage })));

const ALL_ROLES: readonly Role[] = ['member', ...STAFF_ROLES];

const NAV: { to: string; label: MessageKey; roles: readonly Role[] }[] = [
  { to: '/coordinator/capacity', label: 'nav.capacity', roles: COORDINATOR_ROLES },
  { to: '/coordinator/forecast', label: 'nav.forecast', roles: COORDINATOR_ROLES },
  { to: '/coordinator/optimiser', label: 'nav.optimiser', roles: CENTRAL_ROLES },
  { to: '/coordinator/kpis', label: 'nav.kpis', roles: COORDINATOR_ROLES },
  { to: '/office', label: 'nav.officeWeek', roles: STAFF_ROLES },
  { to: '/office/publish', label: 'nav.publish', roles: STAFF_ROLES },
  { to: '/member', label: 'nav.member', roles: ['member'] },
  { to: '/member/messages', label: 'nav.messages', roles: ['member'] },
];

function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  const other = language === 'da' ? 'en' : 'da';
  return (
    <button
      type="button"
      className="button button-quiet"
      lang={other}
      onClick={() => setLanguage(other)}
      aria-label={t('header.switchLanguageLabel')}
    >
      {t('header.switchLanguage')}
    </button>
  );
}

function Layout({ children }: { children: ReactNode }) {
  const { session, signOut } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  const first = useRef(true);

  // After navigating, move focus to the new page's heading so screen readers announce it.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('page-title')?.focus();
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('header.skip')}
      </a>
      <header className="app-header">
        <span className="brand">A-kassen</span>
        {session && (
          <nav aria-label={t('header.navLabel')}>
            <ul>
              {NAV.filter((item) => item.roles.includes(session.role)).map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end>
                    {t(item.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div className="header-tools">
          {session && (
            <span className="who">
              {session.displayName ?? t(`role.${session.role}` as MessageKey)}
              <span className="visually-hidden">, {t(`role.${session.role}` as MessageKey)}</span>
            </span>
          )}
          <LanguageSwitch />
          {session && (
            <button type="button" className="button button-quiet" onClick={() => signOut()}>
              {t('header.signOut')}
            </button>
          )}
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { session, checking, unlinked } = useAuth();
  const location = useLocation();
  const { t } = useI18n();
  if (checking) return <Loading height={480} />;
  if (unlinked) return <Navigate to="/not-linked" replace />;
  if (!session) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  if (!roles.includes(session.role)) {
    return (
      <div className="notice notice-info" role="status">
        <p>{t('common.notForRole')}</p>
      </div>
    );
  }
  return <>{children}</>;
}

export function App() {
  const { session, signOut } = useAuth();
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  useEffect(() => {
    setUnauthorisedHandler(() => {
      queryClient.clear();
      // A provider session that ended: sign in again and come back to this very page.
      if (session?.kind === 'provider') {
        window.location.assign(providerSignInUrl(window.location.pathname + window.location.search));
        return;
      }
      // Sign in again and come back here: the API's English message is not for the person.
      const here = window.location.pathname.replace(/^\/app(?=\/|$)/, '') + window.location.search;
      signOut(t('signIn.expired'));
      navigate('/sign-in', { state: here && here !== '/sign-in' ? { from: here } : undefined });
    });
  }, [navigate, queryClient, session, signOut, t]);

  return (
    <Layout>
      <Routes>
        <Route path="/" element={<Navigate to={session ? homeFor(session.role) : '/sign-in'} replace />} />
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/not-linked" element={<NotLinkedPage />} />
        <Route
          path="/coordinator/capacity"
          element={
            <RequireRole roles={COORDINATOR_ROLES}>
              <CapacityPage />
            </RequireRole>
          }
        />
        <Route
          path="/coordinator/forecast"
          element={
            <RequireRole roles={COORDINATOR_ROLES}>
              <Suspense fallback={<Loading height={480} />}>
                <ForecastPage />
              </Suspense>
            </RequireRole>
          }
        />
        <Route
          path="/coordinator/optimiser"
          element={
            <RequireRole roles={COORDINATOR_ROLES}>
              <OptimiserPage />
            </RequireRole>
          }
        />
        <Route
          path="/coordinator/kpis"
          element={
            <RequireRole roles={COORDINATOR_ROLES}>
              <KpiPage />
            </RequireRole>
          }
        />
        <Route
          path="/office"
          element={
            <RequireRole roles={STAFF_ROLES}>
              <OfficeWeekPage />
            </RequireRole>
          }
        />
        <Route
          path="/office/publish"
          element={
            <RequireRole roles={STAFF_ROLES}>
              <PublishPage />
            </RequireRole>
          }
        />
        <Route
          path="/office/sessions/:id"
          element={
            <RequireRole roles={STAFF_ROLES}>
              <SessionPage />
            </RequireRole>
          }
        />
        <Route
          path="/member"
          element={
            <RequireRole roles={['member']}>
              <MemberPage />
            </RequireRole>
          }
        />
        <Route
          path="/bookings/:id"
          element={
            <RequireRole roles={ALL_ROLES}>
              <BookingPage />
            </RequireRole>
          }
        />
        <Route
          path="/sessions/:id"
          element={
            <RequireRole roles={ALL_ROLES}>
              <MemberSessionPage />
            </RequireRole>
          }
        />
        <Route
          path="/member/messages"
          element={
            <RequireRole roles={['member']}>
              <MessagesPage />
            </RequireRole>
          }
        />
        <Route path="*" element={<p>{t('common.notFound')}</p>} />
      </Routes>
    </Layout>
  );
}
