import { weekday } from '../../../dates';
import { useI18n } from '../../../i18n';

/** Holidays and closure days in the date range, and which of them the pattern would hit (they are skipped). */
export function ClosuresInRange({
  closedInRange,
  patternDays,
}: {
  closedInRange: [string, string][];
  patternDays: Set<number>;
}) {
  const { t, longDate } = useI18n();
  return (
    <section className="closures" aria-labelledby="closures-title">
      <h2 id="closures-title">{t('publish.closuresTitle')}</h2>
      {closedInRange.length === 0 ? (
        <p>{t('publish.noClosures')}</p>
      ) : (
        <ul data-testid="closures-in-range">
          {closedInRange.map(([day, reason]) => (
            <li key={day}>
              {longDate(day)}: {reason}
              {patternDays.has(weekday(day)) ? ` – ${t('publish.willSkip')}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
