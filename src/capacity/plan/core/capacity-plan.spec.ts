import type { DemandRow } from './demand/project-demand.js';
import {
  buildCapacityPlan,
  describeActivities,
  groupBacklog,
  summarisePlanSupply,
  type PlanStaff,
} from './capacity-plan.js';

const demand = (
  officeId: string,
  activity: string,
  hours: number,
  role = 'adviser',
  skill: string | null = null,
): DemandRow => ({
  officeId,
  week: '2027-W02',
  activity,
  kind: 'individual',
  role,
  skill,
  participants: hours,
  hours,
});
const person = (officeId: string | null, hours: number, role = 'adviser', skills: string[] = []): PlanStaff => ({
  role,
  skills,
  officeId,
  hoursByWeek: { '2027-W02': hours },
});
const jobTeam = new Set(['job-consultant']);

describe('buildCapacityPlan', () => {
  it('shares an office pool’s hours in proportion to demand, so gaps add up to the pool’s shortfall', () => {
    const rows = buildCapacityPlan(
      [demand('a', 'cv', 30), demand('a', 'follow-up', 10)],
      [person('a', 20), person('b', 100)],
      jobTeam,
    );
    expect(rows.map((r) => [r.activity, r.supplyHours, r.gapHours, r.utilisation])).toEqual([
      ['cv', 15, 15, 2],
      ['follow-up', 5, 5, 2],
    ]);
  });

  it('counts only qualified staff, and pools the job team across offices', () => {
    const rows = buildCapacityPlan(
      [
        demand('a', 'ws', 6, 'job-consultant', 'workshop'),
        demand('b', 'ws', 18, 'job-consultant', 'workshop'),
        demand('b', 'net', 2, 'adviser', 'netcafe'),
      ],
      [
        person(null, 12, 'job-consultant', ['workshop']),
        person(null, 50, 'job-consultant', []),
        person('b', 10, 'adviser'),
      ],
      jobTeam,
    );
    const byKey = new Map(rows.map((r) => [`${r.officeId}:${r.activity}`, r]));
    expect(byKey.get('a:ws')).toMatchObject({ supplyHours: 3, gapHours: 3, utilisation: 2 });
    expect(byKey.get('b:ws')).toMatchObject({ supplyHours: 9, gapHours: 9 });
    expect(byKey.get('b:net')).toMatchObject({ supplyHours: 0, gapHours: 2, utilisation: null });
  });

  it('puts the largest shortfall first and spare hours last', () => {
    const rows = buildCapacityPlan(
      [demand('a', 'cv', 5), demand('b', 'cv', 40), demand('c', 'cv', 1)],
      [person('a', 5), person('b', 10), person('c', 30)],
      jobTeam,
    );
    expect(rows.map((r) => [r.officeId, r.gapHours])).toEqual([
      ['b', 30],
      ['a', 0],
      ['c', -29],
    ]);
  });
});

describe('describeActivities', () => {
  const definitions = new Map([
    ['netcafe', { kind: 'group' as const, leaderRoles: ['adviser'], leaderSkill: 'netcafe' }],
    ['ws', { kind: 'group' as const, leaderRoles: ['job-consultant'], leaderSkill: 'workshop' }],
  ]);

  it('describes each activity once, as its demand rows do, else as its definition does, in the collator’s order', () => {
    expect(
      describeActivities(
        new Set(['ws', 'cv', 'netcafe', 'other']),
        [demand('a', 'ws', 6, 'job-consultant', 'workshop'), demand('b', 'cv', 1), demand('a', 'cv', 2)],
        definitions,
        jobTeam,
      ),
    ).toEqual([
      { activity: 'cv', kind: 'individual', role: 'adviser', skill: null, pool: 'office' },
      { activity: 'netcafe', kind: 'group', role: 'adviser', skill: 'netcafe', pool: 'office' },
      { activity: 'other', kind: 'individual', role: null, skill: null, pool: 'office' },
      { activity: 'ws', kind: 'individual', role: 'job-consultant', skill: 'workshop', pool: 'job-team' },
    ]);
  });

  it('refuses demand rows that describe one activity in two ways', () => {
    expect(() =>
      describeActivities(
        ['cv'],
        [demand('a', 'cv', 1), demand('b', 'cv', 1, 'pre-unemployment')],
        definitions,
        jobTeam,
      ),
    ).toThrow('Demand rows describe activity cv in two ways');
  });
});

describe('summarisePlanSupply', () => {
  const summarise = (demandRows: DemandRow[], staff: PlanStaff[], officeIds: string[]) =>
    summarisePlanSupply(buildCapacityPlan(demandRows, staff, jobTeam), demandRows, staff, jobTeam, new Set(officeIds));

  it('counts a person in several pools once: the pools’ sum is what they could draw on, not what exists', () => {
    // One adviser who also runs the netcafé: two pools at office a, 20 hours in each, 20 hours in all.
    const demandRows = [demand('a', 'cv', 30), demand('a', 'netcafe', 10, 'adviser', 'netcafe')];
    const staff = [person('a', 20, 'adviser', ['netcafe']), person('b', 37)];
    const rows = buildCapacityPlan(demandRows, staff, jobTeam);
    expect(rows.reduce((total, row) => total + row.supplyHours, 0)).toBe(40);
    expect(summarise(demandRows, staff, ['a'])).toEqual({ supplyHours: 20, pooledSupplyHours: 40 });
  });

  it('counts a job-team person once across offices and pools, and a department plan only its offices’ share', () => {
    const demandRows = [
      demand('a', 'ws', 10, 'job-consultant', 'workshop'),
      demand('a', 'theme', 10, 'job-consultant', 'theme-day'),
      demand('b', 'ws', 20, 'job-consultant', 'workshop'),
    ];
    const staff = [person(null, 30, 'job-consultant', ['workshop', 'theme-day'])];
    expect(summarise(demandRows, staff, ['a', 'b'])).toEqual({ supplyHours: 30, pooledSupplyHours: 60 });
    expect(summarise(demandRows, staff, ['a']).supplyHours).toBe(15);
  });

  it('leaves out people in no pool of the plan, and weeks without demand', () => {
    const staff = [
      person('a', 20, 'adviser'),
      person('a', 37, 'pre-unemployment'),
      { ...person('a', 10), hoursByWeek: { '2027-W03': 37 } },
    ];
    expect(summarise([demand('a', 'cv', 5)], staff, ['a']).supplyHours).toBe(20);
  });
});

describe('groupBacklog', () => {
  const group = (
    officeId: string,
    week: string,
    participants: number,
    sessions: number,
    waitingSeats: number,
  ): DemandRow => ({
    officeId,
    week,
    activity: 'theme',
    kind: 'group',
    role: 'job-consultant',
    skill: 'theme-day',
    participants,
    hours: sessions * 6,
    sessions,
    waitingSeats,
  });

  it('adds up seats and sessions over the window and keeps the seats still waiting in its last week', () => {
    // Office a: 5 + 4 seats, no session reaches 8 in week 1; 9 seats in week 2 open one session and 1 seat waits.
    const rows = [
      group('a', 'W1', 5, 0, 5),
      group('a', 'W2', 4, 1, 1),
      group('b', 'W1', 10, 1, 0),
      group('b', 'W2', 3, 0, 3),
    ];
    expect(groupBacklog(rows, 'W2')).toEqual([
      { officeId: 'b', activity: 'theme', participants: 13, sessions: 1, waitingSeats: 3 },
      { officeId: 'a', activity: 'theme', participants: 9, sessions: 1, waitingSeats: 1 },
    ]);
  });
});
