import { projectProgrammeWeeks, steadyStateMembers } from '../../../forecast/core/cohort.js';
import type { TargetGroup } from '../../../../shared/vocabulary/target-groups.js';
import { WEEKLY_EXIT_HAZARD } from './demand-assumptions.js';
import { sessionsForSeats, sessionsOverWeeks } from './group-sessions.js';
import {
  type DemandActivity,
  type DemandInput,
  type DemandTemplateItem,
  projectDemand,
  projectMembers,
} from './project-demand.js';

const individual = (code: string, minutes: number): DemandActivity => ({
  code,
  kind: 'individual',
  defaultDurationMinutes: minutes,
  minGroupSize: null,
  maxGroupSize: null,
  leaderRoles: ['adviser'],
  leaderSkill: null,
});
const group = (code: string, minutes: number, min: number, max: number): DemandActivity => ({
  code,
  kind: 'group',
  defaultDurationMinutes: minutes,
  minGroupSize: min,
  maxGroupSize: max,
  leaderRoles: ['job-consultant'],
  leaderSkill: 'workshop',
});
const item = (
  activityCode: string,
  fromWeek: number,
  toWeek: number,
  extra: Partial<DemandTemplateItem> = {},
): DemandTemplateItem => ({
  activityCode,
  required: true,
  fromWeek,
  toWeek,
  condition: null,
  ...extra,
});

function input(
  templateItems: DemandTemplateItem[],
  activities: DemandActivity[],
  overrides: Partial<DemandInput> & { inflow?: number[]; initial?: number[] } = {},
): DemandInput {
  const weeks = overrides.weeks ?? ['2027-W01', '2027-W02', '2027-W03'];
  const leadWeeks = overrides.leadWeeks ?? 0;
  return {
    weeks,
    leadWeeks,
    offices: [
      {
        officeId: 'o1',
        inflow: overrides.inflow ?? new Array(leadWeeks + weeks.length).fill(0),
        mix: { 'low-risk': 1 },
        ...(overrides.initial ? { initial: { 'low-risk': overrides.initial } } : {}),
      },
    ],
    templates: new Map<TargetGroup, DemandTemplateItem[]>([['low-risk', templateItems]]),
    activities: new Map(activities.map((a) => [a.code, a])),
    weeklyExitHazard: overrides.weeklyExitHazard ?? 0,
    basicItNeedsShare: overrides.basicItNeedsShare ?? 0.3,
    optionalUptake: overrides.optionalUptake ?? 0.5,
  };
}

const byWeek = (rows: ReturnType<typeof projectDemand>, activity: string) =>
  rows.filter((r) => r.activity === activity).map((r) => [r.participants, r.hours]);

describe('projectDemand', () => {
  it('books a week-2 meeting one week after the members arrive, at its default duration', () => {
    const rows = projectDemand(input([item('cv', 2, 2)], [individual('cv', 60)], { inflow: [10, 0, 0] }));
    expect(byWeek(rows, 'cv')).toEqual([
      [0, 0],
      [10, 10],
      [0, 0],
    ]);
  });

  it('spreads an item evenly over its week window, starting from members already in their programme', () => {
    const initial = [0, 0, 8, 0, 0, 0];
    const rows = projectDemand(input([item('follow-up', 4, 5)], [individual('follow-up', 30)], { initial }));
    expect(byWeek(rows, 'follow-up')).toEqual([
      [4, 2],
      [4, 2],
      [0, 0],
    ]);
  });

  it('loses members to work at the weekly exit hazard, also over the lead weeks before the plan', () => {
    const rows = projectDemand(
      input([item('cv', 2, 2)], [individual('cv', 60)], { inflow: [10, 0, 0, 0], leadWeeks: 1, weeklyExitHazard: 0.5 }),
    );
    expect(byWeek(rows, 'cv')).toEqual([
      [5, 5],
      [0, 0],
      [0, 0],
    ]);
  });

  it('applies the condition share and optional uptake', () => {
    const rows = projectDemand(
      input(
        [item('net', 1, 1, { condition: 'basic-it-needs' }), item('li', 1, 1, { required: false })],
        [individual('net', 60), individual('li', 60)],
        {
          inflow: [10, 0, 0],
        },
      ),
    );
    expect(byWeek(rows, 'net')[0]).toEqual([3, 3]);
    expect(byWeek(rows, 'li')[0]).toEqual([5, 5]);
  });

  it('opens group sessions only when the minimum is reached, carrying seats forward, one leader per session', () => {
    const rows = projectDemand(input([item('ws', 1, 1)], [group('ws', 180, 4, 16)], { inflow: [3, 3, 20] }));
    expect(rows.map((r) => [r.participants, r.sessions, r.hours, r.waitingSeats])).toEqual([
      [3, 0, 0, 3],
      [3, 1, 3, 0],
      [20, 2, 6, 0],
    ]);
    expect(rows[0]).toMatchObject({ role: 'job-consultant', skill: 'workshop', kind: 'group' });
  });
});

describe('sessionsForSeats', () => {
  it.each([
    [0, 2, 4, 0, 0],
    [1.5, 2, 4, 0, 1.5],
    [4, 2, 4, 1, 0],
    [5, 2, 4, 2, 0],
    [5, 4, 4, 1, 1],
    [9, 4, 4, 2, 1],
    [32, 4, 16, 2, 0],
    [33, 4, 16, 3, 0],
  ])('%d seats, size %d–%d: %d sessions, %d waiting', (seats, min, max, sessions, carried) => {
    expect(sessionsForSeats(seats, min, max)).toMatchObject({ sessions, carried });
  });

  it('pools thin weekly demand until a session is worth holding', () => {
    expect(sessionsOverWeeks([1, 1, 1, 1, 1], 4, 16).map((p) => p.sessions)).toEqual([0, 0, 0, 1, 0]);
  });
});

describe('cohort calibration', () => {
  it('turns ~3,400 new members a year into a stock of ~1,700', () => {
    const stock = steadyStateMembers(3400 / 52, 14, WEEKLY_EXIT_HAZARD).reduce((a, b) => a + b, 0);
    expect(stock).toBeCloseTo(1700, -1);
  });
});

describe('projectDemand: items already done and the intensive course', () => {
  it('leaves out initial members who already did the item, aged like the rest', () => {
    // 8 members in programme week 3; 3 of them already had their follow-up. Window weeks 4–5: (8 − 3) / 2 a week.
    const base = input([item('follow-up', 4, 5)], [individual('follow-up', 30)], { initial: [0, 0, 8, 0, 0, 0] });
    const done = {
      ...base,
      offices: [{ ...base.offices[0], initialDone: { 'low-risk': { 'follow-up': [0, 0, 3, 0, 0, 0] } } }],
    };
    expect(byWeek(projectDemand(done), 'follow-up')).toEqual([
      [2.5, 1.25],
      [2.5, 1.25],
      [0, 0],
    ]);
  });

  it('gives members past the last template week one meeting every N weeks', () => {
    // Template up to week 2, so programme week 3 collects everyone later: 12 members there, a meeting every 4 weeks.
    const rows = projectDemand({
      ...input([item('cv', 2, 2)], [individual('cv', 60), individual('follow-up', 30)], { initial: [0, 0, 12] }),
      afterProgramme: [{ activityCode: 'follow-up', everyWeeks: 4 }],
    });
    expect(byWeek(rows, 'follow-up')).toEqual([
      [3, 1.5],
      [3, 1.5],
      [3, 1.5],
    ]);
  });
});

describe('projectMembers', () => {
  const plain = (members: Float64Array, width: number, columns = width) =>
    Array.from({ length: members.length / width }, (_, t) =>
      Array.from(members.subarray(t * width, t * width + columns)),
    );

  it.each([
    ['inflow only', [3, 0, 1.7, 2.2, 0.1], 5, 0.07, undefined],
    ['an initial distribution', [0, 0, 0, 0], 4, 1 / 29, [1.25, 0, 3.5, 0.3333333333333333]],
    ['one programme week', [1, 2, 3], 1, 0.1, [4]],
    ['no exits', [1, 1], 3, 0, [0, 2, 5]],
    ['everyone leaving', [1, 1], 3, 1, [0, 2, 5]],
  ])('gives projectProgrammeWeeks’ members to the last digit (%s)', (_name, inflow, weeks, hazard, initial) => {
    const { members } = projectProgrammeWeeks(inflow, weeks, hazard, initial);
    expect(plain(projectMembers(inflow, weeks, hazard, initial), weeks)).toEqual(members);
    // Only the first programme weeks: those are the same too.
    for (let columns = 1; columns < weeks; columns++)
      expect(plain(projectMembers(inflow, weeks, hazard, initial, columns), weeks, columns)).toEqual(
        members.map((row) => row.slice(0, columns)),
      );
  });

  it.each([
    ['a negative inflow', [1, -1], 3, 0.1, undefined],
    ['a hazard above 1', [1], 3, 1.5, undefined],
    ['an initial distribution of the wrong length', [1], 3, 0.1, [1]],
    ['no programme weeks', [1], 0, 0.1, undefined],
  ])('refuses %s as projectProgrammeWeeks does', (_name, inflow, weeks, hazard, initial) => {
    const expected = (() => {
      try {
        projectProgrammeWeeks(inflow, weeks, hazard, initial);
      } catch (error) {
        return (error as Error).message;
      }
      return 'no error';
    })();
    expect(expected).not.toBe('no error');
    expect(() => projectMembers(inflow, weeks, hazard, initial)).toThrow(expected);
  });
});
