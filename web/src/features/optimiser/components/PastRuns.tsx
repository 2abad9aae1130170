import { ErrorMessage, Loading } from '../../../components/ui';
import { useI18n } from '../../../i18n';
import type { MessageKey } from '../../../messages';
import { FINISHED } from '../types';
import { usePastRuns } from '../usePastRuns';

/** Earlier runs, the nightly ones too, newest first, with their scope, status and result; one can be opened. */
export function PastRuns({ current, onOpen }: { current: string | null; onOpen: (id: string) => void }) {
  const { t, number, date, dateTime } = useI18n();
  const { runs, offset, hasPrevious, hasNext, previous, next } = usePastRuns();
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
                      {t('optimiser.scopeText', {
                        from: date(r.params.from),
                        to: date(r.params.to),
                        km: number(r.params.maxTravelKm),
                      })}
                      {r.params.activityTypes && (
                        <span className="block small muted">
                          {t('optimiser.activitiesCount', { count: r.params.activityTypes.length })}
                        </span>
                      )}
                      {r.params.departmentIds && (
                        <span className="block small muted">
                          {t('optimiser.departmentsChosen', { count: r.params.departmentIds.length })}
                        </span>
                      )}
                    </td>
                    <td>{t(`optimiser.state.${r.status}` as MessageKey)}</td>
                    <td data-testid="run-result">
                      {r.result
                        ? t('optimiser.resultText', {
                            placed: number(r.result.placed),
                            items: number(r.result.items),
                            sessions: number(r.result.sessionsOpened),
                          })
                        : (r.error ?? '–')}
                      {r.applied && (
                        <span className="block small" data-testid="run-applied">
                          {t('optimiser.appliedShort', {
                            bookings: number(r.applied.bookings),
                            sessions: number(r.applied.sessionsCreated),
                          })}
                        </span>
                      )}
                    </td>
                    <td>
                      {r.id !== current && (r.status === 'done' || !FINISHED.has(r.status)) && (
                        <button
                          type="button"
                          className="button button-small"
                          onClick={() => onOpen(r.id)}
                          aria-label={t('optimiser.openLabel', { when: dateTime(r.createdAt) })}
                        >
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
            <p className="small">
              {t('optimiser.runsRange', {
                first: number(offset + 1),
                last: number(offset + list.runs.length),
                total: number(list.total),
              })}
            </p>
            <button type="button" className="button button-small" onClick={previous} disabled={!hasPrevious}>
              {t('common.previous')}
            </button>
            <button type="button" className="button button-small" onClick={next} disabled={!hasNext}>
              {t('common.next')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
