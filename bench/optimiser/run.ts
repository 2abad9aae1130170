import { readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { main as optimiserBench } from './optimiser-bench.js';

/** Replaces (or appends) the "## Optimiser" section of BENCHMARKS.md, leaving every other section as it was. */
async function writeSection(path: string, body: string): Promise<void> {
  const existing = await readFile(path, 'utf8').catch(
    () =>
      '# Benchmarks\n\nEach table is written by its benchmark; ratios compare against a baseline measured in the same run.\n',
  );
  const section = `## Optimiser\n\n${body.trim()}\n`;
  const start = existing.search(/^## Optimiser\s*$/m);
  if (start < 0) {
    await writeFile(path, `${existing.trimEnd()}\n\n${section}`);
    return;
  }
  const rest = existing.slice(start + 1);
  const next = rest.search(/^## /m);
  const end = next < 0 ? existing.length : start + 1 + next;
  await writeFile(
    path,
    `${existing.slice(0, start)}${section}${end < existing.length ? `\n${existing.slice(end)}` : ''}`,
  );
}

/**
 * Runs the optimiser core's benchmark (the heuristic against HiGHS's proven optimum on small instances, and
 * the heuristic alone on the demo year) and writes its tables to BENCHMARKS.md. `--full` adds the
 * nationwide-size instance (100,000 members, 500 offices), which takes minutes and about 2 GB.
 */
export async function main(args: string[] = process.argv.slice(2)): Promise<void> {
  const full = args.includes('--full');
  const started = Date.now();
  const tables = await optimiserBench(args.includes('--small') ? ['--small'] : full ? [] : ['--quick']);
  const body = [
    `Run with \`npm run bench:optimiser${args.includes('--small') ? ' -- --small' : full ? ' -- --full' : ''}\` (${args.includes('--small') ? 'small instances and the demo run only' : full ? 'full' : 'quick: no nationwide instance'}; ${((Date.now() - started) / 1000).toFixed(0)} s in all).`,
    'The ratio column is HiGHS time over heuristic time on the same model; "placed heur / HiGHS" shows how close the heuristic comes to the proven optimum.',
    '',
    tables.replace(/^## Group-session optimiser\n/m, '### Group-session optimiser\n'),
  ].join('\n');
  await writeSection('BENCHMARKS.md', body);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
