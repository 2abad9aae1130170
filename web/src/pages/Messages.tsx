import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { apiClient, ok, type Schema } from '../api/client';
import { useAuth } from '../auth';
import { PushToggle } from '../components/PushToggle';
import { ErrorMessage, Loading, PageHeader, Success } from '../components/ui';
import { useI18n, type Language } from '../i18n';

type Preferences = Schema<'MessagePreferencesDto'>;
type Channel = Preferences['channels'][number];

const HOURS: Preferences['reminderHours'] = [1, 2, 3, 4, 6, 12, 24, 48, 72];
const CHANNELS: Channel[] = ['email', 'sms', 'push'];

// The page's own words; the app-wide catalogue stays with the pages it serves.
const TEXT = {
  da: {
    title: 'Beskeder',
    inbox: 'Indbakke',
    empty: 'Du har ingen beskeder endnu.',
    unread: 'Ny',
    markRead: 'Markér som læst',
    preferences: 'Sådan får du besked',
    channels: 'Send også beskeder som',
    email: 'E-mail',
    sms: 'SMS',
    push: 'Push-besked',
    unreachable: '(vi har ingen adresse)',
    reminders: 'Påmindelser før en aftale (højst 3)',
    hours: (h: number) =>
      h % 24 === 0 ? `${h / 24} ${h === 24 ? 'dag' : 'dage'} før` : `${h} ${h === 1 ? 'time' : 'timer'} før`,
    language: 'Sprog i beskeder',
    save: 'Gem',
    saved: 'Dine valg er gemt.',
    inboxAlways: 'Beskederne står altid her i indbakken.',
  },
  en: {
    title: 'Messages',
    inbox: 'Inbox',
    empty: 'You have no messages yet.',
    unread: 'New',
    markRead: 'Mark as read',
    preferences: 'How you are told',
    channels: 'Also send messages by',
    email: 'E-mail',
    sms: 'SMS',
    push: 'Push notification',
    unreachable: '(we have no address)',
    reminders: 'Reminders before an appointment (at most 3)',
    hours: (h: number) =>
      h % 24 === 0 ? `${h / 24} ${h === 24 ? 'day' : 'days'} before` : `${h} ${h === 1 ? 'hour' : 'hours'} before`,
    language: 'Language of messages',
    save: 'Save',
    saved: 'Your choices are saved.',
    inboxAlways: 'Messages always appear here in the inbox.',
  },
};

function PreferencesForm({ memberId, preferences }: { memberId: string; preferences: Preferences }) {
  const { language } = useI18n();
  const text = TEXT[language];
  const queryClient = useQueryClient();
  const [channels, setChannels] = useState(preferences.channels);
  const [hours, setHours] = useState(preferences.reminderHours);
  const [messageLanguage, setMessageLanguage] = useState(preferences.language);
  const ids = useId();
  const save = useMutation({
    mutationFn: () =>
      ok(
        apiClient.PUT('/api/members/{memberId}/message-preferences', {
          params: { path: { memberId } },
          body: { channels, reminderHours: hours, language: messageLanguage },
        }),
      ),
    onSuccess: (saved) => queryClient.setQueryData(['message-preferences', memberId], saved),
  });
  const toggle = <T,>(list: T[], value: T) =>
    list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
  return (
    <form
      className="card"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <h2>{text.preferences}</h2>
      <p>{text.inboxAlways}</p>
      <fieldset>
        <legend>{text.channels}</legend>
        {CHANNELS.map((channel) => (
          <label key={channel} htmlFor={`${ids}-${channel}`}>
            <input
              id={`${ids}-${channel}`}
              type="checkbox"
              checked={channels.includes(channel)}
              onChange={() => setChannels(toggle(channels, channel))}
            />{' '}
            {text[channel]} {!preferences.reachable[channel] && <span className="muted">{text.unreachable}</span>}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{text.reminders}</legend>
        {HOURS.map((h) => (
          <label key={h} htmlFor={`${ids}-h${h}`}>
            <input
              id={`${ids}-h${h}`}
              type="checkbox"
              checked={hours.includes(h)}
              disabled={!hours.includes(h) && hours.length >= 3}
              onChange={() => setHours(toggle(hours, h))}
            />{' '}
            {text.hours(h)}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${ids}-language`}>{text.language}</label>
      <select
        id={`${ids}-language`}
        value={messageLanguage}
        onChange={(event) => setMessageLanguage(event.target.value as Language)}
      >
        <option value="da">Dansk</option>
        <option value="en">English</option>
      </select>
      <div>
        <button type="submit" className="button" disabled={save.isPending}>
          {text.save}
        </button>
      </div>
      {save.isError && <ErrorMessage error={save.error} />}
      {save.isSuccess && <Success>{text.saved}</Success>}
    </form>
  );
}

/** The member's inbox (every message, also when no e-mail or SMS is set up) and how they want to be told. */
export function MessagesPage() {
  const { session } = useAuth();
  const { language, dateTime } = useI18n();
  const text = TEXT[language];
  const memberId = session?.subjectId ?? '';
  const queryClient = useQueryClient();
  const inbox = useQuery({
    queryKey: ['inbox', memberId],
    queryFn: () => ok(apiClient.GET('/api/members/{memberId}/inbox', { params: { path: { memberId } } })),
    enabled: Boolean(memberId),
  });
  const preferences = useQuery({
    queryKey: ['message-preferences', memberId],
    queryFn: () => ok(apiClient.GET('/api/members/{memberId}/message-preferences', { params: { path: { memberId } } })),
    enabled: Boolean(memberId),
  });
  const markRead = useMutation({
    mutationFn: (id: string) =>
      ok(apiClient.POST('/api/members/{memberId}/inbox/{id}/read', { params: { path: { memberId, id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['inbox', memberId] }),
  });
  return (
    <>
      <PageHeader title={text.title} />
      <section aria-labelledby="inbox-heading">
        <h2 id="inbox-heading">{text.inbox}</h2>
        {inbox.isLoading && <Loading />}
        {inbox.isError && <ErrorMessage error={inbox.error} />}
        {inbox.data?.length === 0 && <p>{text.empty}</p>}
        <ul className="inbox">
          {inbox.data?.map((message) => (
            <li key={message.id} className={message.readAt ? 'card' : 'card card-unread'}>
              <h3>
                {!message.readAt && <span className="badge">{text.unread}</span>} {message.subject}
              </h3>
              <p className="muted">{dateTime(message.createdAt)}</p>
              <p style={{ whiteSpace: 'pre-line' }}>{message.text}</p>
              {!message.readAt && (
                <button type="button" className="button button-quiet" onClick={() => markRead.mutate(message.id)}>
                  {text.markRead}
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>
      {memberId && <PushToggle memberId={memberId} />}
      {preferences.isError && <ErrorMessage error={preferences.error} />}
      {preferences.data && (
        <PreferencesForm key={JSON.stringify(preferences.data)} memberId={memberId} preferences={preferences.data} />
      )}
    </>
  );
}
