import { buildDemoHistory } from './demo-history.js';
import { buildDemoOrganisation } from './demo-organisation.js';

describe('buildDemoHistory', () => {
  it.each([1, 7, 42, 20261123])(
    'gives the fund about 3,400 new members (3,000–3,800) in each full year (seed %i)',
    (seed) => {
      const organisation = buildDemoOrganisation(seed, 1);
      const rows = buildDemoHistory(seed, organisation.offices, new Date('2026-11-23T09:00:00Z'));
      const byYear = new Map<string, number>();
      for (const row of rows)
        byYear.set(row.weekStart.slice(0, 4), (byYear.get(row.weekStart.slice(0, 4)) ?? 0) + row.newMembers);
      for (const year of ['2024', '2025']) {
        // Poisson noise on ~3,400 is ±60; the band leaves room for the seasonal cycle and a gentle trend.
        expect(byYear.get(year)).toBeGreaterThanOrEqual(3000);
        expect(byYear.get(year)).toBeLessThanOrEqual(3800);
      }
    },
  );

  it('is deterministic for a seed and ends with the last full ISO week before today', () => {
    const organisation = buildDemoOrganisation(3, 1);
    const a = buildDemoHistory(3, organisation.offices, new Date('2026-11-23T09:00:00Z'));
    const b = buildDemoHistory(3, organisation.offices, new Date('2026-11-23T09:00:00Z'));
    expect(a).toEqual(b);
    expect(
      a
        .map((r) => r.weekStart)
        .sort()
        .at(-1),
    ).toBe('2026-11-16');
    expect(new Set(a.map((r) => r.officeCode)).size).toBe(55);
  });
});
