import { getISOWeek, getISOWeekYear } from 'date-fns';
import { tz } from '@date-fns/tz';
import { addIsoWeeks, isoWeekOf, isoWeekSlotOf, isoWeekStart } from './iso-week.js';

describe('ISO week helpers', () => {
  it('agree with date-fns (in UTC) on every day around each new year from 2015 to 2031, and every 9th day between', () => {
    const utc = tz('UTC');
    const days: number[] = [];
    for (let year = 2015; year <= 2031; year++) {
      for (let d = -14; d <= 14; d++) days.push(Date.UTC(year, 0, 1) + d * 86_400_000);
    }
    for (let day = Date.UTC(2015, 0, 1); day < Date.UTC(2031, 0, 1); day += 9 * 86_400_000) days.push(day);
    for (const day of days) {
      const date = new Date(day + 13 * 3_600_000);
      expect(isoWeekOf(date)).toEqual({ year: getISOWeekYear(date, { in: utc }), week: getISOWeek(date, { in: utc }) });
    }
  });

  it('starts a week on Monday 00:00 UTC, including a week that begins in the previous calendar year', () => {
    expect(isoWeekStart({ year: 2025, week: 1 }).toISOString()).toBe('2024-12-30T00:00:00.000Z');
    expect(isoWeekStart({ year: 2026, week: 53 }).toISOString()).toBe('2026-12-28T00:00:00.000Z');
  });

  it('rejects weeks that do not exist', () => {
    expect(() => isoWeekStart({ year: 2025, week: 53 })).toThrow('has no week 53');
    expect(() => isoWeekStart({ year: 2025, week: 0 })).toThrow('Invalid ISO week');
  });

  it('adds weeks across a 53-week year', () => {
    expect(addIsoWeeks({ year: 2026, week: 52 }, 1)).toEqual({ year: 2026, week: 53 });
    expect(addIsoWeeks({ year: 2026, week: 52 }, 2)).toEqual({ year: 2027, week: 1 });
    expect(addIsoWeeks({ year: 2027, week: 1 }, -2)).toEqual({ year: 2026, week: 52 });
  });

  it('maps weeks to slots 0–51 with week 53 sharing the slot of week 52', () => {
    const slotOf = isoWeekSlotOf({ year: 2026, week: 51 });
    expect([0, 1, 2, 3].map(slotOf)).toEqual([50, 51, 51, 0]);
  });
});
