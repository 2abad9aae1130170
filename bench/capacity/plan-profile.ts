import { createHash, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import pg from 'pg';
import { loadConfig } from '../../src/common/config/app-config.js';
import { createLogger } from '../../src/common/logging/logger.js';
import { DemoDataService } from '../../src/demo/demo-data.service.js';
import { createHttpApp } from '../../src/http-app.js';
import { CapacityPlanService } from '../../src/capacity/plan/capacity-plan.service.js';
import { CapacityRepository } from '../../src/capacity/capacity.repository.js';
import { KeptPlan } from '../../src/capacity/plan/cache/capacity-plan-cache.service.js';
import { Clock } from '../../src/shared/time/clock.js';

/**
 * The cold plan computation in-process, for profiling (`node --cpu-prof dist/bench/capacity/plan-profile.js`) and
 * for checking that a change keeps the plan the same: prints wall and CPU time and the SHA-1 of the plan's JSON per
 * run, and writes the JSON (in the canonical shape below, and as answered) when PLAN_PROFILE_OUT is set. The demo data (seed 20261123, today 2026-11-23) goes into a
 * database that is kept: PLAN_PROFILE_DB names one loaded before, so the next run skips the load.
 * PLAN_PROFILE_CPU=file writes a CPU profile of the last run's plan and keep (not the first run: it fits the forecast,
 * which is kept).
 *   PLAN_PROFILE_SCALE (default 9), PLAN_PROFILE_WEEKS (default 8; comma-separated), PLAN_PROFILE_RUNS (default 2).
 * Each run also prints the wall time of the repository's queries (summed; they partly run at once; each with
 * PLAN_PROFILE_QUERIES=1) and of keeping the
 * plan as the cache does (KeptPlan.of: its JSON, ETag and gzip), which a cold HTTP request pays on top of the plan.
 * The SHA-1 is of the plan in one canonical shape, the answer's before issue #15's leaner answers (every row,
 * office-week, signal and backlog entry with its office's code and name, rows with the department, all with the
 * week's Monday; rows with their activity's kind, role, skill and pool, office-week activities with its kind), except
 * that office-week activities whose figures are all 0 are left out: a plan in a lean shape (`offices`, `weekStarts`,
 * `activities`) is written out in that shape first, so a baseline build and this one must print the same SHA-1 for
 * the same numbers. `MB JSON` is the JSON as answered; `answer sha1` is its SHA-1, after checking that the kept bytes
 * inflate to exactly JSON.stringify of the plan (a run fails otherwise).
 */
const SEED = 20261123;
const TODAY = new Date('2026-11-23T09:00:00Z');

async function main(): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const scale = Number(process.env.PLAN_PROFILE_SCALE ?? 9);
  const weeksList = (process.env.PLAN_PROFILE_WEEKS ?? '8').split(',').map(Number);
  const runs = Number(process.env.PLAN_PROFILE_RUNS ?? 2);
  let databaseName = process.env.PLAN_PROFILE_DB;
  const fresh = !databaseName;
  if (!databaseName) {
    databaseName = `akasse_planprofile_${scale}_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${databaseName}`);
    await admin.end();
  }
  const databaseUrl = adminUrl.replace(/\/[^/]*$/, `/${databaseName}`);
  const jwtSecret = randomBytes(32).toString('hex');
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: jwtSecret,
    REDIS_KEY_PREFIX: `akasse-planprofile-${randomBytes(3).toString('hex')}`,
    DEMO_DATA: 'false',
    RUN_WORKERS: 'false',
    LOG_LEVEL: 'silent',
    CAPACITY_PLAN_CACHE_ENTRIES: '0',
  });
  const app = await createHttpApp({ config, databaseUrl, redisUrl, jwtSecret }, createLogger('silent'));
  try {
    (app.get(Clock) as { now: () => Date }).now = () => new Date(TODAY);
    if (fresh) {
      const started = Date.now();
      await app.get(DemoDataService).load({ seed: SEED, scale, today: TODAY });
      console.log(`demo data (scale ${scale}) loaded into ${databaseName} in ${Date.now() - started} ms`);
    }
    const plans = app.get(CapacityPlanService);
    let sqlMs = 0;
    const repository = app.get(CapacityRepository) as unknown as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(repository))) {
      const method = repository[name];
      if (name === 'constructor' || typeof method !== 'function') continue;
      repository[name] = async (...args: unknown[]) => {
        const started = performance.now();
        let result: unknown;
        try {
          return (result = await (method as (...a: unknown[]) => Promise<unknown>).apply(repository, args));
        } finally {
          sqlMs += performance.now() - started;
          if (process.env.PLAN_PROFILE_QUERIES)
            console.log(
              `  query ${name}: ${(performance.now() - started).toFixed(0)} ms` +
                (Array.isArray(result) ? `, ${result.length} rows` : ''),
            );
        }
      };
    }
    const profiler = process.env.PLAN_PROFILE_CPU ? new Session() : undefined;
    profiler?.connect();
    let profiled: unknown;
    for (const weeks of weeksList) {
      for (let run = 0; run < runs; run++) {
        const profiling = profiler && (run > 0 || weeks !== weeksList[0]);
        if (profiling) {
          await profiler.post('Profiler.enable');
          await profiler.post('Profiler.start');
        }
        sqlMs = 0;
        // Nothing else runs here, so the loop's longest delay is the plan and keep's longest synchronous stretch: how
        // long a request (a kept plan's, say) waits behind a computation in the same process.
        const loop = monitorEventLoopDelay({ resolution: 5 });
        loop.enable();
        const cpu = process.cpuUsage();
        const start = performance.now();
        const plan = await plans.plan({ role: 'central-coordinator' }, { from: '2026-11-30', weeks });
        const wall = performance.now() - start;
        const used = process.cpuUsage(cpu);
        const keepStart = performance.now();
        const kept = await KeptPlan.of(plan);
        const keepMs = performance.now() - keepStart;
        loop.disable();
        // The profile ends with the keep: the bench's own JSON and hashing below are no part of a request.
        if (profiling) profiled = (await profiler.post('Profiler.stop')).profile;
        const answered = JSON.stringify(plan);
        // What a request gets is the kept bytes: they must be the plan's JSON.stringify, to the byte.
        const keptJson = (await kept.json()).toString('utf8');
        if (keptJson !== answered) throw new Error('The kept JSON is not JSON.stringify of the plan');
        const answerHash = createHash('sha1').update(answered).digest('hex');
        const json = JSON.stringify(inFormerShape(plan as unknown as Record<string, unknown>));
        const hash = createHash('sha1').update(json).digest('hex');
        console.log(
          `weeks ${weeks} run ${run}: wall ${wall.toFixed(0)} ms, cpu ${((used.user + used.system) / 1000).toFixed(0)} ms, ` +
            `queries ${sqlMs.toFixed(0)} ms, kept (JSON, ETag, gzip) ${keepMs.toFixed(0)} ms wall, ${(kept.gzipped.length / 1e6).toFixed(1)} MB gzip, ` +
            `${plan.rows.length} rows, ${(answered.length / 1e6).toFixed(1)} MB JSON, answer sha1 ${answerHash}, sha1 ${hash}, ` +
            `longest event-loop block ${(loop.max / 1e6).toFixed(0)} ms`,
        );
        if (process.env.PLAN_PROFILE_OUT && run === 0) {
          await writeFile(`${process.env.PLAN_PROFILE_OUT}-${weeks}.json`, json);
          await writeFile(`${process.env.PLAN_PROFILE_OUT}-${weeks}-answer.json`, answered);
        }
      }
    }
    if (profiled) await writeFile(process.env.PLAN_PROFILE_CPU!, JSON.stringify(profiled));
  } finally {
    await app.close();
  }
}

type Item = Record<string, unknown>;

/**
 * The plan as the answer looked before the offices, weeks' Mondays and activities were sent once (the same keys in
 * the same order), without office-week activities whose figures are all 0.
 */
function inFormerShape(plan: Item): Item {
  const described = Array.isArray(plan.activities)
    ? new Map((plan.activities as Item[]).map((a) => [a.activity as string, a]))
    : undefined;
  const { activities: _activities, ...rest } = plan;
  const rows = !described
    ? (plan.rows as Item[])
    : (plan.rows as Item[]).map((r) => {
        const a = described.get(r.activity as string)!;
        return {
          officeId: r.officeId,
          week: r.week,
          activity: r.activity,
          kind: a.kind,
          role: a.role,
          skill: a.skill,
          participants: r.participants,
          sessions: r.sessions,
          demandHours: r.demandHours,
          supplyHours: r.supplyHours,
          gapHours: r.gapHours,
          utilisation: r.utilisation,
          pool: a.pool,
        };
      });
  const officeWeeks = (plan.officeWeeks as Item[]).map((w) => ({
    ...w,
    activities: (w.activities as Item[])
      .filter((a) => !(!a.demandHours && !a.plannedHours && !a.publishedHours && !a.bookedHours && !a.waitingSeats))
      .map((a) => (described ? { activity: a.activity, kind: described.get(a.activity as string)!.kind, ...a } : a)),
  }));
  return inFormerOfficeShape({ ...rest, rows, officeWeeks });
}

function inFormerOfficeShape(plan: Item): Item {
  if (!Array.isArray(plan.offices)) return plan;
  const offices = new Map((plan.offices as Item[]).map((o) => [o.id as string, o]));
  const weeks = plan.weeks as string[];
  const mondays = new Map(weeks.map((week, i) => [week, (plan.weekStarts as string[])[i]]));
  const office = (item: Item) => offices.get(item.officeId as string)!;
  const labelled = (item: Item) => ({
    officeCode: office(item).code,
    officeName: office(item).name,
    weekStart: mondays.get(item.week as string),
  });
  const { weekStarts: _weekStarts, offices: _offices, ...rest } = plan;
  return {
    ...rest,
    rows: (plan.rows as Item[]).map((r) => ({
      ...r,
      weekStart: mondays.get(r.week as string),
      officeCode: office(r).code,
      officeName: office(r).name,
      departmentId: office(r).departmentId,
    })),
    officeWeeks: (plan.officeWeeks as Item[]).map((w) => ({ ...w, ...labelled(w) })),
    signals: (plan.signals as Item[]).map(({ message, ...s }) => ({ ...s, ...labelled(s), message })),
    backlog: (plan.backlog as Item[]).map((b) => ({ ...b, officeCode: office(b).code, officeName: office(b).name })),
  };
}

await main();
