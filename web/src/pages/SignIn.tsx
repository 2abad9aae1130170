import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ok, publicApiClient, type Schema } from '../api/client';
import { homeFor, providerSignInUrl, sessionFromToken, useAuth } from '../auth';
import { ErrorMessage, Loading, PageHeader } from '../components/ui';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';

/** The roles demo sign-in accepts (the server's list). */
type DemoRole = Schema<'DemoTokenBody'>['role'];
const DEMO_ROLES: DemoRole[] = ['member', 'adviser', 'office-coordinator', 'central-coordinator'];

/**
 * Sign-in with the identity provider happens on the server (Authorization Code + PKCE, session in an
 * HttpOnly cookie): the browser only goes there and comes back to the page it was on.
 */
function redirectToIdentityProvider(returnTo: string | undefined): void {
  window.location.assign(providerSignInUrl(returnTo ?? '/'));
}

function DemoSignIn({ returnTo }: { returnTo: string | undefined }) {
  const { t } = useI18n();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [role, setRole] = useState<DemoRole>('member');
  const [personId, setPersonId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const personField = useId();
  const people = useQuery({
    queryKey: ['demo-people', role],
    queryFn: () => ok(publicApiClient.GET('/api/demo/people', { params: { query: { role } } })),
  });
  const chosen = people.data?.find((p) => p.subjectId === personId) ?? people.data?.[0];

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      const result = await ok(
        publicApiClient.POST('/api/demo/token', {
          body: {
            role,
            subjectId: chosen.subjectId,
            ...(chosen.departmentId && role !== 'central-coordinator' && role !== 'member'
              ? { departmentId: chosen.departmentId }
              : {}),
          },
        }),
      );
      const session = sessionFromToken(result.token, chosen.name);
      if (!session) throw new Error(t('signIn.badToken'));
      signIn(session);
      navigate(returnTo ?? homeFor(session.role), { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card sign-in" onSubmit={submit} aria-describedby="demo-explainer">
      <h2>{t('signIn.demoTitle')}</h2>
      <p id="demo-explainer" className="muted">
        {t('signIn.demoExplainer')}
      </p>
      <fieldset className="role-picker">
        <legend>{t('signIn.role')}</legend>
        {DEMO_ROLES.map((r) => (
          <label key={r} className="radio">
            <input
              type="radio"
              name="role"
              value={r}
              checked={role === r}
              onChange={() => {
                setRole(r);
                setPersonId('');
              }}
            />
            <span>
              <strong>{t(`role.${r}` as MessageKey)}</strong>
              <span className="muted"> – {t(`roleHelp.${r}` as MessageKey)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={personField}>{t('signIn.person')}</label>
        <div className="reserve-field">
          {people.isPending ? (
            <select id={personField} disabled>
              <option>{t('common.loading')}</option>
            </select>
          ) : people.data && people.data.length > 0 ? (
            <select id={personField} value={chosen?.subjectId ?? ''} onChange={(e) => setPersonId(e.target.value)}>
              {people.data.map((p) => (
                <option key={p.subjectId} value={p.subjectId}>
                  {p.name} ({p.reference}
                  {p.officeName ? `, ${p.officeName}` : p.departmentName ? `, ${p.departmentName}` : ''})
                  {p.stage ? ` – ${t(`signIn.stage.${p.stage}` as MessageKey)}` : ''}
                </option>
              ))}
            </select>
          ) : (
            <p className="muted" id={personField}>
              {t(role === 'member' ? 'signIn.noMembers' : 'signIn.noPeople')}
            </p>
          )}
        </div>
      </div>
      <ErrorMessage error={error ?? people.error} />
      <button type="submit" className="button button-primary" disabled={!chosen || busy}>
        {busy ? t('signIn.signingIn') : t('signIn.submit')}
      </button>
    </form>
  );
}

export function SignInPage() {
  const { t } = useI18n();
  const { session, signOutReason, checking, unlinked } = useAuth();
  const location = useLocation();
  const signInError = new URLSearchParams(location.search).get('signInError');
  const returnTo = (location.state as { from?: string } | null)?.from;
  const options = useQuery({
    queryKey: ['sign-in-options'],
    queryFn: () => ok(publicApiClient.GET('/api/sign-in/options')),
  });

  if (session) return <Navigate to={homeFor(session.role)} replace />;
  if (unlinked) return <Navigate to="/not-linked" replace />;
  if (checking) return <Loading height={420} />;
  return (
    <>
      <PageHeader title={t('signIn.title')} />
      {signOutReason && (
        <div className="notice notice-info" role="status">
          <p>{signOutReason}</p>
        </div>
      )}
      {signInError && (
        <div className="notice notice-error" role="alert">
          <p className="notice-title">{t('signIn.callbackFailed')}</p>
          <p>{signInError}</p>
        </div>
      )}
      {options.isPending && <Loading height={420} />}
      <ErrorMessage error={options.error} />
      {options.data && (
        <div className="sign-in-grid">
          {options.data.identityProviderUrl && (
            <div className="card">
              <h2>{t('signIn.idpTitle')}</h2>
              <p>{t('signIn.idpText')}</p>
              <button
                type="button"
                className="button button-primary"
                onClick={() => redirectToIdentityProvider(returnTo)}
              >
                {t('signIn.idpButton')}
              </button>
            </div>
          )}
          {options.data.demoMode && <DemoSignIn returnTo={returnTo} />}
          {!options.data.demoMode && !options.data.identityProviderUrl && (
            <div className="notice notice-info" role="status">
              <p>{t('signIn.noMethod')}</p>
            </div>
          )}
        </div>
      )}
    </>
  );
}
