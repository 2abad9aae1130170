import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { apiClient, ok, type Schema } from '../api/client';
import { useAuth } from '../auth';
import { TimePicker, type Booked } from '../components/TimePicker';
import { ConfirmDialog, ErrorMessage, Loading, PageHeader, Success } from '../components/ui';
import { todayLocal, localDateOf } from '../dates';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';

type ProgrammeItem = Schema<'ProgrammeItemDto'>;

/** The last day of a window that ends (exclusively) at local midnight. */
function lastDay(windowEnd: string): Date {
  return new Date(new Date(windowEnd).getTime() - 60_000);
}

function statusKey(item: ProgrammeItem): MessageKey {
  if (item.status === 'open' && item.windowPassed) return 'timeline.overdue';
  return `timeline.${item.status}` as MessageKey;
}

function CalendarLink({ memberId }: { memberId: string }) {
  const { t } = useI18n();
  const [link, setLink] = useState<Schema<'IssuedFeedLinkDto'> | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [confirmRotate, setConfirmRotate] = useState(false);
  const feeds = useQuery({
    queryKey: ['feeds', memberId],
    queryFn: () =>
      ok(apiClient.GET('/api/calendar/feeds', { params: { query: { kind: 'member', subjectId: memberId } } })),
  });
  const active = (feeds.data ?? []).find((f) => f.status === 'active');
  const create = useMutation({
    mutationFn: () =>
      active
        ? ok(apiClient.POST('/api/calendar/feeds/{id}/rotate', { params: { path: { id: active.id } } }))
        : ok(apiClient.POST('/api/calendar/feeds', { body: { kind: 'member', subjectId: memberId } })),
    onSuccess: (answer) => {
      setConfirmRotate(false);
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
          <button
            type="button"
            className="button button-primary"
            disabled={create.isPending || feeds.isPending}
            onClick={() => (active ? setConfirmRotate(true) : create.mutate())}
          >
            {active ? t('calendar.rotate') : t('calendar.get')}
          </button>
        </>
      )}
      {link && (
        <p>
          <button
            type="button"
            className="button button-small"
            disabled={create.isPending}
            onClick={() => setConfirmRotate(true)}
          >
            {t('calendar.rotate')}
          </button>{' '}
          <span className="muted small">{t('calendar.rotateNote')}</span>
        </p>
      )}
      <ConfirmDialog
        open={confirmRotate}
        title={t('calendar.rotateTitle')}
        confirmLabel={t('calendar.rotate')}
        cancelLabel={t('common.keep')}
        danger
        busy={create.isPending}
        onConfirm={() => create.mutate()}
        onCancel={() => setConfirmRotate(false)}
      >
        <p>{t('calendar.rotateConfirm')}</p>
        <ErrorMessage error={create.error} />
      </ConfirmDialog>
    </section>
  );
}

/** An open item whose window has opened (and not passed) can be booked now; one whose window is ahead says from when. */
function bookableNow(item: ProgrammeItem, today: string): boolean {
  return item.status === 'open' && !item.windowPassed && localDateOf(item.windowStart) <= today;
}

interface Confirmation {
  text: string;
  bookingId?: string;
}

export function MemberPage() {
  const { t, longDate, dateTime, time, activity } = useI18n();
  const { session } = useAuth();
  const memberId = session!.subjectId!;
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<Confirmation | null>(null);
  const [choosing, setChoosing] = useState<string | null>(null);
  const [rescheduling, setRescheduling] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<ProgrammeItem | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const member = useQuery({
    queryKey: ['member', memberId],
    queryFn: () => ok(apiClient.GET('/api/members/{id}', { params: { path: { id: memberId } } })),
  });
  const programme = useQuery({
    queryKey: ['programme', memberId],
    queryFn: () => ok(apiClient.GET('/api/members/{id}/programme', { params: { path: { id: memberId } } })),
  });
  const cancel = useMutation({
    mutationFn: (item: ProgrammeItem) =>
      ok(apiClient.POST('/api/bookings/{id}/cancel', { params: { path: { id: item.booking!.id } }, body: {} })),
    onSuccess: async (_answer, item) => {
      setCancelling(null);
      setMessage({ text: t('member.cancelled', { what: activity(item.activityCode, item.activityName) }) });
      await queryClient.invalidateQueries({ queryKey: ['programme', memberId] });
      await queryClient.invalidateQueries({ queryKey: ['availability', memberId] });
    },
  });

  // The confirmation takes focus, so keyboard and screen-reader users land on it after booking.
  useEffect(() => {
    if (message) messageRef.current?.focus();
  }, [message]);

  const today = todayLocal();
  const items = [...(programme.data?.items ?? [])].sort(
    (a, b) => a.windowStart.localeCompare(b.windowStart) || a.windowEnd.localeCompare(b.windowEnd),
  );
  const next = programme.data?.next ? items.find((i) => i.id === programme.data!.next!.programmeItemId) : undefined;
  const done = (result: Booked) => {
    setMessage({
      text: t(result.moved ? 'member.rescheduled' : 'member.booked', { when: dateTime(result.start) }),
      bookingId: result.bookingId,
    });
    setRescheduling(null);
    setChoosing(null);
  };

  return (
    <>
      <PageHeader title={t('member.title')} />
      {member.data?.name && <p className="lead">{t('member.hello', { name: member.data.name })}</p>}
      <div aria-live="polite">
        {message && (
          <Success>
            <div ref={messageRef} tabIndex={-1} className="confirmation" data-testid="member-message">
              <p>{message.text}</p>
              {message.bookingId && (
                <p>
                  <Link to={`/bookings/${message.bookingId}`}>{t('member.bookedLink')}</Link>
                </p>
              )}
            </div>
          </Success>
        )}
      </div>
      <ErrorMessage error={programme.error ?? member.error} onRetry={() => void programme.refetch()} />
      {programme.isPending && <Loading height={420} />}
      {programme.data && (
        <div className="member-layout">
          <div>
            {next ? (
              <section className="card next-step" aria-labelledby="next-title">
                <h2 id="next-title">{t('member.next', { what: activity(next.activityCode, next.activityName) })}</h2>
                <p>{t('member.bookBy', { date: longDate(lastDay(next.windowEnd)) })}</p>
                <TimePicker key={next.id} memberId={memberId} itemId={next.id} channels={next.channels} onDone={done} />
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
              {items.map((item) => {
                const name = activity(item.activityCode, item.activityName);
                const canBook = bookableNow(item, today) && item.id !== next?.id;
                return (
                  <li
                    key={item.id}
                    data-item-id={item.id}
                    className={`timeline-item status-${item.windowPassed && item.status === 'open' ? 'overdue' : item.status}`}
                  >
                    <span className="timeline-dot" aria-hidden="true" />
                    <div className="timeline-body">
                      <p className="timeline-title">
                        {name}
                        {!item.required && <span className="muted small"> ({t('timeline.optional')})</span>}
                      </p>
                      <p className="small">
                        <span className="badge">{t(statusKey(item))}</span>{' '}
                        {item.booking && item.status !== 'open'
                          ? `${dateTime(item.booking.start)}–${time(item.booking.end)} · ${t(`channel.${item.booking.channel}` as MessageKey)}`
                          : item.status === 'open'
                            ? t('timeline.window', {
                                from: longDate(item.windowStart),
                                to: longDate(lastDay(item.windowEnd)),
                              })
                            : ''}
                      </p>
                      {item.booking?.fromWaitlist && <p className="badge badge-good">{t('waitlist.promoted')}</p>}
                      {item.waitlist.map((w) => (
                        <p key={w.sessionId} className="small" data-testid="waitlist-place">
                          <Link to={`/sessions/${w.sessionId}`}>
                            {t('waitlist.position', { position: w.position ?? '–' })}
                          </Link>
                        </p>
                      ))}
                      {item.status === 'open' && !item.windowPassed && !bookableNow(item, today) && (
                        <p className="small muted">{t('member.opensOn', { date: longDate(item.windowStart) })}</p>
                      )}
                      {canBook && (
                        <div className="button-row">
                          <button
                            type="button"
                            className="button button-small button-primary"
                            aria-expanded={choosing === item.id}
                            onClick={() => setChoosing(choosing === item.id ? null : item.id)}
                          >
                            {choosing === item.id ? t('member.hideTimes') : t('member.showTimes')}
                            <span className="visually-hidden"> {name}</span>
                          </button>
                        </div>
                      )}
                      {canBook && choosing === item.id && (
                        <TimePicker memberId={memberId} itemId={item.id} channels={item.channels} onDone={done} />
                      )}
                      {item.booking && (item.status === 'booked' || item.booking.status !== 'cancelled') && (
                        <div className="button-row">
                          <Link className="button button-small" to={`/bookings/${item.booking.id}`}>
                            {t('member.seeBooking')}
                            <span className="visually-hidden"> {name}</span>
                          </Link>
                          {item.status === 'booked' && (
                            <>
                              <button
                                type="button"
                                className="button button-small"
                                aria-expanded={rescheduling === item.id}
                                onClick={() => setRescheduling(rescheduling === item.id ? null : item.id)}
                              >
                                {t('member.reschedule')}
                                <span className="visually-hidden"> {name}</span>
                              </button>
                              <button
                                type="button"
                                className="button button-small button-danger-outline"
                                onClick={() => setCancelling(item)}
                              >
                                {t('member.cancel')}
                                <span className="visually-hidden"> {name}</span>
                              </button>
                            </>
                          )}
                        </div>
                      )}
                      {rescheduling === item.id && item.booking && (
                        <TimePicker
                          memberId={memberId}
                          itemId={item.id}
                          channels={item.channels}
                          bookingId={item.booking.id}
                          onDone={done}
                        />
                      )}
                    </div>
                  </li>
                );
              })}
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
            {t('member.cancelText', {
              what: activity(cancelling.activityCode, cancelling.activityName),
              when: dateTime(cancelling.booking.start),
            })}
          </p>
        )}
        <ErrorMessage error={cancel.error} />
      </ConfirmDialog>
    </>
  );
}
