import { instantsOfLocalTime } from '../../shared/time/index.js';
import { type InstantProblem, parseInstant } from './instant.js';

const iso = (value: Date | InstantProblem) => (value instanceof Date ? value.toISOString() : `${value.kind}`);

describe('instantsOfLocalTime (Europe/Copenhagen)', () => {
  it('gives one instant on an ordinary day, in winter and in summer time', () => {
    expect(instantsOfLocalTime('2027-01-12', '09:00').map((d) => d.toISOString())).toEqual([
      '2027-01-12T08:00:00.000Z',
    ]);
    expect(instantsOfLocalTime('2027-07-12', '09:00').map((d) => d.toISOString())).toEqual([
      '2027-07-12T07:00:00.000Z',
    ]);
  });

  it('gives none in the spring gap and two, earliest first, in the repeated autumn hour', () => {
    expect(instantsOfLocalTime('2028-03-26', '02:00')).toEqual([]);
    expect(instantsOfLocalTime('2028-03-26', '02:59')).toEqual([]);
    expect(instantsOfLocalTime('2028-03-26', '03:00').map((d) => d.toISOString())).toEqual([
      '2028-03-26T01:00:00.000Z',
    ]);
    expect(instantsOfLocalTime('2027-10-31', '02:30').map((d) => d.toISOString())).toEqual([
      '2027-10-31T00:30:00.000Z',
      '2027-10-31T01:30:00.000Z',
    ]);
    expect(instantsOfLocalTime('2027-10-31', '03:00').map((d) => d.toISOString())).toEqual([
      '2027-10-31T02:00:00.000Z',
    ]);
  });
});

describe('parseInstant', () => {
  it('reads a time without an offset as Copenhagen wall-clock time', () => {
    expect(iso(parseInstant('2028-03-27T09:00:00'))).toBe('2028-03-27T07:00:00.000Z');
    expect(iso(parseInstant('2027-12-01T09:00'))).toBe('2027-12-01T08:00:00.000Z');
  });

  it('keeps Z and offsets as they are', () => {
    expect(iso(parseInstant('2028-03-27T09:00:00Z'))).toBe('2028-03-27T09:00:00.000Z');
    expect(iso(parseInstant('2028-03-27T09:00:00+01:00'))).toBe('2028-03-27T08:00:00.000Z');
    expect(iso(parseInstant('2028-03-27T09:00-0230'))).toBe('2028-03-27T11:30:00.000Z');
    expect(iso(parseInstant('2028-03-27T09:00:00.000Z'))).toBe('2028-03-27T09:00:00.000Z');
    expect(iso(parseInstant('2028-03-27 09:00Z'))).toBe('2028-03-27T09:00:00.000Z');
  });

  it('refuses a time in the spring gap and takes the first of a repeated autumn time', () => {
    expect(iso(parseInstant('2028-03-26T02:30'))).toBe('nonexistent');
    expect(iso(parseInstant('2028-03-26T02:30+02:00'))).toBe('2028-03-26T00:30:00.000Z');
    expect(iso(parseInstant('2027-10-31T02:30'))).toBe('2027-10-31T00:30:00.000Z');
    expect(iso(parseInstant('2027-10-31T02:30+01:00'))).toBe('2027-10-31T01:30:00.000Z');
  });

  it('refuses seconds and fractions in appointment times, and allows them in filters', () => {
    expect(iso(parseInstant('2028-03-27T10:00:00.100+01:00'))).toBe('whole-minute');
    expect(iso(parseInstant('2028-03-27T10:00:30'))).toBe('whole-minute');
    expect(iso(parseInstant('2028-03-27T10:00:00.900Z', { wholeMinutes: false }))).toBe('2028-03-27T10:00:00.900Z');
  });

  it('reads a bare date only where asked, as the start of the Copenhagen day', () => {
    expect(iso(parseInstant('2028-03-27'))).toBe('format');
    expect(iso(parseInstant('2028-03-27', { dateOnly: true }))).toBe('2028-03-26T22:00:00.000Z');
  });

  it('refuses what is not a real date and time, or outside 2000–2100', () => {
    for (const text of [
      '2031-02-30T10:00',
      '2031-13-01T10:00',
      '2031-06-05T24:00',
      '2031-06-05T10:60',
      '20310605T1000',
      '2031-W23',
      'tomorrow',
      '',
      '2031-06-05T10:00+25:00',
    ]) {
      expect([text, iso(parseInstant(text))]).toEqual([text, 'format']);
    }
    expect(iso(parseInstant('1999-12-31T23:00Z'))).toBe('range');
    expect(iso(parseInstant('9999-12-31T10:00'))).toBe('range');
  });
});
