import { useId } from 'react';
import { useI18n } from '../i18n';
import type { Schema } from '../api/client';

export function OfficePicker({
  offices,
  value,
  onChange,
}: {
  offices: Schema<'OfficeDto'>[];
  value: string | undefined;
  onChange(id: string): void;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="field field-inline">
      <label htmlFor={id}>{t('common.office')}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        {offices.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
}
