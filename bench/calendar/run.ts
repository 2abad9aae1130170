import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { writeSection } from '../benchmarks-md.js';
import { main as measureRendering } from './calendar-bench.js';
import { measureNotModifiedPath } from './feed-304-bench.js';

const SECTION = '## Calendar';

async function run(): Promise<void> {
  const adminUrl =
    process.env.BENCH_DATABASE_ADMIN_URL ??
    process.env.TEST_DATABASE_ADMIN_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  const rendering = measureRendering();
  const notModified = await measureNotModifiedPath(adminUrl);
  console.log(notModified);
  const file = path.resolve('BENCHMARKS.md');
  const body = [
    // Absolute times swing with other load on a shared machine; the ratios are what to compare.
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:calendar\` (load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores).`,
    '',
    rendering.trim(),
    '',
    notModified.trim(),
  ].join('\n');
  await writeSection(file, SECTION, body);
}

run().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
