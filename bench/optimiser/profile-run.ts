import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Where the heuristic spends its time: runs `fingerprint.js --set=<set>` once under `node --cpu-prof`
 * and prints the functions with the most self time (and their share).
 *
 *   node dist/bench/optimiser/profile-run.js [--set=10000x100x13] [--top=25]
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export function main(args: string[] = process.argv.slice(2)): void {
  const set = args.find((a) => a.startsWith('--set='))?.slice(6) ?? '10000x100x13';
  const top = Number(args.find((a) => a.startsWith('--top='))?.slice(6) ?? 25);
  const dir = mkdtempSync(path.join(tmpdir(), 'optimiser-profile-'));
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fingerprint.js');
  const run = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, script, `--set=${set}`], {
    stdio: 'inherit',
  });
  if (run.status !== 0) throw new Error(`profiled run failed (${run.status})`);
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error('no profile written');
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Profile;
  const byNode = new Map<number, ProfileNode>(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, k) => {
    const node = byNode.get(id) as ProfileNode;
    const frame = node.callFrame;
    const key = `${frame.functionName || '(anonymous)'} ${path.basename(frame.url)}:${frame.lineNumber + 1}`;
    const dt = profile.timeDeltas[k] ?? 0;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  console.log(`profile: ${path.join(dir, file)} (${(total / 1e6).toFixed(1)} s sampled)`);
  console.log('| self ms | share | function |');
  console.log('|---:|---:|---|');
  for (const [key, us] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`| ${(us / 1000).toFixed(0)} | ${((100 * us) / total).toFixed(1)} % | ${key} |`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main();
}
