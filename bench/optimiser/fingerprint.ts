import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { type GeneratorOptions } from '../../src/optimiser/core/generate-instance.js';
import { type OptimiserInstance, type Proposal } from '../../src/optimiser/core/types.js';
import { DEMO_RUN, DEMO_YEAR, NATIONWIDE, SMALL } from './optimiser-bench.js';
import { median } from '../stats.js';

/**
 * Same result, less time: runs the heuristic alone (`optimiseSessions`, defaults) on fixed instances
 * and prints, per instance, a fingerprint of the whole proposal (elapsed time left out) with its time.
 * `--core=<dir>` loads the optimiser core from another build (e.g. a copy of main's dist), so a
 * speed-up can be checked to give bit-identical proposals and timed against the baseline in the
 * same run: `--core=A --core=B` alternates the two builds per round and prints both.
 *
 *   node dist/bench/optimiser/fingerprint.js [--set=small|medium|large|nationwide|<members>x<offices>x<weeks>] [--rounds=3] [--core=dir ...]
 */
const SETS: Record<string, GeneratorOptions[]> = {
  small: [...SMALL, DEMO_RUN],
  medium: [DEMO_YEAR, { seed: 5, members: 10_000, offices: 100, weeks: 13 }],
  large: [{ seed: 1, members: 25_000, offices: 200, weeks: 13 }],
  nationwide: [NATIONWIDE],
};

interface Core {
  optimiseSessions: (instance: OptimiserInstance) => Proposal;
  generateInstance: (options: GeneratorOptions) => OptimiserInstance;
}

async function loadCore(dir: string | undefined): Promise<Core> {
  const base =
    dir === undefined
      ? new URL('../../src/optimiser/core/', import.meta.url)
      : pathToFileURL(`${dir.replace(/\/$/, '')}/`);
  const optimise = (await import(new URL('optimise.js', base).href)) as Pick<Core, 'optimiseSessions'>;
  const generate = (await import(new URL('generate-instance.js', base).href)) as Pick<Core, 'generateInstance'>;
  return { optimiseSessions: optimise.optimiseSessions, generateInstance: generate.generateInstance };
}

export function fingerprint(proposal: Proposal): string {
  const stripped = { ...proposal, summary: { ...proposal.summary, elapsedMs: 0 } };
  return createHash('sha256').update(JSON.stringify(stripped)).digest('hex').slice(0, 16);
}

function parseSet(name: string): GeneratorOptions[] {
  const preset = SETS[name];
  if (preset !== undefined) return preset;
  const [members, offices, weeks, seed] = name.split('x').map(Number);
  return [{ seed: seed ?? 1, members, offices, weeks }];
}

export async function main(args: string[] = process.argv.slice(2)): Promise<void> {
  const value = (flag: string): string[] =>
    args.filter((a) => a.startsWith(`--${flag}=`)).map((a) => a.slice(flag.length + 3));
  const set = parseSet(value('set')[0] ?? 'small');
  const rounds = Number(value('rounds')[0] ?? 1);
  const dirs = value('core');
  const cores = await Promise.all(
    (dirs.length === 0 ? [undefined] : dirs).map(async (dir) => ({
      label: dir ?? 'this build',
      core: await loadCore(dir),
    })),
  );
  console.log(
    '| instance | items | build | CPU s (median) | wall s (median) | load (1 min) | placed | bound | gap | sessions | fingerprint |',
  );
  console.log('|---|---:|---|---:|---:|---|---:|---:|---:|---:|---|');
  for (const options of set) {
    const instance = cores[0].core.generateInstance(options);
    const results = cores.map(() => ({
      cpu: [] as number[],
      wall: [] as number[],
      prints: new Set<string>(),
      proposal: undefined as Proposal | undefined,
      loads: [] as number[],
    }));
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < cores.length; k++) {
        const r = results[k];
        r.loads.push(loadavg()[0]);
        const cpuStart = process.cpuUsage();
        const wallStart = performance.now();
        const proposal = cores[k].core.optimiseSessions(instance);
        const used = process.cpuUsage(cpuStart);
        r.wall.push((performance.now() - wallStart) / 1000);
        r.cpu.push((used.user + used.system) / 1e6);
        r.prints.add(fingerprint(proposal));
        r.proposal = proposal;
      }
    }
    for (let k = 0; k < cores.length; k++) {
      const r = results[k];
      const s = (r.proposal as Proposal).summary;
      const label = `${options.members} members, ${options.offices} offices, ${options.weeks} wk (seed ${options.seed})`;
      console.log(
        `| ${label} | ${instance.items.length} | ${cores[k].label} | ${median(r.cpu).toFixed(2)} | ${median(r.wall).toFixed(2)} | ${Math.min(...r.loads).toFixed(1)}–${Math.max(...r.loads).toFixed(1)} | ${s.placed} | ${s.upperBound} | ${(s.gap * 100).toFixed(2)} % | ${s.sessionsOpened} | ${[...r.prints].join(' ≠ ')} |`,
      );
    }
    if (cores.length > 1) {
      const prints = new Set(results.flatMap((r) => [...r.prints]));
      console.log(
        `| ${options.members}x${options.offices}x${options.weeks} | | ${prints.size === 1 ? 'IDENTICAL' : 'DIFFERENT'} | ${(median(results[0].cpu) / median(results[results.length - 1].cpu)).toFixed(2)}× CPU | | | | | | | |`,
      );
    }
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
