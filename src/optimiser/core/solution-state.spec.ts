import { compileModel } from './compiled-model.js';
import { generateInstance } from './generate-instance.js';
import { runHeuristic } from './optimise.js';

describe('SolutionState snapshot and restore', () => {
  it('returns to the snapshot: seats, sessions, rooms, leaders and totals', () => {
    const model = compileModel(generateInstance({ seed: 3, members: 200, offices: 12, weeks: 8 }));
    const { state } = runHeuristic(model);
    const saved = state.snapshot();
    const seats = state.itemEdge.slice();
    const rooms = state.candRoom.slice();
    const leaders = state.candLeaders.map((l) => (l === undefined ? undefined : [...l]));
    const totals = { placed: state.placed, opened: state.opened, cost: state.cost };
    // Empty and close two sessions, and seat nobody back.
    for (const c of saved.open.slice(0, 2)) {
      for (const i of [...(state.candMembers[c] ?? [])]) state.unseat(i);
      state.close(c);
    }
    expect(state.placed).toBeLessThan(totals.placed);
    state.restore(saved);
    expect(state.itemEdge).toEqual(seats);
    expect(state.candRoom).toEqual(rooms);
    expect(state.candLeaders).toEqual(leaders);
    expect({ placed: state.placed, opened: state.opened }).toEqual({ placed: totals.placed, opened: totals.opened });
    expect(state.cost).toBeCloseTo(totals.cost, 6);
    // The restored state's resource use is consistent: a closed session's room and leaders are free again.
    for (const c of saved.open) expect(state.canOpen(c)).toBe(false);
  });
});
