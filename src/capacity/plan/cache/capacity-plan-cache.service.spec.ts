import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { AccessService } from '../../../common/auth/access.service.js';
import type { Principal } from '../../../common/auth/principal.js';
import type { AppConfig } from '../../../common/config/app-config.js';
import { FixedClock } from '../../../shared/time/clock.js';
import type { CapacityPlanService } from '../capacity-plan.service.js';
import { CapacityPlanCacheService, type CapacityPlan } from './capacity-plan-cache.service.js';
import type { PlanInputsVersion } from './plan-inputs-version.js';
import type { AskedPlanRow, AskedPlansRepository } from './asked-plans.repository.js';

const HOUR = 60 * 60 * 1000;
const central: Principal = { role: 'central-coordinator', subjectId: '00000000-0000-4000-8000-0000000000c1' };

/** capacity_plan_asked as a map (the real table: test/integration/capacity-plan-cache.test.ts). */
function askedTable() {
  const rows = new Map<string, AskedPlanRow>();
  const repository = {
    record: async (row: AskedPlanRow) => {
      rows.set(row.askedKey, row);
    },
    askedSince: async (since: Date) =>
      [...rows.values()].filter((r) => r.askedAt >= since).sort((a, b) => a.askedAt.getTime() - b.askedAt.getTime()),
    forgetBefore: async (before: Date) => {
      for (const [key, row] of rows) if (row.askedAt < before) rows.delete(key);
    },
  } as unknown as AskedPlansRepository;
  return { rows, repository };
}

/** The cache around a plan service that counts its computations, on a clock and inputs version the test moves. */
function cacheOn(clock: FixedClock, asked = askedTable(), maxStaleSeconds = 0) {
  let version = 1n;
  const computed: string[] = [];
  /** The next computation's outcome, once, instead of an empty plan. */
  let next: (() => Promise<CapacityPlan>) | undefined;
  const plans = {
    plan: async (_principal: Principal, query: { weeks?: number; from?: string }) => {
      computed.push(
        `${clock.now().toISOString().slice(0, 10)} ${query.weeks}${query.from ? ` from ${query.from}` : ''}`,
      );
      const outcome = next;
      next = undefined;
      if (outcome) return outcome();
      return { from: clock.now().toISOString().slice(0, 10), rows: [] } as unknown as CapacityPlan;
    },
  } as unknown as CapacityPlanService;
  const versions = { current: async () => version } as unknown as PlanInputsVersion;
  const config = {
    capacityPlanCacheEntries: 16,
    capacityPlanConcurrency: 2,
    capacityPlanRefreshSeconds: 10,
    capacityPlanMaxStaleSeconds: maxStaleSeconds,
  } as unknown as AppConfig;
  const access = { departmentFilter: (p: Principal) => p.departmentId } as unknown as AccessService;
  const cache = new CapacityPlanCacheService(plans, versions, clock, config, access, asked.repository);
  return {
    cache,
    asked,
    computed,
    bump: () => {
      version++;
    },
    nextComputation: (outcome: () => Promise<CapacityPlan>) => {
      next = outcome;
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

  it('on a Monday computes a plan asked for from the coming Monday from the new coming Monday', async () => {
    const clock = new FixedClock('2027-03-04T12:00:00Z'); // a Thursday
    const { cache, computed } = cacheOn(clock);
    await cache.plan(central, { from: '2027-03-08', weeks: 8 }); // the web app's default: the coming Monday
    await cache.plan(central, { from: '2027-03-01', weeks: 4 }); // a week chosen by hand
    clock.set('2027-03-08T05:00:00Z'); // Monday morning
    expect(await cache.refresh()).toBe(2);
    expect(computed.slice(2)).toEqual(['2027-03-08 4 from 2027-03-01', '2027-03-08 8 from 2027-03-15']);
    const computedBefore = cache.stats().computed;
    await cache.plan(central, { from: '2027-03-15', weeks: 8 });
    expect(cache.stats().computed).toBe(computedBefore);
  });

  it('after a restart computes the plans asked for in the last week, as written down, before anyone asks again', async () => {
    const clock = new FixedClock('2027-03-09T09:00:00Z');
    const asked = askedTable();
    const before = cacheOn(clock, asked);
    const office: Principal = { role: 'office-coordinator', subjectId: central.subjectId, departmentId: 'd1' };
    await before.cache.plan(central, { weeks: 26 });
    await before.cache.plan(office, { weeks: 8 });
    await before.cache.plan(office, { weeks: 8 }); // written down once
    expect([...asked.rows.values()].map((r) => [r.role, r.departmentId, r.query])).toEqual([
      ['central-coordinator', null, { weeks: 26 }],
      ['office-coordinator', 'd1', { weeks: 8 }],
    ]);
    clock.advance(HOUR);
    const after = cacheOn(clock, asked);
    expect(await after.cache.warm()).toBe(2);
    expect(after.computed).toEqual(['2027-03-09 8', '2027-03-09 26']);
    await after.cache.plan(office, { weeks: 8 });
    await after.cache.plan(central, { weeks: 26 });
    expect(after.cache.stats()).toMatchObject({ computed: 2, hits: 2 });
    // Eight days on, nothing asked since: nothing to warm, and the old rows are gone.
    clock.advance(8 * 24 * HOUR);
    expect(await cacheOn(clock, asked).cache.warm()).toBe(0);
    expect(asked.rows.size).toBe(0);
  });

  it('answers a recent plan after a change and leaves the newer one to the background refresh', async () => {
    const clock = new FixedClock('2027-03-09T09:00:00Z');
    const { cache, computed, bump } = cacheOn(clock, askedTable(), 60);
    await cache.plan(central, { weeks: 8 });
    for (let change = 0; change < 5; change++) {
      bump();
      clock.advance(2000);
      expect(await cache.plan(central, { weeks: 8 })).toMatchObject({ stale: true });
    }
    expect(computed).toHaveLength(1); // five changes, no computation on a request
    expect(await cache.refresh()).toBe(1);
    expect(await cache.plan(central, { weeks: 8 })).toMatchObject({ stale: false });
    expect(computed).toHaveLength(2);
    bump();
    clock.advance(61_000); // the kept plan is too old to answer: the request waits for the newer one
    expect(await cache.plan(central, { weeks: 8 })).toMatchObject({ stale: false });
    expect(computed).toHaveLength(3);
  });

  it('says a failed background computation once, however many stale answers waited for it', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const failures = () =>
      warn.mock.calls.filter(([message]) => String(message).startsWith('Computing a capacity plan'));
    try {
      const clock = new FixedClock('2027-03-09T09:00:00Z');
      const { cache, bump, nextComputation } = cacheOn(clock, askedTable(), 60);
      await cache.plan(central, { weeks: 8 });
      let fail!: (error: Error) => void;
      nextComputation(() => new Promise<CapacityPlan>((_resolve, reject) => (fail = reject)));
      bump();
      clock.advance(2000);
      const refreshed = cache.refresh();
      for (let ask = 0; ask < 3; ask++) expect(await cache.plan(central, { weeks: 8 })).toMatchObject({ stale: true });
      fail(new Error('connection terminated'));
      expect(await refreshed).toBe(1);
      expect(failures()).toEqual([['Computing a capacity plan failed: Error: connection terminated']]);
      // The older plan still answers, and the next refresh tries again (and says its failure too).
      expect(await cache.plan(central, { weeks: 8 })).toMatchObject({ stale: true });
      nextComputation(() => Promise.reject(new Error('still down')));
      bump();
      expect(await cache.refresh()).toBe(1);
      expect(failures()).toHaveLength(2);
    } finally {
      warn.mockRestore();
    }
  });

  it('writes down and refreshes only plans that could be computed, and one plan for JSON and every CSV dialect', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const clock = new FixedClock('2027-03-09T09:00:00Z');
      const { cache, asked, computed, bump, nextComputation } = cacheOn(clock);
      nextComputation(() => Promise.reject(new Error('No scenario is called "typo"')));
      await expect(cache.plan(central, { weeks: 8, scenario: 'typo' })).rejects.toThrow('typo');
      await cache.plan(central, { weeks: 8 });
      await cache.plan(central, { weeks: 8, dialect: 'excel-da' });
      expect(computed).toEqual(['2027-03-09 8', '2027-03-09 8']); // the failed one, then one for JSON and CSV
      expect([...asked.rows.values()].map((r) => r.query)).toEqual([{ weeks: 8 }]);
      bump();
      expect(await cache.refresh()).toBe(1); // not the failing query
    } finally {
      warn.mockRestore();
    }
  });

  it('deletes the plans asked for over a week ago when the day turns, not only at a restart', async () => {
    const clock = new FixedClock('2027-03-01T09:00:00Z');
    const { cache, asked } = cacheOn(clock);
    await cache.plan(central, { weeks: 26 });
    clock.set('2027-03-05T09:00:00Z');
    await cache.plan(central, { weeks: 8 });
    clock.set('2027-03-08T12:00:00Z'); // over a week after the first asking, three days after the second
    await cache.refresh();
    expect([...asked.rows.values()].map((r) => r.query)).toEqual([{ weeks: 8 }]);
  });
});
