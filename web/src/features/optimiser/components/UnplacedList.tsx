import { ErrorMessage, Loading } from '../../../components/ui';
import { useI18n } from '../../../i18n';
import { useReasonText, useUnplacedPage } from '../useUnplacedPage';

/** Every unplaced item of a run, a page at a time, with the reason, and a CSV of them all. */
export function UnplacedList({ runId, total }: { runId: string; total: number }) {
  const { t, number, activity } = useI18n();
  const reasonText = useReasonText();
  const { shown, last, error, hasPrevious, hasNext, previous, next, downloadAll } = useUnplacedPage(runId, total);

  return (
    <section aria-labelledby="unplaced-title">
      <h3 id="unplaced-title">{t('optimiser.unplacedTitle')}</h3>
      {total === 0 ? (
        <p>{t('optimiser.allPlaced')}</p>
      ) : (
        <>
          <div className="pager">
            <p className="small" aria-live="polite" data-testid="unplaced-range">
              {shown
                ? t('optimiser.unplacedRange', {
                    first: number(shown.offset + 1),
                    last: number(last),
                    total: number(shown.total),
                  })
                : t('common.loading')}
            </p>
            <button type="button" className="button button-small" onClick={previous} disabled={!hasPrevious}>
              {t('common.previous')}
            </button>
            <button type="button" className="button button-small" onClick={next} disabled={!hasNext}>
              {t('common.next')}
            </button>
            <button type="button" className="button button-small" onClick={downloadAll} data-testid="unplaced-csv">
              {t('optimiser.downloadUnplaced')}
            </button>
          </div>
          <ErrorMessage error={error} />
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
