import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useState } from 'react';
import { ok, publicApiClient } from '../api/client';
import { useI18n } from '../i18n';
import {
  currentSubscription,
  PushPermissionDenied,
  pushUnsupported,
  subscribeThisBrowser,
  unsubscribeThisBrowser,
} from '../push';
import { ErrorMessage } from './ui';

const TEXT = {
  da: {
    title: 'Push-beskeder på denne enhed',
    label: 'Send push-beskeder til denne browser',
    on: 'Push-beskeder er slået til her. Et tryk på en besked åbner din booking.',
    off: 'Slå til for at få bekræftelser og påmindelser som en besked på skærmen, også når siden er lukket.',
    unsupported: 'Denne browser kan ikke modtage push-beskeder.',
    insecure: 'Push-beskeder kræver en sikker forbindelse (https).',
    notSetUp: 'Push-beskeder er ikke sat op på denne server.',
    denied: 'Browseren blokerer beskeder fra siden. Tillad beskeder i browserens indstillinger og prøv igen.',
    privacy: 'En push-besked viser kun aktivitet, tid og kontor.',
  },
  en: {
    title: 'Push notifications on this device',
    label: 'Send push notifications to this browser',
    on: 'Push notifications are on here. Tapping one opens your booking.',
    off: 'Turn on to get confirmations and reminders as a notification, also when the page is closed.',
    unsupported: 'This browser cannot receive push notifications.',
    insecure: 'Push notifications need a secure connection (https).',
    notSetUp: 'Push notifications are not set up on this server.',
    denied: 'The browser blocks notifications from this site. Allow them in the browser settings and try again.',
    privacy: 'A push notification shows only the activity, time and office.',
  },
};

type State = 'loading' | 'on' | 'off' | 'unsupported' | 'insecure' | 'not-set-up';

/** The member's switch for push on this browser: subscribes it (with the permission prompt) or unsubscribes it. */
export function PushToggle({ memberId }: { memberId: string }) {
  const { language } = useI18n();
  const text = TEXT[language];
  const id = useId();
  const queryClient = useQueryClient();
  const [state, setState] = useState<State>('loading');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const refresh = useCallback(async () => {
    const unsupported = pushUnsupported();
    if (unsupported) return setState(unsupported);
    const { publicKey } = await ok(publicApiClient.GET('/api/push/public-key'));
    if (!publicKey) return setState('not-set-up');
    const subscription = await currentSubscription();
    setState(subscription ? 'on' : 'off');
  }, []);

  useEffect(() => {
    refresh().catch((failure: unknown) => {
      setError(failure);
      setState('off');
    });
  }, [refresh]);

  const change = async (on: boolean) => {
    setBusy(true);
    setError(null);
    try {
      if (on) await subscribeThisBrowser(memberId);
      else await unsubscribeThisBrowser(memberId);
      setState(on ? 'on' : 'off');
      await queryClient.invalidateQueries({ queryKey: ['message-preferences', memberId] });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const available = state === 'on' || state === 'off';
  return (
    <section className="card" aria-labelledby={`${id}-title`} aria-busy={state === 'loading'}>
      <h2 id={`${id}-title`}>{text.title}</h2>
      {state === 'unsupported' && <p>{text.unsupported}</p>}
      {state === 'insecure' && <p>{text.insecure}</p>}
      {state === 'not-set-up' && <p>{text.notSetUp}</p>}
      {available && (
        <>
          <label htmlFor={`${id}-switch`}>
            <input
              id={`${id}-switch`}
              type="checkbox"
              role="switch"
              checked={state === 'on'}
              disabled={busy}
              onChange={(event) => void change(event.target.checked)}
            />{' '}
            {text.label}
          </label>
          <p className="muted">
            {state === 'on' ? text.on : text.off} {text.privacy}
          </p>
        </>
      )}
      {error instanceof PushPermissionDenied ? (
        <p role="alert">{text.denied}</p>
      ) : (
        Boolean(error) && <ErrorMessage error={error} />
      )}
    </section>
  );
}
