import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api } from '../api';
import { CENTRAL_ROLES, useAuth } from '../auth';
import { ConfirmDialog, ErrorMessage, Loading, NotAvailable, numberOptions, PageHeader, SelectField, Success } from '../components/ui';
import { addDays, mondayOf, todayLocal } from '../dates';
import { useApiFeatures } from '../hooks';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { bookingsMade, type ApplyReport } from '../optimiser-report';

/** The optimiser's HTTP surface; checked against /docs/openapi.json at run time. */
export const OPTIMISER_ENDPOINTS = {
  start: { method: 'post', path: '/api/optimiser/runs' },
  status: { method: 'get', path: '/api/optimiser/runs/{id}' },
  proposal: { method: 'get', path: '/api/optimiser/runs/{id}/proposal' },
  apply: { method: 'post', path: '/api/optimiser/runs/{id}/apply' },
} as const;

interface ProposalMember {
  memberId: string;
  memberNumber: string | null;
  programmeItemId: string;
}

interface Proposal {
  runId: string;
  status: string;
  appliedAt: string | null;
  summary: { items: number; placed: number; unplaced: number; sessionsOpened: number; seatsInExistingSessions: number; upperBound: number; gap: number; status: string };
  newSessions: {
    key: string;
    activityCode: string;
    activityName: string;
    office: { id: string; name: string | null };
    room: { id: string; name: string | null };
    start: string;
    end: string;
    leaders: { staffId: string; name: string | null }[];
    members: ProposalMember[];
  }[];
  seatsInExistingSessions: { sessionId: string; members: ProposalMember[] }[];
  unplaced: (ProposalMember & { activityCode: string; reason: string })[];
}

interface OptimiserRun {
  id: string;
  status: string;
  progress: number | null;
  error: string | null;
  appliedAt: string | null;
}

interface ApplyAnswer {
  alreadyApplied: boolean;
  appliedAt: string;
  report: ApplyReport;
}

const FINISHED = new Set(['done', 'failed', 'cancelled']);

export function OptimiserPage() {
  const { t } = useI18n();
  const features = useApiFeatures();
  if (features.isPending) return <Loading />;
  const available = features.data && Object.values(OPTIMISER_ENDPOINTS).every((e) => features.data.has(e.method, e.path));
  const endpoints = Object.values(OPTIMISER_ENDPOINTS).map((e) => `${e.method.toUpperCase()} ${e.path}`).join(', ');
  return (
    <>
      <PageHeader title={t('optimiser.title')} />
      <p className="lead">{t('optimiser.intro')}</p>
      <ErrorMessage error={features.error} />
      {available ? <OptimiserRuns /> : <NotAvailable what={t('optimiser.what')} endpoint={endpoints} />}
    </>
  );
}

function OptimiserRuns() {
  const { t, number, percent, dateTime, time, activity } = useI18n();
  const { session } = useAuth();
  const [from, setFrom] = useState(() => mondayOf(addDays(todayLocal(), 7)));
  const [weeks, setWeeks] = useState(4);
  const [departmentId, setDepartmentId] = useState('');
  const [runId, setRunId] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const ids = { from: useId(), weeks: useId(), department: useId() };
  const departments = useQuery({ queryKey: ['departments'], queryFn: () => api<{ id: string; name: string }[]>('/api/departments') });
  const mayRun = session ? CENTRAL_ROLES.includes(session.role) : false;

  const start = useMutation({
    mutationFn: () => api<OptimiserRun>(OPTIMISER_ENDPOINTS.start.path, { method: 'POST', body: { from, to: addDays(from, weeks * 7 - 1), ...(departmentId ? { departmentIds: [departmentId] } : {}) } }),
    onSuccess: (run) => setRunId(run.id),
  });
  const run = useQuery({
    queryKey: ['optimiser-run', runId],
    queryFn: () => api<OptimiserRun>(OPTIMISER_ENDPOINTS.status.path.replace('{id}', runId!)),
    enabled: Boolean(runId),
    refetchInterval: (query) => (query.state.data && FINISHED.has(query.state.data.status) ? false : 1000),
  });
  const done = run.data?.status === 'done';
  const proposal = useQuery({
    queryKey: ['optimiser-proposal', runId, run.data?.appliedAt ?? null],
    queryFn: () => api<Proposal>(OPTIMISER_ENDPOINTS.proposal.path.replace('{id}', runId!)),
    enabled: Boolean(runId) && done,
  });
  const apply = useMutation({
    mutationFn: () => api<ApplyAnswer>(OPTIMISER_ENDPOINTS.apply.path.replace('{id}', runId!), { method: 'POST' }),
    onSuccess: () => {
      setConfirming(false);
      void run.refetch();
    },
  });

  if (!mayRun) return <div className="notice notice-info" role="status"><p>{t('optimiser.centralOnly')}</p></div>;
  const data = run.data;
  const p = proposal.data;
  const running = Boolean(runId) && (!data || !FINISHED.has(data.status));
  const progress = typeof data?.progress === 'number' ? Math.max(0, Math.min(1, data.progress)) : null;
  const applied = apply.data ?? null;

  return (
    <>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          apply.reset();
          start.mutate();
        }}
      >
        <div className="field">
          <label htmlFor={ids.from}>{t('capacity.from')}</label>
          <input id={ids.from} type="date" value={from} onChange={(e) => e.target.value && setFrom(mondayOf(e.target.value))} />
        </div>
        <SelectField id={ids.weeks} label={t('capacity.weeks')} value={weeks} options={numberOptions([1, 2, 4, 8, 13])} onChange={(v) => setWeeks(Number(v))} />
        <SelectField
          id={ids.department}
          label={t('capacity.department')}
          value={departmentId}
          options={[{ value: '', label: t('capacity.allDepartments') }, ...(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))]}
          onChange={setDepartmentId}
        />
        <button type="submit" className="button button-primary" disabled={start.isPending || running}>
          {t('optimiser.start')}
        </button>
      </form>
      <ErrorMessage error={start.error ?? run.error ?? proposal.error} />
      {runId && (
        <section className="card" aria-labelledby="run-title">
          <h2 id="run-title">{t('optimiser.run')}</h2>
          <p role="status" aria-live="polite" data-testid="optimiser-status">
            {t('optimiser.status')}: <strong>{data ? t(`optimiser.state.${data.status}` as MessageKey) : t('common.loading')}</strong>
            {running && progress !== null ? ` (${percent(progress)})` : ''}
          </p>
          {running && (
            <progress className="progress" max={1} value={progress ?? undefined} aria-label={t('optimiser.progress')}>
              {progress === null ? '' : percent(progress)}
            </progress>
          )}
          {data?.error && <ErrorMessage error={new Error(data.error)} />}
          {done && proposal.isPending && <Loading height={200} />}
          {p && (
            <>
              <dl className="summary">
                <div>
                  <dt>{t('optimiser.placed')}</dt>
                  <dd>
                    {number(p.summary.placed)} / {number(p.summary.items)}
                  </dd>
                </div>
                <div>
                  <dt>{t('optimiser.sessionsOpened')}</dt>
                  <dd>{number(p.summary.sessionsOpened)}</dd>
                </div>
                <div>
                  <dt>{t('optimiser.existingSeats')}</dt>
                  <dd>{number(p.summary.seatsInExistingSessions)}</dd>
                </div>
                <div>
                  <dt>{t('optimiser.unplaced')}</dt>
                  <dd>{number(p.summary.unplaced)}</dd>
                </div>
                <div>
                  <dt>{t('optimiser.gap')}</dt>
                  <dd>{percent(p.summary.gap)}</dd>
                </div>
              </dl>
              <h3>{t('optimiser.newSessions')}</h3>
              {p.newSessions.length === 0 ? (
                <p>{t('optimiser.noNewSessions')}</p>
              ) : (
                <div className="table-scroll" role="region" aria-label={t('optimiser.newSessions')} tabIndex={0}>
                  <table className="data-table" data-testid="proposal-sessions">
                    <thead>
                      <tr>
                        <th scope="col">{t('capacity.activity')}</th>
                        <th scope="col">{t('common.office')}</th>
                        <th scope="col">{t('common.when')}</th>
                        <th scope="col">{t('optimiser.leaders')}</th>
                        <th scope="col">{t('optimiser.members')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {p.newSessions.map((s) => (
                        <tr key={s.key}>
                          <td>{activity(s.activityCode, s.activityName)}</td>
                          <td>
                            {s.office.name}
                            {s.room.name ? `, ${s.room.name}` : ''}
                          </td>
                          <td>
                            {dateTime(s.start)}–{time(s.end)}
                          </td>
                          <td>{s.leaders.map((l) => l.name ?? l.staffId).join(', ')}</td>
                          <td>
                            {s.members.length}: <span className="small">{s.members.map((m) => m.memberNumber ?? '–').join(', ')}</span>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <h3>{t('optimiser.unplacedTitle')}</h3>
              {p.unplaced.length === 0 ? (
                <p>{t('optimiser.allPlaced')}</p>
              ) : (
                <ul className="plain-list" data-testid="proposal-unplaced">
                  {p.unplaced.slice(0, 200).map((u) => (
                    <li key={u.programmeItemId}>
                      {t('common.memberNumber', { number: u.memberNumber ?? '–' })}, {activity(u.activityCode)}: {t(`optimiser.reason.${u.reason}` as MessageKey)}
                    </li>
                  ))}
                  {p.unplaced.length > 200 && <li>{t('optimiser.more', { count: p.unplaced.length - 200 })}</li>}
                </ul>
              )}
              {applied || data?.appliedAt ? (
                <Success>
                  <p className="notice-title">{t('optimiser.applied')}</p>
                  {applied && (
                    <p>
                      {t('optimiser.appliedReport', {
                        sessions: applied.report.sessionsCreated.length,
                        bookings: bookingsMade(applied.report),
                        notCreated: applied.report.sessionsNotCreated.length,
                      })}
                    </p>
                  )}
                </Success>
              ) : (
                <button type="button" className="button button-primary" onClick={() => setConfirming(true)} disabled={p.newSessions.length === 0 && p.seatsInExistingSessions.length === 0}>
                  {t('optimiser.apply')}
                </button>
              )}
              <ErrorMessage error={apply.error} />
              <ConfirmDialog
                open={confirming}
                title={t('optimiser.applyTitle')}
                confirmLabel={t('optimiser.apply')}
                cancelLabel={t('common.cancel')}
                busy={apply.isPending}
                onConfirm={() => apply.mutate()}
                onCancel={() => setConfirming(false)}
              >
                <p>{t('optimiser.applyText', { sessions: p.newSessions.length, members: p.summary.placed })}</p>
                <ErrorMessage error={apply.error} />
              </ConfirmDialog>
            </>
          )}
        </section>
      )}
    </>
  );
}
