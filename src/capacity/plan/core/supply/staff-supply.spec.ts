import { qualifies, type SupplyCalendar, supplyByWeek, weeklySupplyHours } from './staff-supply.js';

const calendar = (overrides: Partial<SupplyCalendar> = {}): SupplyCalendar => ({
  holidays: new Set(),
  closuresByOffice: new Map(),
  jobTeamBaseOfficeId: 'head',
  roleShares: new Map([['adviser', [{ validFrom: '2000-01-01', share: 0.75 }]]]),
  ...overrides,
});
const adviser = { id: 'a', role: 'adviser', skills: ['netcafe'], weeklyHours: 37, officeId: 'o1', absences: [] };

describe('weeklySupplyHours', () => {
  it('gives contract hours times the role’s programme share in a plain week', () => {
    expect(weeklySupplyHours(adviser, '2027-03-01', calendar())).toBe(27.75);
  });

  it('takes out public holidays, the office’s closure days and absences (half-open), each once', () => {
    // Week of Easter 2027: Skærtorsdag 25 March, Langfredag 26 March.
    const holidays = new Set(['2027-03-25', '2027-03-26']);
    const closures = new Map([['o1', new Set(['2027-03-24', '2027-03-25'])]]);
    const absent = { ...adviser, absences: [{ from: '2027-03-22', to: '2027-03-23' }] };
    expect(weeklySupplyHours(absent, '2027-03-22', calendar({ holidays, closuresByOffice: closures }))).toBe(5.55);
  });

  it('lets the job team keep its base office’s closure days', () => {
    const consultant = { ...adviser, id: 'j', role: 'job-consultant', officeId: null, weeklyHours: 30 };
    const closures = new Map([['head', new Set(['2027-06-04'])]]);
    expect(
      weeklySupplyHours(
        consultant,
        '2027-05-31',
        calendar({
          closuresByOffice: closures,
          roleShares: new Map([['job-consultant', [{ validFrom: '2000-01-01', share: 1 }]]]),
        }),
      ),
    ).toBe(24);
  });

  it('keys hours by person and week', () => {
    const person = { ...adviser, shares: [{ validFrom: '2000-01-01', share: 1 }] };
    const result = supplyByWeek([person], [{ key: '2027-W09', monday: '2027-03-01' }], calendar());
    expect(result.get('a')).toEqual({ '2027-W09': 37 });
  });
});

describe('weeklySupplyHours with programme shares', () => {
  it('weighs each working day by the share in force that day: the person’s own, else the role’s', () => {
    // 37 h: 7.4 h a day. The role default 0.75 until Wednesday, then the person's 0.5 from Thursday 4 March 2027.
    const person = { ...adviser, shares: [{ validFrom: '2027-03-04', share: 0.5 }] };
    expect(weeklySupplyHours(person, '2027-03-01', calendar())).toBe(round(7.4 * (0.75 * 3 + 0.5 * 2)));
  });

  it('gives no hours to a role without a default', () => {
    expect(weeklySupplyHours({ ...adviser, role: 'pre-unemployment' }, '2027-03-01', calendar())).toBe(0);
  });
});

const round = (value: number) => Math.round(value * 100) / 100;

describe('qualifies', () => {
  it('needs the role and, when named, the skill', () => {
    expect(qualifies(adviser, 'adviser', null)).toBe(true);
    expect(qualifies(adviser, 'adviser', 'netcafe')).toBe(true);
    expect(qualifies(adviser, 'adviser', 'it')).toBe(false);
    expect(qualifies(adviser, 'job-consultant', null)).toBe(false);
  });
});
