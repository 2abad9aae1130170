import { generateCandidateSessions } from './candidate-sessions.js';
import { baseInstance, item, march, memberNear, OFFICES } from './test-instances.fixtures.js';

describe('generateCandidateSessions', () => {
  const member = memberNear('m1', OFFICES[0]);
  const instance = baseInstance({
    members: [member],
    items: [item('m1', 'netcafe', { start: march(27), end: march(31) })],
    leaders: [
      { id: 'a', role: 'adviser', officeIds: ['cph'], free: [{ start: march(27, '08:00'), end: march(30, '12:00') }] },
    ],
  });

  it('offers standard local times on weekdays only, in UTC across the DST change', () => {
    const candidates = generateCandidateSessions(instance).filter((c) => c.officeId === 'cph');
    expect(candidates.map((c) => new Date(c.start).toISOString())).toEqual([
      '2026-03-27T08:00:00.000Z',
      '2026-03-27T12:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
    ]);
    expect(candidates.every((c) => c.end - c.start === 2 * 3_600_000)).toBe(true);
    expect(candidates[0]).toMatchObject({ roomIds: ['cph-room'], leaderIds: ['a'], capacity: 4 });
  });

  it('skips closure days and time taken by existing sessions', () => {
    const closed = generateCandidateSessions({
      ...instance,
      closedDates: ['2026-03-30'],
      existingSessions: [
        {
          id: 'x',
          activityId: 'netcafe',
          officeId: 'cph',
          roomId: 'cph-room',
          start: march(27, '13:00'),
          end: march(27, '15:00'),
          capacity: 4,
          booked: 4,
          leaderIds: ['a'],
        },
      ],
    }).filter((c) => c.officeId === 'cph');
    expect(closed.map((c) => new Date(c.start).toISOString())).toEqual(['2026-03-27T08:00:00.000Z']);
  });
});
