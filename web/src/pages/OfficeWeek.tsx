import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api';
import { MemberName } from '../components/MemberName';
import { OfficePicker } from '../components/OfficePicker';
import { ConfirmDialog, ErrorMessage, Loading, PageHeader, Success } from '../components/ui';
import { addDays, isoWeek, localDateOf, mondayOf, todayLocal, weekDays } from '../dates';
import { useActivities, useSelectedOffice } from '../hooks';
import { useI18n } from '../i18n';
import type { Closures, OfficeSlot, Session } from '../types';

type Pending = { kind: 'slot'; slot: OfficeSlot } | { kind: 'session'; session: Session };

export function useClosures(officeId: string | undefined, years: number[]) {
  return useQuery({
    queryKey: ['closures', officeId, years],
    queryFn: async () => {
      const all = await Promise.all(years.map((year) => api<Closures>(`/api/offices/${officeId}/closures`, { query: { year } })));
      const days = new Map<string, string>();
      for (const c of all) {
        for (const h of c.publicHolidays) days.set(h.date, h.name);
        for (const d of c.closureDays) days.set(d.date, d.reason);
      }
      return days;
    },
    enabled: Boolean(officeId),
    staleTime: 5 * 60_000,
  });
}

export function OfficeWeekPage() {
  const { t, shortDay, time, activity, date, longDate } = useI18n();
  const [params, setParams] = useSearchParams();
  const { officeId, offices, setOffice, error: officeError } = useSelectedOffice();
  const monday = mondayOf(params.get('week') ?? todayLocal());
  const sunday = addDays(monday, 6);
  const days = weekDays(monday);
  const { week, year } = isoWeek(monday);
  const queryClient = useQueryClient();
  const activities = useActivities();
  const [pending, setPending] = useState<Pending | null>(null);
  const [result, setResult] = useState<string | null>(null);

  const setWeek = (date: string) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      next.set('week', date);
      return next;
    });

  const slots = useQuery({
    queryKey: ['office-slots', officeId, monday],
    queryFn: () => api<OfficeSlot[]>(`/api/offices/${officeId}/slots`, { query: { from: monday, to: sunday } }),
    enabled: Boolean(officeId),
  });
  const sessions = useQuery({
    queryKey: ['office-sessions', officeId, monday],
    queryFn: () => api<Session[]>(`/api/offices/${officeId}/sessions`, { query: { from: monday, to: sunday } }),
    enabled: Boolean(officeId),
  });
  const closures = useClosures(officeId, [...new Set([monday.slice(0, 4), sunday.slice(0, 4)].map(Number))]);
  const sessionDetail = useQuery({
    queryKey: ['session', pending?.kind === 'session' ? pending.session.id : null],
    queryFn: () => api<Session>(`/api/sessions/${(pending as { session: Session }).session.id}`),
    enabled: pending?.kind === 'session',
  });

  const attendance = useMutation({
    mutationFn: ({ bookingId, attended }: { bookingId: string; attended: boolean }) => api(`/api/bookings/${bookingId}/attendance`, { method: 'POST', body: { attended } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['office-slots'] }),
  });
  const now = new Date().toISOString();

  const cancel = useMutation({
    mutationFn: async (target: Pending) => {
      const path = target.kind === 'slot' ? `/api/slots/${target.slot.id}` : `/api/sessions/${target.session.id}`;
      return api<{ affectedMemberIds: string[] }>(path, { method: 'DELETE', body: {} });
    },
    onSuccess: (answer) => {
      setResult(t('week.cancelled', { count: answer.affectedMemberIds.length }));
      setPending(null);
      void queryClient.invalidateQueries({ queryKey: ['office-slots'] });
      void queryClient.invalidateQueries({ queryKey: ['office-sessions'] });
    },
  });

  const activityName = (code: string) => activity(code, activities.data?.find((a) => a.code === code)?.nameDa);
  const showWeekend = days.slice(5).some((d) => (slots.data ?? []).some((s) => localDateOf(s.start) === d) || (sessions.data ?? []).some((s) => localDateOf(s.start) === d));
  const shownDays = showWeekend ? days : days.slice(0, 5);
  const loading = slots.isPending || sessions.isPending;

  const affected =
    pending?.kind === 'slot'
      ? pending.slot.memberId && pending.slot.bookingStatus === 'booked'
        ? [{ memberId: pending.slot.memberId }]
        : []
      : (sessionDetail.data?.participants ?? []).filter((p) => p.status === 'booked').map((p) => ({ memberId: p.memberId, memberNumber: p.memberNumber }));

  return (
    <>
      <PageHeader title={t('week.title')}>
        <Link className="button" to={`/office/publish${officeId ? `?office=${officeId}` : ''}`}>
          {t('nav.publish')}
        </Link>
      </PageHeader>
      <div className="toolbar">
        <OfficePicker offices={offices} value={officeId} onChange={setOffice} />
        <div className="week-nav" role="group" aria-label={t('week.navigation')}>
          <button type="button" className="button" onClick={() => setWeek(addDays(monday, -7))}>
            <span aria-hidden="true">←</span> {t('week.previous')}
          </button>
          <button type="button" className="button" onClick={() => setWeek(todayLocal())}>
            {t('week.thisWeek')}
          </button>
          <button type="button" className="button" onClick={() => setWeek(addDays(monday, 7))}>
            {t('week.next')} <span aria-hidden="true">→</span>
          </button>
        </div>
      </div>
      <h2 className="week-heading" aria-live="polite">
        {t('week.heading', { week, year, from: date(monday), to: date(sunday) })}
      </h2>
      {result && (
        <Success>
          <p>{result}</p>
        </Success>
      )}
      <ErrorMessage error={officeError ?? slots.error ?? sessions.error ?? closures.error ?? attendance.error} />
      {loading ? (
        <Loading height={420} />
      ) : (
        <div className={`week-grid days-${shownDays.length}`} data-testid="week-grid">
          {shownDays.map((day) => {
            const closed = closures.data?.get(day);
            const daySlots = (slots.data ?? []).filter((s) => localDateOf(s.start) === day).sort((a, b) => a.start.localeCompare(b.start));
            const daySessions = (sessions.data ?? []).filter((s) => localDateOf(s.start) === day).sort((a, b) => a.start.localeCompare(b.start));
            return (
              <section key={day} className={`day ${closed ? 'day-closed' : ''}`} aria-labelledby={`day-${day}`}>
                <h3 id={`day-${day}`} className="day-heading">
                  <span className="visually-hidden">{longDate(day)}</span>
                  <span aria-hidden="true">{shortDay(day)}</span>
                </h3>
                {closed && <p className="closed-note">{t('week.closed', { reason: closed })}</p>}
                {daySlots.length === 0 && daySessions.length === 0 && !closed && <p className="muted small">{t('week.nothing')}</p>}
                <ul className="entries">
                  {daySessions.map((s) => (
                    <li key={s.id} data-session-id={s.id} className={`entry entry-session ${s.status === 'cancelled' ? 'entry-cancelled' : ''}`}>
                      <Link to={`/office/sessions/${s.id}?office=${officeId}`}>
                        <span className="entry-time">
                          {time(s.start)}–{time(s.end)}
                        </span>
                        <span className="entry-title">{activityName(s.activityCode)}</span>
                      </Link>
                      <span className="small">
                        {s.roomName} · {t('week.seats', { booked: s.booked, capacity: s.capacity })}
                        {s.belowMinimum && <strong className="badge badge-warn">{t('week.belowMinimum')}</strong>}
                        {s.status === 'cancelled' && <strong className="badge">{t('week.statusCancelled')}</strong>}
                      </span>
                      {s.status === 'scheduled' && s.start > now && (
                        <button type="button" className="button button-small button-danger-outline" onClick={() => setPending({ kind: 'session', session: s })}>
                          {t('week.cancelSession')}
                          <span className="visually-hidden">
                            {' '}
                            {activityName(s.activityCode)} {time(s.start)}
                          </span>
                        </button>
                      )}
                    </li>
                  ))}
                  {daySlots.map((s) => (
                    <li key={s.id} data-slot-id={s.id} className={`entry entry-slot ${s.status === 'cancelled' ? 'entry-cancelled' : s.bookingStatus === 'booked' ? 'entry-booked' : ''}`}>
                      <span className="entry-time">
                        {time(s.start)}–{time(s.end)}
                      </span>
                      <span className="entry-title">{s.staffName}</span>
                      <span className="small">{s.activityCodes.map(activityName).join(', ')}</span>
                      <span className="small">
                        {s.status === 'cancelled' ? t('week.statusCancelled') : s.bookingStatus === 'booked' ? t('week.statusBooked') : s.bookingStatus ? t(`booking.${s.bookingStatus}` as 'booking.attended') : t('week.statusFree')}
                      </span>
                      {s.status === 'open' && s.bookingId && s.bookingStatus !== 'cancelled' && s.start <= now && (
                        <div className="button-row" role="group" aria-label={t('session.attendance')}>
                          {([true, false] as const).map((attended) => (
                            <button
                              key={String(attended)}
                              type="button"
                              className="button button-small"
                              aria-pressed={s.bookingStatus === (attended ? 'attended' : 'no-show')}
                              disabled={attendance.isPending}
                              onClick={() => attendance.mutate({ bookingId: s.bookingId!, attended })}
                            >
                              {t(attended ? 'session.attended' : 'session.noShow')}
                              <span className="visually-hidden">
                                {' '}
                                {s.staffName} {time(s.start)}
                              </span>
                            </button>
                          ))}
                        </div>
                      )}
                      {s.status === 'open' && s.start > now && (
                        <button type="button" className="button button-small button-danger-outline" onClick={() => setPending({ kind: 'slot', slot: s })}>
                          {t('week.cancelSlot')}
                          <span className="visually-hidden">
                            {' '}
                            {s.staffName} {time(s.start)}
                          </span>
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      )}
      <ConfirmDialog
        open={pending !== null}
        title={pending?.kind === 'session' ? t('week.cancelSessionTitle') : t('week.cancelSlotTitle')}
        confirmLabel={pending?.kind === 'session' ? t('week.cancelSession') : t('week.cancelSlot')}
        cancelLabel={t('common.keep')}
        danger
        busy={cancel.isPending || (pending?.kind === 'session' && sessionDetail.isPending)}
        onConfirm={() => pending && cancel.mutate(pending)}
        onCancel={() => {
          setPending(null);
          cancel.reset();
        }}
      >
        {pending && (
          <>
            <p>
              {pending.kind === 'slot'
                ? t('week.cancelSlotText', { when: `${longDate(pending.slot.start)} ${time(pending.slot.start)}`, who: pending.slot.staffName })
                : t('week.cancelSessionText', { when: `${longDate(pending.session.start)} ${time(pending.session.start)}`, what: activityName(pending.session.activityCode) })}
            </p>
            {pending.kind === 'session' && sessionDetail.isPending ? (
              <Loading height={60} />
            ) : affected.length === 0 ? (
              <p data-testid="affected">{t('week.nobodyAffected')}</p>
            ) : (
              <div data-testid="affected">
                <p>{t('week.affected', { count: affected.length })}</p>
                <ul>
                  {affected.map((a) => (
                    <li key={a.memberId}>
                      <MemberName memberId={a.memberId} memberNumber={'memberNumber' in a ? a.memberNumber : undefined} />
                    </li>
                  ))}
                </ul>
                <p className="muted small">{t('week.affectedNote')}</p>
              </div>
            )}
            <ErrorMessage error={cancel.error ?? sessionDetail.error} />
          </>
        )}
      </ConfirmDialog>
    </>
  );
}
