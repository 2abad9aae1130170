import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { apiClient, downloadCsv as downloadExcelCsv, ok, type Schema } from '../api/client';
import { CENTRAL_ROLES, useAuth } from '../auth';
import { OfficeWeekTable, PlanSignals } from '../components/PlanDetail';
import { ProgrammeShares } from '../components/ProgrammeShares';
import { ErrorMessage, Loading, numberOptions, PageHeader, SelectField } from '../components/ui';
import { addDays, mondayOf, todayLocal } from '../dates';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';

type PlanRow = Schema<'PlanRowDto'>;

/** How often a plan marked as refreshing is asked for again. */
const PLAN_REFRESHING_POLL_MS = 3000;

interface Cell {
  demand: number;
  supply: number;
  gap: number;
}

/** The colour scale of the heatmap, gap in hours (shortfall positive), as the legend prints it. */
const LEGEND: readonly { band: string; label: MessageKey; from: number | null; to: number | null }[] = [
  { band: 'heat-minus', label: 'capacity.legendSurplus', from: null, to: -0.5 },
  { band: 'heat-0', label: 'capacity.legendBalanced', from: -0.5, to: 0.5 },
  { band: 'heat-2', label: 'capacity.legendSmall', from: 0.5, to: 5 },
  { band: 'heat-3', label: 'capacity.legendMedium', from: 5, to: 20 },
  { band: 'heat-4', label: 'capacity.legendLarge', from: 20, to: null },
];

/** Colour band of a gap in hours: shortfall warm, surplus cool; the number is always printed too. */
function band(gap: number): string {
  if (gap >= 20) return 'heat-4';
  if (gap >= 5) return 'heat-3';
  if (gap > 0.5) return 'heat-2';
  if (gap >= -0.5) return 'heat-0';
  return 'heat-minus';
}

/** "30.11." for a week's Monday: short enough that every week column fits at 1440 px. */
function dayMonth(date: string): string {
  const [, month, day] = date.split('-');
  return day && month ? `${Number(day)}.${Number(month)}.` : '';
}

export function CapacityPage() {
  const { t, number, activity, time } = useI18n();
  const { session } = useAuth();
  const central = session ? CENTRAL_ROLES.includes(session.role) : false;
  const [from, setFrom] = useState(() => mondayOf(addDays(todayLocal(), 7)));
  const [weeks, setWeeks] = useState(8);
  const [scenario, setScenario] = useState('');
  const [departmentId, setDepartmentId] = useState('');
  const [drill, setDrill] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const ids = { from: useId(), weeks: useId(), scenario: useId(), department: useId() };

  const scenarios = useQuery({ queryKey: ['scenarios'], queryFn: () => ok(apiClient.GET('/api/capacity/scenarios')) });
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: () => ok(apiClient.GET('/api/departments')),
    enabled: central,
  });
  const query = { from, weeks, scenario: scenario || undefined, departmentId: departmentId || undefined };
  const answer = useQuery({
    queryKey: ['plan', query],
    queryFn: async () => {
      const { data, response } = await apiClient.GET('/api/capacity/plan', { params: { query } });
      const lastModified = response.headers.get('Last-Modified');
      return {
        plan: data!,
        // A plan of slightly older inputs, answered while the newer one is computed: asked again until it is there.
        refreshing: response.headers.get('X-Plan-Refreshing') === 'true',
        computedAt: lastModified ? new Date(lastModified) : null,
      };
    },
    refetchInterval: (q) => (q.state.data?.refreshing ? PLAN_REFRESHING_POLL_MS : false),
  });
  const plan = { data: answer.data?.plan, error: answer.error, isPending: answer.isPending };

  const grid = useMemo(() => {
    const rows = plan.data?.rows ?? [];
    const weekList = [...new Set(rows.map((r) => r.week))].sort();
    // The plan names each office once (`offices`) and each week's Monday once (`weekStarts`, beside `weeks`).
    const weekStart = new Map((plan.data?.weeks ?? []).map((week, i) => [week, plan.data!.weekStarts[i]]));
    const names = new Map((plan.data?.offices ?? []).map((o) => [o.id, o.name]));
    const offices = new Map<
      string,
      { id: string; name: string; cells: Map<string, Cell>; total: number; rows: PlanRow[] }
    >();
    for (const row of rows) {
      let office = offices.get(row.officeId);
      if (!office) {
        office = { id: row.officeId, name: names.get(row.officeId) ?? '', cells: new Map(), total: 0, rows: [] };
        offices.set(row.officeId, office);
      }
      office.rows.push(row);
      const cell = office.cells.get(row.week) ?? { demand: 0, supply: 0, gap: 0 };
      cell.demand += row.demandHours;
      cell.supply += row.supplyHours;
      cell.gap += row.gapHours;
      office.cells.set(row.week, cell);
    }
    for (const office of offices.values())
      office.total = [...office.cells.values()].reduce((sum, c) => sum + Math.max(0, c.gap), 0);
    const list = [...offices.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'da'));
    return { weeks: weekList, weekStart, offices: list };
  }, [plan.data]);

  const drillOffice = grid.offices.find((o) => o.id === drill);

  async function downloadCsv() {
    setDownloadError(null);
    try {
      await downloadExcelCsv('/api/capacity/plan', { query }, `capacity-plan-${from}.csv`);
    } catch (error) {
      setDownloadError(error);
    }
  }

  return (
    <>
      <PageHeader title={t('capacity.title')}>
        <button type="button" className="button" onClick={downloadCsv} disabled={!plan.data}>
          {t('capacity.downloadCsv')}
        </button>
      </PageHeader>
      <p className="lead">{t('capacity.intro')}</p>
      <form className="toolbar" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={ids.from}>{t('capacity.from')}</label>
          <input
            id={ids.from}
            type="date"
            value={from}
            onChange={(e) => e.target.value && setFrom(mondayOf(e.target.value))}
          />
        </div>
        <SelectField
          id={ids.weeks}
          label={t('capacity.weeks')}
          value={weeks}
          options={numberOptions([4, 8, 13, 26])}
          onChange={(v) => setWeeks(Number(v))}
        />
        <SelectField
          id={ids.scenario}
          label={t('capacity.scenario')}
          value={scenario}
          options={[
            { value: '', label: t('capacity.baseScenario') },
            ...(scenarios.data ?? []).map((s) => ({ value: s.name, label: s.name })),
          ]}
          onChange={setScenario}
        />
        {central && (
          <SelectField
            id={ids.department}
            label={t('capacity.department')}
            value={departmentId}
            options={[
              { value: '', label: t('capacity.allDepartments') },
              ...(departments.data ?? []).map((d) => ({ value: d.id, label: d.name })),
            ]}
            onChange={setDepartmentId}
          />
        )}
      </form>
      <ErrorMessage error={downloadError ?? scenarios.error} />
      {plan.data && (
        <dl className="summary" aria-label={t('capacity.summary')}>
          <div>
            <dt>{t('capacity.demandHours')}</dt>
            <dd>
              {number(plan.data.summary.demandHours)} {t('common.hoursShort')}
            </dd>
          </div>
          <div>
            <dt>{t('capacity.supplyHours')}</dt>
            <dd>
              {number(plan.data.summary.supplyHours)} {t('common.hoursShort')}
            </dd>
          </div>
          <div>
            <dt>{t('capacity.shortfallHours')}</dt>
            <dd>
              {number(plan.data.summary.shortfallHours)} {t('common.hoursShort')}
            </dd>
          </div>
        </dl>
      )}
      <figure className="legend-figure">
        <figcaption className="small">{t('capacity.legendTitle')}</figcaption>
        <ul className="legend" data-testid="heatmap-legend">
          {LEGEND.map((entry) => (
            <li key={entry.band} className={`legend-item ${entry.band}`}>
              <span className="legend-name">{t(entry.label)}</span>{' '}
              <span className="legend-range">
                {entry.from === null
                  ? t('capacity.legendBelow', { value: number(entry.to!, 1) })
                  : entry.to === null
                    ? t('capacity.legendAbove', { value: number(entry.from, 1) })
                    : t('capacity.legendBetween', { from: number(entry.from, 1), to: number(entry.to, 1) })}
              </span>
            </li>
          ))}
        </ul>
      </figure>
      <ErrorMessage error={plan.error} />
      {answer.data?.refreshing && (
        <p className="small" role="status" data-testid="plan-refreshing">
          {answer.data.computedAt
            ? t('capacity.refreshingSince', { time: time(answer.data.computedAt) })
            : t('capacity.refreshing')}
        </p>
      )}
      {plan.isPending && <Loading height={480} label={t('capacity.loading')} />}
      {plan.data && grid.offices.length === 0 && <p>{t('capacity.empty')}</p>}
      {plan.data && grid.offices.length > 0 && (
        <div className="table-scroll heatmap-scroll" role="region" aria-labelledby="heatmap-caption" tabIndex={0}>
          <table className="heatmap" data-testid="heatmap">
            <caption id="heatmap-caption">{t('capacity.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.office')}</th>
                {grid.weeks.map((w) => (
                  <th scope="col" key={w}>
                    <span className="week-label">{w.replace(/^\d{4}-W/, t('common.weekShort'))}</span>
                    <span className="week-date">{dayMonth(grid.weekStart.get(w) ?? '')}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {grid.offices.map((office) => (
                <tr key={office.id}>
                  <th scope="row">
                    <button
                      type="button"
                      className="link-button"
                      aria-expanded={drill === office.id}
                      aria-controls="drill-down"
                      onClick={() => setDrill(drill === office.id ? null : office.id)}
                    >
                      {office.name}
                    </button>
                  </th>
                  {grid.weeks.map((w) => {
                    const cell = office.cells.get(w);
                    if (!cell)
                      return (
                        <td key={w} className="heat-none">
                          –
                        </td>
                      );
                    return (
                      <td
                        key={w}
                        className={band(cell.gap)}
                        title={`${office.name}, ${w}: ${t('capacity.demandHours')} ${number(cell.demand, 1)}, ${t('capacity.supplyHours')} ${number(cell.supply, 1)}, ${t('capacity.gapHours')} ${number(cell.gap, 1)}`}
                      >
                        {Math.round(cell.gap * 10) > 0 ? '+' : ''}
                        {number(cell.gap, 1)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {plan.data && <PlanSignals plan={plan.data} />}
      <section id="drill-down" aria-live="polite">
        {drillOffice && (
          <div className="card">
            {plan.data && <OfficeWeekTable plan={plan.data} officeId={drillOffice.id} />}
            <h2>{t('capacity.drillTitle', { office: drillOffice.name })}</h2>
            <div
              className="table-scroll"
              role="region"
              aria-label={t('capacity.drillTitle', { office: drillOffice.name })}
              tabIndex={0}
            >
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('common.week')}</th>
                    <th scope="col">{t('capacity.activity')}</th>
                    <th scope="col" className="num">
                      {t('capacity.participants')}
                    </th>
                    <th scope="col" className="num">
                      {t('capacity.demandHours')}
                    </th>
                    <th scope="col" className="num">
                      {t('capacity.supplyHours')}
                    </th>
                    <th scope="col" className="num">
                      {t('capacity.gapHours')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {[...drillOffice.rows]
                    .sort((a, b) => a.week.localeCompare(b.week) || b.gapHours - a.gapHours)
                    .map((row) => (
                      <tr key={`${row.week}-${row.activity}`}>
                        <td>{row.week}</td>
                        <td>{activity(row.activity)}</td>
                        <td className="num">{number(row.participants, 1)}</td>
                        <td className="num">{number(row.demandHours, 1)}</td>
                        <td className="num">{number(row.supplyHours, 1)}</td>
                        <td className={`num ${row.gapHours > 0.5 ? 'text-short' : ''}`}>{number(row.gapHours, 1)}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          </div>
        )}
      </section>
      <ProgrammeShares />
    </>
  );
}
