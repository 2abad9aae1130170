import type { AccessService } from '../../../common/auth/access.service.js';
import type { Principal } from '../../../common/auth/principal.js';
import type { AppConfig } from '../../../common/config/app-config.js';
import { FixedClock } from '../../../shared/time/clock.js';
import type { CapacityPlanService } from '../capacity-plan.service.js';
import { CapacityPlanCacheService, type CapacityPlan } from './capacity-plan-cache.service.js';
import type { PlanInputsVersion } from './plan-inputs-version.js';

const HOUR = 60 * 60 * 1000;
const central: Principal = { role: 'central-coordinator', subjectId: '00000000-0000-4000-8000-0000000000c1' };

/** The cache around a plan service that counts its computations, on a clock and inputs version the test moves. */
function cacheOn(clock: FixedClock) {
  let version = 1n;
  const computed: string[] = [];
  const plans = {
    plan: async (_principal: Principal, query: { weeks?: number }) => {
      computed.push(`${clock.now().toISOString().slice(0, 10)} ${query.weeks}`);
      return { from: clock.now().toISOString().slice(0, 10), rows: [] } as unknown as CapacityPlan;
    },
  } as unknown as CapacityPlanService;
  const versions = { current: async () => version } as unknown as PlanInputsVersion;
  const config = {
    capacityPlanCacheEntries: 16,
    capacityPlanConcurrency: 2,
    capacityPlanRefreshSeconds: 0,
  } as unknown as AppConfig;
  const access = { departmentFilter: (p: Principal) => p.departmentId } as unknown as AccessService;
  const cache = new CapacityPlanCacheService(plans, versions, clock, config, access);
  return {
    cache,
    computed,
    bump: () => {
      version++;
    },
  };
}

describe('the capacity plan cache', () => {
  it('computes the plans asked for again when the day turns, so the first plan of the morning is kept, not cold', async () => {
    const clock = new FixedClock('2027-03-09T14:00:00Z');
    const { cache, computed } = cacheOn(clock);
    await cache.plan(central, { weeks: 8 });
    expect(await cache.refresh()).toBe(0); // same day, same inputs
    clock.set('2027-03-10T05:00:00Z'); // 06:00 in Copenhagen, the next day
    expect(await cache.refresh()).toBe(1);
    await cache.plan(central, { weeks: 8 });
    expect(computed).toEqual(['2027-03-09 8', '2027-03-10 8']);
    expect(cache.stats()).toMatchObject({ computed: 2, hits: 1 });
    expect(await cache.refresh()).toBe(0); // the day's plan is kept until something changes
  });

  it('after a change computes again only the last hour’s plans, after a new day the last week’s', async () => {
    const clock = new FixedClock('2027-03-01T08:00:00Z');
    const { cache, computed, bump } = cacheOn(clock);
    await cache.plan(central, { weeks: 26 }); // a week and more before the last turn of the day below
    clock.set('2027-03-08T20:00:00Z');
    expect(await cache.refresh()).toBe(0); // a new day, but the one plan was asked for over a week ago
    await cache.plan(central, { weeks: 13 });
    clock.advance(2 * HOUR);
    await cache.plan(central, { weeks: 8 });
    computed.length = 0;
    bump();
    expect(await cache.refresh()).toBe(1);
    expect(computed).toEqual(['2027-03-08 8']);
    computed.length = 0;
    clock.set('2027-03-09T06:00:00Z');
    expect(await cache.refresh()).toBe(2);
    expect(computed).toEqual(['2027-03-09 8', '2027-03-09 13']);
  });
});
