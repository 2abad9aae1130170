import { useId } from 'react';
import { numberOptions, SelectField } from '../../../components/ui';
import { mondayOf } from '../../../dates';
import { useI18n } from '../../../i18n';
import { DEFAULT_MAX_TRAVEL_KM, type RunParameters } from '../useOptimiserRun';

/** The scope of a new run and the button that starts it. */
export function RunParametersForm({
  parameters,
  onStart,
  disabled,
}: {
  parameters: RunParameters;
  onStart(): void;
  disabled: boolean;
}) {
  const { t, date, activity } = useI18n();
  const ids = { from: useId(), weeks: useId(), km: useId() };
  const p = parameters;
  return (
    <form
      className="card"
      aria-labelledby="params-title"
      onSubmit={(e) => {
        e.preventDefault();
        onStart();
      }}
    >
      <h2 id="params-title">{t('optimiser.parameters')}</h2>
      <div className="toolbar">
        <div className="field">
          <label htmlFor={ids.from}>{t('capacity.from')}</label>
          <input
            id={ids.from}
            type="date"
            value={p.from}
            onChange={(e) => e.target.value && p.setFrom(mondayOf(e.target.value))}
          />
        </div>
        <SelectField
          id={ids.weeks}
          label={t('capacity.weeks')}
          value={p.weeks}
          options={numberOptions([1, 2, 4, 8, 13])}
          onChange={(v) => p.setWeeks(Number(v))}
        />
        <div className="field">
          <label htmlFor={ids.km}>{t('optimiser.maxTravelKm')}</label>
          <input
            id={ids.km}
            type="number"
            inputMode="numeric"
            min={1}
            max={300}
            step={1}
            value={p.maxTravelKm}
            onChange={(e) =>
              p.setMaxTravelKm(Math.max(1, Math.min(300, Math.round(Number(e.target.value) || DEFAULT_MAX_TRAVEL_KM))))
            }
          />
        </div>
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={p.withdrawSlots}
          onChange={(e) => p.setWithdrawSlots(e.target.checked)}
          data-testid="optimiser-withdraw-slots"
        />{' '}
        {t('optimiser.withdrawSlots')}
      </label>
      <p className="small muted" data-testid="optimiser-period">
        {t('optimiser.periodText', { from: date(p.from), to: date(p.to) })}
      </p>
      <fieldset className="checkbox-group" data-testid="optimiser-activities">
        <legend>{t('optimiser.activities')}</legend>
        <p className="small muted span-all">{t('optimiser.activitiesHint')}</p>
        {p.groupActivities.map((a) => (
          <label key={a.code} className="checkbox">
            <input
              type="checkbox"
              checked={p.activityTypes.includes(a.code)}
              onChange={(e) => p.toggleActivity(a.code, e.target.checked)}
            />
            {activity(a.code, a.nameDa)}
          </label>
        ))}
      </fieldset>
      <details className="choice-details">
        <summary>
          {t('optimiser.departments')}:{' '}
          {p.departmentIds.length === 0
            ? t('capacity.allDepartments')
            : t('optimiser.departmentsChosen', { count: p.departmentIds.length })}
        </summary>
        <fieldset className="checkbox-group" data-testid="optimiser-departments">
          <legend>{t('optimiser.departments')}</legend>
          {p.departments.map((d) => (
            <label key={d.id} className="checkbox">
              <input
                type="checkbox"
                checked={p.departmentIds.includes(d.id)}
                onChange={(e) => p.toggleDepartment(d.id, e.target.checked)}
              />
              {d.name}
            </label>
          ))}
        </fieldset>
      </details>
      <button type="submit" className="button button-primary" disabled={disabled}>
        {t('optimiser.start')}
      </button>
    </form>
  );
}
