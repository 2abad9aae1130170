import { mondayOfWeekKey } from '../../../shared/time/index.js';
import { inflowFactor } from './scenario-adjustments.js';

const aarhus = { id: 'aarhus', departmentId: 'east' };
const odense = { id: 'odense', departmentId: 'funen' };

describe('inflowFactor', () => {
  it('applies from the week of the start, up to the end date, in the named departments or offices only', () => {
    const adjustments = [{ fromDate: '2027-01-06', toDate: '2027-03-31', departmentIds: ['east'], factor: 1.2 }];
    expect(inflowFactor(adjustments, aarhus, '2026-12-28')).toBe(1);
    expect(inflowFactor(adjustments, aarhus, '2027-01-04')).toBe(1.2);
    expect(inflowFactor(adjustments, aarhus, '2027-04-05')).toBe(1);
    expect(inflowFactor(adjustments, odense, '2027-01-04')).toBe(1);
  });

  it('multiplies overlapping adjustments; an unscoped one applies everywhere', () => {
    const adjustments = [
      { fromWeek: '2027-W01', officeIds: ['aarhus'], factor: 1.2 },
      { fromWeek: '2027-W01', factor: 1.1 },
    ];
    expect(inflowFactor(adjustments, aarhus, '2027-01-04')).toBeCloseTo(1.32);
    expect(inflowFactor(adjustments, odense, '2027-01-04')).toBeCloseTo(1.1);
  });

  it('reads ISO week keys', () => {
    expect(mondayOfWeekKey('2027-W01')).toBe('2027-01-04');
    expect(() => mondayOfWeekKey('2027-W53')).toThrow();
  });
});
