import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { apiClient, ok } from '../api/client';
import { ConfirmDialog, ErrorMessage, Loading, PageHeader, Success } from '../components/ui';
import { useActivities } from '../hooks';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';

export function SessionPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const { t, dateTime, time, activity } = useI18n();
  const queryClient = useQueryClient();
  const activities = useActivities();
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const session = useQuery({
    queryKey: ['session', id],
    queryFn: () => ok(apiClient.GET('/api/sessions/{id}', { params: { path: { id: id! } } })),
  });
  // Participants and waiting list in one request, each named "Name (number)" whatever their department.
  const people = useQuery({
    queryKey: ['session-participants', id],
    queryFn: () => ok(apiClient.GET('/api/sessions/{id}/participants', { params: { path: { id: id! } } })),
  });

  const attendance = useMutation({
    mutationFn: ({ bookingId, attended }: { bookingId: string; attended: boolean }) =>
      ok(apiClient.POST('/api/bookings/{id}/attendance', { params: { path: { id: bookingId } }, body: { attended } })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['session', id] }),
        queryClient.invalidateQueries({ queryKey: ['session-participants', id] }),
      ]),
  });
  const cancel = useMutation({
    mutationFn: () => ok(apiClient.DELETE('/api/sessions/{id}', { params: { path: { id: id! } }, body: {} })),
    onSuccess: (answer) => {
      setConfirming(false);
      setDone(t('week.cancelled', { count: answer.affectedMemberIds.length }));
      void queryClient.invalidateQueries({ queryKey: ['session', id] });
      void queryClient.invalidateQueries({ queryKey: ['session-participants', id] });
    },
  });

  const s = session.data;
  const name = s
    ? activity(s.activityCode, activities.data?.find((a) => a.code === s.activityCode)?.nameDa ?? s.activityName)
    : '';
  const participants = people.data?.participants ?? [];
  const waitlist = people.data?.waitlist ?? [];
  const booked = participants.filter((p) => p.status === 'booked');
  const started = s ? new Date(s.start).getTime() <= Date.now() : false;

  return (
    <>
      <PageHeader title={s ? name : t('session.title')}>
        <Link className="button" to={`/office${params.get('office') ? `?office=${params.get('office')}` : ''}`}>
          <span aria-hidden="true">←</span> {t('session.back')}
        </Link>
      </PageHeader>
      <ErrorMessage error={session.error ?? people.error} />
      {session.isPending && <Loading height={300} />}
      {done && (
        <Success>
          <p>{done}</p>
        </Success>
      )}
      {s && (
        <>
          <dl className="facts">
            <div>
              <dt>{t('common.when')}</dt>
              <dd>
                {dateTime(s.start)}–{time(s.end)}
              </dd>
            </div>
            <div>
              <dt>{t('session.room')}</dt>
              <dd>{s.roomName}</dd>
            </div>
            <div>
              <dt>{t('session.seats')}</dt>
              <dd>{t('week.seats', { booked: s.booked, capacity: s.capacity })}</dd>
            </div>
            <div>
              <dt>{t('session.minimum')}</dt>
              <dd>{s.minParticipants}</dd>
            </div>
            <div>
              <dt>{t('optimiser.status')}</dt>
              <dd>
                {s.status === 'cancelled'
                  ? t('week.statusCancelled')
                  : s.belowMinimum
                    ? t('week.belowMinimum')
                    : t('session.scheduled')}
              </dd>
            </div>
          </dl>
          <section aria-labelledby="participants-title">
            <h2 id="participants-title">{t('session.participants')}</h2>
            {!started && <p className="muted small">{t('session.attendanceLater')}</p>}
            {people.isPending ? (
              <Loading height={80} />
            ) : participants.length === 0 ? (
              <p>{t('session.noParticipants')}</p>
            ) : (
              <div className="table-scroll" role="region" aria-labelledby="participants-title" tabIndex={0}>
                <table className="data-table" data-testid="participants">
                  <thead>
                    <tr>
                      <th scope="col">{t('session.member')}</th>
                      <th scope="col">{t('optimiser.status')}</th>
                      <th scope="col">{t('session.attendance')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {participants.map((p) => (
                      <tr key={p.bookingId}>
                        <td>{p.label}</td>
                        <td>{t(`booking.${p.status}` as MessageKey)}</td>
                        <td>
                          <div className="button-row">
                            <button
                              type="button"
                              className="button button-small"
                              aria-pressed={p.status === 'attended'}
                              disabled={attendance.isPending || s.status === 'cancelled' || !started}
                              onClick={() => attendance.mutate({ bookingId: p.bookingId, attended: true })}
                            >
                              {t('session.attended')}
                              <span className="visually-hidden"> {p.label}</span>
                            </button>
                            <button
                              type="button"
                              className="button button-small"
                              aria-pressed={p.status === 'no-show'}
                              disabled={attendance.isPending || s.status === 'cancelled' || !started}
                              onClick={() => attendance.mutate({ bookingId: p.bookingId, attended: false })}
                            >
                              {t('session.noShow')}
                              <span className="visually-hidden"> {p.label}</span>
                            </button>
                          </div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <ErrorMessage error={attendance.error} />
          </section>
          <section aria-labelledby="waitlist-title">
            <h2 id="waitlist-title">{t('session.waitlist')}</h2>
            {waitlist.length === 0 ? (
              <p>{t('session.noWaitlist')}</p>
            ) : (
              <ol data-testid="waitlist">
                {waitlist.map((w) => (
                  <li key={w.memberId}>{w.label}</li>
                ))}
              </ol>
            )}
            <p className="muted small">{t('session.waitlistNote')}</p>
          </section>
          {s.status === 'scheduled' && !started && (
            <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
              {t('week.cancelSession')}
            </button>
          )}
          <ConfirmDialog
            open={confirming}
            title={t('week.cancelSessionTitle')}
            confirmLabel={t('week.cancelSession')}
            cancelLabel={t('common.keep')}
            danger
            busy={cancel.isPending}
            onConfirm={() => cancel.mutate()}
            onCancel={() => setConfirming(false)}
          >
            <p>{t('week.cancelSessionText', { when: dateTime(s.start), what: name })}</p>
            {booked.length === 0 ? (
              <p data-testid="affected">{t('week.nobodyAffected')}</p>
            ) : (
              <div data-testid="affected">
                <p>{t('week.affected', { count: booked.length })}</p>
                <ul>
                  {booked.map((p) => (
                    <li key={p.memberId}>{p.label}</li>
                  ))}
                </ul>
                {waitlist.length > 0 && <p>{t('session.waitlistWithdrawn', { count: waitlist.length })}</p>}
                <p className="muted small">{t('week.affectedNote')}</p>
              </div>
            )}
            <ErrorMessage error={cancel.error} />
          </ConfirmDialog>
        </>
      )}
    </>
  );
}
