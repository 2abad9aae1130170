import { generateAllocationInstance, isoWeekKeys } from './synthetic-allocation-instance.js';
import { validateAllocationInput } from './validate-allocation-input.js';

describe('generateAllocationInstance', () => {
  it('shapes the fund: 55 offices, 78 advisers, 7 job consultants, 45 pre-unemployment staff, Bornholm an island', () => {
    const input = generateAllocationInstance();
    const count = (role: string): number => input.staff.filter((p) => p.role === role).length;
    expect(input.offices).toHaveLength(55);
    expect([count('adviser'), count('job-consultant'), count('pre-unemployment')]).toEqual([78, 7, 45]);
    expect(input.weeks).toHaveLength(13);
    expect(input.offices.find((o) => o.id === 'roenne')?.island).toBe('bornholm');
    expect(
      input.staff.filter((p) => p.role === 'job-consultant').every((p) => p.homeOfficeId === null && p.baseOfficeId),
    ).toBe(true);
    expect(validateAllocationInput(input)).toEqual([]);
  });

  it('is deterministic per seed and differs between seeds', () => {
    expect(generateAllocationInstance({ seed: 5, weeks: 2 })).toEqual(
      generateAllocationInstance({ seed: 5, weeks: 2 }),
    );
    expect(generateAllocationInstance({ seed: 5, weeks: 2 }).demand).not.toEqual(
      generateAllocationInstance({ seed: 6, weeks: 2 }).demand,
    );
  });

  it('scales staff with offices for the nationwide instance', () => {
    const input = generateAllocationInstance({ offices: 500, weeks: 1 });
    expect(input.offices).toHaveLength(500);
    expect(new Set(input.offices.map((o) => o.id)).size).toBe(500);
    expect(input.staff.filter((p) => p.role === 'adviser')).toHaveLength(709);
    expect(input.staff.filter((p) => p.role === 'job-consultant')).toHaveLength(64);
    expect(validateAllocationInput(input)).toEqual([]);
  });
});

describe('isoWeekKeys', () => {
  it('counts ISO weeks across a 53-week year', () => {
    expect(isoWeekKeys('2026-W52', 3)).toEqual(['2026-W52', '2026-W53', '2027-W01']);
  });
});
