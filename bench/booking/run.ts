import os from 'node:os';
import path from 'node:path';
import { writeSection } from '../benchmarks-md.js';
import { startBenchApp, type BenchApp } from './bench-app.js';
import { availabilityTargets, bookingFixture, median, overbookings, percentile, runLoad } from './booking-bench.js';
import type { LoadResult } from './load-worker.js';

const SECTION = '## Booking';
const CLIENTS = 64;
const BOOKING_RUNS = Number(process.env.BENCH_RUNS ?? 5);
const REQUESTS_PER_RUN = CLIENTS * 30;
const AVAILABILITY_RUNS = 3;
const AVAILABILITY_REQUESTS = 300;
const SEED = 20261123;
const NATIONWIDE_SCALE = 9;

interface Summary {
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: Record<string, number>;
}

function summarise(result: LoadResult): Summary {
  return {
    throughput: (result.latenciesMs.length / result.elapsedMs) * 1000,
    p50: percentile(result.latenciesMs, 0.5),
    p95: percentile(result.latenciesMs, 0.95),
    p99: percentile(result.latenciesMs, 0.99),
    statuses: result.statuses,
  };
}

function medianOf(runs: Summary[]): Summary {
  const statuses: Record<string, number> = {};
  for (const run of runs)
    for (const [status, n] of Object.entries(run.statuses)) statuses[status] = (statuses[status] ?? 0) + n;
  return {
    throughput: median(runs.map((r) => r.throughput)),
    p50: median(runs.map((r) => r.p50)),
    p95: median(runs.map((r) => r.p95)),
    p99: median(runs.map((r) => r.p99)),
    statuses,
  };
}

const fmt = (n: number, digits = 1) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const statusText = (s: Record<string, number>) =>
  Object.entries(s)
    .sort()
    .map(([k, v]) => `${k} × ${v}`)
    .join(', ');

async function measureBooking(bench: BenchApp) {
  const results: Record<string, Summary[]> = { 'api-spread': [], 'sql-spread': [], 'api-hot': [], 'sql-hot': [] };
  // Warm-up: JIT, connection pools, plan caches.
  await runLoad({
    kind: 'http-book',
    baseUrl: bench.baseUrl,
    concurrency: CLIENTS,
    requests: await bookingFixture(bench, 'spread', CLIENTS * 4),
  });
  for (let run = 0; run < BOOKING_RUNS; run++) {
    const order = run % 2 === 0 ? (['api', 'sql'] as const) : (['sql', 'api'] as const);
    for (const mode of ['spread', 'hot'] as const) {
      for (const via of order) {
        const requests = await bookingFixture(bench, mode, REQUESTS_PER_RUN);
        const result =
          via === 'api'
            ? await runLoad({ kind: 'http-book', baseUrl: bench.baseUrl, concurrency: CLIENTS, requests })
            : await runLoad({ kind: 'sql-book', databaseUrl: bench.databaseUrl, concurrency: CLIENTS, requests });
        const summary = summarise(result);
        results[`${via}-${mode}`].push(summary);
        console.log(
          `run ${run + 1} ${via} ${mode}: ${fmt(summary.throughput, 0)}/s p50 ${fmt(summary.p50)} p95 ${fmt(summary.p95)} p99 ${fmt(summary.p99)} (${statusText(summary.statuses)})`,
        );
      }
    }
  }
  return Object.fromEntries(Object.entries(results).map(([k, v]) => [k, medianOf(v)])) as Record<string, Summary>;
}

async function measureAvailability(bench: BenchApp) {
  const targets = await availabilityTargets(bench, AVAILABILITY_REQUESTS);
  await runLoad({ kind: 'http-get', baseUrl: bench.baseUrl, concurrency: 1, requests: targets.slice(0, 50) });
  const runs: Summary[] = [];
  for (let run = 0; run < AVAILABILITY_RUNS; run++) {
    runs.push(
      summarise(await runLoad({ kind: 'http-get', baseUrl: bench.baseUrl, concurrency: 1, requests: targets })),
    );
    console.log(
      `availability run ${run + 1}: p50 ${fmt(runs[run].p50)} p95 ${fmt(runs[run].p95)} (${statusText(runs[run].statuses)})`,
    );
  }
  return { ...medianOf(runs), targets: targets.length };
}

async function counts(bench: BenchApp) {
  const [row] = await bench.db.query(
    `SELECT (SELECT count(*)::int FROM office) AS offices, (SELECT count(*)::int FROM member) AS members,
            (SELECT count(*)::int FROM slot WHERE lower(during) >= now()) AS "futureSlots", (SELECT count(*)::int FROM session WHERE lower(during) >= now()) AS "futureSessions",
            (SELECT count(*)::int FROM booking) AS bookings`,
  );
  return row as { offices: number; members: number; futureSlots: number; futureSessions: number; bookings: number };
}

async function run(): Promise<void> {
  const adminUrl =
    process.env.BENCH_DATABASE_ADMIN_URL ??
    process.env.TEST_DATABASE_ADMIN_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const nationwideMembers = process.env.BENCH_NATIONWIDE_MEMBERS
    ? Number(process.env.BENCH_NATIONWIDE_MEMBERS)
    : undefined;
  const today = new Date();

  const demo = await startBenchApp(adminUrl, redisUrl, { seed: SEED, scale: 1, today });
  let booking: Record<string, Summary>;
  let availability: Awaited<ReturnType<typeof measureAvailability>>;
  let demoCounts: Awaited<ReturnType<typeof counts>>;
  let overbooked: { sessions: number; slots: number };
  try {
    demoCounts = await counts(demo);
    console.log(`scale 1: demo data loaded in ${demo.demoLoadMs} ms`, demoCounts);
    availability = await measureAvailability(demo);
    booking = await measureBooking(demo);
    overbooked = await overbookings(demo);
    console.log('overbooking check', overbooked);
  } finally {
    await demo.close();
  }

  const nationwide = await startBenchApp(adminUrl, redisUrl, {
    seed: SEED,
    scale: NATIONWIDE_SCALE,
    today,
    activeMembers: nationwideMembers,
  });
  let nationwideAvailability: Awaited<ReturnType<typeof measureAvailability>>;
  let nationwideCounts: Awaited<ReturnType<typeof counts>>;
  try {
    nationwideCounts = await counts(nationwide);
    console.log(`scale ${NATIONWIDE_SCALE}: demo data loaded in ${nationwide.demoLoadMs} ms`, nationwideCounts);
    nationwideAvailability = await measureAvailability(nationwide);
  } finally {
    await nationwide.close();
  }

  const ratio = (via: string) => booking[`api-${via}`].throughput / booking[`sql-${via}`].throughput;
  const row = (label: string, s: Summary) =>
    `| ${label} | ${fmt(s.throughput, 0)} | ${fmt(s.p50)} | ${fmt(s.p95)} | ${fmt(s.p99)} | ${statusText(s.statuses)} |`;
  const body = [
    `Measured ${today.toISOString().slice(0, 10)} with \`npm run bench:booking\` on ${os.cpus().length} shared cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}; PostgreSQL on 127.0.0.1, the API and the load generator (a worker thread) on the same machine. Medians of ${BOOKING_RUNS} runs.`,
    '',
    `### Bookings: ${CLIENTS} concurrent clients, ${REQUESTS_PER_RUN} requests per run`,
    '',
    `Spread: every request its own slot. Hot: each slot, or netcafé session of 4 seats, wanted by 16 requests in a row, so the ${CLIENTS} clients fight over ~4 targets at a time. The API path is \`POST /api/bookings\` over keep-alive HTTP with a member's token (validation, auth, rate limit, item lock, target checks, seat UPDATE or guarded INSERT, item status, audit row, read-back). The baseline sends only the seat-taking conditional UPDATE / guarded INSERT and the item update, in one transaction, over ${CLIENTS} direct connections, in the same run.`,
    '',
    '| path | requests/s | p50 ms | p95 ms | p99 ms | answers (all runs) |',
    '|---|---:|---:|---:|---:|---|',
    row('API, spread slots', booking['api-spread']),
    row('SQL baseline, spread slots', booking['sql-spread']),
    row('API, hot slots and sessions', booking['api-hot']),
    row('SQL baseline, hot slots and sessions', booking['sql-hot']),
    '',
    `Ratio API / SQL throughput: spread **${fmt(ratio('spread') * 100, 0)} %**, hot **${fmt(ratio('hot') * 100, 0)} %** (aim ≥ 25 %). Overbooking afterwards (SQL over all sessions and slots): ${overbooked.sessions} sessions, ${overbooked.slots} slots.`,
    '',
    `### Availability: \`GET /api/members/:id/availability?item=\`, one client, ${AVAILABILITY_REQUESTS} open items per run, ${AVAILABILITY_RUNS} runs`,
    '',
    '| data | offices | members | future slots | future sessions | demo load | p50 ms | p95 ms | aim p95 |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| demo (scale 1) | ${demoCounts.offices} | ${demoCounts.members} | ${demoCounts.futureSlots} | ${demoCounts.futureSessions} | ${fmt(demo.demoLoadMs / 1000)} s | ${fmt(availability.p50)} | ${fmt(availability.p95)} | ≤ 25 |`,
    `| nationwide (scale ${NATIONWIDE_SCALE}) | ${nationwideCounts.offices} | ${nationwideCounts.members} | ${nationwideCounts.futureSlots} | ${nationwideCounts.futureSessions} | ${fmt(nationwide.demoLoadMs / 1000)} s | ${fmt(nationwideAvailability.p50)} | ${fmt(nationwideAvailability.p95)} | ≤ 50 |`,
  ].join('\n');
  console.log(`\n${body}\n`);
  const file = path.resolve('BENCHMARKS.md');
  await writeSection(file, SECTION, body);
}

run().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
