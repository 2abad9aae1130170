import { compileModel } from './compiled-model.js';
import { solveExact } from './exact-mip.js';
import { generateInstance } from './generate-instance.js';
import { lpPlacedBound } from './lp-bound.js';
import { optimiseAndPolish } from './polish.js';
import { baseInstance, item, memberNear, OFFICES, WEEK_OF_MARCH_2 } from './test-instances.fixtures.js';

describe('LP relaxation bound', () => {
  it('equals the optimum on a hand-made instance (five netcafé members, one lone member far away)', async () => {
    const members = [...[1, 2, 3, 4, 5].map((k) => memberNear(`m${k}`, OFFICES[0], k)), memberNear('lone', OFFICES[2])];
    const instance = baseInstance({ members, items: members.map((m) => item(m.id, 'netcafe', WEEK_OF_MARCH_2)) });
    const bound = await lpPlacedBound(compileModel(instance));
    expect(bound.placed).toBe(5);
  });

  it('is at least the proven optimum and within 2 % of it where the minimum-size bound is 5 % off (seed 3, 200 members)', async () => {
    const instance = generateInstance({ seed: 3, members: 200, offices: 12, weeks: 8 });
    const { proposal: exact, mip } = await solveExact(instance, { timeLimitMs: 60_000 });
    expect(mip.status).toBe('optimal');
    const optimum = exact.summary.placed;
    const bound = await lpPlacedBound(compileModel(instance));
    expect(bound.placed).toBeGreaterThanOrEqual(optimum);
    expect(bound.placed as number).toBeLessThanOrEqual(Math.ceil(optimum * 1.02));
    expect(exact.summary.upperBound).toBeGreaterThanOrEqual(Math.ceil(optimum * 1.05));

    const polished = await optimiseAndPolish(instance);
    expect(polished.summary.placed).toBe(optimum);
    expect(polished.summary.upperBound).toBeGreaterThanOrEqual(optimum);
    expect(polished.summary.gap).toBeLessThanOrEqual(0.02);
    expect(['lp-relaxation', 'highs']).toContain(polished.summary.boundMethod);
    expect(polished.summary.components).toBeGreaterThan(1);
    expect(polished.summary.partsProvenOptimal).toBeLessThanOrEqual(polished.summary.components);
  }, 120_000);
});
