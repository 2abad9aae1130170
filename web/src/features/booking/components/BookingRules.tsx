import { useI18n } from '../../../i18n';
import type { MessageKey } from '../../../messages';
import type { Schema } from '../../../api/client';

type BookingDetails = Schema<'BookingDetailsDto'>;

/** Activities with their own advice on preparing; the rest get their kind's. */
const PREPARE: Record<string, MessageKey> = { 'cv-meeting': 'booking.prepare.cv-meeting' };

/** The last day of a window that ends (exclusively) at local midnight. */
const lastDay = (windowEnd: string) => new Date(Date.parse(windowEnd) - 60_000);

/** How to prepare for the meeting. */
export function BookingPreparation({ booking: b }: { booking: BookingDetails }) {
  const { t } = useI18n();
  const prepareKey =
    PREPARE[b.activityCode] ?? (b.activityKind === 'group' ? 'booking.prepare.group' : 'booking.prepare.individual');
  return (
    <section aria-labelledby="prepare-title">
      <h2 id="prepare-title">{t('booking.prepare')}</h2>
      <p>{t(prepareKey)}</p>
    </section>
  );
}

/** "Aflyser du, skal du booke en ny tid senest …", and whether the seat goes to the waiting list. */
export function ReopenRule({ booking: b }: { booking: BookingDetails }) {
  const { t, longDate } = useI18n();
  return (
    <p>
      {t('booking.rulesReopen', { date: longDate(lastDay(b.rules.itemReopensUntil)) })}
      {b.rules.seatGoesToWaitlist ? ` ${t('booking.rulesWaitlist')}` : ''}
    </p>
  );
}

/** Until when the booking can be moved or cancelled, and what cancelling means. */
export function BookingRules({ booking: b }: { booking: BookingDetails }) {
  const { t, dateTime } = useI18n();
  return (
    <section aria-labelledby="rules-title">
      <h2 id="rules-title">{t('booking.rules')}</h2>
      {b.rules.canCancel ? (
        <>
          <p>{t('booking.rulesText', { when: dateTime(b.rules.changeUntil) })}</p>
          <ReopenRule booking={b} />
        </>
      ) : (
        <p>{t('booking.rulesClosed')}</p>
      )}
    </section>
  );
}
