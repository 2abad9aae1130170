import { programmeShareOn, valueOn } from './programme-share.js';

const role = [
  { validFrom: '2000-01-01', share: 0.4 },
  { validFrom: '2027-01-01', share: 0.5 },
];

describe('programmeShareOn', () => {
  it('takes the role default in force on the day', () => {
    expect(programmeShareOn([], role, '2026-12-31')).toBe(0.4);
    expect(programmeShareOn([], role, '2027-01-01')).toBe(0.5);
  });

  it('prefers the person’s own value, and a null value hands back to the role default from its date', () => {
    const own = [
      { validFrom: '2026-12-07', share: 0.2 },
      { validFrom: '2027-02-01', share: null },
    ];
    expect(programmeShareOn(own, role, '2026-12-06')).toBe(0.4);
    expect(programmeShareOn(own, role, '2026-12-07')).toBe(0.2);
    expect(programmeShareOn(own, role, '2027-01-15')).toBe(0.2);
    expect(programmeShareOn(own, role, '2027-02-01')).toBe(0.5);
  });

  it('is 0 before any value and reads values in any order', () => {
    expect(programmeShareOn([], role, '1999-12-31')).toBe(0);
    expect(valueOn([...role].reverse(), '2027-06-01')).toEqual({ validFrom: '2027-01-01', share: 0.5 });
  });
});
