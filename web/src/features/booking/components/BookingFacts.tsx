import { useI18n } from '../../../i18n';
import type { MessageKey } from '../../../messages';
import type { Schema } from '../../../api/client';

type BookingDetails = Schema<'BookingDetailsDto'>;

/** When, where (address, room and map for a meeting in person), with whom, and how. */
export function BookingFacts({ booking: b }: { booking: BookingDetails }) {
  const { t, dateTime, time } = useI18n();
  return (
    <dl className="booking-facts">
      <dt>{t('booking.when')}</dt>
      <dd>
        {dateTime(b.start)}–{time(b.end)}
      </dd>
      <dt>{t('booking.where')}</dt>
      <dd>
        {b.channel === 'in-person' ? (
          <>
            <span className="block">{b.office.name}</span>
            <span className="block">{b.office.street}</span>
            <span className="block">
              {b.office.postcode} {b.office.city}
            </span>
            {b.roomName && <span className="block">{t('booking.room', { room: b.roomName })}</span>}
            <a href={b.mapUrl} target="_blank" rel="noreferrer">
              {t('booking.map', { office: b.office.name })}
            </a>
          </>
        ) : (
          <>
            {t(`channel.${b.channel}` as MessageKey)} · {b.office.name}
          </>
        )}
      </dd>
      <dt>{t('booking.withWhom')}</dt>
      <dd>
        {b.staff.length > 0
          ? b.staff.map((s) => `${s.firstName}, ${t(`staffRole.${s.role}` as MessageKey)}`).join('; ')
          : t('booking.nobodyYet')}
      </dd>
      <dt>{t('booking.channel')}</dt>
      <dd>{t(`booking.channel.${b.channel}` as MessageKey)}</dd>
    </dl>
  );
}
