import { kpiMonth } from './kpi-month.js';

describe('KPI month', () => {
  it('bounds a month at local Copenhagen midnight, across the spring DST change', () => {
    expect(kpiMonth('2024-03')).toEqual({
      month: '2024-03',
      firstDay: '2024-03-01',
      lastDay: '2024-03-31',
      start: new Date('2024-02-29T23:00:00Z'),
      end: new Date('2024-03-31T22:00:00Z'),
    });
  });

  it('handles December, leap years and the autumn DST change', () => {
    expect(kpiMonth('2026-12')).toMatchObject({
      lastDay: '2026-12-31',
      start: new Date('2026-11-30T23:00:00Z'),
      end: new Date('2026-12-31T23:00:00Z'),
    });
    expect(kpiMonth('2024-02').lastDay).toBe('2024-02-29');
    expect(kpiMonth('2026-10')).toMatchObject({
      start: new Date('2026-09-30T22:00:00Z'),
      end: new Date('2026-10-31T23:00:00Z'),
    });
  });
});
