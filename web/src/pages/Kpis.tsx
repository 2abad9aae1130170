import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { apiClient, downloadCsv as downloadExcelCsv, ok } from '../api/client';
import { ErrorMessage, Loading, PageHeader } from '../components/ui';
import { todayLocal } from '../dates';
import { useI18n } from '../i18n';

export function KpiPage() {
  const { t, number, percent } = useI18n();
  const [month, setMonth] = useState(() => todayLocal().slice(0, 7));
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const monthId = useId();
  const kpis = useQuery({
    queryKey: ['kpis', month],
    queryFn: () => ok(apiClient.GET('/api/kpis', { params: { query: { month } } })),
  });
  const share = (value: number | null) => (value === null ? '–' : percent(value));
  const rows = [...(kpis.data?.rows ?? [])].sort(
    (a, b) =>
      (a.scope === 'office' ? 1 : 0) - (b.scope === 'office' ? 1 : 0) ||
      (a.officeName ?? '').localeCompare(b.officeName ?? '', 'da'),
  );

  async function downloadCsv() {
    setDownloadError(null);
    try {
      await downloadExcelCsv('/api/kpis', { query: { month } }, `kpis-${month}.csv`);
    } catch (error) {
      setDownloadError(error);
    }
  }

  return (
    <>
      <PageHeader title={t('kpis.title')}>
        <button type="button" className="button" onClick={downloadCsv} disabled={!kpis.data}>
          {t('capacity.downloadCsv')}
        </button>
      </PageHeader>
      <p className="lead">{t('kpis.intro')}</p>
      <ErrorMessage error={downloadError} />
      <form className="toolbar" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={monthId}>{t('kpis.month')}</label>
          <input id={monthId} type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />
        </div>
      </form>
      <ErrorMessage error={kpis.error} />
      {kpis.isPending && <Loading height={300} />}
      {kpis.data && rows.length === 0 && <p>{t('kpis.empty')}</p>}
      {kpis.data && rows.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="kpi-caption" tabIndex={0}>
          <table className="data-table" data-testid="kpi-table">
            <caption id="kpi-caption">{t('kpis.caption', { days: kpis.data.firstMeetingWithinDays })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('common.office')}</th>
                <th scope="col" className="num">
                  {t('kpis.firstOnTime')}
                </th>
                <th scope="col" className="num">
                  {t('kpis.heldInWindow')}
                </th>
                <th scope="col" className="num">
                  {t('kpis.activeMembers')}
                </th>
                <th scope="col" className="num">
                  {t('kpis.jobMeetings')}
                </th>
                <th scope="col" className="num">
                  {t('kpis.noShows')}
                </th>
                <th scope="col" className="num">
                  {t('kpis.slotUse')}
                </th>
                <th scope="col" className="num">
                  {t('kpis.seatUse')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr
                  key={`${row.scope}-${row.officeId ?? row.departmentName ?? 'fund'}`}
                  className={row.scope === 'office' ? undefined : 'row-total'}
                >
                  <th scope="row">
                    {row.scope === 'fund'
                      ? t('kpis.fund')
                      : row.scope === 'department'
                        ? t('kpis.departmentTotal', { department: row.departmentName ?? '' })
                        : row.officeName}
                  </th>
                  <td className="num">
                    {share(row.firstMeetingsOnTimeShare)}{' '}
                    <span className="muted small">
                      ({number(row.firstMeetingsOnTime)}/{number(row.firstMeetingsDue)})
                    </span>
                  </td>
                  <td className="num">{share(row.itemsHeldInWindowShare)}</td>
                  <td className="num">{number(row.activeMembers)}</td>
                  <td className="num">
                    {row.jobMeetingsPerMember === null ? '–' : number(row.jobMeetingsPerMember, 1)}{' '}
                    <span className="muted small">/ {number(row.jobMeetingsTarget, 1)}</span>
                  </td>
                  <td className="num">{share(row.noShowRate)}</td>
                  <td className="num">{share(row.slotMinutesUsedShare)}</td>
                  <td className="num">{share(row.sessionSeatsUsedShare)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
