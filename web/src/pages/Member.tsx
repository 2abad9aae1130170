import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api } from '../api';
import { useAuth } from '../auth';
import { ConfirmDialog, ErrorMessage, Loading, PageHeader, Success } from '../components/ui';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import type { Availability, AvailabilityOption, FeedLink, Member, Programme, ProgrammeItem } from '../types';

const PAGE = 8;

/** The last day of a window that ends (exclusively) at local midnight. */
function lastDay(windowEnd: string): Date {
  return new Date(new Date(windowEnd).getTime() - 60_000);
}

function statusKey(item: ProgrammeItem): MessageKey {
  if (item.status === 'open' && item.windowPassed) return 'timeline.overdue';
  return `timeline.${item.status}` as MessageKey;
}

function Options({ memberId, item, bookingId, onDone }: { memberId: string; item: ProgrammeItem; bookingId?: string; onDone(message: string): void }) {
  const { t, dateTime, time, number } = useI18n();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState(PAGE);
  const headingId = useId();
  const availability = useQuery({
    queryKey: ['availability', memberId, item.id],
    queryFn: () => api<Availability>(`/api/members/${memberId}/availability`, { query: { item: item.id } }),
  });
  const book = useMutation({
    mutationFn: (option: AvailabilityOption) => {
      const target = option.kind === 'slot' ? { slotId: option.id } : { sessionId: option.id };
      return bookingId
        ? api(`/api/bookings/${bookingId}/reschedule`, { method: 'POST', body: target })
        : api('/api/bookings', { method: 'POST', body: { memberId, programmeItemId: item.id, ...target } });
    },
    onSuccess: async (_answer, option) => {
      await queryClient.invalidateQueries({ queryKey: ['programme', memberId] });
      await queryClient.invalidateQueries({ queryKey: ['availability', memberId] });
      onDone(t(bookingId ? 'member.rescheduled' : 'member.booked', { when: dateTime(option.start) }));
    },
  });
  const continuity = (text: string) => {
    const key = `continuity.${text}` as MessageKey;
    const translated = t(key);
    return translated === key ? text : translated;
  };
  const options = availability.data?.options ?? [];
  return (
    <section className="options" aria-labelledby={headingId}>
      <h3 id={headingId}>{t(bookingId ? 'member.rescheduleOptions' : 'member.options')}</h3>
      <ErrorMessage error={availability.error ?? book.error} />
      {availability.isPending && <Loading height={120} />}
      {availability.data && options.length === 0 && <p>{t('member.noOptions')}</p>}
      {options.length > 0 && (
        <ul className="option-list" data-testid="options">
          {options.slice(0, shown).map((o) => (
            <li key={`${o.kind}-${o.id}`} className="option">
              <div>
                <p className="option-when">
                  {dateTime(o.start)}–{time(o.end)}
                </p>
                <p className="small">
                  {o.officeName} · {t(`channel.${o.channel}` as MessageKey)}
                  {o.distanceKm !== null && o.channel === 'in-person' ? ` · ${number(o.distanceKm)} km` : ''}
                  {o.seatsLeft !== null ? ` · ${t('member.seatsLeft', { count: o.seatsLeft })}` : ''}
                </p>
                {o.continuity && <p className="badge badge-good">{continuity(o.continuity)}</p>}
              </div>
              <button type="button" className="button button-primary" disabled={book.isPending} onClick={() => book.mutate(o)}>
                {t(bookingId ? 'member.moveHere' : 'member.book')}
                <span className="visually-hidden"> {dateTime(o.start)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {options.length > shown && (
        <button type="button" className="button" onClick={() => setShown(shown + PAGE)}>
          {t('member.moreOptions', { count: options.length - shown })}
        </button>
      )}
    </section>
  );
}

function CalendarLink({ memberId }: { memberId: string }) {
  const { t } = useI18n();
  const [link, setLink] = useState<FeedLink | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const feeds = useQuery({ queryKey: ['feeds', memberId], queryFn: () => api<FeedLink[]>('/api/calendar/feeds', { query: { kind: 'member', subjectId: memberId } }) });
  const active = (feeds.data ?? []).find((f) => f.status === 'active');
  const create = useMutation({
    mutationFn: () => (active ? api<FeedLink>(`/api/calendar/feeds/${active.id}/rotate`, { method: 'POST' }) : api<FeedLink>('/api/calendar/feeds', { method: 'POST', body: { kind: 'member', subjectId: memberId } })),
    onSuccess: (answer) => {
      setLink(answer);
      void feeds.refetch();
    },
  });
  const copy = async (value: string, which: string) => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(which);
    } catch {
      setCopied(null);
    }
  };
  const ids = { https: useId(), webcal: useId() };
  return (
    <section className="card" aria-labelledby="calendar-title">
      <h2 id="calendar-title">{t('calendar.title')}</h2>
      <p>{t('calendar.intro')}</p>
      <ErrorMessage error={feeds.error ?? create.error} />
      {link?.url && link.webcalUrl ? (
        <div className="feed-links" data-testid="feed-links">
          <div className="field">
            <label htmlFor={ids.webcal}>{t('calendar.webcal')}</label>
            <div className="copy-row">
              <input id={ids.webcal} type="text" readOnly value={link.webcalUrl} onFocus={(e) => e.target.select()} />
              <button type="button" className="button" onClick={() => copy(link.webcalUrl!, 'webcal')}>
                {t('calendar.copy')}
              </button>
            </div>
          </div>
          <div className="field">
            <label htmlFor={ids.https}>{t('calendar.https')}</label>
            <div className="copy-row">
              <input id={ids.https} type="text" readOnly value={link.url} onFocus={(e) => e.target.select()} />
              <button type="button" className="button" onClick={() => copy(link.url!, 'https')}>
                {t('calendar.copy')}
              </button>
            </div>
          </div>
          <p>
            <a className="button button-primary" href={link.webcalUrl}>
              {t('calendar.open')}
            </a>
          </p>
          <p role="status" className="small">
            {copied ? t('calendar.copied') : t('calendar.onlyOnce')}
          </p>
        </div>
      ) : (
        <>
          {active && <p className="muted">{t('calendar.hasLink')}</p>}
          <button type="button" className="button button-primary" disabled={create.isPending || feeds.isPending} onClick={() => create.mutate()}>
            {active ? t('calendar.rotate') : t('calendar.get')}
          </button>
        </>
      )}
      {link && (
        <p>
          <button type="button" className="button button-small" disabled={create.isPending} onClick={() => create.mutate()}>
            {t('calendar.rotate')}
          </button>{' '}
          <span className="muted small">{t('calendar.rotateNote')}</span>
        </p>
      )}
    </section>
  );
}

export function MemberPage() {
  const { t, longDate, dateTime, time, activity } = useI18n();
  const { session } = useAuth();
  const memberId = session!.subjectId!;
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const [rescheduling, setRescheduling] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<ProgrammeItem | null>(null);
  const member = useQuery({ queryKey: ['member', memberId], queryFn: () => api<Member>(`/api/members/${memberId}`) });
  const programme = useQuery({ queryKey: ['programme', memberId], queryFn: () => api<Programme>(`/api/members/${memberId}/programme`) });
  const cancel = useMutation({
    mutationFn: (item: ProgrammeItem) => api(`/api/bookings/${item.booking!.id}/cancel`, { method: 'POST', body: {} }),
    onSuccess: async (_answer, item) => {
      setCancelling(null);
      setMessage(t('member.cancelled', { what: activity(item.activityCode, item.activityName) }));
      await queryClient.invalidateQueries({ queryKey: ['programme', memberId] });
      await queryClient.invalidateQueries({ queryKey: ['availability', memberId] });
    },
  });

  const items = [...(programme.data?.items ?? [])].sort((a, b) => a.windowStart.localeCompare(b.windowStart) || a.windowEnd.localeCompare(b.windowEnd));
  const next = programme.data?.next ? items.find((i) => i.id === programme.data!.next!.programmeItemId) : undefined;
  const done = (text: string) => {
    setMessage(text);
    setRescheduling(null);
  };

  return (
    <>
      <PageHeader title={t('member.title')} />
      {member.data?.name && <p className="lead">{t('member.hello', { name: member.data.name })}</p>}
      <div aria-live="polite">
        {message && (
          <Success>
            <p data-testid="member-message">{message}</p>
          </Success>
        )}
      </div>
      <ErrorMessage error={programme.error ?? member.error} />
      {programme.isPending && <Loading height={420} />}
      {programme.data && (
        <div className="member-layout">
          <div>
            {next ? (
              <section className="card next-step" aria-labelledby="next-title">
                <h2 id="next-title">{t('member.next', { what: activity(next.activityCode, next.activityName) })}</h2>
                <p>{t('member.bookBy', { date: longDate(lastDay(next.windowEnd)) })}</p>
                <Options memberId={memberId} item={next} onDone={done} />
              </section>
            ) : (
              <section className="card" aria-labelledby="next-title">
                <h2 id="next-title">{t('member.nothingToBook')}</h2>
              </section>
            )}
            <CalendarLink memberId={memberId} />
          </div>
          <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t('timeline.title')}</h2>
            <ol className="timeline" data-testid="timeline">
              {items.map((item) => (
                <li key={item.id} className={`timeline-item status-${item.windowPassed && item.status === 'open' ? 'overdue' : item.status}`}>
                  <span className="timeline-dot" aria-hidden="true" />
                  <div className="timeline-body">
                    <p className="timeline-title">
                      {activity(item.activityCode, item.activityName)}
                      {!item.required && <span className="muted small"> ({t('timeline.optional')})</span>}
                    </p>
                    <p className="small">
                      <span className="badge">{t(statusKey(item))}</span>{' '}
                      {item.booking && item.status !== 'open'
                        ? `${dateTime(item.booking.start)}–${time(item.booking.end)} · ${t(`channel.${item.booking.channel}` as MessageKey)}`
                        : item.status === 'open'
                          ? t('timeline.window', { from: longDate(item.windowStart), to: longDate(lastDay(item.windowEnd)) })
                          : ''}
                    </p>
                    {item.status === 'booked' && item.booking && (
                      <div className="button-row">
                        <button type="button" className="button button-small" aria-expanded={rescheduling === item.id} onClick={() => setRescheduling(rescheduling === item.id ? null : item.id)}>
                          {t('member.reschedule')}
                          <span className="visually-hidden"> {activity(item.activityCode, item.activityName)}</span>
                        </button>
                        <button type="button" className="button button-small button-danger-outline" onClick={() => setCancelling(item)}>
                          {t('member.cancel')}
                          <span className="visually-hidden"> {activity(item.activityCode, item.activityName)}</span>
                        </button>
                      </div>
                    )}
                    {rescheduling === item.id && item.booking && <Options memberId={memberId} item={item} bookingId={item.booking.id} onDone={done} />}
                  </div>
                </li>
              ))}
            </ol>
          </section>
        </div>
      )}
      <ConfirmDialog
        open={cancelling !== null}
        title={t('member.cancelTitle')}
        confirmLabel={t('member.cancel')}
        cancelLabel={t('common.keep')}
        danger
        busy={cancel.isPending}
        onConfirm={() => cancelling && cancel.mutate(cancelling)}
        onCancel={() => {
          setCancelling(null);
          cancel.reset();
        }}
      >
        {cancelling?.booking && (
          <p>
            {t('member.cancelText', { what: activity(cancelling.activityCode, cancelling.activityName), when: dateTime(cancelling.booking.start) })}
          </p>
        )}
        <ErrorMessage error={cancel.error} />
      </ConfirmDialog>
    </>
  );
}
