import { pathToFileURL } from 'node:url';
import { writeSubsections } from '../benchmarks-md.js';
import { main as optimiserBench } from './optimiser-bench.js';

/**
 * Runs the optimiser core's benchmark (the heuristic against HiGHS's proven optimum on small instances, and
 * the heuristic alone on the demo year) and writes its tables to the "### Group-session optimiser" part of BENCHMARKS.md. `--full` adds the
 * nationwide-size instance (100,000 members, 500 offices), which takes minutes and about 2 GB.
 */
export async function main(args: string[] = process.argv.slice(2)): Promise<void> {
  const full = args.includes('--full');
  const started = Date.now();
  const tables = await optimiserBench(args.includes('--small') ? ['--small'] : full ? [] : ['--quick']);
  const [heading, ...rest] = tables.trim().split('\n');
  const body = [
    heading.replace(/^## /, '### '),
    '',
    `Run with \`npm run bench:optimiser${args.includes('--small') ? ' -- --small' : full ? ' -- --full' : ''}\` (${args.includes('--small') ? 'small instances and the demo run only' : full ? 'full' : 'quick: no nationwide instance'}; ${((Date.now() - started) / 1000).toFixed(0)} s in all).`,
    'The ratio column is HiGHS time over heuristic time on the same model; "placed heur / HiGHS" shows how close the heuristic comes to the proven optimum.',
    ...rest,
  ].join('\n');
  // Only its own subsection: the other subsections of the Optimiser section are comparisons written by hand.
  await writeSubsections('BENCHMARKS.md', '## Optimiser', body);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
