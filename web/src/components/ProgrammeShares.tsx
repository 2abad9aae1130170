import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { apiClient, ok } from '../api/client';
import { CENTRAL_ROLES, useAuth } from '../auth';
import { addDays, mondayOf, todayLocal } from '../dates';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { ErrorMessage, Success } from './ui';

/**
 * The share of each person's time that goes to programme work: role defaults (central coordinators change them) and
 * each person's own value, dated from a day on. A change makes the plan's supply follow from that day.
 */
export function ProgrammeShares() {
  const { t, percent } = useI18n();
  const { session } = useAuth();
  const central = session ? CENTRAL_ROLES.includes(session.role) : false;
  const queryClient = useQueryClient();
  const ids = { who: useId(), share: useId(), from: useId() };
  const [who, setWho] = useState('');
  const [share, setShare] = useState('');
  const [validFrom, setValidFrom] = useState(() => mondayOf(addDays(todayLocal(), 7)));
  const [saved, setSaved] = useState(false);
  const overview = useQuery({
    queryKey: ['programme-shares'],
    queryFn: () => ok(apiClient.GET('/api/capacity/programme-shares')),
  });
  const save = useMutation({
    mutationFn: () => {
      const value = share.trim() === '' ? null : Number(share.replace(',', '.')) / 100;
      // A role has no default to fall back to: an empty share is sent as it is and the server's refusal shown.
      return who.startsWith('role:')
        ? ok(
            apiClient.PUT('/api/capacity/programme-shares/roles/{role}', {
              params: { path: { role: who.slice(5) } },
              body: { share: value as number, validFrom },
            }),
          )
        : ok(
            apiClient.PUT('/api/capacity/staff/{id}/programme-share', {
              params: { path: { id: who } },
              body: { share: value, validFrom },
            }),
          );
    },
    onSuccess: async () => {
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: ['programme-shares'] });
      await queryClient.invalidateQueries({ queryKey: ['plan'] });
    },
  });
  const role = (code: string) => t(`role.${code}` as MessageKey);
  const data = overview.data;
  return (
    <section className="card" aria-labelledby="programme-shares-title" data-testid="programme-shares">
      <h2 id="programme-shares-title">{t('shares.title')}</h2>
      <p className="muted">{t('shares.intro')}</p>
      <ErrorMessage error={overview.error} />
      {data && (
        <>
          <ul>
            {data.roles.map((r) => (
              <li key={r.role}>{t('shares.roleDefault', { role: role(r.role), share: percent(r.share) })}</li>
            ))}
          </ul>
          <form
            className="toolbar"
            onSubmit={(e) => {
              e.preventDefault();
              setSaved(false);
              save.mutate();
            }}
          >
            <div className="field">
              <label htmlFor={ids.who}>{t('shares.who')}</label>
              <select id={ids.who} value={who} onChange={(e) => setWho(e.target.value)} required>
                <option value="" />
                {central &&
                  data.roles.map((r) => (
                    <option key={r.role} value={`role:${r.role}`}>
                      {t('shares.allOfRole', { role: role(r.role) })}
                    </option>
                  ))}
                {data.staff.map((p) => (
                  <option key={p.staffId} value={p.staffId}>
                    {p.name} ({role(p.role)}, {percent(p.share)}
                    {p.source === 'role' ? ` – ${t('shares.default')}` : ''})
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={ids.share}>{t('shares.share')}</label>
              <input
                id={ids.share}
                inputMode="decimal"
                value={share}
                onChange={(e) => setShare(e.target.value)}
                placeholder={t('shares.emptyIsDefault')}
              />
            </div>
            <div className="field">
              <label htmlFor={ids.from}>{t('shares.validFrom')}</label>
              <input
                id={ids.from}
                type="date"
                value={validFrom}
                onChange={(e) => e.target.value && setValidFrom(e.target.value)}
                required
              />
            </div>
            <button type="submit" className="button" disabled={!who || save.isPending}>
              {t('shares.save')}
            </button>
          </form>
          <ErrorMessage error={save.error} />
          {saved && <Success>{t('shares.saved')}</Success>}
        </>
      )}
    </section>
  );
}
