import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { main as measureRendering } from './calendar-bench.js';
import { measureNotModifiedPath } from './feed-304-bench.js';

const SECTION = '## Calendar';

/** Replaces the "## Calendar" section of BENCHMARKS.md (up to the next "## "), keeping every other section. */
export function withSection(document: string, body: string): string {
  const section = `${SECTION}\n\n${body.trim()}\n`;
  const start = document.indexOf(`${SECTION}\n`);
  if (start < 0) return `${document.trimEnd()}\n\n${section}`;
  const next = document.indexOf('\n## ', start + SECTION.length);
  return document.slice(0, start) + section + (next < 0 ? '' : document.slice(next));
}

async function run(): Promise<void> {
  const adminUrl =
    process.env.BENCH_DATABASE_ADMIN_URL ??
    process.env.TEST_DATABASE_ADMIN_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  const rendering = measureRendering();
  const notModified = await measureNotModifiedPath(adminUrl);
  console.log(notModified);
  const file = path.resolve('BENCHMARKS.md');
  const existing = await readFile(file, 'utf8').catch(
    () =>
      '# Benchmarks\n\nEach table is written by its benchmark; ratios compare against a baseline measured in the same run.\n',
  );
  const body = [
    // Absolute times swing with other load on a shared machine; the ratios are what to compare.
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:calendar\` (load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores).`,
    '',
    rendering.trim(),
    '',
    notModified.trim(),
  ].join('\n');
  await writeFile(file, withSection(existing, body));
}

run().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
