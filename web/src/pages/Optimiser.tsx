import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, downloadCsv } from '../api';
import { CENTRAL_ROLES, useAuth } from '../auth';
import { ConfirmDialog, ErrorMessage, Loading, numberOptions, PageHeader, SelectField, Success } from '../components/ui';
import { addDays, mondayOf, todayLocal } from '../dates';
import { useActivities } from '../hooks';
import { useI18n } from '../i18n';
import { messages, type MessageKey } from '../messages';
import { bookingsMade, type ApplyReport } from '../optimiser-report';

const RUNS = '/api/optimiser/runs';

/** Unplaced items shown per page. */
const UNPLACED_PAGE = 25;
/** Past runs shown per page. */
const RUNS_PAGE = 10;
const DEFAULT_MAX_TRAVEL_KM = 60;

interface ProposalMember {
  memberId: string;
  memberNumber: string | null;
  programmeItemId: string;
}

interface Proposal {
  runId: string;
  status: string;
  appliedAt: string | null;
  summary: {
    items: number;
    placed: number;
    unplaced: number;
    sessionsOpened: number;
    seatsInExistingSessions: number;
    upperBound: number;
    gap: number;
    status: string;
    /** Unbooked slots the proposal withdraws to open sessions (absent in runs from before). */
    withdrawal?: { slots: number; hours: number; sessions: number; membersPlaced: number };
  };
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
}

interface RunParams {
  from: string;
  to: string;
  activityTypes: string[] | null;
  departmentIds: string[] | null;
  maxTravelKm: number;
}

interface RunListEntry {
  id: string;
  origin: 'api' | 'nightly';
  status: string;
  params: RunParams;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  appliedAt: string | null;
  result: { items: number; placed: number; unplaced: number; sessionsOpened: number } | null;
  applied: { sessionsCreated: number; sessionsNotCreated: number; bookings: number } | null;
}

interface UnplacedPage {
  total: number;
  limit: number;
  offset: number;
  items: { programmeItemId: string; memberNumber: string | null; homeOfficeName: string | null; activityCode: string; activityName: string | null; reason: string; hint: string | null }[];
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
  return (
    <>
      <PageHeader title={t('optimiser.title')} />
      <p className="lead">{t('optimiser.intro')}</p>
      <OptimiserRuns />
    </>
  );
}

function OptimiserRuns() {
  const { t, number, percent, dateTime, time, date, activity } = useI18n();
  const { session } = useAuth();
  const queryClient = useQueryClient();
  const [from, setFrom] = useState(() => mondayOf(addDays(todayLocal(), 7)));
  const [weeks, setWeeks] = useState(4);
  const [departmentIds, setDepartmentIds] = useState<string[]>([]);
  const [activityTypes, setActivityTypes] = useState<string[]>([]);
  const [maxTravelKm, setMaxTravelKm] = useState(DEFAULT_MAX_TRAVEL_KM);
  const [withdrawSlots, setWithdrawSlots] = useState(true);
  const [runId, setRunId] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const ids = { from: useId(), weeks: useId(), km: useId() };
  const departments = useQuery({ queryKey: ['departments'], queryFn: () => api<{ id: string; name: string }[]>('/api/departments') });
  const activities = useActivities();
  const groupActivities = (activities.data ?? []).filter((a) => a.kind === 'group');
  const mayRun = session ? CENTRAL_ROLES.includes(session.role) : false;

  const start = useMutation({
    mutationFn: () =>
      api<OptimiserRun>(RUNS, {
        method: 'POST',
        body: {
          from,
          to: addDays(from, weeks * 7 - 1),
          maxTravelKm,
          withdrawSlots,
          ...(departmentIds.length ? { departmentIds } : {}),
          ...(activityTypes.length ? { activityTypes } : {}),
        },
      }),
    onSuccess: (run) => {
      setRunId(run.id);
      void queryClient.invalidateQueries({ queryKey: ['optimiser-runs'] });
    },
  });
  const run = useQuery({
    queryKey: ['optimiser-run', runId],
    queryFn: () => api<OptimiserRun>(`${RUNS}/${runId}`),
    enabled: Boolean(runId),
    refetchInterval: (query) => (query.state.data && FINISHED.has(query.state.data.status) ? false : 1000),
  });
  const done = run.data?.status === 'done';
  const proposal = useQuery({
    queryKey: ['optimiser-proposal', runId, run.data?.appliedAt ?? null],
    queryFn: () => api<Proposal>(`${RUNS}/${runId}/proposal`),
    enabled: Boolean(runId) && done,
  });
  const apply = useMutation({
    mutationFn: () => api<ApplyAnswer>(`${RUNS}/${runId}/apply`, { method: 'POST' }),
    onSuccess: () => {
      setConfirming(false);
      void run.refetch();
      void queryClient.invalidateQueries({ queryKey: ['optimiser-runs'] });
    },
  });

  if (!mayRun) return <div className="notice notice-info" role="status"><p>{t('optimiser.centralOnly')}</p></div>;
  const data = run.data;
  const p = proposal.data;
  const running = Boolean(runId) && (!data || !FINISHED.has(data.status));
  const progress = typeof data?.progress === 'number' ? Math.max(0, Math.min(1, data.progress)) : null;
  const applied = apply.data ?? null;
  const toggle = (list: string[], value: string, on: boolean) => (on ? [...list, value] : list.filter((v) => v !== value));

  return (
    <>
      <form
        className="card"
        aria-labelledby="params-title"
        onSubmit={(e) => {
          e.preventDefault();
          apply.reset();
          start.mutate();
        }}
      >
        <h2 id="params-title">{t('optimiser.parameters')}</h2>
        <div className="toolbar">
          <div className="field">
            <label htmlFor={ids.from}>{t('capacity.from')}</label>
            <input id={ids.from} type="date" value={from} onChange={(e) => e.target.value && setFrom(mondayOf(e.target.value))} />
          </div>
          <SelectField id={ids.weeks} label={t('capacity.weeks')} value={weeks} options={numberOptions([1, 2, 4, 8, 13])} onChange={(v) => setWeeks(Number(v))} />
          <div className="field">
            <label htmlFor={ids.km}>{t('optimiser.maxTravelKm')}</label>
            <input
              id={ids.km}
              type="number"
              inputMode="numeric"
              min={1}
              max={300}
              step={1}
              value={maxTravelKm}
              onChange={(e) => setMaxTravelKm(Math.max(1, Math.min(300, Math.round(Number(e.target.value) || DEFAULT_MAX_TRAVEL_KM))))}
            />
          </div>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={withdrawSlots} onChange={(e) => setWithdrawSlots(e.target.checked)} data-testid="optimiser-withdraw-slots" />{' '}
          {t('optimiser.withdrawSlots')}
        </label>
        <p className="small muted" data-testid="optimiser-period">
          {t('optimiser.periodText', { from: date(from), to: date(addDays(from, weeks * 7 - 1)) })}
        </p>
        <fieldset className="checkbox-group" data-testid="optimiser-activities">
          <legend>{t('optimiser.activities')}</legend>
          <p className="small muted span-all">{t('optimiser.activitiesHint')}</p>
          {groupActivities.map((a) => (
            <label key={a.code} className="checkbox">
              <input type="checkbox" checked={activityTypes.includes(a.code)} onChange={(e) => setActivityTypes(toggle(activityTypes, a.code, e.target.checked))} />
              {activity(a.code, a.nameDa)}
            </label>
          ))}
        </fieldset>
        <details className="choice-details">
          <summary>
            {t('optimiser.departments')}: {departmentIds.length === 0 ? t('capacity.allDepartments') : t('optimiser.departmentsChosen', { count: departmentIds.length })}
          </summary>
          <fieldset className="checkbox-group" data-testid="optimiser-departments">
            <legend>{t('optimiser.departments')}</legend>
            {(departments.data ?? []).map((d) => (
              <label key={d.id} className="checkbox">
                <input type="checkbox" checked={departmentIds.includes(d.id)} onChange={(e) => setDepartmentIds(toggle(departmentIds, d.id, e.target.checked))} />
                {d.name}
              </label>
            ))}
          </fieldset>
        </details>
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
                {p.summary.withdrawal && p.summary.withdrawal.slots > 0 && (
                  <div data-testid="optimiser-withdrawn">
                    <dt>{t('optimiser.withdrawnTitle')}</dt>
                    <dd>{t('optimiser.slotsWithdrawn', { slots: number(p.summary.withdrawal.slots), hours: number(p.summary.withdrawal.hours), members: number(p.summary.withdrawal.membersPlaced) })}</dd>
                  </div>
                )}
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
              <UnplacedList key={p.runId} runId={p.runId} total={p.summary.unplaced} />
              {applied || data?.appliedAt ? (
                <Success>
                  <p className="notice-title">{t('optimiser.applied')}</p>
                  {applied && (
                    <p data-testid="optimiser-applied-report">
                      {t('optimiser.appliedReport', {
                        sessions: applied.report.sessionsCreated.length,
                        bookings: bookingsMade(applied.report),
                        notCreated: applied.report.sessionsNotCreated.length,
                      })}
                    </p>
                  )}
                  {applied && (applied.report.slotsWithdrawn?.length ?? 0) > 0 && (
                    <p data-testid="optimiser-applied-withdrawn">{t('optimiser.appliedWithdrawn', { count: applied.report.slotsWithdrawn!.length })}</p>
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
      <PastRuns current={runId} onOpen={(id) => {
        apply.reset();
        setRunId(id);
      }} />
    </>
  );
}

/** The reason of an unplaced item in words; a code the app has no text for is shown as it is. */
function useReasonText() {
  const { t } = useI18n();
  return (reason: string) => {
    const key = `optimiser.reason.${reason}`;
    return key in messages.da ? t(key as MessageKey) : reason;
  };
}

/** Every unplaced item of a run, a page at a time from the API, and all of them as a Danish Excel CSV. */
function UnplacedList({ runId, total }: { runId: string; total: number }) {
  const { t, number, activity } = useI18n();
  const reasonText = useReasonText();
  const [offset, setOffset] = useState(0);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const path = `${RUNS}/${runId}/unplaced`;
  const page = useQuery({
    queryKey: ['optimiser-unplaced', runId, offset],
    queryFn: () => api<UnplacedPage>(path, { query: { limit: UNPLACED_PAGE, offset } }),
    placeholderData: keepPreviousData,
    enabled: total > 0,
  });
  const shown = page.data;
  const last = shown ? Math.min(shown.offset + shown.items.length, shown.total) : 0;

  async function downloadAll() {
    setDownloadError(null);
    try {
      await downloadCsv(path, {}, `optimiser-unplaced-${runId}.csv`);
    } catch (error) {
      setDownloadError(error);
    }
  }

  return (
    <section aria-labelledby="unplaced-title">
      <h3 id="unplaced-title">{t('optimiser.unplacedTitle')}</h3>
      {total === 0 ? (
        <p>{t('optimiser.allPlaced')}</p>
      ) : (
        <>
          <div className="pager">
            <p className="small" aria-live="polite" data-testid="unplaced-range">
              {shown ? t('optimiser.unplacedRange', { first: number(shown.offset + 1), last: number(last), total: number(shown.total) }) : t('common.loading')}
            </p>
            <button type="button" className="button button-small" onClick={() => setOffset(Math.max(0, offset - UNPLACED_PAGE))} disabled={offset === 0}>
              {t('common.previous')}
            </button>
            <button type="button" className="button button-small" onClick={() => setOffset(offset + UNPLACED_PAGE)} disabled={!shown || last >= shown.total}>
              {t('common.next')}
            </button>
            <button type="button" className="button button-small" onClick={downloadAll} data-testid="unplaced-csv">
              {t('optimiser.downloadUnplaced')}
            </button>
          </div>
          <ErrorMessage error={page.error ?? downloadError} />
          {shown ? (
            <div className="table-scroll" role="region" aria-labelledby="unplaced-title" tabIndex={0}>
              <table className="data-table" data-testid="proposal-unplaced">
                <thead>
                  <tr>
                    <th scope="col">{t('optimiser.member')}</th>
                    <th scope="col">{t('optimiser.homeOffice')}</th>
                    <th scope="col">{t('capacity.activity')}</th>
                    <th scope="col">{t('optimiser.reasonTitle')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.items.map((u) => (
                    <tr key={u.programmeItemId}>
                      <td>{u.memberNumber ?? '–'}</td>
                      <td>{u.homeOfficeName ?? '–'}</td>
                      <td>{activity(u.activityCode, u.activityName ?? undefined)}</td>
                      <td>{reasonText(u.reason)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <Loading height={200} />
          )}
        </>
      )}
    </section>
  );
}

/** Earlier runs, the nightly ones too, newest first, with their scope, status and result; one can be opened. */
function PastRuns({ current, onOpen }: { current: string | null; onOpen: (id: string) => void }) {
  const { t, number, date, dateTime } = useI18n();
  const [offset, setOffset] = useState(0);
  const runs = useQuery({
    queryKey: ['optimiser-runs', offset],
    queryFn: () => api<{ total: number; runs: RunListEntry[] }>(RUNS, { query: { limit: RUNS_PAGE, offset } }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.runs.some((r) => !FINISHED.has(r.status)) ? 3000 : false),
  });
  const list = runs.data;
  return (
    <section className="card" aria-labelledby="past-runs-title">
      <h2 id="past-runs-title">{t('optimiser.pastRuns')}</h2>
      <ErrorMessage error={runs.error} />
      {runs.isPending && <Loading height={200} />}
      {list && list.runs.length === 0 && <p>{t('optimiser.noRuns')}</p>}
      {list && list.runs.length > 0 && (
        <>
          <div className="table-scroll" role="region" aria-labelledby="past-runs-title" tabIndex={0}>
            <table className="data-table" data-testid="past-runs">
              <thead>
                <tr>
                  <th scope="col">{t('optimiser.created')}</th>
                  <th scope="col">{t('optimiser.origin')}</th>
                  <th scope="col">{t('optimiser.scope')}</th>
                  <th scope="col">{t('optimiser.status')}</th>
                  <th scope="col">{t('optimiser.result')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('optimiser.open')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.runs.map((r) => (
                  <tr key={r.id} data-run-id={r.id} aria-current={r.id === current ? 'true' : undefined}>
                    <td>{dateTime(r.createdAt)}</td>
                    <td>{t(r.origin === 'nightly' ? 'optimiser.origin.nightly' : 'optimiser.origin.api')}</td>
                    <td>
                      {t('optimiser.scopeText', { from: date(r.params.from), to: date(r.params.to), km: number(r.params.maxTravelKm) })}
                      {r.params.activityTypes && <span className="block small muted">{t('optimiser.activitiesCount', { count: r.params.activityTypes.length })}</span>}
                      {r.params.departmentIds && <span className="block small muted">{t('optimiser.departmentsChosen', { count: r.params.departmentIds.length })}</span>}
                    </td>
                    <td>{t(`optimiser.state.${r.status}` as MessageKey)}</td>
                    <td data-testid="run-result">
                      {r.result ? t('optimiser.resultText', { placed: number(r.result.placed), items: number(r.result.items), sessions: number(r.result.sessionsOpened) }) : (r.error ?? '–')}
                      {r.applied && (
                        <span className="block small" data-testid="run-applied">
                          {t('optimiser.appliedShort', { bookings: number(r.applied.bookings), sessions: number(r.applied.sessionsCreated) })}
                        </span>
                      )}
                    </td>
                    <td>
                      {r.id !== current && (r.status === 'done' || !FINISHED.has(r.status)) && (
                        <button type="button" className="button button-small" onClick={() => onOpen(r.id)} aria-label={t('optimiser.openLabel', { when: dateTime(r.createdAt) })}>
                          {t('optimiser.open')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="pager">
            <p className="small">{t('optimiser.runsRange', { first: number(offset + 1), last: number(offset + list.runs.length), total: number(list.total) })}</p>
            <button type="button" className="button button-small" onClick={() => setOffset(Math.max(0, offset - RUNS_PAGE))} disabled={offset === 0}>
              {t('common.previous')}
            </button>
            <button type="button" className="button button-small" onClick={() => setOffset(offset + RUNS_PAGE)} disabled={offset + list.runs.length >= list.total}>
              {t('common.next')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
