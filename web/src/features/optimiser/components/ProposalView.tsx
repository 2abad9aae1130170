import { ConfirmDialog, ErrorMessage, Success } from '../../../components/ui';
import { useI18n } from '../../../i18n';
import { bookingsMade } from '../../../optimiser-report';
import type { ApplyAnswer, Proposal } from '../types';
import { UnplacedList } from './UnplacedList';

/** A finished run's proposal: its figures, the sessions it opens, who stays unplaced, and Apply (or what Apply did). */
export function ProposalView({
  proposal: p,
  applied,
  appliedAt,
  applyError,
  applying,
  confirming,
  onConfirming,
  onApply,
}: {
  proposal: Proposal;
  applied: ApplyAnswer | null;
  appliedAt: string | null | undefined;
  applyError: unknown;
  applying: boolean;
  confirming: boolean;
  onConfirming(open: boolean): void;
  onApply(): void;
}) {
  const { t, number, percent, dateTime, time, activity } = useI18n();
  return (
    <>
      <dl className="summary">
        <div>
          <dt>{t('optimiser.placed')}</dt>
          <dd>
            {number(p.summary.placed)} / {number(p.summary.items)}
          </dd>
        </div>
        <div>
          <dt>{t('optimiser.sessionsOpened')}</dt>
          <dd>{number(p.summary.sessionsOpened)}</dd>
        </div>
        {p.summary.withdrawal && p.summary.withdrawal.slots > 0 && (
          <div data-testid="optimiser-withdrawn">
            <dt>{t('optimiser.withdrawnTitle')}</dt>
            <dd>
              {t('optimiser.slotsWithdrawn', {
                slots: number(p.summary.withdrawal.slots),
                hours: number(p.summary.withdrawal.hours),
                members: number(p.summary.withdrawal.membersPlaced),
              })}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('optimiser.existingSeats')}</dt>
          <dd>{number(p.summary.seatsInExistingSessions)}</dd>
        </div>
        <div>
          <dt>{t('optimiser.unplaced')}</dt>
          <dd>{number(p.summary.unplaced)}</dd>
        </div>
        <div>
          <dt>{t('optimiser.gap')}</dt>
          <dd>{percent(p.summary.gap)}</dd>
        </div>
      </dl>
      <h3>{t('optimiser.newSessions')}</h3>
      {p.newSessions.length === 0 ? (
        <p>{t('optimiser.noNewSessions')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-label={t('optimiser.newSessions')} tabIndex={0}>
          <table className="data-table" data-testid="proposal-sessions">
            <thead>
              <tr>
                <th scope="col">{t('capacity.activity')}</th>
                <th scope="col">{t('common.office')}</th>
                <th scope="col">{t('common.when')}</th>
                <th scope="col">{t('optimiser.leaders')}</th>
                <th scope="col">{t('optimiser.members')}</th>
              </tr>
            </thead>
            <tbody>
              {p.newSessions.map((s) => (
                <tr key={s.key}>
                  <td>{activity(s.activityCode, s.activityName)}</td>
                  <td>
                    {s.office.name}
                    {s.room.name ? `, ${s.room.name}` : ''}
                  </td>
                  <td>
                    {dateTime(s.start)}–{time(s.end)}
                  </td>
                  <td>{s.leaders.map((l) => l.name ?? l.staffId).join(', ')}</td>
                  <td>
                    {s.members.length}:{' '}
                    <span className="small">{s.members.map((m) => m.memberNumber ?? '–').join(', ')}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <UnplacedList key={p.runId} runId={p.runId} total={p.summary.unplaced} />
      {applied || appliedAt ? (
        <Success>
          <p className="notice-title">{t('optimiser.applied')}</p>
          {applied && (
            <p data-testid="optimiser-applied-report">
              {t('optimiser.appliedReport', {
                sessions: applied.report.sessionsCreated.length,
                bookings: bookingsMade(applied.report),
                notCreated: applied.report.sessionsNotCreated.length,
              })}
            </p>
          )}
          {applied && (applied.report.slotsWithdrawn?.length ?? 0) > 0 && (
            <p data-testid="optimiser-applied-withdrawn">
              {t('optimiser.appliedWithdrawn', { count: applied.report.slotsWithdrawn!.length })}
            </p>
          )}
        </Success>
      ) : (
        <button
          type="button"
          className="button button-primary"
          onClick={() => onConfirming(true)}
          disabled={p.newSessions.length === 0 && p.seatsInExistingSessions.length === 0}
        >
          {t('optimiser.apply')}
        </button>
      )}
      <ErrorMessage error={applyError} />
      <ConfirmDialog
        open={confirming}
        title={t('optimiser.applyTitle')}
        confirmLabel={t('optimiser.apply')}
        cancelLabel={t('common.cancel')}
        busy={applying}
        onConfirm={onApply}
        onCancel={() => onConfirming(false)}
      >
        <p>{t('optimiser.applyText', { sessions: p.newSessions.length, members: p.summary.placed })}</p>
        <ErrorMessage error={applyError} />
      </ConfirmDialog>
    </>
  );
}
