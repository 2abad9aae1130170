import { checkProposal } from './check-proposal.js';
import { generateInstance } from './generate-instance.js';
import { optimiseSessions } from './optimise.js';
import {
  baseInstance,
  CONSULTANT,
  item,
  march,
  memberNear,
  OFFICES,
  roomsFor,
  WEEK_OF_MARCH_2,
} from './test-instances.fixtures.js';
import { type OptimiserInstance, type Proposal } from './types.js';

const [cph, roskilde, aalborg, roenne] = OFFICES;

function solve(instance: OptimiserInstance): Proposal {
  const proposal = optimiseSessions(instance);
  expect(checkProposal(instance, proposal)).toEqual([]);
  return proposal;
}

function reasonOf(proposal: Proposal, itemId: string): string | undefined {
  return proposal.unplaced.find((u) => u.itemId === itemId)?.reason;
}

describe('optimiseSessions on hand-made instances', () => {
  it('forms a netcafé only where two members are near, and reports the lone member as TOO_FEW_NEARBY', () => {
    const members = [memberNear('m1', cph), memberNear('m2', roskilde, 5), memberNear('lone', aalborg)];
    const proposal = solve(
      baseInstance({ members, items: members.map((m) => item(m.id, 'netcafe', WEEK_OF_MARCH_2)) }),
    );
    expect(proposal.summary.placed).toBe(2);
    expect(proposal.newSessions).toHaveLength(1);
    expect(proposal.newSessions[0].memberIds.sort()).toEqual(['m1', 'm2']);
    expect(reasonOf(proposal, 'lone-netcafe')).toBe('TOO_FEW_NEARBY');
  });

  it('never sends an island member to the mainland', () => {
    const members = [
      memberNear('samsoe', cph, 2, { island: 'Samsø' }),
      memberNear('mainland', cph),
      memberNear('b1', roenne),
      memberNear('b2', roenne, 4),
    ];
    const proposal = solve(
      baseInstance({ members, items: members.map((m) => item(m.id, 'netcafe', WEEK_OF_MARCH_2)) }),
    );
    expect(reasonOf(proposal, 'samsoe-netcafe')).toBe('TOO_FAR');
    expect(reasonOf(proposal, 'mainland-netcafe')).toBe('TOO_FEW_NEARBY');
    const bornholm = proposal.newSessions.find((s) => s.memberIds.includes('b1'));
    expect(bornholm?.officeId).toBe('roenne');
    expect(bornholm?.memberIds.sort()).toEqual(['b1', 'b2']);
  });

  it('fills an existing session with two free seats before opening a new one', () => {
    const members = [memberNear('m1', cph), memberNear('m2', cph, 6)];
    const proposal = solve(
      baseInstance({
        members,
        items: members.map((m) => item(m.id, 'netcafe', WEEK_OF_MARCH_2)),
        existingSessions: [
          {
            id: 'published',
            activityId: 'netcafe',
            officeId: 'cph',
            roomId: 'cph-room',
            start: march(5, '13:00'),
            end: march(5, '15:00'),
            capacity: 4,
            booked: 2,
            leaderIds: ['cph-adviser'],
          },
        ],
      }),
    );
    expect(proposal.newSessions).toHaveLength(0);
    expect(proposal.existingSeats).toEqual([
      { sessionId: 'published', itemIds: ['m1-netcafe', 'm2-netcafe'], memberIds: ['m1', 'm2'] },
    ]);
  });

  it('places five netcafé members in the optimal two sessions', () => {
    const members = [1, 2, 3, 4, 5].map((k) => memberNear(`m${k}`, cph, k));
    const proposal = solve(
      baseInstance({ members, items: members.map((m) => item(m.id, 'netcafe', WEEK_OF_MARCH_2)) }),
    );
    expect(proposal.summary.placed).toBe(5);
    expect(proposal.summary.sessionsOpened).toBe(2);
    expect(proposal.summary.upperBound).toBe(5);
    expect(proposal.summary.gap).toBe(0);
  });

  it('lets one consultant lead only one of two workshops held at the same time', () => {
    const day = { start: march(4), end: march(5) };
    const members = [
      ...[1, 2, 3, 4].map((k) => memberNear(`c${k}`, cph, k)),
      ...[1, 2, 3, 4].map((k) => memberNear(`a${k}`, aalborg, k)),
    ];
    const proposal = solve(
      baseInstance({ members, items: members.map((m) => item(m.id, 'workshop', day)), leaders: [CONSULTANT] }),
    );
    expect(proposal.summary.placed).toBe(4);
    expect(proposal.summary.sessionsOpened).toBe(1);
    expect(proposal.unplaced.map((u) => u.reason)).toEqual(['CAPACITY', 'CAPACITY', 'CAPACITY', 'CAPACITY']);
  });

  it('explains unplaced items: window passed, no room, no leader, member busy', () => {
    const members = [
      memberNear('late', cph),
      memberNear('busy', cph, 1, { busy: [{ start: march(2), end: march(9) }] }),
      memberNear('ok', cph, 2),
    ];
    const passed = baseInstance({ now: march(10), members, items: [item('late', 'netcafe', WEEK_OF_MARCH_2)] });
    expect(reasonOf(solve(passed), 'late-netcafe')).toBe('WINDOW_PASSED');
    const tinyRooms = baseInstance({
      rooms: roomsFor(OFFICES, 1),
      members,
      items: [item('ok', 'netcafe', WEEK_OF_MARCH_2)],
    });
    expect(reasonOf(solve(tinyRooms), 'ok-netcafe')).toBe('NO_ROOM');
    const noAdvisers = baseInstance({
      leaders: [CONSULTANT],
      members,
      items: [item('ok', 'netcafe', WEEK_OF_MARCH_2)],
    });
    expect(reasonOf(solve(noAdvisers), 'ok-netcafe')).toBe('NO_LEADER_IN_WINDOW');
    const busy = baseInstance({
      members,
      items: [item('busy', 'netcafe', WEEK_OF_MARCH_2), item('ok', 'netcafe', WEEK_OF_MARCH_2)],
    });
    expect(reasonOf(solve(busy), 'busy-netcafe')).toBe('MEMBER_BUSY');
  });

  it('starts sessions at 09:00 local time on both sides of the 2026-03-29 DST change', () => {
    const members = [
      memberNear('w1', cph),
      memberNear('w2', cph, 2),
      memberNear('s1', cph, 3),
      memberNear('s2', cph, 4),
    ];
    const proposal = solve(
      baseInstance({
        members,
        closedDates: [],
        items: [
          item('w1', 'netcafe', { start: march(27), end: march(28) }),
          item('w2', 'netcafe', { start: march(27), end: march(28) }),
          item('s1', 'netcafe', { start: march(30), end: march(31) }),
          item('s2', 'netcafe', { start: march(30), end: march(31) }),
        ],
      }),
    );
    const starts = proposal.newSessions.map((s) => new Date(s.start).toISOString()).sort();
    expect(starts).toEqual(['2026-03-27T08:00:00.000Z', '2026-03-30T07:00:00.000Z']);
  });
});

describe('optimiseSessions on generated instances', () => {
  const instance = generateInstance({ seed: 7, members: 600, offices: 12, weeks: 8 });

  it('is deterministic: the same input gives the same proposal', () => {
    const strip = (p: Proposal): unknown => ({ ...p, summary: { ...p.summary, elapsedMs: 0 } });
    expect(strip(optimiseSessions(instance))).toEqual(strip(optimiseSessions(instance)));
  });

  it('returns a valid best-so-far proposal when stopped', () => {
    let polls = 0;
    const progress: number[] = [];
    const proposal = optimiseSessions(instance, {
      shouldStop: () => ++polls > 40,
      onProgress: (f) => progress.push(f),
    });
    expect(proposal.summary.status).toBe('stopped');
    expect(checkProposal(instance, proposal)).toEqual([]);
    expect(proposal.unplaced.some((u) => u.reason === 'SOLVE_STOPPED')).toBe(true);
    expect(progress[progress.length - 1]).toBe(1);
  });

  it('reports an upper bound that the proposal never exceeds', () => {
    const proposal = optimiseSessions(instance);
    expect(proposal.summary.placed).toBeLessThanOrEqual(proposal.summary.upperBound);
    expect(proposal.summary.gap).toBeGreaterThanOrEqual(0);
    expect(proposal.summary.status).toBe('complete');
  });
});
