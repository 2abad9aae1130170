import { hourRange, layOutDay, localMinutes } from '../../web/src/time-grid.js';

// The office week's time grid: where each event sits (minutes since local midnight) and which events share a row.

const day = (instant: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Copenhagen',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(instant));

describe('the office week’s time grid', () => {
  it('reads instants on the Copenhagen wall clock, in winter and summer', () => {
    expect(localMinutes('2026-12-07T08:00:00Z')).toBe(9 * 60);
    expect(localMinutes('2026-06-08T08:30:00Z')).toBe(10 * 60 + 30);
  });

  it('puts overlapping events side by side and the rest full width, in time order', () => {
    const at = (id: string, start: string, end: string) => ({
      id,
      start: `2026-12-07T${start}:00+01:00`,
      end: `2026-12-07T${end}:00+01:00`,
    });
    const placed = layOutDay(
      [
        at('late', '13:00', '15:00'),
        at('b', '09:00', '10:00'),
        at('a', '09:00', '09:30'),
        at('c', '09:30', '10:00'),
        at('d', '11:00', '12:00'),
      ],
      day,
      '2026-12-07',
    );
    expect(placed.map((p) => [p.item.id, p.from, p.lane, p.lanes])).toEqual([
      ['a', 540, 0, 2],
      ['b', 540, 1, 2],
      ['c', 570, 0, 2],
      ['d', 660, 0, 1],
      ['late', 780, 0, 1],
    ]);
  });

  it('shows at least 08–16, widened to the earliest start and the latest end', () => {
    expect(hourRange([])).toEqual({ first: 8, last: 16 });
    expect(hourRange([{ from: 7 * 60 + 30, to: 17 * 60 + 15 }])).toEqual({ first: 7, last: 18 });
  });
});
