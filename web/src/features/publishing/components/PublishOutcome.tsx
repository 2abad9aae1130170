import { Link } from 'react-router';
import { Success } from '../../../components/ui';
import { useI18n } from '../../../i18n';
import type { PublishResult, Skip } from '../usePublishForm';

/** How many slots were published, what was skipped, and a link to the week. */
export function PublishOutcome({
  result,
  officeId,
  from,
  skippedOn,
}: {
  result: PublishResult;
  officeId: string | undefined;
  from: string;
  skippedOn(skipped: Skip[], day: string): string[];
}) {
  const { t, date } = useI18n();
  return (
    <Success>
      <p className="notice-title" data-testid="publish-result">
        {t('publish.created', { count: result.created })}
      </p>
      {result.skipped.length > 0 && (
        <>
          <p>{t('publish.skipped')}</p>
          <ul data-testid="publish-skipped">
            {[...new Set(result.skipped.map((s) => s.date))].sort().map((day) => (
              <li key={day}>
                {date(day)}: {skippedOn(result.skipped, day).join('; ')}
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <Link to={`/office?office=${officeId}&week=${from}`}>{t('publish.seeWeek')}</Link>
      </p>
    </Success>
  );
}
