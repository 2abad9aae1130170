import fc from 'fast-check';
import { checkProposal } from './check-proposal.js';
import { solveExact } from './exact-mip.js';
import { generateInstance } from './generate-instance.js';
import { optimiseSessions } from './optimise.js';
import { baseInstance, item, memberNear, OFFICES, WEEK_OF_MARCH_2 } from './test-instances.fixtures.js';
import { type Proposal } from './types.js';

const [cph] = OFFICES;

describe('checkProposal', () => {
  const members = [1, 2, 3].map((k) => memberNear(`m${k}`, cph, k));
  const instance = baseInstance({ members, items: members.map((m) => item(m.id, 'netcafe', WEEK_OF_MARCH_2)) });
  const valid = optimiseSessions(instance);
  const edit = (change: (p: Proposal) => void): Proposal => {
    const copy = structuredClone(valid);
    change(copy);
    return copy;
  };
  const codes = (p: Proposal): string[] => [...new Set(checkProposal(instance, p).map((v) => v.code))].sort();

  it('accepts the optimiser proposal', () => {
    expect(valid.newSessions).toHaveLength(1);
    expect(checkProposal(instance, valid)).toEqual([]);
  });

  it('catches a session below its minimum size', () => {
    const broken = edit((p) => {
      const session = p.newSessions[0];
      const dropped = session.itemIds.splice(1);
      session.memberIds.splice(1);
      p.placements = p.placements.filter((pl) => !dropped.includes(pl.itemId));
      p.unplaced.push(
        ...dropped.map((itemId) => ({ itemId, memberId: '', activityId: 'netcafe', reason: 'CAPACITY' as const })),
      );
      p.summary.placed = p.placements.length;
    });
    expect(codes(broken)).toEqual(['SIZE_BELOW_MIN']);
  });

  it('catches a session outside the window, a leader who may not lead there and a double-booked room', () => {
    const moved = edit((p) => {
      p.newSessions[0].start += 7 * 86_400_000;
      p.newSessions[0].end += 7 * 86_400_000;
    });
    expect(codes(moved)).toContain('OUTSIDE_WINDOW');
    const wrongLeader = edit((p) => {
      p.newSessions[0].leaderIds = ['roskilde-adviser'];
    });
    expect(codes(wrongLeader)).toEqual(['LEADER_NOT_ALLOWED']);
    const twice = edit((p) => {
      p.newSessions.push({ ...p.newSessions[0], key: 'copy', itemIds: [], memberIds: [] });
      p.summary.sessionsOpened = 2;
    });
    expect(codes(twice)).toEqual(
      expect.arrayContaining(['LEADER_DOUBLE_BOOKED', 'ROOM_DOUBLE_BOOKED', 'SIZE_BELOW_MIN']),
    );
  });

  it('catches an item placed twice and an item left unaccounted for', () => {
    const doubled = edit((p) => {
      p.placements.push(p.placements[0]);
    });
    expect(codes(doubled)).toEqual(
      expect.arrayContaining(['DUPLICATE_ITEM', 'MEMBER_DOUBLE_BOOKED', 'ITEM_UNACCOUNTED']),
    );
  });
});

describe('property: proposals satisfy every hard constraint', () => {
  const sizes = fc.record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    members: fc.integer({ min: 20, max: 250 }),
    offices: fc.integer({ min: 2, max: 10 }),
    weeks: fc.integer({ min: 2, max: 8 }),
    existingSessions: fc.integer({ min: 0, max: 6 }),
  });

  it('heuristic proposals on random instances have no violations', () => {
    fc.assert(
      fc.property(sizes, (options) => {
        const instance = generateInstance(options);
        expect(checkProposal(instance, optimiseSessions(instance, { searchEffort: 4 }))).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });

  it('exact MIP proposals on random instances have no violations', async () => {
    await fc.assert(
      fc.asyncProperty(sizes, async (options) => {
        const instance = generateInstance({ ...options, members: Math.min(options.members, 120) });
        const { proposal } = await solveExact(instance, { timeLimitMs: 20_000 });
        expect(checkProposal(instance, proposal)).toEqual([]);
      }),
      { numRuns: 6 },
    );
  });
});
