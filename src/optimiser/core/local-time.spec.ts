import { TZDate } from '@date-fns/tz';
import { buildDayCalendar, localDateOf, localInstant } from './local-time.js';

describe('Copenhagen wall clock to UTC', () => {
  it('maps 09:00 to 08:00Z in winter time and 07:00Z in summer time around 2026-03-29', () => {
    expect(new Date(localInstant(2026, 2, 27, '09:00')).toISOString()).toBe('2026-03-27T08:00:00.000Z');
    expect(new Date(localInstant(2026, 2, 30, '09:00')).toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('maps 09:00 back to 08:00Z after 2026-10-25', () => {
    expect(new Date(localInstant(2026, 9, 23, '09:00')).toISOString()).toBe('2026-10-23T07:00:00.000Z');
    expect(new Date(localInstant(2026, 9, 26, '09:00')).toISOString()).toBe('2026-10-26T08:00:00.000Z');
  });

  it('builds calendar days of 23 and 25 hours on the DST Sundays', () => {
    const spring = buildDayCalendar(localInstant(2026, 2, 28, '00:00'), localInstant(2026, 2, 31, '00:00'));
    expect(spring.days.map((d) => d.date)).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect(spring.days[2].startUtc - spring.days[1].startUtc).toBe(23 * 3_600_000);
    const autumn = buildDayCalendar(localInstant(2026, 9, 24, '00:00'), localInstant(2026, 9, 27, '00:00'));
    expect(autumn.days[2].startUtc - autumn.days[1].startUtc).toBe(25 * 3_600_000);
    expect(autumn.instantAt(2, '13:00')).toBe(Date.parse('2026-10-26T12:00:00Z'));
  });

  it.each(['Europe/Copenhagen', 'America/New_York', 'America/Santiago', 'Australia/Lord_Howe'])(
    "gives the time-zone library's instant for every day and time of 2026 in %s",
    (timeZone) => {
      const from = new TZDate(2026, 0, 1, 0, 0, timeZone).getTime();
      const to = new TZDate(2027, 0, 1, 0, 0, timeZone).getTime();
      const calendar = buildDayCalendar(from, to, timeZone);
      expect(calendar.days).toHaveLength(365);
      const wrong: string[] = [];
      calendar.days.forEach((day, d) => {
        for (const hhmm of ['00:00', '00:30', '02:30', '08:00', '11:30', '13:00', '23:59']) {
          const expected = localInstant(day.year, day.month, day.dayOfMonth, hhmm, timeZone);
          if (calendar.instantAt(d, hhmm) !== expected) wrong.push(`${day.date} ${hhmm}`);
        }
      });
      expect(wrong).toEqual([]);
    },
  );

  it('reads local dates across midnight UTC', () => {
    expect(localDateOf(Date.parse('2026-06-04T22:30:00Z'))).toBe('2026-06-05');
  });
});
