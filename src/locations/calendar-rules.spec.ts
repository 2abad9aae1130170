import { defaultClosureDays, publicHolidays, publicHolidaysBetween } from './calendar-rules.js';

describe('Danish calendar rules', () => {
  it('lists the ten public holidays of 2026 without Store Bededag or Grundlovsdag', () => {
    const dates = publicHolidays(2026).map((h) => h.date);
    expect(dates).toEqual([
      '2026-01-01',
      '2026-04-02',
      '2026-04-03',
      '2026-04-05',
      '2026-04-06',
      '2026-05-14',
      '2026-05-24',
      '2026-05-25',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it('still knows Store Bededag in 2023, before it was abolished', () => {
    expect(publicHolidays(2023).some((h) => h.name === 'Store Bededag')).toBe(true);
  });

  it('filters holidays to an inclusive date range across years', () => {
    expect(publicHolidaysBetween('2026-12-20', '2027-01-02').map((h) => h.date)).toEqual([
      '2026-12-25',
      '2026-12-26',
      '2027-01-01',
    ]);
  });

  it('closes offices on Grundlovsdag and the two eves by default', () => {
    expect(defaultClosureDays(2027).map((d) => d.date)).toEqual(['2027-06-05', '2027-12-24', '2027-12-31']);
  });
});
