import fc from 'fast-check';
import { exitHazardForMeanSpell, projectProgrammeWeeks, steadyStateMembers } from './cohort.js';
import { generateWeeklyInflow } from './synthetic.js';

const weeklyInflow = 3400 / 52;

describe('exitHazardForMeanSpell', () => {
  it('is the reciprocal of the mean spell and rejects spells under a week', () => {
    expect(exitHazardForMeanSpell(26)).toBeCloseTo(1 / 26, 12);
    expect(() => exitHazardForMeanSpell(0.5)).toThrow('at least 1 week');
  });
});

describe('projectProgrammeWeeks', () => {
  const hazard = exitHazardForMeanSpell(26);

  it('turns 3,400 new members a year into a steady stock of ~1,700', () => {
    const { stock } = projectProgrammeWeeks(new Array<number>(600).fill(weeklyInflow), 52, hazard);
    expect(Math.abs(stock[599] / 1700 - 1)).toBeLessThan(0.001);
    expect(steadyStateMembers(weeklyInflow, 52, hazard).reduce((a, b) => a + b, 0)).toBeCloseTo(1700, 6);
  });

  it('keeps the stock near 1,700 over a year of seasonal inflow started from the steady state', () => {
    const { total } = generateWeeklyInflow({
      seed: 8,
      weeks: 104,
      startIsoWeek: { year: 2024, week: 1 },
      yearlyTotal: 3400,
      offices: [{ id: 'fund', weight: 1 }],
      levelVolatility: 0,
      shareDrift: 0,
    });
    const initial = steadyStateMembers(weeklyInflow, 52, hazard);
    const { stock } = projectProgrammeWeeks(total, 52, hazard, initial);
    const lastYear = stock.slice(52);
    const mean = lastYear.reduce((a, b) => a + b, 0) / 52;
    expect(Math.abs(mean / 1700 - 1)).toBeLessThan(0.05);
    // Winter inflow is higher, so the stock peaks in the first half of the year and bottoms out in the second.
    expect(Math.max(...lastYear.slice(0, 26))).toBeGreaterThan(Math.max(...lastYear.slice(39)));
  });

  it('places each week’s inflow in programme week k after k weeks of survival', () => {
    const inflow = [100, 0, 0, 50, 0];
    const { members } = projectProgrammeWeeks(inflow, 10, 0.1);
    expect(members[0][0]).toBe(100);
    expect(members[3][3]).toBeCloseTo(100 * 0.9 ** 3, 10);
    expect(members[4][1]).toBeCloseTo(50 * 0.9, 10);
    expect(members[4][0]).toBe(0);
  });

  it('accumulates long spells in the open-ended last programme week', () => {
    const { members, stock } = projectProgrammeWeeks([10, 0, 0, 0, 0], 2, 0.5);
    expect(members.map((row) => row[1])).toEqual([0, 5, 2.5, 1.25, 0.625]);
    expect(stock[4]).toBe(0.625);
  });

  it('applies a hazard per programme week, repeating the last one', () => {
    const { members } = projectProgrammeWeeks([100, 0, 0, 0, 0], 6, [0, 0, 0.5]);
    expect(members.map((row, t) => row[t])).toEqual([100, 100, 100, 50, 25]);
  });

  it('conserves members: initial + inflow = final stock + exits (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 200, noNaN: true }), { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (inflow, weeks, h) => {
          const initial = Array.from({ length: weeks }, (_, k) => 10 + k);
          const { stock, exits } = projectProgrammeWeeks(inflow, weeks, h, initial);
          const input = initial.reduce((a, b) => a + b, 0) + inflow.reduce((a, b) => a + b, 0);
          const output = stock[stock.length - 1] + exits.reduce((a, b) => a + b, 0);
          return Math.abs(input - output) <= 1e-9 * Math.max(1, input);
        },
      ),
    );
  });

  it('throws for invalid input', () => {
    expect(() => projectProgrammeWeeks([1], 0, 0.1)).toThrow('weeksInProgramme');
    expect(() => projectProgrammeWeeks([1], 4, 1.5)).toThrow('[0, 1]');
    expect(() => projectProgrammeWeeks([1], 4, [])).toThrow('must not be empty');
    expect(() => projectProgrammeWeeks([1, -1], 4, 0.1)).toThrow('inflowByWeek[1]');
    expect(() => projectProgrammeWeeks([1], 4, 0.1, [1, 2])).toThrow('initial');
    expect(() => steadyStateMembers(10, 4, [0.1, 0])).toThrow('no steady state');
  });
});
