import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { apiClient, ok } from '../api/client';
import { OfficePicker } from '../components/OfficePicker';
import { ErrorMessage, Loading, numberOptions, PageHeader, SelectField } from '../components/ui';
import { addDays } from '../dates';
import { useSelectedOffice } from '../hooks';
import { useI18n } from '../i18n';

interface Point {
  week: string;
  weekStart: string;
  mean: number;
  band: [number, number];
  lastYear: number | null;
}

export function ForecastPage() {
  const { t, number, date } = useI18n();
  const { officeId, offices, setOffice, loading, error } = useSelectedOffice();
  const [weeks, setWeeks] = useState(26);
  const [scenario, setScenario] = useState('');
  const [showTable, setShowTable] = useState(false);
  const ids = { weeks: useId(), scenario: useId() };
  const scenarios = useQuery({ queryKey: ['scenarios'], queryFn: () => ok(apiClient.GET('/api/capacity/scenarios')) });

  const forecast = useQuery({
    queryKey: ['forecast', officeId, weeks, scenario],
    queryFn: () =>
      ok(
        apiClient.GET('/api/capacity/forecast', {
          params: { query: { officeId, weeks, scenario: scenario || undefined } },
        }),
      ),
    enabled: Boolean(officeId),
  });
  const officeWeeks = useMemo(
    () => forecast.data?.offices.find((o) => o.officeId === officeId)?.weeks ?? [],
    [forecast.data, officeId],
  );
  const firstWeek = officeWeeks[0]?.weekStart;
  const lastWeek = officeWeeks[officeWeeks.length - 1]?.weekStart;
  const history = useQuery({
    queryKey: ['history', officeId, firstWeek, lastWeek],
    queryFn: () =>
      ok(
        apiClient.GET('/api/capacity/history', {
          params: { query: { officeId, from: addDays(firstWeek!, -364), to: addDays(lastWeek!, -364 + 6) } },
        }),
      ),
    enabled: Boolean(officeId && firstWeek && lastWeek),
  });

  const points = useMemo<Point[]>(() => {
    const actuals = new Map<string, number>();
    for (const row of history.data?.rows ?? [])
      actuals.set(row.weekStart, (actuals.get(row.weekStart) ?? 0) + row.newMembers);
    return officeWeeks.map((w) => ({
      week: w.week.replace(/^\d{4}-W/, t('common.weekShort')),
      weekStart: w.weekStart,
      mean: w.mean,
      band: [w.lower80, w.upper80],
      lastYear: history.data ? (actuals.get(addDays(w.weekStart, -364)) ?? 0) : null,
    }));
  }, [officeWeeks, history.data, t]);

  const officeName = offices.find((o) => o.id === officeId)?.name ?? '';

  return (
    <>
      <PageHeader title={t('forecast.title')} />
      <p className="lead">{t('forecast.intro')}</p>
      <form className="toolbar" onSubmit={(e) => e.preventDefault()}>
        <OfficePicker offices={offices} value={officeId} onChange={setOffice} />
        <SelectField
          id={ids.weeks}
          label={t('forecast.weeks')}
          value={weeks}
          options={numberOptions([13, 26, 52])}
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
      </form>
      <ErrorMessage error={error ?? forecast.error ?? history.error} />
      <figure className="chart-card" aria-labelledby="forecast-caption">
        <figcaption id="forecast-caption">
          {t('forecast.caption', { office: officeName })}
          {forecast.data && (
            <span className="muted small">
              {' '}
              {t('forecast.lastHistory', { date: date(forecast.data.lastHistoryWeek) })}
            </span>
          )}
        </figcaption>
        <div className="chart" data-testid="forecast-chart">
          {loading || forecast.isPending ? (
            <Loading height={340} />
          ) : (
            <ResponsiveContainer width="100%" height={340}>
              <ComposedChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer>
                <CartesianGrid stroke="#d0d4d9" strokeDasharray="3 3" />
                <XAxis
                  dataKey="week"
                  tick={{ fill: '#2b3037', fontSize: 12 }}
                  interval="preserveStartEnd"
                  minTickGap={12}
                />
                <YAxis tick={{ fill: '#2b3037', fontSize: 12 }} allowDecimals={false} width={40} />
                <Tooltip
                  formatter={(value) =>
                    Array.isArray(value) ? value.map((v) => number(Number(v), 1)).join('–') : number(Number(value), 1)
                  }
                />
                <Legend formatter={(value: string) => <span className="chart-legend-text">{value}</span>} />
                <Area
                  type="monotone"
                  dataKey="band"
                  name={t('forecast.band')}
                  stroke="none"
                  fill="#9cc3e6"
                  fillOpacity={0.6}
                  isAnimationActive={false}
                />
                <Line
                  type="monotone"
                  dataKey="mean"
                  name={t('forecast.mean')}
                  stroke="#0b4f8a"
                  strokeWidth={2}
                  dot={false}
                  isAnimationActive={false}
                />
                <Line
                  type="monotone"
                  dataKey="lastYear"
                  name={t('forecast.lastYear')}
                  stroke="#8a3b00"
                  strokeWidth={2}
                  strokeDasharray="6 4"
                  dot={false}
                  isAnimationActive={false}
                />
              </ComposedChart>
            </ResponsiveContainer>
          )}
        </div>
      </figure>
      <button
        type="button"
        className="button"
        aria-expanded={showTable}
        aria-controls="forecast-table"
        onClick={() => setShowTable(!showTable)}
      >
        {showTable ? t('forecast.hideTable') : t('forecast.showTable')}
      </button>
      <div id="forecast-table">
        {showTable && (
          <div className="table-scroll" role="region" aria-label={t('forecast.tableLabel')} tabIndex={0}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('common.week')}</th>
                  <th scope="col" className="num">
                    {t('forecast.mean')}
                  </th>
                  <th scope="col" className="num">
                    {t('forecast.band')}
                  </th>
                  <th scope="col" className="num">
                    {t('forecast.lastYear')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {points.map((p) => (
                  <tr key={p.weekStart}>
                    <td>
                      {p.week} ({date(p.weekStart)})
                    </td>
                    <td className="num">{number(p.mean, 1)}</td>
                    <td className="num">
                      {number(p.band[0], 1)}–{number(p.band[1], 1)}
                    </td>
                    <td className="num">{p.lastYear === null ? '–' : number(p.lastYear)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </>
  );
}
