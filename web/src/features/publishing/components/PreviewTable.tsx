import { ErrorMessage, Loading } from '../../../components/ui';
import { useI18n } from '../../../i18n';
import type { PatternPreview, Skip } from '../usePublishForm';

/** What the pattern would publish, day by day, and what it would skip and why. */
export function PreviewTable({
  preview,
  fetching,
  error,
  skippedOn,
}: {
  preview: PatternPreview | undefined;
  fetching: boolean;
  error: unknown;
  skippedOn(skipped: Skip[], day: string): string[];
}) {
  const { t, longDate } = useI18n();
  const previewDays = preview
    ? [...new Set([...preview.days.map((d) => d.date), ...preview.skipped.map((s) => s.date)])].sort()
    : [];
  return (
    <section className="preview" aria-labelledby="preview-title" data-testid="pattern-preview">
      <h2 id="preview-title">{t('publish.previewTitle')}</h2>
      <div aria-live="polite">
        {!preview && fetching ? (
          <Loading label={t('publish.previewLoading')} height={60} />
        ) : error ? (
          <ErrorMessage error={error} />
        ) : preview ? (
          <>
            <p className="notice-title" data-testid="preview-total">
              {t('publish.previewTotal', { count: preview.created })}
            </p>
            {previewDays.length === 0 ? (
              <p>{t('publish.previewEmpty')}</p>
            ) : (
              <div className="table-scroll" role="region" aria-labelledby="preview-title" tabIndex={0}>
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('publish.previewDay')}</th>
                      <th scope="col" className="num">
                        {t('publish.previewSlots')}
                      </th>
                      <th scope="col">{t('publish.previewSkipped')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {previewDays.map((day) => (
                      <tr key={day} data-date={day}>
                        <th scope="row">{longDate(day)}</th>
                        <td className="num">{preview.days.find((d) => d.date === day)?.slots ?? 0}</td>
                        <td>{skippedOn(preview.skipped, day).join('; ')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        ) : null}
      </div>
    </section>
  );
}
