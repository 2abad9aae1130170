import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { writeSubsections } from '../benchmarks-md.js';
import { WEEKLY_EXIT_HAZARD } from '../../src/capacity/plan/core/demand/demand-assumptions.js';
import { type DemandTemplateItem, projectDemand } from '../../src/capacity/plan/core/demand/project-demand.js';
import { forecastOffices } from '../../src/capacity/forecast/core/hierarchical.js';
import { addIsoWeeks, isoWeekOf, isoWeekStart } from '../../src/shared/time/iso-week.js';
import { seasonalNaive } from '../../src/capacity/forecast/core/seasonal-naive.js';
import type { TargetGroup } from '../../src/shared/vocabulary/target-groups.js';
import { ACTIVITY_CATALOGUE } from '../../src/booking/catalogue/activity-catalogue.js';
import { PROGRAMME_TEMPLATES } from '../../src/booking/catalogue/programme-templates.js';
import { buildDemoHistory, TARGET_GROUP_MIX } from '../../src/demo/demo-history.js';
import { buildDemoOrganisation } from '../../src/demo/demo-organisation.js';
import { main as allocationBench } from './allocation-bench.js';
import { main as forecastBench } from './forecast-bench.js';
import { main as planBench } from './plan-bench.js';

const SECTION = '## Capacity';

const TODAY = new Date('2026-11-23T09:00:00Z');

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function timeMs(fn: () => void, runs: number): { median: number; p95: number } {
  for (let i = 0; i < 3; i++) fn();
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { median: quantile(samples, 0.5), p95: quantile(samples, 0.95) };
}

/**
 * What the service does per plan request on the demo data (seed 20261123, 55 offices, 156 weeks): the 52-week forecast
 * fit and the demand projection through cohorts and templates, against seasonal naive on the same series.
 */
function demoSizeForecast(runs = 20): string {
  const organisation = buildDemoOrganisation(20261123, 1);
  const rows = buildDemoHistory(20261123, organisation.offices, TODAY);
  const first = addIsoWeeks(addIsoWeeks(isoWeekOf(TODAY), -1), -155);
  const firstMonday = isoWeekStart(first).getTime();
  const series = new Map(organisation.offices.map((o) => [o.code, new Array<number>(156).fill(0)]));
  for (const row of rows)
    series.get(row.officeCode)![
      Math.round((Date.parse(`${row.weekStart}T00:00:00Z`) - firstMonday) / (7 * 86_400_000))
    ] += row.newMembers;
  const fit = timeMs(() => forecastOffices(series, 52, { startIsoWeek: first, reconciliation: 'top-down' }), runs);
  const chosen = timeMs(() => forecastOffices(series, 52, { startIsoWeek: first }), Math.max(5, Math.floor(runs / 4)));
  const naive = timeMs(() => {
    for (const values of series.values()) seasonalNaive(values, 52);
  }, runs);
  const forecast = forecastOffices(series, 52, { startIsoWeek: first });
  const model = forecast.total.model;
  const templates = new Map<TargetGroup, DemandTemplateItem[]>(
    PROGRAMME_TEMPLATES.map((t) => [t.targetGroup, [...t.items]]),
  );
  const activities = new Map(ACTIVITY_CATALOGUE.map((a) => [a.code, a]));
  const weeks = Array.from({ length: 13 }, (_, i) => `w${i}`);
  const demand = timeMs(
    () =>
      projectDemand({
        weeks,
        leadWeeks: 0,
        offices: organisation.offices.map((o) => ({
          officeId: o.code,
          inflow: forecast.offices.get(o.code)!.mean.slice(0, 13),
          mix: TARGET_GROUP_MIX,
        })),
        templates,
        activities,
        weeklyExitHazard: WEEKLY_EXIT_HAZARD,
        basicItNeedsShare: 0.3,
        optionalUptake: 0.5,
      }),
    runs,
  );
  const fmt = (v: number, d = 2) => v.toFixed(d);
  return [
    '### Capacity: forecast and demand on the demo data',
    '',
    `Demo history (seed 20261123, today 2026-11-23): 55 offices × 156 weeks, ${rows.reduce((s, r) => s + r.newMembers, 0)} new members. ${runs} timed runs each.`,
    '',
    '| step | median (ms) | p95 (ms) | ratio to baseline (median) |',
    '|---|---:|---:|---:|',
    `| seasonal naive, 55 offices × 52 weeks (baseline) | ${fmt(naive.median, 3)} | ${fmt(naive.p95, 3)} | 1 |`,
    `| fund ETS (forms by AICc, level-shift search) + top-down split to 55 offices × 52 weeks with 80 % intervals | ${fmt(fit.median)} | ${fmt(fit.p95)} | ${fmt(fit.median / naive.median, 0)} |`,
    `| the same with the reconciliation method chosen by a 4-origin backtest (the service's cached fit) | ${fmt(chosen.median)} | ${fmt(chosen.p95)} | ${fmt(chosen.median / naive.median, 0)} |`,
    `| demand projection: 55 offices × 13 weeks × 7 target groups through cohorts and templates | ${fmt(demand.median)} | ${fmt(demand.p95)} | ${fmt(demand.median / naive.median, 0)} |`,
    '',
    `Fitted on the demo: ${model.name}${model.levelShift ? ' with a level shift' : ''}, offices ${forecast.reconciliation.method} (chosen by ${forecast.reconciliation.chosenBy}). ` +
      'The service caches the fitted forecast until the history changes, so a plan request pays the projection, not the fit.',
  ].join('\n');
}

/**
 * BENCH_CAPACITY_PARTS=plan measures only GET /api/capacity/plan and replaces only its table; with
 * BENCH_PLAN_BUSY_ONLY=1 only its busy-day rows, printed, not written. BENCH_CAPACITY_PARTS=demo measures only the
 * forecast and demand on the demo data and replaces only that table (seconds, where the whole run takes a quarter of
 * an hour).
 */
export async function main(): Promise<string> {
  if (process.env.BENCH_CAPACITY_PARTS === 'demo') {
    const demo = demoSizeForecast();
    await writeSubsections(
      'BENCHMARKS.md',
      SECTION,
      `${demo}\n\nMeasured ${new Date().toISOString().slice(0, 10)} with \`BENCH_CAPACITY_PARTS=demo npm run bench:capacity\`.`,
    );
    console.log(demo);
    return demo;
  }
  if (process.env.BENCH_CAPACITY_PARTS === 'plan') {
    const plan = await planBench();
    if (process.env.BENCH_PLAN_BUSY_ONLY === '1') {
      // Only the busy-day rows were measured: printed, BENCHMARKS.md left as it is.
      console.log(plan);
      return plan;
    }
    const scales = process.env.BENCH_PLAN_SCALES ? `BENCH_PLAN_SCALES=${process.env.BENCH_PLAN_SCALES} ` : '';
    await writeSubsections(
      'BENCHMARKS.md',
      SECTION,
      `${plan}\n\nMeasured ${new Date().toISOString().slice(0, 10)} with \`${scales}BENCH_CAPACITY_PARTS=plan npm run bench:capacity\`.`,
    );
    console.log(plan);
    return plan;
  }
  const parts = [demoSizeForecast(), await planBench(), await forecastBench(), await allocationBench()];
  const body = `${parts.join('\n\n')}\n\nMeasured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:capacity\`.`;
  await writeSubsections('BENCHMARKS.md', SECTION, body);
  console.log(parts[0]);
  return body;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
