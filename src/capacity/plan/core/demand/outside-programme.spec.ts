import { outsideProgrammeRows, spreadByInflow } from './outside-programme.js';

describe('spreadByInflow', () => {
  it('spreads a fund-wide weekly count by each week’s inflow share, equally in a week without inflow', () => {
    const spread = spreadByInflow(
      5,
      new Map([
        ['a', [3, 0]],
        ['b', [1, 0]],
      ]),
      2,
    );
    expect(Object.fromEntries(spread)).toEqual({ a: [3.75, 2.5], b: [1.25, 2.5] });
  });
});

describe('outsideProgrammeRows', () => {
  it('turns expected meetings into hours at the activity’s default duration and leader', () => {
    const jobstarter = {
      code: 'jobstarter',
      kind: 'individual' as const,
      defaultDurationMinutes: 120,
      minGroupSize: null,
      maxGroupSize: null,
      leaderRoles: ['pre-unemployment'],
      leaderSkill: 'jobstarter',
    };
    expect(outsideProgrammeRows(['2027-W01'], jobstarter, new Map([['a', [5]]]))).toEqual([
      {
        officeId: 'a',
        week: '2027-W01',
        activity: 'jobstarter',
        kind: 'individual',
        role: 'pre-unemployment',
        skill: 'jobstarter',
        participants: 5,
        hours: 10,
      },
    ]);
  });
});
