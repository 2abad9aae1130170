import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { apiClient, ok, type Schema } from '../api/client';
import { localDateOf, todayLocal } from '../dates';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { ErrorMessage, Loading, SelectField } from './ui';

export interface Booked {
  bookingId: string;
  start: string;
  moved: boolean;
}

const DISTANCES = [10, 25, 50, 100, 200];
const DEFAULT_KM = 50;

/**
 * Choosing a time the way booking products do it: the member's own adviser first, then a day picker (days
 * with free times marked) and that day's times; filters for channel and travel distance. With `bookingId`
 * it moves that booking (atomically: the old time stays until the new one is confirmed).
 */
export function TimePicker({
  memberId,
  itemId,
  channels,
  bookingId,
  onDone,
}: {
  memberId: string;
  itemId: string;
  channels: string[];
  bookingId?: string;
  onDone(result: Booked): void;
}) {
  const { t, time, shortDay, longDate, number } = useI18n();
  const queryClient = useQueryClient();
  const headingId = useId();
  const ids = { channel: useId(), km: useId() };
  const [channel, setChannel] = useState('');
  const [maxKm, setMaxKm] = useState(DEFAULT_KM);
  const [day, setDay] = useState<string | null>(null);
  const queryKey = ['availability', memberId, itemId, channel, maxKm];
  const availability = useQuery({
    queryKey,
    queryFn: () =>
      ok(
        apiClient.GET('/api/members/{id}/availability', {
          params: {
            path: { id: memberId },
            query: { item: itemId, channel: (channel || undefined) as Schema<'Channel'> | undefined, maxKm },
          },
        }),
      ),
  });
  const book = useMutation({
    mutationFn: (option: Schema<'AvailabilityOptionDto'>) => {
      const target = option.kind === 'slot' ? { slotId: option.id } : { sessionId: option.id };
      return bookingId
        ? ok(apiClient.POST('/api/bookings/{id}/reschedule', { params: { path: { id: bookingId } }, body: target }))
        : ok(apiClient.POST('/api/bookings', { body: { memberId, programmeItemId: itemId, ...target } }));
    },
    onSuccess: async (answer, option) => {
      // The item just booked has other times now (or none): drop its answers instead of refetching them.
      queryClient.removeQueries({ queryKey: ['availability', memberId, itemId] });
      onDone({ bookingId: answer.id, start: option.start, moved: Boolean(bookingId) });
      await queryClient.invalidateQueries({ queryKey: ['programme', memberId] });
      await queryClient.invalidateQueries({ queryKey: ['booking', answer.id] });
      await queryClient.invalidateQueries({ queryKey: ['availability', memberId] });
    },
  });

  const wait = useMutation({
    mutationFn: (sessionId: string) =>
      ok(
        apiClient.POST('/api/sessions/{id}/waitlist', {
          params: { path: { id: sessionId } },
          body: { memberId, programmeItemId: itemId },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['availability', memberId, itemId] });
      await queryClient.invalidateQueries({ queryKey: ['programme', memberId] });
    },
  });
  const options = availability.data?.options ?? [];
  const fullSessions = bookingId ? [] : (availability.data?.fullSessions ?? []);
  const continuityOptions = options.filter((o) => o.continuity).slice(0, 3);
  const days = [...new Set(options.map((o) => localDateOf(o.start)))].sort();
  const shownDay = day && days.includes(day) ? day : days[0];
  const ofDay = options.filter((o) => localDateOf(o.start) === shownDay).sort((a, b) => a.start.localeCompare(b.start));
  const continuity = (text: string) => {
    const key = `continuity.${text}` as MessageKey;
    const translated = t(key);
    return translated === key ? text : translated;
  };
  const channelName = (c: string) => t(`channel.${c}` as MessageKey);
  const bookableFrom = availability.data?.bookableFrom;
  const notYet = bookableFrom && localDateOf(bookableFrom) > todayLocal();

  const optionRow = (o: Schema<'AvailabilityOptionDto'>) => {
    const label = t(bookingId ? 'picker.moveLabel' : 'picker.bookLabel', {
      when: `${longDate(o.start)} ${t('picker.at')} ${time(o.start)}`,
      office: o.officeName ?? '',
      channel: channelName(o.channel).toLowerCase(),
    });
    return (
      <li key={`${o.kind}-${o.id}`} className="option" data-option-id={o.id}>
        <div>
          <p className="option-when">
            {time(o.start)}–{time(o.end)}
            {o.continuity ? ` · ${shortDay(o.start)}` : ''}
          </p>
          <p className="small">
            {o.officeName} · {channelName(o.channel)}
            {o.distanceKm !== null && o.channel === 'in-person' ? ` · ${number(o.distanceKm)} km` : ''}
            {o.seatsLeft !== null
              ? ` · ${t(o.seatsLeft === 1 ? 'member.seatLeft' : 'member.seatsLeft', { count: o.seatsLeft })}`
              : ''}
          </p>
          {o.continuity && <p className="badge badge-good">{continuity(o.continuity)}</p>}
        </div>
        <button
          type="button"
          className="button button-primary"
          disabled={book.isPending}
          onClick={() => book.mutate(o)}
          aria-label={label + (o.continuity ? `, ${continuity(o.continuity).toLowerCase()}` : '')}
        >
          {t(bookingId ? 'member.moveHere' : 'member.book')}
        </button>
      </li>
    );
  };

  return (
    <section className="options" aria-labelledby={headingId} data-testid="time-picker">
      <h3 id={headingId}>{t(bookingId ? 'member.rescheduleOptions' : 'member.options')}</h3>
      {bookingId && <p className="small muted">{t('picker.keepOld')}</p>}
      <div className="filters">
        {channels.length > 1 && (
          <SelectField
            id={ids.channel}
            label={t('picker.channel')}
            value={channel}
            options={[
              { value: '', label: t('picker.anyChannel') },
              ...channels.map((c) => ({ value: c, label: channelName(c) })),
            ]}
            onChange={setChannel}
          />
        )}
        {channels.includes('in-person') && channel !== 'phone' && channel !== 'video' && (
          <SelectField
            id={ids.km}
            label={t('picker.distance')}
            value={maxKm}
            options={DISTANCES.map((km) => ({ value: String(km), label: t('picker.km', { km }) }))}
            onChange={(v) => setMaxKm(Number(v))}
          />
        )}
      </div>
      <ErrorMessage
        error={availability.error ?? book.error ?? wait.error}
        onRetry={availability.error ? () => void availability.refetch() : undefined}
      />
      {availability.isPending && <Loading height={120} />}
      {availability.data && options.length === 0 && fullSessions.length === 0 && (
        <p data-testid="no-options">
          {notYet
            ? t('picker.notYet', { date: longDate(bookableFrom!) })
            : channel || maxKm !== DEFAULT_KM
              ? t('picker.noneWithFilters')
              : t('picker.noneYet')}
        </p>
      )}
      {continuityOptions.length > 0 && (
        <div className="continuity-first">
          <h4>{continuity(continuityOptions[0].continuity!)}</h4>
          <ul className="option-list" data-testid="continuity-options">
            {continuityOptions.map(optionRow)}
          </ul>
        </div>
      )}
      {days.length > 0 && (
        <>
          <div className="day-picker" role="group" aria-label={t('picker.days')}>
            {days.map((d) => {
              const count = options.filter((o) => localDateOf(o.start) === d).length;
              return (
                <button
                  key={d}
                  type="button"
                  className="day-button"
                  aria-pressed={d === shownDay}
                  onClick={() => setDay(d)}
                >
                  <span className="day-name">{shortDay(d)}</span>
                  <span className="day-count">{t(count === 1 ? 'picker.oneTime' : 'picker.times', { count })}</span>
                </button>
              );
            })}
          </div>
          <h4 className="day-heading" aria-live="polite">
            {shownDay && longDate(shownDay)}
          </h4>
          <ul className="option-list" data-testid="options">
            {ofDay.map(optionRow)}
          </ul>
        </>
      )}
      {fullSessions.length > 0 && (
        <div className="full-sessions" data-testid="full-sessions">
          <h4>{t('waitlist.title')}</h4>
          <p className="small muted">{t('waitlist.intro')}</p>
          <ul className="option-list">
            {fullSessions.map((s) => (
              <li key={s.id} className="option" data-session-id={s.id}>
                <div>
                  <p className="option-when">
                    {longDate(s.start)} {t('picker.at')} {time(s.start)}–{time(s.end)}
                  </p>
                  <p className="small">
                    {s.officeName} · {number(s.distanceKm)} km · {t('waitlist.full')}
                  </p>
                </div>
                {s.waitlistPosition ? (
                  <p className="badge badge-good" role="status">
                    {t('waitlist.position', { position: s.waitlistPosition })}
                  </p>
                ) : (
                  <button
                    type="button"
                    className="button"
                    disabled={wait.isPending}
                    onClick={() => wait.mutate(s.id)}
                    aria-label={t('waitlist.joinLabel', {
                      when: `${longDate(s.start)} ${t('picker.at')} ${time(s.start)}`,
                      office: s.officeName ?? '',
                    })}
                  >
                    {t('waitlist.join')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
