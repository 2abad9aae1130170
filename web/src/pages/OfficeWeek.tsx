import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type CSSProperties } from 'react';
import { Link, useSearchParams } from 'react-router';
import { apiClient, ok, type Schema } from '../api/client';
import { useAuth } from '../auth';
import { ActionMenu } from '../components/ActionMenu';
import { OfficePicker } from '../components/OfficePicker';
import { ConfirmDialog, ErrorMessage, Loading, PageHeader, Success } from '../components/ui';
import { addDays, isoWeek, localDateOf, mondayOf, todayLocal, weekDays } from '../dates';
import { useActivities, useSelectedOffice } from '../hooks';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { hourRange, layOutDay, localMinutes, type Placed } from '../time-grid';

type OfficeSlot = Schema<'OfficeSlotDto'>;
type Session = Schema<'SessionDto'>;
type Pending = { kind: 'slot'; slot: OfficeSlot } | { kind: 'session'; session: Session };
type GridEvent = ({ kind: 'slot'; slot: OfficeSlot } | { kind: 'session'; session: Session }) & {
  id: string;
  start: string;
  end: string;
};

/** Pixels per hour of the desktop grid: a 30-minute slot is 36 px, two lines of text. */
const HOUR_PX = 72;
const LEADER_ROLES = new Set(['adviser', 'job-consultant', 'pre-unemployment']);

export function useClosures(officeId: string | undefined, years: number[]) {
  return useQuery({
    queryKey: ['closures', officeId, years],
    queryFn: async () => {
      const all = await Promise.all(
        years.map((year) =>
          ok(apiClient.GET('/api/offices/{id}/closures', { params: { path: { id: officeId! }, query: { year } } })),
        ),
      );
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

/** The current instant, refreshed every `everyMs` (the grid's "now" line and what counts as past). */
function useNow(everyMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const change = () => setMatches(list.matches);
    change();
    list.addEventListener('change', change);
    return () => list.removeEventListener('change', change);
  }, [query]);
  return matches;
}

/** "Karen Hansen (7000123)": the one way staff see a booked member; the number alone once erased. */
export function memberLabel(name: string | null | undefined, memberNumber: string | null | undefined): string {
  if (!memberNumber) return name ?? '';
  return name ? `${name} (${memberNumber})` : memberNumber;
}

export function OfficeWeekPage() {
  const { t, shortDay, time, activity, date, longDate } = useI18n();
  const { session: signedIn } = useAuth();
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
  const nowDate = useNow();
  const now = nowDate.toISOString();
  const today = todayLocal(nowDate);
  const phone = useMediaQuery('(max-width: 760px)');
  const me = signedIn && LEADER_ROLES.has(signedIn.role) ? signedIn.subjectId : undefined;
  // Advisers, job consultants and pre-unemployment staff start with their own times; coordinators see all.
  const show = me && params.get('show') !== 'all' ? 'mine' : 'all';

  const setParam = (name: string, value: string) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      next.set(name, value);
      return next;
    });

  const slots = useQuery({
    queryKey: ['office-slots', officeId, monday],
    queryFn: () =>
      ok(
        apiClient.GET('/api/offices/{officeId}/slots', {
          params: { path: { officeId: officeId! }, query: { from: monday, to: sunday } },
        }),
      ),
    enabled: Boolean(officeId),
  });
  const sessions = useQuery({
    queryKey: ['office-sessions', officeId, monday],
    queryFn: () =>
      ok(
        apiClient.GET('/api/offices/{officeId}/sessions', {
          params: { path: { officeId: officeId! }, query: { from: monday, to: sunday } },
        }),
      ),
    enabled: Boolean(officeId),
  });
  const closures = useClosures(officeId, [...new Set([monday.slice(0, 4), sunday.slice(0, 4)].map(Number))]);
  const participants = useQuery({
    queryKey: ['session-participants', pending?.kind === 'session' ? pending.session.id : null],
    queryFn: () =>
      ok(
        apiClient.GET('/api/sessions/{id}/participants', {
          params: { path: { id: (pending as { session: Session }).session.id } },
        }),
      ),
    enabled: pending?.kind === 'session',
  });

  const attendance = useMutation({
    mutationFn: ({ bookingId, attended }: { bookingId: string; attended: boolean }) =>
      ok(apiClient.POST('/api/bookings/{id}/attendance', { params: { path: { id: bookingId } }, body: { attended } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['office-slots'] }),
  });
  const cancel = useMutation({
    mutationFn: (target: Pending): Promise<{ affectedMemberIds: string[] }> =>
      target.kind === 'slot'
        ? ok(apiClient.DELETE('/api/slots/{id}', { params: { path: { id: target.slot.id } }, body: {} }))
        : ok(apiClient.DELETE('/api/sessions/{id}', { params: { path: { id: target.session.id } }, body: {} })),
    onSuccess: (answer) => {
      setResult(t('week.cancelled', { count: answer.affectedMemberIds.length }));
      setPending(null);
      void queryClient.invalidateQueries({ queryKey: ['office-slots'] });
      void queryClient.invalidateQueries({ queryKey: ['office-sessions'] });
    },
  });

  const activityName = (code: string) => activity(code, activities.data?.find((a) => a.code === code)?.nameDa);
  const events: GridEvent[] = [
    ...(slots.data ?? [])
      .filter((s) => show === 'all' || s.staffId === me)
      .map((slot) => ({ kind: 'slot' as const, slot, id: slot.id, start: slot.start, end: slot.end })),
    ...(sessions.data ?? [])
      .filter((s) => show === 'all' || (me !== undefined && s.leaderIds.includes(me)))
      .map((session) => ({
        kind: 'session' as const,
        session,
        id: session.id,
        start: session.start,
        end: session.end,
      })),
  ].sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end));
  const showWeekend = days.slice(5).some((d) => events.some((e) => localDateOf(e.start) === d));
  const shownDays = showWeekend ? days : days.slice(0, 5);
  const byDay = new Map(
    shownDays.map((day) => [
      day,
      layOutDay(
        events.filter((e) => localDateOf(e.start) === day),
        localDateOf,
        day,
      ),
    ]),
  );
  const { first, last } = hourRange([...byDay.values()].flat());
  const nowMinutes = localMinutes(nowDate);
  const loading = slots.isPending || sessions.isPending;

  const affected =
    pending?.kind === 'slot'
      ? pending.slot.memberId && pending.slot.bookingStatus === 'booked'
        ? [{ id: pending.slot.memberId, label: memberLabel(pending.slot.memberName, pending.slot.memberNumber) }]
        : []
      : (participants.data?.participants ?? [])
          .filter((p) => p.status === 'booked')
          .map((p) => ({ id: p.memberId, label: p.label }));

  /** The words of one event: time, what, and who (the booked member for staff). */
  const describe = (e: GridEvent) => {
    if (e.kind === 'session') {
      const s = e.session;
      return {
        title: activityName(s.activityCode),
        detail: `${s.roomName} · ${t('week.seats', { booked: s.booked, capacity: s.capacity })}`,
        status: s.status === 'cancelled' ? t('week.statusCancelled') : s.belowMinimum ? t('week.belowMinimum') : null,
        className: `entry-session ${s.status === 'cancelled' ? 'entry-cancelled' : ''}`,
      };
    }
    const s = e.slot;
    const who = s.memberId ? memberLabel(s.memberName, s.memberNumber) : null;
    const status =
      s.status === 'cancelled'
        ? t('week.statusCancelled')
        : s.bookingStatus === 'booked'
          ? t('week.statusBooked')
          : s.bookingStatus
            ? t(`booking.${s.bookingStatus}` as MessageKey)
            : t('week.statusFree');
    return {
      title: who && s.status !== 'cancelled' ? who : status,
      detail: [
        show === 'all' ? s.staffName : null,
        s.activityCodes.map(activityName).join(', '),
        t(`channel.${s.channel}` as MessageKey),
      ]
        .filter(Boolean)
        .join(' · '),
      status: who && s.status !== 'cancelled' ? status : null,
      className: `entry-slot ${s.status === 'cancelled' ? 'entry-cancelled' : s.bookingStatus === 'booked' ? 'entry-booked' : s.bookingStatus ? `entry-${s.bookingStatus}` : 'entry-free'}`,
    };
  };

  const menu = (e: GridEvent) => {
    const past = e.start <= now;
    const words = describe(e);
    const label = t('week.actionsFor', { what: `${time(e.start)} ${words.title}` });
    if (e.kind === 'session') {
      const s = e.session;
      return (
        <ActionMenu label={label}>
          {(close) => (
            <>
              <Link className="menu-item" to={`/office/sessions/${s.id}?office=${officeId}`}>
                {t('week.openSession')}
              </Link>
              {s.status === 'scheduled' && !past && (
                <button
                  type="button"
                  className="menu-item menu-item-danger"
                  onClick={() => {
                    close();
                    setPending({ kind: 'session', session: s });
                  }}
                >
                  {t('week.cancelSession')}
                </button>
              )}
            </>
          )}
        </ActionMenu>
      );
    }
    const s = e.slot;
    const canMark = s.status === 'open' && s.bookingId && s.bookingStatus !== 'cancelled' && past;
    const canCancel = s.status === 'open' && !past;
    if (!canMark && !canCancel) return null;
    return (
      <ActionMenu label={label}>
        {(close) => (
          <>
            {canMark && (
              <div className="menu-group" role="group" aria-label={t('session.attendance')}>
                {([true, false] as const).map((attended) => (
                  <button
                    key={String(attended)}
                    type="button"
                    className="menu-item"
                    aria-pressed={s.bookingStatus === (attended ? 'attended' : 'no-show')}
                    disabled={attendance.isPending}
                    onClick={() => attendance.mutate({ bookingId: s.bookingId!, attended })}
                  >
                    {t(attended ? 'session.attended' : 'session.noShow')}
                  </button>
                ))}
              </div>
            )}
            {canCancel && (
              <button
                type="button"
                className="menu-item menu-item-danger"
                onClick={() => {
                  close();
                  setPending({ kind: 'slot', slot: s });
                }}
              >
                {t('week.cancelSlot')}
              </button>
            )}
          </>
        )}
      </ActionMenu>
    );
  };

  const entry = (e: GridEvent, style?: CSSProperties) => {
    const words = describe(e);
    const past = e.end <= now;
    return (
      <li
        key={e.id}
        {...(e.kind === 'slot' ? { 'data-slot-id': e.id } : { 'data-session-id': e.id })}
        data-start={e.start}
        className={`entry ${words.className} ${past ? 'entry-past' : ''}`}
        style={style}
        title={`${time(e.start)}–${time(e.end)} ${words.title}${words.detail ? ` · ${words.detail}` : ''}`}
      >
        <div className="entry-text">
          {/* In the grid the block's height shows the length; the list spells out the end. */}
          <span className="entry-time">{style ? time(e.start) : `${time(e.start)}–${time(e.end)}`}</span>{' '}
          {e.kind === 'session' ? (
            <Link className="entry-title" to={`/office/sessions/${e.id}?office=${officeId}`}>
              {words.title}
            </Link>
          ) : (
            <span className="entry-title">{words.title}</span>
          )}
          {words.status && <span className="entry-status"> · {words.status}</span>}
          <span className="entry-detail">{words.detail}</span>
        </div>
        {menu(e)}
      </li>
    );
  };

  const dayHeading = (day: string) => (
    <h3 id={`day-${day}`} className={`day-heading ${day === today ? 'day-today' : ''}`}>
      <span className="visually-hidden">{longDate(day)}</span>
      <span aria-hidden="true">{shortDay(day)}</span>
    </h3>
  );

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
          <button type="button" className="button" onClick={() => setParam('week', addDays(monday, -7))}>
            <span aria-hidden="true">←</span> {t('week.previous')}
          </button>
          <button type="button" className="button" onClick={() => setParam('week', todayLocal())}>
            {t('week.thisWeek')}
          </button>
          <button type="button" className="button" onClick={() => setParam('week', addDays(monday, 7))}>
            {t('week.next')} <span aria-hidden="true">→</span>
          </button>
        </div>
        {me && (
          <div className="segmented" role="group" aria-label={t('week.show')}>
            {(['mine', 'all'] as const).map((choice) => (
              <button
                key={choice}
                type="button"
                className="button"
                aria-pressed={show === choice}
                onClick={() => setParam('show', choice)}
              >
                {t(choice === 'mine' ? 'week.mine' : 'week.all')}
              </button>
            ))}
          </div>
        )}
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
      ) : phone ? (
        <div className="day-list" data-testid="week-grid">
          {shownDays.map((day) => {
            const closed = closures.data?.get(day);
            const list = byDay.get(day) ?? [];
            const nowIndex = day === today ? list.findIndex((p) => p.item.start > now) : -1;
            return (
              <section key={day} className={`day ${closed ? 'day-closed' : ''}`} aria-labelledby={`day-${day}`}>
                {dayHeading(day)}
                {closed && <p className="closed-note">{t('week.closed', { reason: closed })}</p>}
                {list.length === 0 && !closed && <p className="muted small">{t('week.nothing')}</p>}
                <ul className="entries">
                  {list.flatMap((p, index) => [
                    ...(index === nowIndex
                      ? [
                          <li key="now" className="now-divider">
                            {t('week.now', { time: time(nowDate) })}
                          </li>,
                        ]
                      : []),
                    entry(p.item),
                  ])}
                </ul>
              </section>
            );
          })}
        </div>
      ) : (
        <div className="time-grid-scroll" role="region" aria-label={t('week.gridLabel')} tabIndex={0}>
          <div
            className="time-grid"
            data-testid="week-grid"
            style={
              {
                '--days': shownDays.length,
                '--lanes': Math.max(1, ...[...byDay.values()].flat().map((p) => p.lanes)),
              } as CSSProperties
            }
          >
            <div className="time-grid-hours" aria-hidden="true">
              <div className="time-grid-corner" />
              <div className="time-grid-body" style={{ height: (last - first) * HOUR_PX }}>
                {Array.from({ length: last - first }, (_, i) => (
                  <span key={i} className="hour-label" style={{ top: i * HOUR_PX }}>
                    {String(first + i).padStart(2, '0')}.00
                  </span>
                ))}
              </div>
            </div>
            {shownDays.map((day) => {
              const closed = closures.data?.get(day);
              const list: Placed<GridEvent>[] = byDay.get(day) ?? [];
              const showNow = day === today && nowMinutes >= first * 60 && nowMinutes <= last * 60;
              return (
                <section
                  key={day}
                  className={`day ${closed ? 'day-closed' : ''} ${day === today ? 'day-today' : ''}`}
                  aria-labelledby={`day-${day}`}
                >
                  <div className="time-grid-corner">{dayHeading(day)}</div>
                  <div className="time-grid-body" style={{ height: (last - first) * HOUR_PX }}>
                    {closed && <p className="closed-note">{t('week.closed', { reason: closed })}</p>}
                    {list.length === 0 && !closed && <p className="muted small nothing-note">{t('week.nothing')}</p>}
                    <ul className="entries">
                      {list.map((p) =>
                        entry(p.item, {
                          top: ((p.from - first * 60) / 60) * HOUR_PX,
                          height: Math.max(((p.to - p.from) / 60) * HOUR_PX, 20),
                          left: `${(p.lane / p.lanes) * 100}%`,
                          width: `${100 / p.lanes}%`,
                        }),
                      )}
                    </ul>
                    {showNow && (
                      <div
                        className="now-line"
                        style={{ top: ((nowMinutes - first * 60) / 60) * HOUR_PX }}
                        data-testid="now-line"
                      >
                        <span className="now-label">{t('week.now', { time: time(nowDate) })}</span>
                      </div>
                    )}
                  </div>
                </section>
              );
            })}
          </div>
        </div>
      )}
      <ConfirmDialog
        open={pending !== null}
        title={pending?.kind === 'session' ? t('week.cancelSessionTitle') : t('week.cancelSlotTitle')}
        confirmLabel={pending?.kind === 'session' ? t('week.cancelSession') : t('week.cancelSlot')}
        cancelLabel={t('common.keep')}
        danger
        busy={cancel.isPending || (pending?.kind === 'session' && participants.isPending)}
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
                ? t('week.cancelSlotText', {
                    when: `${longDate(pending.slot.start)} ${time(pending.slot.start)}`,
                    who: pending.slot.staffName,
                  })
                : t('week.cancelSessionText', {
                    when: `${longDate(pending.session.start)} ${time(pending.session.start)}`,
                    what: activityName(pending.session.activityCode),
                  })}
            </p>
            {pending.kind === 'session' && participants.isPending ? (
              <Loading height={60} />
            ) : affected.length === 0 ? (
              <p data-testid="affected">{t('week.nobodyAffected')}</p>
            ) : (
              <div data-testid="affected">
                <p>{t('week.affected', { count: affected.length })}</p>
                <ul>
                  {affected.map((a) => (
                    <li key={a.id}>{a.label}</li>
                  ))}
                </ul>
                <p className="muted small">{t('week.affectedNote')}</p>
              </div>
            )}
            <ErrorMessage error={cancel.error ?? participants.error} />
          </>
        )}
      </ConfirmDialog>
    </>
  );
}
