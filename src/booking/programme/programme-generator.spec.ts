import fc from 'fast-check';
import { PROGRAMME_TEMPLATES, STATUTORY_RULES } from '../catalogue/programme-templates.js';
import { localDate } from '../../shared/time/index.js';
import { generateProgrammeItems, planRegeneration, type ExistingItem } from './programme-generator.js';

const template = (group: string) => PROGRAMME_TEMPLATES.find((t) => t.targetGroup === group)!.items;
const DAY = 86_400_000;

describe('generateProgrammeItems', () => {
  it('places the CV meeting in week 2, in person, ending within 14 days', () => {
    const items = generateProgrammeItems(
      { firstUnemploymentDay: '2026-11-02', basicItNeeds: false },
      template('low-risk'),
      STATUTORY_RULES,
    );
    const cv = items.find((i) => i.activityCode === 'cv-meeting')!;
    expect(localDate(cv.windowStart)).toBe('2026-11-09');
    expect(localDate(cv.windowEnd)).toBe('2026-11-16');
    expect(cv.channels).toEqual(['in-person']);
    expect(items.map((i) => i.activityCode)).toEqual([
      'cv-meeting',
      'follow-up',
      'availability-meeting',
      'joint-meeting',
    ]);
  });

  it('gives the netcafé only to members with basic IT needs', () => {
    const without = generateProgrammeItems(
      { firstUnemploymentDay: '2026-11-02', basicItNeeds: false },
      template('plus50-it'),
      STATUTORY_RULES,
    );
    const withNeeds = generateProgrammeItems(
      { firstUnemploymentDay: '2026-11-02', basicItNeeds: true },
      template('plus50-it'),
      STATUTORY_RULES,
    );
    expect(without.some((i) => i.activityCode === 'netcafe')).toBe(false);
    expect(withNeeds.some((i) => i.activityCode === 'netcafe')).toBe(true);
    expect(withNeeds.filter((i) => i.activityCode.startsWith('theme-')).map((i) => i.activityCode)).toEqual([
      'theme-i-job-igen',
      'theme-it',
    ]);
  });

  it('starts windows at local midnight across the spring DST change', () => {
    // Week 4 from 2026-03-09 starts 2026-03-30, the day after clocks go forward (UTC+2).
    const items = generateProgrammeItems(
      { firstUnemploymentDay: '2026-03-09', basicItNeeds: false },
      template('it'),
      STATUTORY_RULES,
    );
    const workshop = items.find((i) => i.activityCode === 'workshop-skriv')!;
    expect(workshop.windowStart.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(workshop.windowEnd.toISOString()).toBe('2026-04-05T22:00:00.000Z');
    const cv = items.find((i) => i.activityCode === 'cv-meeting')!;
    expect(cv.windowStart.toISOString()).toBe('2026-03-15T23:00:00.000Z');
  });

  it('keeps every window inside its template weeks, for any first day and group', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2024-01-01'), max: new Date('2028-12-31'), noInvalidDate: true }),
        fc.constantFrom(...PROGRAMME_TEMPLATES.map((t) => t.targetGroup)),
        fc.boolean(),
        (date, group, basicItNeeds) => {
          const firstDay = date.toISOString().slice(0, 10);
          const items = generateProgrammeItems(
            { firstUnemploymentDay: firstDay, basicItNeeds },
            template(group),
            STATUTORY_RULES,
          );
          const firstMidnight = new Date(`${firstDay}T00:00:00Z`).getTime();
          for (const item of items) {
            const source = template(group).find((t) => t.activityCode === item.activityCode)!;
            const startDays = Math.round(
              (new Date(`${localDate(item.windowStart)}T00:00:00Z`).getTime() - firstMidnight) / DAY,
            );
            const endDays = Math.round(
              (new Date(`${localDate(item.windowEnd)}T00:00:00Z`).getTime() - firstMidnight) / DAY,
            );
            expect(startDays).toBe((source.fromWeek - 1) * 7);
            expect(endDays).toBe(
              item.activityCode === 'cv-meeting' ? Math.min(source.toWeek * 7, 14) : source.toWeek * 7,
            );
            expect(item.windowStart.getTime()).toBeLessThan(item.windowEnd.getTime());
            // Local midnight is 22:00 or 23:00 UTC the day before.
            expect([22, 23]).toContain(item.windowStart.getUTCHours());
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('planRegeneration', () => {
  const generated = generateProgrammeItems(
    { firstUnemploymentDay: '2026-11-02', basicItNeeds: false },
    template('plus50'),
    STATUTORY_RULES,
  );

  it('replaces open items and keeps booked and done ones without duplicating them', () => {
    const existing: ExistingItem[] = [
      { id: 'a', activityCode: 'cv-meeting', status: 'done' },
      { id: 'b', activityCode: 'follow-up', status: 'booked' },
      { id: 'c', activityCode: 'availability-meeting', status: 'open' },
      { id: 'd', activityCode: 'workshop-tal', status: 'open' },
    ];
    const plan = planRegeneration(existing, generated);
    expect(plan.deleteIds).toEqual(['c', 'd']);
    const created = plan.create.map((i) => i.activityCode);
    expect(created).not.toContain('cv-meeting');
    expect(created).not.toContain('follow-up');
    expect(created).toContain('availability-meeting');
    expect(created).toContain('workshop-uopfordret');
    expect(created).not.toContain('workshop-tal');
  });

  it('never deletes a non-open item and never creates an activity twice that is kept', () => {
    const statuses = ['open', 'booked', 'done', 'missed', 'waived'] as const;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            activityCode: fc.constantFrom(...generated.map((g) => g.activityCode)),
            status: fc.constantFrom(...statuses),
          }),
          { maxLength: 12 },
        ),
        (rows) => {
          const existing = rows.map((row, index) => ({ id: String(index), ...row }));
          const plan = planRegeneration(existing, generated);
          for (const id of plan.deleteIds) expect(existing[Number(id)].status).toBe('open');
          const keptCodes = existing.filter((e) => e.status !== 'open').map((e) => e.activityCode);
          for (const code of new Set(generated.map((g) => g.activityCode))) {
            const total =
              keptCodes.filter((c) => c === code).length + plan.create.filter((c) => c.activityCode === code).length;
            expect(total).toBe(
              Math.max(
                keptCodes.filter((c) => c === code).length,
                generated.filter((g) => g.activityCode === code).length,
              ),
            );
          }
        },
      ),
    );
  });
});
