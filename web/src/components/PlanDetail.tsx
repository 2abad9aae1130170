import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import type { Schema } from '../api/client';

type Plan = Schema<'CapacityPlanDto'>;
type PlanSignal = Plan['signals'][number];

const SHOWN_SIGNALS = 30;

/** The plan's signals (what a coordinator can act on) and the group backlog, worded in the page's language. */
/** The office's name: the plan names each office once, in `offices`. */
const officeNames = (plan: Plan) => new Map(plan.offices.map((o) => [o.id, o.name]));

export function PlanSignals({ plan }: { plan: Plan }) {
  const { t, number, activity } = useI18n();
  const names = officeNames(plan);
  const officeName = (id: string) => names.get(id) ?? '';
  const week = (key: string) => String(Number(key.slice(6)));
  const role = (code: string) => t(`role.${code}` as MessageKey);
  const text = (signal: PlanSignal): string => {
    switch (signal.kind) {
      case 'publish-more':
        return t('planDetail.publishMore', {
          hours: signal.hours,
          activity: activity(signal.activity),
          office: officeName(signal.officeId),
          week: week(signal.week),
        });
      case 'published-beyond-demand':
        return t('planDetail.beyondDemand', {
          office: officeName(signal.officeId),
          week: week(signal.week),
          role: role(signal.role),
          hours: number(signal.hours, 1),
          convertible: number(signal.convertibleHours, 1),
        });
      case 'advisers-short':
        return t('planDetail.advisersShort', {
          office: officeName(signal.officeId),
          week: week(signal.week),
          needed: number(signal.neededFte, 1),
          available: number(signal.availableFte, 1),
        });
    }
  };
  return (
    <section className="card" aria-labelledby="plan-signals-title" data-testid="plan-signals">
      <h2 id="plan-signals-title">{t('planDetail.signalsTitle')}</h2>
      {plan.signals.length === 0 ? (
        <p>{t('planDetail.noSignals')}</p>
      ) : (
        <ul>
          {plan.signals.slice(0, SHOWN_SIGNALS).map((signal) => (
            <li
              key={`${signal.kind}-${signal.officeId}-${signal.week}-${'activity' in signal ? signal.activity : 'role' in signal ? signal.role : ''}`}
            >
              {text(signal)}
            </li>
          ))}
        </ul>
      )}
      {plan.backlog.length > 0 && (
        <>
          <h3>{t('planDetail.backlogTitle')}</h3>
          <ul>
            {plan.backlog.slice(0, SHOWN_SIGNALS).map((b) => (
              <li key={`${b.officeId}-${b.activity}`}>
                {t('planDetail.backlogItem', {
                  office: officeName(b.officeId),
                  activity: activity(b.activity),
                  seats: number(b.waitingSeats, 1),
                  sessions: b.sessions,
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** One office's weeks side by side: demand, the accepted plan, published and booked hours, advisers needed. */
export function OfficeWeekTable({ plan, officeId }: { plan: Plan; officeId: string }) {
  const { t, number } = useI18n();
  const weeks = plan.officeWeeks.filter((w) => w.officeId === officeId);
  if (weeks.length === 0) return null;
  const title = t('planDetail.tableTitle', { office: officeNames(plan).get(officeId) ?? '' });
  const fte = (value: number | null) => (value === null ? '–' : number(value, 1));
  return (
    <div className="table-scroll" role="region" aria-label={title} tabIndex={0} data-testid="office-weeks">
      <table className="data-table">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('common.week')}</th>
            <th scope="col" className="num">
              {t('planDetail.demand')}
            </th>
            <th scope="col" className="num">
              {t('planDetail.planned')}
            </th>
            <th scope="col" className="num">
              {t('planDetail.publishedSlots')}
            </th>
            <th scope="col" className="num">
              {t('planDetail.publishedSessions')}
            </th>
            <th scope="col" className="num">
              {t('planDetail.booked')}
            </th>
            <th scope="col" className="num">
              {t('planDetail.convertible')}
            </th>
            <th scope="col" className="num">
              {t('planDetail.supply')}
            </th>
            <th scope="col" className="num">
              {t('planDetail.advisersFte')}
            </th>
            <th scope="col" className="num">
              {t('planDetail.waiting')}
            </th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr key={w.week}>
              <th scope="row">{w.week}</th>
              <td className="num">{number(w.demandHours, 1)}</td>
              <td className="num">{number(w.plannedHours, 1)}</td>
              <td className="num">{number(w.publishedSlotHours, 1)}</td>
              <td className="num">{number(w.publishedSessionHours, 1)}</td>
              <td className="num">{number(w.bookedHours, 1)}</td>
              <td className="num">{number(w.convertibleHours, 1)}</td>
              <td className="num">{number(w.supplyHours, 1)}</td>
              <td className={`num ${(w.advisersNeededFte ?? 0) > (w.advisersAvailableFte ?? 0) ? 'text-short' : ''}`}>
                {fte(w.advisersNeededFte)} / {fte(w.advisersAvailableFte)}
              </td>
              <td className="num">{number(w.waitingSeats, 1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
