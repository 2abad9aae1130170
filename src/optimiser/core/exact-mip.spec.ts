import { solveExact } from './exact-mip.js';
import { generateInstance } from './generate-instance.js';
import { optimiseSessions } from './optimise.js';
import { baseInstance, item, memberNear, OFFICES, WEEK_OF_MARCH_2 } from './test-instances.fixtures.js';

describe('solveExact', () => {
  it('proves the optimum of a small hand-made instance', async () => {
    const members = [1, 2, 3, 4, 5].map((k) => memberNear(`m${k}`, OFFICES[0], k));
    const { proposal, mip, placedBound } = await solveExact(
      baseInstance({ members, items: members.map((m) => item(m.id, 'netcafe', WEEK_OF_MARCH_2)) }),
    );
    expect(mip.status).toBe('optimal');
    expect(proposal.summary.placed).toBe(5);
    expect(proposal.summary.sessionsOpened).toBe(2);
    expect(placedBound).toBe(5);
  });

  it('accepts the heuristic as a warm start and reaches the same optimum', async () => {
    const instance = generateInstance({ seed: 3, members: 160, offices: 6, weeks: 6 });
    const cold = await solveExact(instance);
    const warm = await solveExact(instance, { warmStart: true });
    expect(warm.proposal.summary.placed).toBe(cold.proposal.summary.placed);
    expect(warm.proposal.summary.sessionsOpened).toBe(cold.proposal.summary.sessionsOpened);
  });
});

describe('heuristic against the exact optimum (same model)', () => {
  const cases = [
    { seed: 1, members: 100, offices: 3, weeks: 4 },
    { seed: 2, members: 200, offices: 4, weeks: 4 },
    { seed: 1, members: 120, offices: 10, weeks: 8 },
    { seed: 1, members: 150, offices: 10, weeks: 8 },
    { seed: 5, members: 150, offices: 10, weeks: 8 },
    { seed: 1, members: 200, offices: 12, weeks: 8 },
    { seed: 2, members: 200, offices: 12, weeks: 8 },
  ];

  it.each(cases)('places as many items and opens at most 5 %% more sessions: %o', async (options) => {
    const instance = generateInstance(options);
    const heuristic = optimiseSessions(instance);
    const { proposal: exact, mip } = await solveExact(instance, { timeLimitMs: 30_000 });
    expect(mip.status).toBe('optimal');
    expect(exact.summary.placed).toBeGreaterThan(0);
    expect(heuristic.summary.placed).toBe(exact.summary.placed);
    expect(heuristic.summary.sessionsOpened).toBeLessThanOrEqual(Math.floor(exact.summary.sessionsOpened * 1.05));
  });
});
