import type { DemandRow } from './demand/project-demand.js';
import { buildOfficeWeeks, planSignals, splitSlotHours, type OfficeWeekInput } from './office-weeks.js';

const W = '2027-W02';
const demand = (activity: string, hours: number, extra: Partial<DemandRow> = {}): DemandRow => ({
  officeId: 'a',
  week: W,
  activity,
  kind: 'individual',
  role: 'adviser',
  skill: null,
  participants: hours,
  hours,
  ...extra,
});
const input = (overrides: Partial<OfficeWeekInput> = {}): OfficeWeekInput => ({
  demand: [],
  planned: [],
  slots: [],
  slotBookings: [],
  sessions: [],
  supply: [],
  adviserShareByWeek: new Map([[W, 0.5]]),
  ...overrides,
});

describe('splitSlotHours', () => {
  it('shares a slot among its activities in proportion to their demand, equally without demand', () => {
    const demandHours = new Map([
      ['a|W|cv', 3],
      ['a|W|follow-up', 1],
    ]);
    const split = splitSlotHours(
      [
        { officeId: 'a', week: 'W', activityCodes: ['cv', 'follow-up'], role: 'adviser', hours: 8 },
        { officeId: 'a', week: 'W', activityCodes: ['x', 'y'], role: 'adviser', hours: 2 },
      ],
      demandHours,
    );
    expect(Object.fromEntries(split)).toEqual({ 'a|W|cv': 6, 'a|W|follow-up': 2, 'a|W|x': 1, 'a|W|y': 1 });
  });
});

describe('buildOfficeWeeks', () => {
  it('puts demand, planned, published, booked and convertible hours side by side per office and week', () => {
    const [week] = buildOfficeWeeks(
      input({
        demand: [
          demand('cv', 10),
          demand('netcafe', 2, { kind: 'group', skill: 'netcafe', waitingSeats: 1.5, sessions: 1 }),
        ],
        planned: [{ officeId: 'a', week: W, activity: 'cv', hours: 9 }],
        slots: [
          { officeId: 'a', week: W, activityCodes: ['cv'], role: 'adviser', hours: 6 },
          { officeId: 'a', week: W, activityCodes: ['cv'], role: 'job-consultant', hours: 2 },
        ],
        slotBookings: [{ officeId: 'a', week: W, activity: 'cv', hours: 4 }],
        sessions: [
          { officeId: 'a', week: W, activity: 'netcafe', hours: 2, booked: 3 },
          { officeId: 'a', week: W, activity: 'netcafe', hours: 2, booked: 0 },
        ],
        // 37 h × 0.5 = 18.5 h per FTE: 27.75 h of advisers present is 1.5 FTE; 12 h of adviser demand needs 0.65.
        supply: [{ officeId: 'a', week: W, hours: 30, adviserHours: 27.75 }],
      }),
    );
    expect(week).toMatchObject({
      officeId: 'a',
      week: W,
      demandHours: 12,
      plannedHours: 9,
      publishedSlotHours: 8,
      publishedSessionHours: 4,
      bookedHours: 6,
      convertibleHours: 4,
      supplyHours: 30,
      byRole: {
        adviser: { publishedSlotHours: 6, individualDemandHours: 10, convertibleHours: 3 },
        'job-consultant': { publishedSlotHours: 2, individualDemandHours: 0, convertibleHours: 1 },
      },
      advisersNeededFte: 0.65,
      advisersAvailableFte: 1.5,
      waitingSeats: 1.5,
    });
    expect(week.activities).toEqual([
      {
        activity: 'cv',
        demandHours: 10,
        plannedHours: 9,
        publishedHours: 8,
        bookedHours: 4,
        waitingSeats: 0,
      },
      {
        activity: 'netcafe',
        demandHours: 2,
        plannedHours: 0,
        publishedHours: 4,
        bookedHours: 2,
        waitingSeats: 1.5,
      },
    ]);
  });

  it('leaves out an activity whose figures are all 0, but keeps its office week', () => {
    const weeks = buildOfficeWeeks(
      input({
        // A demand row with participants but no hours, and a slot's share of 0 h; follow-up still counts at office b.
        demand: [demand('cv', 0), demand('follow-up', 0.001), demand('cv', 0, { officeId: 'b' })],
        slots: [{ officeId: 'b', week: W, activityCodes: ['follow-up'], role: 'adviser', hours: 1 }],
      }),
    );
    expect(weeks.map((w) => [w.officeId, w.activities.map((a) => a.activity)])).toEqual([
      ['a', []],
      ['b', ['follow-up']],
    ]);
    expect(weeks[0].demandHours).toBe(0);
  });
});

describe('planSignals', () => {
  it('says how many more hours to publish, rounded up, and where slot time is far beyond demand', () => {
    const weeks = buildOfficeWeeks(
      input({
        demand: [demand('cv', 5.2), demand('follow-up', 1, { officeId: 'b' })],
        slots: [
          { officeId: 'a', week: W, activityCodes: ['cv'], role: 'adviser', hours: 2 },
          { officeId: 'b', week: W, activityCodes: ['follow-up'], role: 'adviser', hours: 9 },
        ],
        supply: [{ officeId: 'a', week: W, hours: 3.7, adviserHours: 3.7 }],
      }),
    );
    expect(planSignals(weeks)).toEqual([
      { kind: 'publish-more', officeId: 'a', week: W, activity: 'cv', hours: 4 },
      // b: 9 h published against 1 h of demand: 8 h beyond (≥ 6 h and ≥ 1.5 ×).
      { kind: 'published-beyond-demand', officeId: 'b', week: W, role: 'adviser', hours: 8, convertibleHours: 9 },
      // a: 5.2 h / 18.5 h = 0.28 FTE needed, 3.7 / 18.5 = 0.2 present.
      { kind: 'advisers-short', officeId: 'a', week: W, neededFte: 0.28, availableFte: 0.2 },
      // b has no advisers: 1 h / 18.5 h = 0.05 FTE needed.
      { kind: 'advisers-short', officeId: 'b', week: W, neededFte: 0.05, availableFte: 0 },
    ]);
  });
});
