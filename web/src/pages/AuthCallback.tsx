import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { homeFor, sessionFromToken, useAuth } from '../auth';
import { Loading, PageHeader } from '../components/ui';
import { useI18n } from '../i18n';
import { IDP_STATE_KEY, RETURN_TO_KEY } from './SignIn';

/** The identity provider sends the browser here with `#access_token=…&state=…` (or `#error=…`). */
export function AuthCallbackPage() {
  const { t } = useI18n();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ''));
    // Take the token out of the address bar and history at once.
    window.history.replaceState(null, '', window.location.pathname);
    const expectedState = sessionStorage.getItem(IDP_STATE_KEY);
    sessionStorage.removeItem(IDP_STATE_KEY);
    const error = fragment.get('error');
    if (error) {
      setProblem(fragment.get('error_description') ?? error);
      return;
    }
    const token = fragment.get('access_token');
    if (!token || !expectedState || fragment.get('state') !== expectedState) {
      setProblem(t('signIn.callbackInvalid'));
      return;
    }
    const session = sessionFromToken(token);
    if (!session) {
      setProblem(t('signIn.badToken'));
      return;
    }
    signIn(session);
    const returnTo = sessionStorage.getItem(RETURN_TO_KEY);
    sessionStorage.removeItem(RETURN_TO_KEY);
    navigate(returnTo ?? homeFor(session.role), { replace: true });
  }, [navigate, signIn, t]);

  return (
    <>
      <PageHeader title={t('signIn.title')} />
      {problem ? (
        <div className="notice notice-error" role="alert">
          <p className="notice-title">{t('signIn.callbackFailed')}</p>
          <p>{problem}</p>
          <p>
            <a href="/app/sign-in">{t('signIn.tryAgain')}</a>
          </p>
        </div>
      ) : (
        <Loading />
      )}
    </>
  );
}
