import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { allocateGreedy, allocateStaff } from '../../src/capacity/allocation/core/allocate-staff.js';
import type { AllocationInput, AllocationResult } from '../../src/capacity/allocation/core/allocation.types.js';
import { generateAllocationInstance } from '../../src/capacity/allocation/core/synthetic-allocation-instance.js';

export interface AllocationBenchOptions {
  /** Timed runs at fund scale (55 offices). Default 7. */
  fundRuns?: number;
  /** Timed runs at nationwide scale (500 offices). Default 3. */
  nationwideRuns?: number;
  weeks?: number;
  seed?: number;
}

interface Timed {
  result: AllocationResult;
  median: number;
  p95: number;
  runs: number;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

async function time(run: () => Promise<AllocationResult> | AllocationResult, runs: number): Promise<Timed> {
  const samples: number[] = [];
  let result: AllocationResult | undefined;
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    result = await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { result: result as AllocationResult, median: quantile(samples, 0.5), p95: quantile(samples, 0.95), runs };
}

const fmt = (value: number, digits = 0): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function describe(input: AllocationInput): string {
  const count = (role: string): number => input.staff.filter((p) => p.role === role).length;
  return (
    `${input.offices.length} offices × ${input.weeks.length} weeks: ${count('adviser')} advisers, ` +
    `${count('job-consultant')} job consultants, ${count('pre-unemployment')} pre-unemployment staff, ${fmt(input.demand.length)} demand rows`
  );
}

export async function main(options: AllocationBenchOptions = {}): Promise<string> {
  const weeks = options.weeks ?? 13;
  const seed = options.seed ?? 1;
  const scales = [
    { offices: 55, runs: options.fundRuns ?? 7, target: 2_000 },
    { offices: 500, runs: options.nationwideRuns ?? 3, target: 30_000 },
  ];
  // Compiles the HiGHS WebAssembly module and warms the JIT once, outside every timed run.
  const warmUp = generateAllocationInstance({ weeks: 1, seed });
  await allocateStaff(warmUp);
  allocateGreedy(warmUp);

  const lines: string[] = [];
  lines.push('### Capacity allocation: HiGHS lexicographic LP vs greedy');
  lines.push('');
  lines.push(
    'Synthetic instances (seed ' +
      `${seed}, demand ≈ 95 % of supply per role with office-level imbalance). Time is the whole call: validation, ` +
      'network, column generation and solves, disaggregation to people and activities. Greedy is "home office first, ' +
      'then nearest", run on the same instance in the same process.',
  );
  lines.push('');
  lines.push(
    '| instance | method | runs | median (ms) | p95 (ms) | time ratio to greedy | target | uncovered (h) | uncovered ratio to greedy | travel cost (DKK) | cross-office (h) | LP columns / rows | LP runs | components |',
  );
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const notes: string[] = [];
  for (const scale of scales) {
    const input = generateAllocationInstance({ offices: scale.offices, weeks, seed });
    notes.push(`- ${describe(input)}; demand ${fmt(input.demand.reduce((s, d) => s + d.hours, 0))} h.`);
    const greedy = await time(() => allocateGreedy(input), Math.max(scale.runs, 3));
    const optimal = await time(() => allocateStaff(input), scale.runs);
    const label = `${scale.offices} × ${weeks}`;
    const g = greedy.result.totals;
    const o = optimal.result.totals;
    lines.push(
      `| ${label} | greedy (baseline) | ${greedy.runs} | ${fmt(greedy.median)} | ${fmt(greedy.p95)} | 1 | | ${fmt(g.uncoveredHours, 1)} | 1 | ` +
        `${fmt(g.travelCost)} | ${fmt(g.crossOfficeHours, 1)} | | | |`,
    );
    const s = optimal.result.stats;
    lines.push(
      `| ${label} | HiGHS (${optimal.result.status}) | ${optimal.runs} | ${fmt(optimal.median)} | ${fmt(optimal.p95)} | ` +
        `${fmt(optimal.median / greedy.median, 1)} | < ${fmt(scale.target)} | ${fmt(o.uncoveredHours, 1)} | ` +
        `${fmt(g.uncoveredHours > 0 ? o.uncoveredHours / g.uncoveredHours : 1, 2)} | ${fmt(o.travelCost)} | ${fmt(o.crossOfficeHours, 1)} | ` +
        `${fmt(s.variables)} / ${fmt(s.rows)} | ${fmt(s.lpRuns)} | ${fmt(s.components)} |`,
    );
  }
  lines.push('');
  lines.push(...notes);
  lines.push(
    `- Node ${process.version}; LP columns/rows are summed over all components' final (column-generated) programmes.`,
  );
  const table = lines.join('\n');
  console.log(table);
  return table;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
