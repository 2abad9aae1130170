import { useId } from 'react';
import { OfficePicker } from '../../../components/OfficePicker';
import { useI18n } from '../../../i18n';
import type { MessageKey } from '../../../messages';
import type { Schema } from '../../../api/client';
import { CHANNELS, type Channel, type PublishForm } from '../usePublishForm';

/** Office, staff member, channel, date range and the activities the slots are for. */
export function PublishFields({
  form,
  offices,
  officeId,
  setOffice,
}: {
  form: PublishForm;
  offices: Schema<'OfficeDto'>[];
  officeId: string | undefined;
  setOffice(id: string): void;
}) {
  const { t, activity } = useI18n();
  const ids = { staff: useId(), channel: useId(), from: useId(), to: useId() };
  const { chosenStaff, leaders, channel, from, to, individual, codes } = form;
  return (
    <>
      <div className="form-grid">
        <OfficePicker offices={offices} value={officeId} onChange={setOffice} />
        <div className="field">
          <label htmlFor={ids.staff}>{t('publish.staff')}</label>
          <select
            id={ids.staff}
            value={chosenStaff?.id ?? ''}
            onChange={(e) => form.setStaffId(e.target.value)}
            required
          >
            {leaders.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({t(`staffRole.${s.role}` as MessageKey)})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.channel}>{t('publish.channel')}</label>
          <select id={ids.channel} value={channel} onChange={(e) => form.setChannel(e.target.value as Channel)}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channel.${c}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.from}>{t('publish.from')}</label>
          <input id={ids.from} type="date" value={from} required onChange={(e) => form.setFrom(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.to}>{t('publish.to')}</label>
          <input id={ids.to} type="date" value={to} min={from} required onChange={(e) => form.setTo(e.target.value)} />
        </div>
      </div>
      <fieldset className="checkbox-group">
        <legend>{t('publish.activities')}</legend>
        {individual.map((a) => (
          <label key={a.code} className="checkbox">
            <input
              type="checkbox"
              checked={codes.includes(a.code)}
              onChange={(e) => form.toggleCode(a.code, e.target.checked)}
            />
            {activity(a.code, a.nameDa)}
          </label>
        ))}
      </fieldset>
    </>
  );
}
