import { useI18n } from '../../../i18n';
import type { MessageKey } from '../../../messages';
import type { PublishForm } from '../usePublishForm';

/** The weekly pattern: one row per weekday and time span, with the length of each slot. */
export function PatternEditor({ form }: { form: PublishForm }) {
  const { t } = useI18n();
  const { pattern } = form;
  const weekdayName = (n: number) => t(`weekday.${n}` as MessageKey);
  return (
    <fieldset className="pattern">
      <legend>{t('publish.pattern')}</legend>
      {pattern.map((row, index) => (
        <div key={row.key} className="pattern-row" role="group" aria-label={t('publish.patternRow', { n: index + 1 })}>
          <div className="field">
            <label htmlFor={`wd-${row.key}`}>{t('publish.weekday')}</label>
            <select
              id={`wd-${row.key}`}
              value={row.weekday}
              onChange={(e) => form.updateRow(row.key, { weekday: Number(e.target.value) })}
            >
              {[1, 2, 3, 4, 5, 6, 7].map((n) => (
                <option key={n} value={n}>
                  {weekdayName(n)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`st-${row.key}`}>{t('publish.start')}</label>
            <input
              id={`st-${row.key}`}
              type="time"
              value={row.start}
              required
              onChange={(e) => form.updateRow(row.key, { start: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`en-${row.key}`}>{t('publish.end')}</label>
            <input
              id={`en-${row.key}`}
              type="time"
              value={row.end}
              required
              onChange={(e) => form.updateRow(row.key, { end: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`len-${row.key}`}>{t('publish.slotMinutes')}</label>
            <input
              id={`len-${row.key}`}
              type="number"
              min={10}
              max={480}
              step={5}
              value={row.slotMinutes}
              required
              onChange={(e) => form.updateRow(row.key, { slotMinutes: Number(e.target.value) })}
            />
          </div>
          <button
            type="button"
            className="button button-small"
            onClick={() => form.removeRow(row.key)}
            disabled={pattern.length === 1}
          >
            {t('publish.removeRow')}
            <span className="visually-hidden"> {index + 1}</span>
          </button>
        </div>
      ))}
      <button type="button" className="button button-small" onClick={form.addRow}>
        {t('publish.addRow')}
      </button>
    </fieldset>
  );
}
