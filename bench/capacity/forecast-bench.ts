import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { backtest, type BacktestReport, type ErrorMetrics } from '../../src/capacity/forecast/backtest.js';
import { forecastOffices } from '../../src/capacity/forecast/hierarchical.js';
import { type IsoWeek } from '../../src/capacity/forecast/iso-week.js';
import { seasonalNaive } from '../../src/capacity/forecast/seasonal-naive.js';
import { demoOfficeWeights, generateWeeklyInflow } from '../../src/capacity/forecast/synthetic.js';

export interface ForecastBenchOptions {
  /** Seeds of the demo histories to backtest; the first one is also timed. Default 1–10. */
  seeds?: number[];
  /** Timed runs per method. Default 30. */
  runs?: number;
  weeks?: number;
  yearlyTotal?: number;
  horizon?: number;
}

const START: IsoWeek = { year: 2023, week: 1 };

function demoHistory(seed: number, weeks: number, yearlyTotal: number): Map<string, number[]> {
  return generateWeeklyInflow({ seed, weeks, startIsoWeek: START, yearlyTotal, offices: demoOfficeWeights() }).byOffice;
}

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Milliseconds per call, after a warm-up; each run repeats the call for >= ~20 ms so fast baselines are measurable. */
function time(fn: () => void, runs: number): { median: number; p95: number } {
  for (let i = 0; i < 10; i++) fn();
  let repeats = 1;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < repeats; i++) fn();
    if (performance.now() - start >= 20) break;
    repeats *= 2;
  }
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    for (let i = 0; i < repeats; i++) fn();
    samples.push((performance.now() - start) / repeats);
  }
  samples.sort((a, b) => a - b);
  return { median: quantile(samples, 0.5), p95: quantile(samples, 0.95) };
}

const fmt = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

export async function main(options: ForecastBenchOptions = {}): Promise<string> {
  const seeds = options.seeds ?? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const runs = options.runs ?? 30;
  const weeks = options.weeks ?? 156;
  const yearlyTotal = options.yearlyTotal ?? 3400;
  const horizon = options.horizon ?? 52;

  const history = demoHistory(seeds[0], weeks, yearlyTotal);
  const model = time(() => forecastOffices(history, horizon, { startIsoWeek: START }), runs);
  const naive = time(() => {
    const total = new Array<number>(weeks).fill(0);
    for (const values of history.values()) {
      values.forEach((v, t) => (total[t] += v));
      seasonalNaive(values, horizon);
    }
    seasonalNaive(total, horizon);
  }, runs);

  const reports: BacktestReport[] = seeds.map((seed) =>
    backtest(demoHistory(seed, weeks, yearlyTotal), { forecast: { startIsoWeek: START } }),
  );

  type Level = 'fund' | 'office';
  const rows: [string, Level, keyof ErrorMetrics][] = [
    ['Fund, weekly sMAPE (%)', 'fund', 'smape'],
    ['Fund, weekly MASE', 'fund', 'mase'],
    ['Fund, 13-week total sMAPE (%)', 'fund', 'totalSmape'],
    ['Office mean, weekly sMAPE (%)', 'office', 'smape'],
    ['Office mean, weekly MASE', 'office', 'mase'],
    ['Office mean, 13-week total sMAPE (%)', 'office', 'totalSmape'],
  ];
  const lines: string[] = [];
  lines.push(`### Capacity forecast: backtest and speed`);
  lines.push('');
  lines.push(
    `Demo history: ${weeks} weeks from ${START.year}-W${String(START.week).padStart(2, '0')}, 55 offices (30 main, 25 satellite), ` +
      `~${yearlyTotal} new members a year. Backtest: rolling origin, 4 origins × 13 weeks over the last 52 weeks, ` +
      `model refitted at each origin. Medians over ${seeds.length} seeds (${seeds[0]}–${seeds[seeds.length - 1]}); ` +
      `"model < naive by ≥ 15 %" counts the seeds where the model's error is at least 15 % lower.`,
  );
  lines.push('');
  lines.push('| metric | model (fund HW split by shares) | seasonal naive | recent 13-week mean | model / naive | model < naive by ≥ 15 % |');
  lines.push('|---|---:|---:|---:|---:|---:|');
  for (const [label, level, key] of rows) {
    const values = (method: 'model' | 'seasonalNaive' | 'recentMean') => median(reports.map((r) => r[level][method][key]));
    const ratios = reports.map((r) => r[level].model[key] / r[level].seasonalNaive[key]);
    const wins = ratios.filter((r) => r <= 0.85).length;
    lines.push(
      `| ${label} | ${fmt(values('model'))} | ${fmt(values('seasonalNaive'))} | ${fmt(values('recentMean'))} | ` +
        `${fmt(median(ratios))} | ${wins}/${reports.length} |`,
    );
  }
  const coverage = (level: 'fund' | 'office') => `${(100 * median(reports.map((r) => r.coverage80[level]))).toFixed(1)} %`;
  lines.push('');
  lines.push(
    `80 % interval coverage of held-out weeks (median over seeds): fund ${coverage('fund')}, ` +
      `office ${coverage('office')} (office bounds are whole numbers, so they overshoot at ~1 member a week).`,
  );
  lines.push('');
  lines.push(`| forecast of 55 offices × ${horizon} weeks | median (ms) | p95 (ms) | ratio to baseline (median) |`);
  lines.push('|---|---:|---:|---:|');
  lines.push(`| seasonal naive (baseline, same data and run) | ${fmt(naive.median, 4)} | ${fmt(naive.p95, 4)} | 1 |`);
  lines.push(`| model: fit fund Holt–Winters + split + intervals | ${fmt(model.median, 3)} | ${fmt(model.p95, 3)} | ${fmt(model.median / naive.median, 0)} |`);
  lines.push('');
  lines.push(`${runs} timed runs each, Node ${process.version}.`);
  const table = lines.join('\n');
  console.log(table);
  return table;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
