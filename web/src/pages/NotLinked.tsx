import { useId, useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ok, publicApiClient } from '../api/client';
import { homeFor, useAuth } from '../auth';
import { ErrorMessage, PageHeader } from '../components/ui';
import { useI18n } from '../i18n';

// This page's own words: it belongs to sign-in, and keeps the shared message catalogue untouched.
const TEXT = {
  da: {
    title: 'Din konto er ikke knyttet endnu',
    body: 'Du er logget ind, men vi kan ikke se, hvem du er hos os. Kontakt din a-kasse – de kan give dig en kode, som knytter din konto til dig.',
    code: 'Kode fra din a-kasse',
    submit: 'Knyt min konto',
    signOut: 'Log ud',
  },
  en: {
    title: 'Your account is not linked yet',
    body: 'You are signed in, but we cannot tell who you are with us. Contact your a-kasse – they can give you a code that links your account to you.',
    code: 'Code from your a-kasse',
    submit: 'Link my account',
    signOut: 'Sign out',
  },
} as const;

/** Signed in with the provider, but not (yet) a member or staff member here: ask the a-kasse, or enter their code. */
export function NotLinkedPage() {
  const { language } = useI18n();
  const text = TEXT[language];
  const { session, unlinked, refresh, signOut } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const codeField = useId();
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (session) return <Navigate to={homeFor(session.role)} replace />;
  if (!unlinked) return <Navigate to="/sign-in" replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await ok(publicApiClient.POST('/api/auth/link', { body: { code: code.trim() } }));
      await refresh();
      const returnTo = new URLSearchParams(location.search).get('returnTo');
      navigate(returnTo?.startsWith('/app/') ? returnTo.slice('/app'.length) : '/', { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader title={text.title} />
      <div className="notice notice-info" role="status">
        <p>{text.body}</p>
      </div>
      <form className="card sign-in" onSubmit={submit}>
        <div className="field">
          <label htmlFor={codeField}>{text.code}</label>
          <input
            id={codeField}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="one-time-code"
            placeholder="XXXX-XXXX-XXXX"
            required
            minLength={12}
            maxLength={20}
          />
        </div>
        <ErrorMessage error={error} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {text.submit}
        </button>
        <button type="button" className="button button-quiet" onClick={() => signOut()}>
          {text.signOut}
        </button>
      </form>
    </>
  );
}
