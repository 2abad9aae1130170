import fc from 'fast-check';
import { allocateStaff } from './allocate-staff.js';
import { evaluateAllocation } from './allocation-result.js';
import type {
  AllocationAssignment,
  AllocationDemand,
  AllocationInput,
  AllocationOffice,
  AllocationStaff,
} from './allocation.types.js';
import { haversineKm } from '../../../shared/geo.js';

const WEEKS = ['2026-W49', '2026-W50'];
const ACTIVITIES = [
  { activity: 'cv-meeting', role: 'adviser', skill: null },
  { activity: 'netcafe', role: 'adviser', skill: 'it' },
  { activity: 'first-joint-meeting', role: 'job-consultant', skill: null },
] as const;
/** Second office: 10 km, 45 km, 80 km (beyond the default 60 km reach) away, or 20 km away on a ferry island. */
const SECOND_OFFICE: readonly { kmNorth: number; island: string | null }[] = [
  { kmNorth: 10, island: null },
  { kmNorth: 45, island: null },
  { kmNorth: 80, island: null },
  { kmNorth: 20, island: 'bornholm' },
];

interface Tiers {
  uncovered: number;
  travel: number;
  away: number;
}

/** Reach rules restated from the domain, independently of the optimiser's network code. */
function mayWorkAt(input: AllocationInput, person: AllocationStaff, office: AllocationOffice): boolean {
  const originId = person.homeOfficeId ?? person.baseOfficeId ?? null;
  const origin = input.offices.find((o) => o.id === originId);
  const km = origin ? haversineKm(origin, office) : 0;
  if (person.homeOfficeId === null) return km <= (person.maxTravelKm ?? Infinity);
  if (person.homeOfficeId === office.id) return true;
  return km <= (person.maxTravelKm ?? 60) && origin?.island === office.island;
}

/**
 * Lexicographic optimum by enumerating every whole-hour split of every person's hours over the
 * (office, activity) pairs they may serve. Weeks share nothing, so each week is enumerated on its
 * own and the tiers add up (lexicographic order is preserved under addition).
 */
function bruteForce(input: AllocationInput): Tiers {
  const total: Tiers = { uncovered: 0, travel: 0, away: 0 };
  for (const week of input.weeks) {
    const rows = input.demand.filter((d) => d.week === week);
    const slotsByPerson = input.staff.map((person) => {
      const hours = person.hoursByWeek[week] ?? 0;
      const slots = rows.flatMap((row, r) => {
        const office = input.offices.find((o) => o.id === row.officeId) as AllocationOffice;
        if (
          row.role !== person.role ||
          (row.skill !== null && !person.skills.includes(row.skill)) ||
          !mayWorkAt(input, person, office)
        )
          return [];
        const unit: AllocationAssignment = {
          staffId: person.id,
          officeId: row.officeId,
          week,
          activity: row.activity,
          hours: 1,
        };
        const perHour = evaluateAllocation({ ...input, demand: [] }, [unit]);
        return [{ r, travel: perHour.travelCost, away: perHour.awayFromHomeHours }];
      });
      return { hours, slots };
    });
    const left = rows.map((row) => row.hours);
    let best: Tiers | undefined;
    const visit = (p: number, s: number, hoursLeft: number, travel: number, away: number): void => {
      if (p === slotsByPerson.length) {
        const candidate = { uncovered: left.reduce((a, b) => a + b, 0), travel, away };
        if (!best || lexicographicallyBefore(candidate, best)) best = candidate;
        return;
      }
      const { slots } = slotsByPerson[p];
      if (s === slots.length) {
        visit(p + 1, 0, slotsByPerson[p + 1]?.hours ?? 0, travel, away);
        return;
      }
      const slot = slots[s];
      for (let h = 0; h <= Math.min(hoursLeft, left[slot.r]); h++) {
        left[slot.r] -= h;
        visit(p, s + 1, hoursLeft - h, travel + h * slot.travel, away + h * slot.away);
        left[slot.r] += h;
      }
    };
    visit(0, 0, slotsByPerson[0]?.hours ?? 0, 0, 0);
    const weekBest = best ?? { uncovered: 0, travel: 0, away: 0 };
    total.uncovered += weekBest.uncovered;
    total.travel += weekBest.travel;
    total.away += weekBest.away;
  }
  return total;
}

function lexicographicallyBefore(a: Tiers, b: Tiers): boolean {
  if (Math.abs(a.uncovered - b.uncovered) > 1e-9) return a.uncovered < b.uncovered;
  if (Math.abs(a.travel - b.travel) > 1e-6) return a.travel < b.travel;
  return a.away < b.away - 1e-9;
}

const personArbitrary = fc.record({
  role: fc.constantFrom('adviser', 'adviser', 'job-consultant'),
  it: fc.boolean(),
  office: fc.integer({ min: 0, max: 1 }),
  hours: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 2 }),
  maxTravelKm: fc.constantFrom(undefined, undefined, 30),
});

const instanceArbitrary = fc
  .record({
    weekCount: fc.integer({ min: 1, max: 2 }),
    second: fc.constantFrom(...SECOND_OFFICE),
    people: fc.array(personArbitrary, { minLength: 2, maxLength: 3 }),
    demand: fc.array(
      fc.record({
        office: fc.integer({ min: 0, max: 1 }),
        week: fc.integer({ min: 0, max: 1 }),
        activity: fc.integer({ min: 0, max: 2 }),
        hours: fc.integer({ min: 1, max: 4 }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    travelCostPerKm: fc.constantFrom(0, 3.5),
    crossOfficePenalty: fc.constantFrom(0, 200),
  })
  .map(({ weekCount, second, people, demand, travelCostPerKm, crossOfficePenalty }): AllocationInput => {
    const weeks = WEEKS.slice(0, weekCount);
    const offices: AllocationOffice[] = [
      { id: 'o0', lat: 56, lon: 9.5, island: null },
      { id: 'o1', lat: 56 + second.kmNorth / 111.195, lon: 9.5, island: second.island },
    ];
    const staff: AllocationStaff[] = people.map((p, i) => ({
      id: `p${i}`,
      role: p.role,
      skills: p.it ? ['it'] : [],
      homeOfficeId: p.role === 'adviser' ? `o${p.office}` : null,
      baseOfficeId: p.role === 'adviser' ? undefined : `o${p.office}`,
      hoursByWeek: Object.fromEntries(weeks.map((w, k) => [w, p.hours[k]])),
      ...(p.maxTravelKm !== undefined ? { maxTravelKm: p.maxTravelKm } : {}),
    }));
    const rows = new Map<string, AllocationDemand>();
    for (const d of demand) {
      if (d.week >= weekCount) continue;
      const { activity, role, skill } = ACTIVITIES[d.activity];
      const key = `${d.office}|${d.week}|${activity}`;
      const existing = rows.get(key);
      if (existing) existing.hours = Math.min(5, existing.hours + d.hours);
      else rows.set(key, { officeId: `o${d.office}`, week: weeks[d.week], activity, role, skill, hours: d.hours });
    }
    return { weeks, offices, staff, demand: [...rows.values()], travelCostPerKm, crossOfficePenalty };
  });

describe('allocateStaff against a brute-force optimum', () => {
  it('matches every objective tier on small instances (2–3 people × 2 offices × 1–2 weeks)', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArbitrary, async (input) => {
        const result = await allocateStaff(input);
        const expected = bruteForce(input);
        const actual = evaluateAllocation(input, result.assignments);
        expect(result.status).toBe(input.demand.length === 0 ? 'empty' : 'optimal');
        expect(actual.uncoveredHours).toBeCloseTo(expected.uncovered, 6);
        expect(actual.travelCost).toBeCloseTo(expected.travel, 3);
        expect(actual.awayFromHomeHours).toBeCloseTo(expected.away, 6);
        expect(result.totals.uncoveredHours).toBeCloseTo(
          result.uncovered.reduce((sum, u) => sum + u.hours, 0),
          6,
        );
      }),
      { numRuns: 400, seed: 20261123 },
    );
  });
});
