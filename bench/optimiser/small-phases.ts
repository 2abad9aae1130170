import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { compileModel } from '../../src/optimiser/core/compiled-model.js';
import { generateInstance } from '../../src/optimiser/core/generate-instance.js';
import { optimiseCompiled, optimiseSessions } from '../../src/optimiser/core/optimise.js';
import { SMALL } from './optimiser-bench.js';
import { median } from '../stats.js';

/**
 * The heuristic alone on the bench's seven small rows, split into compiling the model and the rest
 * (construction, search, proposal), medians of `--runs` after one warm-up round each. A quick check
 * of where small runs spend their time; profile it with `node --cpu-prof`.
 *
 *   node dist/bench/optimiser/small-phases.js [--runs=3]
 */
export function main(args: string[] = process.argv.slice(2)): void {
  const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3);
  console.log(`load ${loadavg()[0].toFixed(1)}`);
  console.log('| instance | items | total ms (runs) | compile ms | heuristic ms | placed | sessions |');
  for (const options of SMALL) {
    const instance = generateInstance(options);
    const total: number[] = [];
    const comp: number[] = [];
    const heur: number[] = [];
    let placed = 0;
    let sessions = 0;
    for (let k = 0; k < runs; k++) {
      let t = performance.now();
      const p = optimiseSessions(instance);
      total.push(performance.now() - t);
      t = performance.now();
      const model = compileModel(instance, {});
      comp.push(performance.now() - t);
      t = performance.now();
      optimiseCompiled(model, {});
      heur.push(performance.now() - t);
      placed = p.summary.placed;
      sessions = p.summary.sessionsOpened;
    }
    console.log(
      `| ${options.members}x${options.offices}x${options.weeks} s${options.seed} | ${instance.items.length} | ${median(total).toFixed(0)} (${total.map((x) => x.toFixed(0)).join(', ')}) | ${median(comp).toFixed(0)} | ${median(heur).toFixed(0)} | ${placed} | ${sessions} |`,
    );
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main();
}
