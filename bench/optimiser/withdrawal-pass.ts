import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { OptimiserInstance, Proposal } from '../../src/optimiser/core/types.js';
import { median } from '../stats.js';

/**
 * A withdrawal run (`optimiseWithWithdrawals` around `optimiseAndPolish`, defaults) on an instance saved
 * by `withdrawal-demo.js --save <file>`, without a database. `--core=<dir>` loads the optimiser core
 * from another build, so a change and main's build alternate in one process (`--rounds=N`).
 *
 *   node dist/bench/optimiser/withdrawal-pass.js --instance=<file> [--rounds=3] [--core=dir ...]
 */
interface Core {
  optimiseAndPolish: (instance: OptimiserInstance) => Promise<Proposal>;
  optimiseWithWithdrawals: (
    instance: OptimiserInstance,
    solve: (pass: OptimiserInstance) => Promise<Proposal>,
  ) => Promise<Proposal>;
}

async function loadCore(dir: string | undefined): Promise<Core> {
  const base =
    dir === undefined
      ? new URL('../../src/optimiser/core/', import.meta.url)
      : pathToFileURL(`${dir.replace(/\/$/, '')}/`);
  const polish = (await import(new URL('polish.js', base).href)) as Pick<Core, 'optimiseAndPolish'>;
  const withdrawal = (await import(new URL('withdrawal.js', base).href)) as Pick<Core, 'optimiseWithWithdrawals'>;
  return { optimiseAndPolish: polish.optimiseAndPolish, optimiseWithWithdrawals: withdrawal.optimiseWithWithdrawals };
}

export async function main(args: string[] = process.argv.slice(2)): Promise<void> {
  const value = (flag: string): string[] =>
    args.filter((a) => a.startsWith(`--${flag}=`)).map((a) => a.slice(flag.length + 3));
  const file = value('instance')[0];
  if (file === undefined)
    throw new Error('--instance=<file> is required (withdrawal-demo.js --save <file> writes one)');
  const instance = JSON.parse(readFileSync(file, 'utf8')) as OptimiserInstance;
  const rounds = Number(value('rounds')[0] ?? 1);
  const dirs = value('core');
  const cores = await Promise.all(
    (dirs.length === 0 ? [undefined] : dirs).map(async (dir) => ({
      label: dir ?? 'this build',
      core: await loadCore(dir),
    })),
  );
  const results = cores.map(() => ({
    cpu: [] as number[],
    wall: [] as number[],
    loads: [] as number[],
    outcomes: new Set<string>(),
  }));
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < cores.length; k++) {
      const { core } = cores[k];
      results[k].loads.push(loadavg()[0]);
      const cpuStart = process.cpuUsage();
      const wallStart = performance.now();
      const proposal = await core.optimiseWithWithdrawals(instance, (pass) => core.optimiseAndPolish(pass));
      const used = process.cpuUsage(cpuStart);
      results[k].wall.push((performance.now() - wallStart) / 1000);
      results[k].cpu.push((used.user + used.system) / 1e6);
      const s = proposal.summary;
      results[k].outcomes.add(
        `${s.placed} placed, ${s.sessionsOpened} sessions, ${s.withdrawal?.slots ?? 0} slots withdrawn, status ${s.status}`,
      );
    }
  }
  console.log(`| build | items | CPU s (median; rounds) | wall s (median) | load (1 min) | result (every round) |`);
  console.log('|---|---:|---:|---:|---|---|');
  results.forEach((r, k) => {
    console.log(
      `| ${cores[k].label} | ${instance.items.length} | ${median(r.cpu).toFixed(1)} (${r.cpu.map((c) => c.toFixed(1)).join(', ')}) | ${median(r.wall).toFixed(1)} | ${Math.min(...r.loads).toFixed(1)}–${Math.max(...r.loads).toFixed(1)} | ${[...r.outcomes].join(' ≠ ')} |`,
    );
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
