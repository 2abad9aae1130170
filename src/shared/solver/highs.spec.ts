import { solveLp } from './highs.js';

describe('solveLp', () => {
  it('solves a small MIP to its known optimum', async () => {
    const lp = [
      'Maximize',
      ' obj: 3 x + 2 y',
      'Subject To',
      ' c1: x + y <= 4',
      ' c2: x + 3 y <= 6',
      'Bounds',
      ' 0 <= x <= 3',
      'General',
      ' x y',
      'End',
    ].join('\n');
    const result = await solveLp(lp);
    expect(result.Status).toBe('Optimal');
    expect(result.ObjectiveValue).toBeCloseTo(11);
    expect((result.Columns.x as { Primal: number }).Primal).toBeCloseTo(3);
  });

  it('reports infeasibility as a status, not an exception', async () => {
    const lp = ['Minimize', ' obj: x', 'Subject To', ' c1: x >= 5', 'Bounds', ' x <= 2', 'End'].join('\n');
    const result = await solveLp(lp);
    expect(result.Status).toBe('Infeasible');
  });
});
