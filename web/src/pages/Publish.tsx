import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { OfficePicker } from '../components/OfficePicker';
import { ErrorMessage, Loading, PageHeader, Success } from '../components/ui';
import { addDays, mondayOf, todayLocal, weekday } from '../dates';
import { useActivities, useSelectedOffice } from '../hooks';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import type { PatternPreview, Staff } from '../types';
import { useClosures } from './OfficeWeek';

interface PatternRow {
  key: number;
  weekday: number;
  start: string;
  end: string;
  slotMinutes: number;
}

interface PublishResult {
  created: number;
  slotIds: string[];
  skipped: { date: string; start?: string; reason: string }[];
}

const CHANNELS = ['in-person', 'phone', 'video'] as const;
let nextKey = 1;

export function PublishPage() {
  const { t, date, longDate, activity } = useI18n();
  const { officeId, offices, setOffice, error: officeError } = useSelectedOffice();
  const activities = useActivities();
  const queryClient = useQueryClient();
  const ids = { staff: useId(), channel: useId(), from: useId(), to: useId() };
  const [staffId, setStaffId] = useState('');
  const [codes, setCodes] = useState<string[]>(['cv-meeting', 'follow-up']);
  const [channel, setChannel] = useState<(typeof CHANNELS)[number]>('in-person');
  const [from, setFrom] = useState(() => mondayOf(addDays(todayLocal(), 7)));
  const [to, setTo] = useState(() => addDays(mondayOf(addDays(todayLocal(), 7)), 6));
  const [pattern, setPattern] = useState<PatternRow[]>(() => [
    { key: nextKey++, weekday: 1, start: '09:00', end: '12:00', slotMinutes: 60 },
    { key: nextKey++, weekday: 3, start: '09:00', end: '12:00', slotMinutes: 60 },
  ]);

  const staff = useQuery({
    queryKey: ['staff', officeId],
    queryFn: () => api<Staff[]>('/api/staff', { query: { officeId } }),
    enabled: Boolean(officeId),
  });
  const leaders = (staff.data ?? []).filter((s) => s.officeId === officeId && ['adviser', 'job-consultant', 'pre-unemployment'].includes(s.role));
  const chosenStaff = leaders.find((s) => s.id === staffId) ?? leaders[0];
  const individual = (activities.data ?? []).filter((a) => a.kind === 'individual' && (!chosenStaff || a.leaderRoles.includes(chosenStaff.role)));
  const years = [...new Set([from.slice(0, 4), to.slice(0, 4)].map(Number))];
  const closures = useClosures(officeId, years);
  const patternDays = new Set(pattern.map((p) => p.weekday));
  const closedInRange = [...(closures.data?.entries() ?? [])].filter(([day]) => day >= from && day <= to).sort(([a], [b]) => a.localeCompare(b));

  const body = {
    staffId: chosenStaff?.id,
    activityCodes: codes.filter((c) => individual.some((a) => a.code === c)),
    channel,
    from,
    to,
    pattern: pattern.map(({ weekday: w, start, end, slotMinutes }) => ({ weekday: w, start, end, slotMinutes })),
  };
  const bodyKey = JSON.stringify({ officeId, ...body });
  // The preview follows the form, half a second after the last change.
  const [previewKey, setPreviewKey] = useState(bodyKey);
  useEffect(() => {
    const timer = setTimeout(() => setPreviewKey(bodyKey), 500);
    return () => clearTimeout(timer);
  }, [bodyKey]);
  const ready = Boolean(officeId && chosenStaff && body.activityCodes.length > 0 && from && to);
  const preview = useQuery({
    queryKey: ['pattern-preview', previewKey],
    queryFn: () => {
      const { officeId: office, ...previewBody } = JSON.parse(previewKey) as typeof body & { officeId: string };
      return api<PatternPreview>(`/api/offices/${office}/slots/bulk/preview`, { method: 'POST', body: previewBody });
    },
    enabled: ready && previewKey === bodyKey,
    retry: false,
    placeholderData: (previous) => previous,
  });

  const publish = useMutation({
    mutationFn: () => api<PublishResult>(`/api/offices/${officeId}/slots/bulk`, { method: 'POST', body }),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: ['office-slots'] }), queryClient.invalidateQueries({ queryKey: ['pattern-preview'] })]),
  });
  // A changed form is a new pattern: the last publish result no longer describes it.
  const { reset: resetPublish } = publish;
  useEffect(() => resetPublish(), [bodyKey, resetPublish]);

  const update = (key: number, change: Partial<PatternRow>) => setPattern((rows) => rows.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    publish.mutate();
  };
  const weekdayName = (n: number) => t(`weekday.${n}` as MessageKey);
  /** "helligdag (Juledag)": the API's reason code (with a holiday's name after a colon) in words. */
  const reasonText = (reason: string, day: string) => {
    const [code, detail] = reason.split(/: (.*)/);
    const closure = code === 'OFFICE_CLOSED' ? closures.data?.get(day) : undefined;
    const extra = detail ?? closure;
    return `${t(`skip.${code}` as MessageKey)}${extra ? ` (${extra})` : ''}`;
  };
  /** Skips of one day grouped by reason: "09.00, 10.00 – allerede udgivet". */
  const skippedOn = (skipped: { date: string; start?: string; reason: string }[], day: string) => {
    const groups = new Map<string, string[]>();
    for (const s of skipped.filter((x) => x.date === day)) groups.set(s.reason, [...(groups.get(s.reason) ?? []), ...(s.start ? [s.start.replace(':', '.')] : [])]);
    return [...groups].map(([reason, times]) => `${times.length > 0 ? `${times.join(', ')} – ` : ''}${reasonText(reason, day)}`);
  };
  const previewDays = preview.data ? [...new Set([...preview.data.days.map((d) => d.date), ...preview.data.skipped.map((s) => s.date)])].sort() : [];

  return (
    <>
      <PageHeader title={t('publish.title')} />
      <p className="lead">{t('publish.intro')}</p>
      <ErrorMessage error={officeError ?? staff.error ?? activities.error} />
      <form className="card form" onSubmit={submit} noValidate={false}>
        <div className="form-grid">
          <OfficePicker offices={offices} value={officeId} onChange={setOffice} />
          <div className="field">
            <label htmlFor={ids.staff}>{t('publish.staff')}</label>
            <select id={ids.staff} value={chosenStaff?.id ?? ''} onChange={(e) => setStaffId(e.target.value)} required>
              {leaders.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({t(`staffRole.${s.role}` as MessageKey)})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.channel}>{t('publish.channel')}</label>
            <select id={ids.channel} value={channel} onChange={(e) => setChannel(e.target.value as (typeof CHANNELS)[number])}>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`channel.${c}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.from}>{t('publish.from')}</label>
            <input id={ids.from} type="date" value={from} required onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={ids.to}>{t('publish.to')}</label>
            <input id={ids.to} type="date" value={to} min={from} required onChange={(e) => setTo(e.target.value)} />
          </div>
        </div>
        <fieldset className="checkbox-group">
          <legend>{t('publish.activities')}</legend>
          {individual.map((a) => (
            <label key={a.code} className="checkbox">
              <input type="checkbox" checked={codes.includes(a.code)} onChange={(e) => setCodes(e.target.checked ? [...codes, a.code] : codes.filter((c) => c !== a.code))} />
              {activity(a.code, a.nameDa)}
            </label>
          ))}
        </fieldset>
        <fieldset className="pattern">
          <legend>{t('publish.pattern')}</legend>
          {pattern.map((row, index) => (
            <div key={row.key} className="pattern-row" role="group" aria-label={t('publish.patternRow', { n: index + 1 })}>
              <div className="field">
                <label htmlFor={`wd-${row.key}`}>{t('publish.weekday')}</label>
                <select id={`wd-${row.key}`} value={row.weekday} onChange={(e) => update(row.key, { weekday: Number(e.target.value) })}>
                  {[1, 2, 3, 4, 5, 6, 7].map((n) => (
                    <option key={n} value={n}>
                      {weekdayName(n)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`st-${row.key}`}>{t('publish.start')}</label>
                <input id={`st-${row.key}`} type="time" value={row.start} required onChange={(e) => update(row.key, { start: e.target.value })} />
              </div>
              <div className="field">
                <label htmlFor={`en-${row.key}`}>{t('publish.end')}</label>
                <input id={`en-${row.key}`} type="time" value={row.end} required onChange={(e) => update(row.key, { end: e.target.value })} />
              </div>
              <div className="field">
                <label htmlFor={`len-${row.key}`}>{t('publish.slotMinutes')}</label>
                <input id={`len-${row.key}`} type="number" min={10} max={480} step={5} value={row.slotMinutes} required onChange={(e) => update(row.key, { slotMinutes: Number(e.target.value) })} />
              </div>
              <button type="button" className="button button-small" onClick={() => setPattern((rows) => rows.filter((r) => r.key !== row.key))} disabled={pattern.length === 1}>
                {t('publish.removeRow')}
                <span className="visually-hidden"> {index + 1}</span>
              </button>
            </div>
          ))}
          <button type="button" className="button button-small" onClick={() => setPattern((rows) => [...rows, { key: nextKey++, weekday: 2, start: '09:00', end: '12:00', slotMinutes: 60 }])}>
            {t('publish.addRow')}
          </button>
        </fieldset>
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
        <section className="preview" aria-labelledby="preview-title" data-testid="pattern-preview">
          <h2 id="preview-title">{t('publish.previewTitle')}</h2>
          <div aria-live="polite">
            {!preview.data && preview.isFetching ? (
              <Loading label={t('publish.previewLoading')} height={60} />
            ) : preview.error ? (
              <ErrorMessage error={preview.error} />
            ) : preview.data ? (
              <>
                <p className="notice-title" data-testid="preview-total">
                  {t('publish.previewTotal', { count: preview.data.created })}
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
                            <td className="num">{preview.data.days.find((d) => d.date === day)?.slots ?? 0}</td>
                            <td>{skippedOn(preview.data.skipped, day).join('; ')}</td>
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
        <ErrorMessage error={publish.error} />
        {publish.data && (
          <Success>
            <p className="notice-title" data-testid="publish-result">
              {t('publish.created', { count: publish.data.created })}
            </p>
            {publish.data.skipped.length > 0 && (
              <>
                <p>{t('publish.skipped')}</p>
                <ul data-testid="publish-skipped">
                  {[...new Set(publish.data.skipped.map((s) => s.date))].sort().map((day) => (
                    <li key={day}>
                      {date(day)}: {skippedOn(publish.data.skipped, day).join('; ')}
                    </li>
                  ))}
                </ul>
              </>
            )}
            <p>
              <Link to={`/office?office=${officeId}&week=${from}`}>{t('publish.seeWeek')}</Link>
            </p>
          </Success>
        )}
        <button type="submit" className="button button-primary" disabled={publish.isPending || !chosenStaff || !officeId}>
          {publish.isPending ? t('publish.publishing') : t('publish.submit')}
        </button>
      </form>
    </>
  );
}
