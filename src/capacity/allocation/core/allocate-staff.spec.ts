import { allocateGreedy, allocateStaff } from './allocate-staff.js';
import { adviser, allocationInput, demand, jobConsultant, officeAt } from './allocation-test-factories.fixtures.js';
import { evaluateAllocation } from './allocation-result.js';
import type { AllocationAssignment, AllocationInput, AllocationResult } from './allocation.types.js';
import { generateAllocationInstance } from './synthetic-allocation-instance.js';

const W = '2026-W49';

function hoursOf(result: AllocationResult, predicate: (a: AllocationAssignment) => boolean): number {
  return result.assignments.filter(predicate).reduce((sum, a) => sum + a.hours, 0);
}

/** Hard constraints any allocation must meet, whatever its quality. */
function expectFeasible(input: AllocationInput, result: AllocationResult): void {
  const staff = new Map(input.staff.map((p) => [p.id, p]));
  const used = new Map<string, number>();
  const covered = new Map<string, number>();
  for (const a of result.assignments) {
    const person = staff.get(a.staffId);
    expect(person).toBeDefined();
    used.set(`${a.staffId}|${a.week}`, (used.get(`${a.staffId}|${a.week}`) ?? 0) + a.hours);
    covered.set(
      `${a.officeId}|${a.week}|${a.activity}`,
      (covered.get(`${a.officeId}|${a.week}|${a.activity}`) ?? 0) + a.hours,
    );
    const row = input.demand.find((d) => d.officeId === a.officeId && d.week === a.week && d.activity === a.activity);
    expect(row?.role).toBe(person?.role);
    if (row?.skill) expect(person?.skills).toContain(row.skill);
  }
  for (const [key, hours] of used) {
    const [id, week] = key.split('|');
    expect(hours).toBeLessThanOrEqual((staff.get(id)?.hoursByWeek[week] ?? 0) + 1e-6);
  }
  const demandByKey = new Map<string, number>();
  for (const d of input.demand)
    demandByKey.set(
      `${d.officeId}|${d.week}|${d.activity}`,
      (demandByKey.get(`${d.officeId}|${d.week}|${d.activity}`) ?? 0) + d.hours,
    );
  for (const [key, hours] of covered) expect(hours).toBeLessThanOrEqual((demandByKey.get(key) ?? 0) + 1e-6);
  const uncovered = result.uncovered.reduce((sum, u) => sum + u.hours, 0);
  expect(result.totals.coveredHours + uncovered).toBeCloseTo(result.totals.demandHours, 1);
}

describe('allocateStaff', () => {
  it('returns status empty with no assignments when there is no demand', async () => {
    const result = await allocateStaff(
      allocationInput({ offices: [officeAt('x', 0)], staff: [adviser('a', 'x', { [W]: 20 })] }),
    );
    expect(result.status).toBe('empty');
    expect(result.assignments).toEqual([]);
    expect(result.uncovered).toEqual([]);
    expect(result.totals.demandHours).toBe(0);

    const zeroHours = await allocateStaff(
      allocationInput({ offices: [officeAt('x', 0)], demand: [demand('x', W, 'cv-meeting', 0)] }),
    );
    expect(zeroHours.status).toBe('empty');
  });

  it('returns status error with readable messages for invalid input instead of throwing', async () => {
    const result = await allocateStaff(
      allocationInput({
        weeks: [W, 'week 50'],
        offices: [officeAt('x', 0)],
        staff: [adviser('a', 'nowhere', { [W]: -3 })],
        demand: [
          demand('y', W, 'cv-meeting', 2),
          demand('x', '2026-W51', 'cv-meeting', 2),
          demand('x', W, 'cv-meeting', 1, 'it'),
        ],
      }),
    );
    expect(result.status).toBe('error');
    expect(result.assignments).toEqual([]);
    expect(result.messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining("week 'week 50'"),
        expect.stringContaining("unknown home office 'nowhere'"),
        expect.stringContaining('invalid hours -3'),
        expect.stringContaining('unknown office'),
        expect.stringContaining('week is not in weeks'),
        expect.stringContaining('activity needs adviser/it here but adviser/any skill elsewhere'),
      ]),
    );
  });

  it('leaves demand nobody is qualified for uncovered with NO_QUALIFIED_STAFF', async () => {
    const result = await allocateStaff(
      allocationInput({
        offices: [officeAt('x', 0)],
        staff: [adviser('a', 'x', { [W]: 20 })],
        demand: [demand('x', W, 'netcafe', 3, 'it'), demand('x', W, 'cv-meeting', 2)],
      }),
    );
    expect(result.status).toBe('optimal');
    expect(result.uncovered).toEqual([
      {
        officeId: 'x',
        week: W,
        activity: 'netcafe',
        role: 'adviser',
        skill: 'it',
        hours: 3,
        reason: 'NO_QUALIFIED_STAFF',
      },
    ]);
    expect(result.assignments).toEqual([{ staffId: 'a', officeId: 'x', week: W, activity: 'cv-meeting', hours: 2 }]);
  });

  it('derives NO_STAFF_IN_REACH, NO_HOURS_IN_WEEK and INSUFFICIENT_HOURS from the data', async () => {
    const result = await allocateStaff(
      allocationInput({
        weeks: [W, '2026-W50'],
        offices: [officeAt('x', 0), officeAt('far', 100), officeAt('ronne', 5, 'bornholm')],
        staff: [adviser('a', 'x', { [W]: 4, '2026-W50': 0 })],
        demand: [
          demand('far', W, 'cv-meeting', 2),
          demand('ronne', W, 'cv-meeting', 2),
          demand('x', W, 'cv-meeting', 6),
          demand('x', '2026-W50', 'cv-meeting', 1),
        ],
      }),
    );
    const reasons = Object.fromEntries(result.uncovered.map((u) => [`${u.officeId} ${u.week}`, [u.reason, u.hours]]));
    expect(reasons).toEqual({
      [`far ${W}`]: ['NO_STAFF_IN_REACH', 2],
      [`ronne ${W}`]: ['NO_STAFF_IN_REACH', 2],
      [`x ${W}`]: ['INSUFFICIENT_HOURS', 2],
      'x 2026-W50': ['NO_HOURS_IN_WEEK', 1],
    });
    expect(result.totals).toMatchObject({ demandHours: 11, coveredHours: 4, uncoveredHours: 7 });
  });

  it('covers everything at home when each office has enough own staff', async () => {
    const input = allocationInput({
      offices: [officeAt('x', 0), officeAt('y', 15)],
      staff: [adviser('a', 'x', { [W]: 10 }), adviser('b', 'y', { [W]: 10 }), adviser('c', 'y', { [W]: 5 })],
      demand: [demand('x', W, 'cv-meeting', 8), demand('y', W, 'cv-meeting', 12)],
    });
    const result = await allocateStaff(input);
    expect(result.status).toBe('optimal');
    expect(result.uncovered).toEqual([]);
    expect(result.totals).toMatchObject({
      uncoveredHours: 0,
      crossOfficeHours: 0,
      travelCost: 0,
      awayFromHomeHours: 0,
    });
    expectFeasible(input, result);
  });

  it('puts coverage before travel: it sends staff to another office rather than leave demand open', async () => {
    const input = allocationInput({
      offices: [officeAt('x', 0), officeAt('y', 40)],
      staff: [adviser('a', 'x', { [W]: 10 })],
      demand: [demand('x', W, 'cv-meeting', 4), demand('y', W, 'cv-meeting', 6)],
    });
    const result = await allocateStaff(input);
    expect(result.uncovered).toEqual([]);
    expect(hoursOf(result, (a) => a.officeId === 'y')).toBe(6);
    expect(result.totals.travelKm).toBeCloseTo((6 / 7.4) * 2 * 40, -1);
  });

  it('puts travel cost before hours away from home: a short chain of moves beats one long trip', async () => {
    // z needs an IT-skilled adviser. b (at y, 10 km away) or c (at w, 55 km away) can go. If b goes,
    // a must cover y: two people away, but 20 km of trips instead of 55.
    const input = allocationInput({
      offices: [officeAt('x', 0), officeAt('y', 10), officeAt('z', 20), officeAt('w', 75)],
      staff: [
        adviser('a', 'x', { [W]: 4 }),
        adviser('b', 'y', { [W]: 4 }, ['it']),
        adviser('c', 'w', { [W]: 4 }, ['it']),
      ],
      demand: [demand('y', W, 'cv-meeting', 4), demand('z', W, 'netcafe', 4, 'it')],
      crossOfficePenalty: 0,
    });
    const result = await allocateStaff(input);
    expect(result.uncovered).toEqual([]);
    expect(hoursOf(result, (a) => a.staffId === 'b' && a.officeId === 'z')).toBe(4);
    expect(hoursOf(result, (a) => a.staffId === 'a' && a.officeId === 'y')).toBe(4);
    expect(result.totals.awayFromHomeHours).toBe(8);
  });

  it('uses hours away from home as the last tie-break when travel costs nothing', async () => {
    const input = allocationInput({
      offices: [officeAt('x', 0), officeAt('y', 10)],
      staff: [adviser('a', 'x', { [W]: 4 }), adviser('b', 'y', { [W]: 4 })],
      demand: [demand('x', W, 'cv-meeting', 4), demand('y', W, 'cv-meeting', 4)],
      travelCostPerKm: 0,
      crossOfficePenalty: 0,
    });
    const result = await allocateStaff(input);
    expect(result.totals.awayFromHomeHours).toBe(0);
    expect(result.assignments).toEqual(
      expect.arrayContaining([
        { staffId: 'a', officeId: 'x', week: W, activity: 'cv-meeting', hours: 4 },
        { staffId: 'b', officeId: 'y', week: W, activity: 'cv-meeting', hours: 4 },
      ]),
    );
  });

  it('sends the job team anywhere, islands included, costing travel from its base', async () => {
    const input = allocationInput({
      offices: [officeAt('base', 0), officeAt('ronne', 150, 'bornholm')],
      staff: [jobConsultant('j', 'base', { [W]: 10 })],
      demand: [
        {
          officeId: 'ronne',
          week: W,
          activity: 'first-joint-meeting',
          role: 'job-consultant',
          skill: null,
          hours: 7.4,
        },
      ],
    });
    const result = await allocateStaff(input);
    expect(result.uncovered).toEqual([]);
    expect(result.totals.travelKm).toBeCloseTo(300, 0);
    expect(result.totals.travelCost).toBe(Math.round(300 * 3.5 + 200));
    expect(result.totals.awayFromHomeHours).toBe(0);
    expect(result.totals.crossOfficeHours).toBeCloseTo(7.4);
  });

  it('covers activities of one office, week and qualification in input order', async () => {
    const result = await allocateStaff(
      allocationInput({
        offices: [officeAt('x', 0)],
        staff: [adviser('a', 'x', { [W]: 5 })],
        demand: [demand('x', W, 'cv-meeting', 3), demand('x', W, 'job-follow-up', 4)],
      }),
    );
    expect(result.assignments).toEqual([
      { staffId: 'a', officeId: 'x', week: W, activity: 'cv-meeting', hours: 3 },
      { staffId: 'a', officeId: 'x', week: W, activity: 'job-follow-up', hours: 2 },
    ]);
    expect(result.uncovered).toMatchObject([{ activity: 'job-follow-up', hours: 2, reason: 'INSUFFICIENT_HOURS' }]);
  });

  it('sends as few colleagues as possible when one of several interchangeable people must travel', async () => {
    const input = allocationInput({
      offices: [officeAt('x', 0), officeAt('y', 20)],
      staff: [adviser('a1', 'x', { [W]: 8 }), adviser('a2', 'x', { [W]: 8 }), adviser('a3', 'x', { [W]: 8 })],
      demand: [demand('x', W, 'cv-meeting', 16), demand('y', W, 'cv-meeting', 6)],
    });
    const result = await allocateStaff(input);
    const travellers = new Set(result.assignments.filter((a) => a.officeId === 'y').map((a) => a.staffId));
    expect(travellers.size).toBe(1);
    expectFeasible(input, result);
  });

  it('finds help beyond each group’s ten nearest offices (column generation prices the rest)', async () => {
    const offices = Array.from({ length: 13 }, (_, i) => officeAt(`o${i}`, 3 * i));
    const locals = offices.slice(1, 12).map((office) => adviser(`local-${office.id}`, office.id, { [W]: 1 }));
    const input = allocationInput({
      offices,
      staff: [adviser('a', 'o0', { [W]: 4 }), ...locals],
      demand: [
        ...offices.slice(1, 12).map((office) => demand(office.id, W, 'cv-meeting', 1)),
        demand('o12', W, 'cv-meeting', 4),
      ],
    });
    const result = await allocateStaff(input);
    expect(result.uncovered).toEqual([]);
    expect(hoursOf(result, (a) => a.staffId === 'a' && a.officeId === 'o12')).toBe(4);
    expect(result.totals.crossOfficeHours).toBe(4);
  });

  it('falls back to the greedy allocation with status time-limit when no time is left', async () => {
    const input = generateAllocationInstance({ weeks: 2, seed: 7 });
    const result = await allocateStaff(input, { timeLimitSeconds: 0 });
    expect(result.status).toBe('time-limit');
    expect(result.stats.greedyFallbacks).toBe(result.stats.components);
    expect(result.messages[0]).toMatch(/time limit/);
    expect(result.assignments.length).toBeGreaterThan(0);
    expectFeasible(input, result);
  });

  it('on the fund-sized instance, covers at least as much as greedy and never breaks a hard constraint', async () => {
    const input = generateAllocationInstance({ weeks: 3, seed: 3 });
    const optimal = await allocateStaff(input);
    const greedy = allocateGreedy(input);
    expect(optimal.status).toBe('optimal');
    expect(greedy.status).toBe('heuristic');
    expectFeasible(input, optimal);
    expectFeasible(input, greedy);
    expect(optimal.totals.uncoveredHours).toBeLessThanOrEqual(greedy.totals.uncoveredHours);
    expect(optimal.uncovered.map((u) => u.reason)).not.toContain('NOT_OPTIMISED');
    expect(evaluateAllocation(input, optimal.assignments).uncoveredHours).toBeCloseTo(optimal.totals.uncoveredHours, 1);
    const again = await allocateStaff(input);
    expect(again.assignments).toEqual(optimal.assignments);
  });
});

describe('evaluateAllocation', () => {
  it('prices an away hour as a round trip and a visit penalty spread over a visit', () => {
    const input = allocationInput({
      offices: [officeAt('x', 0), officeAt('y', 37)],
      staff: [adviser('a', 'x', { [W]: 10 })],
      demand: [demand('y', W, 'cv-meeting', 5)],
      travelCostPerKm: 2,
      crossOfficePenalty: 100,
      hoursPerVisit: 5,
    });
    const totals = evaluateAllocation(input, [
      { staffId: 'a', officeId: 'y', week: W, activity: 'cv-meeting', hours: 5 },
    ]);
    expect(totals.travelKm).toBeCloseTo(74, 3);
    expect(totals.travelCost).toBeCloseTo(74 * 2 + 100, 3);
    expect(totals).toMatchObject({
      demandHours: 5,
      coveredHours: 5,
      uncoveredHours: 0,
      awayFromHomeHours: 5,
      crossOfficeHours: 5,
    });
  });

  it('counts hours beyond an activity’s demand as covering nothing', () => {
    const input = allocationInput({
      offices: [officeAt('x', 0)],
      staff: [adviser('a', 'x', { [W]: 10 })],
      demand: [demand('x', W, 'cv-meeting', 2)],
    });
    const totals = evaluateAllocation(input, [
      { staffId: 'a', officeId: 'x', week: W, activity: 'cv-meeting', hours: 5 },
    ]);
    expect(totals).toMatchObject({ coveredHours: 2, uncoveredHours: 0, travelCost: 0 });
  });
});
