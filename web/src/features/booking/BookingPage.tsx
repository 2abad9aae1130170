import { Link, Navigate, useLocation, useParams } from 'react-router';
import { useAuth } from '../../auth';
import { TimePicker, type Booked } from '../../components/TimePicker';
import { ConfirmDialog, ErrorMessage, Loading, PageHeader, Success } from '../../components/ui';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../messages';
import { BookingFacts } from './components/BookingFacts';
import { BookingPreparation, BookingRules, ReopenRule } from './components/BookingRules';
import { useBooking, useMemberSession } from './useBooking';

/**
 * One booking as the member sees it (the page every calendar event links to): what, when, where, with whom,
 * how to prepare, add to calendar, move and cancel with the rules shown.
 */
function BookingView({ id, justBooked }: { id: string; justBooked?: boolean }) {
  const { t, language, dateTime, activity } = useI18n();
  const { session } = useAuth();
  const { booking, item, ics, cancel, moving, setMoving, cancelOpen, setCancelOpen, message, setMessage } = useBooking(
    id,
    justBooked,
  );

  if (booking.isPending) return <Loading height={360} />;
  if (!booking.data) return <ErrorMessage error={booking.error} onRetry={() => void booking.refetch()} />;
  const b = booking.data;
  const what = language === 'en' ? b.activityNameEn : activity(b.activityCode, b.activityNameDa);
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
        <BookingFacts booking={b} />
        <BookingPreparation booking={b} />
        <BookingRules booking={b} />
        <ErrorMessage error={ics.error ?? cancel.error} onRetry={ics.error ? () => ics.mutate() : undefined} />
        <div className="button-row">
          {b.status !== 'cancelled' && (
            <button
              type="button"
              className="button button-primary"
              disabled={ics.isPending}
              onClick={() => ics.mutate()}
            >
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
        {moving && item.data && (
          <TimePicker
            memberId={b.memberId}
            itemId={b.programmeItemId}
            channels={item.data.channels}
            bookingId={b.id}
            onDone={moved}
          />
        )}
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
        <ReopenRule booking={b} />
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
  const session = useMemberSession(id, signedIn?.role === 'member');
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
      <p data-testid="session-mine">
        {s.mine?.waitlistPosition
          ? t('session.member.waiting', { position: s.mine.waitlistPosition })
          : t('session.member.none')}
      </p>
      <p>
        <Link to="/member">{t('booking.back')}</Link>
      </p>
    </>
  );
}
