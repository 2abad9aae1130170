import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { api, download } from '../../api';
import { useAuth } from '../../auth';
import { TimePicker, type Booked } from '../../components/TimePicker';
import { ConfirmDialog, ErrorMessage, Loading, PageHeader, Success } from '../../components/ui';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../messages';
import type { BookingDetails, ProgrammeItem, Session } from '../../types';

/** Activities with their own advice on preparing; the rest get their kind's. */
const PREPARE: Record<string, MessageKey> = { 'cv-meeting': 'booking.prepare.cv-meeting' };

/** The last day of a window that ends (exclusively) at local midnight. */
const lastDay = (windowEnd: string) => new Date(Date.parse(windowEnd) - 60_000);

/**
 * One booking as the member sees it (the page every calendar event links to): what, when, where, with whom,
 * how to prepare, add to calendar, move and cancel with the rules shown.
 */
function BookingView({ id, justBooked }: { id: string; justBooked?: boolean }) {
  const { t, language, dateTime, time, longDate, activity } = useI18n();
  const { session } = useAuth();
  const queryClient = useQueryClient();
  const [moving, setMoving] = useState(false);
  const [cancelOpen, setCancelOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(justBooked ? t('booking.justBooked') : null);
  const booking = useQuery({ queryKey: ['booking', id], queryFn: () => api<BookingDetails>(`/api/bookings/${id}/details`) });
  const item = useQuery({
    queryKey: ['programme', booking.data?.memberId],
    queryFn: () => api<{ items: ProgrammeItem[] }>(`/api/members/${booking.data!.memberId}/programme`),
    enabled: Boolean(booking.data) && moving,
    select: (programme) => programme.items.find((i) => i.id === booking.data?.programmeItemId),
  });
  const ics = useMutation({ mutationFn: () => download(`/api/bookings/${id}/calendar.ics`, { accept: 'text/calendar' }, 'aftale.ics') });
  const cancel = useMutation({
    mutationFn: () => api(`/api/bookings/${id}/cancel`, { method: 'POST', body: {} }),
    onSuccess: async () => {
      setCancelOpen(false);
      setMessage(t('booking.cancelledNow'));
      await queryClient.invalidateQueries({ queryKey: ['booking', id] });
      await queryClient.invalidateQueries({ queryKey: ['programme'] });
    },
  });

  if (booking.isPending) return <Loading height={360} />;
  if (!booking.data) return <ErrorMessage error={booking.error} onRetry={() => void booking.refetch()} />;
  const b = booking.data;
  const what = language === 'en' ? b.activityNameEn : activity(b.activityCode, b.activityNameDa);
  const prepareKey = PREPARE[b.activityCode] ?? (b.activityKind === 'group' ? 'booking.prepare.group' : 'booking.prepare.individual');
  const moved = (result: Booked) => {
    setMoving(false);
    setMessage(t('member.rescheduled', { when: dateTime(result.start) }));
  };

  return (
    <>
      <PageHeader title={what} />
      <div aria-live="polite">
        {message && (
          <Success>
            <p data-testid="booking-message">{message}</p>
          </Success>
        )}
      </div>
      <p>
        <span className={`badge${b.status === 'cancelled' ? ' badge-warn' : ''}`} data-testid="booking-status">
          {t(`booking.status.${b.status}` as MessageKey)}
        </span>
      </p>
      <div className="booking-page">
        <dl className="booking-facts">
          <dt>{t('booking.when')}</dt>
          <dd>
            {dateTime(b.start)}–{time(b.end)}
          </dd>
          <dt>{t('booking.where')}</dt>
          <dd>
            {b.channel === 'in-person' ? (
              <>
                <span className="block">{b.office.name}</span>
                <span className="block">{b.office.street}</span>
                <span className="block">
                  {b.office.postcode} {b.office.city}
                </span>
                {b.roomName && <span className="block">{t('booking.room', { room: b.roomName })}</span>}
                <a href={b.mapUrl} target="_blank" rel="noreferrer">
                  {t('booking.map', { office: b.office.name })}
                </a>
              </>
            ) : (
              <>
                {t(`channel.${b.channel}` as MessageKey)} · {b.office.name}
              </>
            )}
          </dd>
          <dt>{t('booking.withWhom')}</dt>
          <dd>{b.staff.length > 0 ? b.staff.map((s) => `${s.firstName}, ${t(`staffRole.${s.role}` as MessageKey)}`).join('; ') : t('booking.nobodyYet')}</dd>
          <dt>{t('booking.channel')}</dt>
          <dd>{t(`booking.channel.${b.channel}` as MessageKey)}</dd>
        </dl>
        <section aria-labelledby="prepare-title">
          <h2 id="prepare-title">{t('booking.prepare')}</h2>
          <p>{t(prepareKey)}</p>
        </section>
        <section aria-labelledby="rules-title">
          <h2 id="rules-title">{t('booking.rules')}</h2>
          {b.rules.canCancel ? (
            <>
              <p>{t('booking.rulesText', { when: dateTime(b.rules.changeUntil) })}</p>
              <p>
                {t('booking.rulesReopen', { date: longDate(lastDay(b.rules.itemReopensUntil)) })}
                {b.rules.seatGoesToWaitlist ? ` ${t('booking.rulesWaitlist')}` : ''}
              </p>
            </>
          ) : (
            <p>{t('booking.rulesClosed')}</p>
          )}
        </section>
        <ErrorMessage error={ics.error ?? cancel.error} onRetry={ics.error ? () => ics.mutate() : undefined} />
        <div className="button-row">
          {b.status !== 'cancelled' && (
            <button type="button" className="button button-primary" disabled={ics.isPending} onClick={() => ics.mutate()}>
              {t('booking.addToCalendar')}
            </button>
          )}
          {b.rules.canReschedule && (
            <button type="button" className="button" aria-expanded={moving} onClick={() => setMoving(!moving)}>
              {t('member.reschedule')}
            </button>
          )}
          {b.rules.canCancel && (
            <button type="button" className="button button-danger-outline" onClick={() => setCancelOpen(true)}>
              {t('member.cancel')}
            </button>
          )}
        </div>
        {moving && item.data && <TimePicker memberId={b.memberId} itemId={b.programmeItemId} channels={item.data.channels} bookingId={b.id} onDone={moved} />}
        {moving && item.isPending && <Loading height={120} />}
        {session?.role === 'member' && (
          <p>
            <Link to="/member">{t('booking.back')}</Link>
          </p>
        )}
      </div>
      <ConfirmDialog
        open={cancelOpen}
        title={t('member.cancelTitle')}
        confirmLabel={t('member.cancel')}
        cancelLabel={t('common.keep')}
        danger
        busy={cancel.isPending}
        onConfirm={() => cancel.mutate()}
        onCancel={() => {
          setCancelOpen(false);
          cancel.reset();
        }}
      >
        <p>{t('booking.cancelText', { what, when: dateTime(b.start) })}</p>
        <p>
          {t('booking.rulesReopen', { date: longDate(lastDay(b.rules.itemReopensUntil)) })}
          {b.rules.seatGoesToWaitlist ? ` ${t('booking.rulesWaitlist')}` : ''}
        </p>
        <ErrorMessage error={cancel.error} />
      </ConfirmDialog>
    </>
  );
}

export function BookingPage() {
  const { id } = useParams();
  const location = useLocation();
  const justBooked = Boolean((location.state as { justBooked?: boolean } | null)?.justBooked);
  return <BookingView key={id} id={id!} justBooked={justBooked} />;
}

/** A group session as a participant sees it: their booking page, or their place on the waiting list. */
export function MemberSessionPage() {
  const { id } = useParams();
  const { session: signedIn } = useAuth();
  const { t, dateTime, time, activity } = useI18n();
  const session = useQuery({ queryKey: ['session', id], queryFn: () => api<Session>(`/api/sessions/${id}`), enabled: signedIn?.role === 'member' });
  if (signedIn && signedIn.role !== 'member') return <Navigate to={`/office/sessions/${id}`} replace />;
  if (session.isPending) return <Loading height={360} />;
  if (!session.data) return <ErrorMessage error={session.error} onRetry={() => void session.refetch()} />;
  const s = session.data;
  if (s.mine?.bookingId) return <BookingView id={s.mine.bookingId} />;
  return (
    <>
      <PageHeader title={activity(s.activityCode, s.activityName)} />
      <p>
        {dateTime(s.start)}–{time(s.end)} · {s.roomName}
      </p>
      <p data-testid="session-mine">{s.mine?.waitlistPosition ? t('session.member.waiting', { position: s.mine.waitlistPosition }) : t('session.member.none')}</p>
      <p>
        <Link to="/member">{t('booking.back')}</Link>
      </p>
    </>
  );
}
