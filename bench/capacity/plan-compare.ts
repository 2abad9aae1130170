import { execFile } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { median } from '../stats.js';

/**
 * The cold plan of this build against a baseline build, in one run: `plan-profile.js` of each, alternating, on one
 * database (PLAN_PROFILE_DB, loaded before by plan-profile), the forecast fit kept (the second run of each process is
 * taken). Per round and side: the plan's wall and CPU time and the wall time of keeping it (JSON, ETag, gzip), which a
 * cold request pays on top; medians and the ratio baseline / this build. The SHA-1 of the plan's JSON (canonical
 * shape) and of the answer as kept must be the same in every run.
 *   PLAN_COMPARE_BASELINE: a `dist` folder built from the baseline (its src/ and this bench's plan-profile.js; the
 *   profile's extra figures need this bench's copy), PLAN_COMPARE_ROUNDS (default 3), PLAN_PROFILE_WEEKS (default 8,26).
 *   PLAN_COMPARE_BASELINE_NODE_FLAGS and PLAN_COMPARE_NODE_FLAGS: node options of each side (space-separated, default
 *   none), so that one build can be compared with itself under other V8 settings.
 */
const exec = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

interface Figures {
  wall: number;
  cpu: number;
  kept: number;
  sha1: string;
  answerSha1: string;
}

async function profile(dist: string, weeks: number, nodeFlags: string[]): Promise<Figures> {
  const { stdout } = await exec(process.execPath, [...nodeFlags, path.join(dist, 'bench/capacity/plan-profile.js')], {
    env: { ...process.env, PLAN_PROFILE_WEEKS: String(weeks), PLAN_PROFILE_RUNS: '2', PLAN_PROFILE_CPU: '' },
    maxBuffer: 1 << 20,
  });
  const line = stdout.split('\n').find((l) => l.startsWith(`weeks ${weeks} run 1:`));
  const match = line?.match(
    /wall (\d+) ms, cpu (\d+) ms, .*kept \(JSON, ETag, gzip\) (\d+) ms wall.* answer sha1 ([0-9a-f]+), sha1 ([0-9a-f]+)/,
  );
  if (!match) throw new Error(`No figures from ${dist}: ${stdout}`);
  return {
    wall: Number(match[1]),
    cpu: Number(match[2]),
    kept: Number(match[3]),
    answerSha1: match[4],
    sha1: match[5],
  };
}

async function main(): Promise<void> {
  const baseline = process.env.PLAN_COMPARE_BASELINE;
  if (!baseline || !process.env.PLAN_PROFILE_DB)
    throw new Error('Set PLAN_COMPARE_BASELINE (a baseline dist folder) and PLAN_PROFILE_DB (a loaded database)');
  const current = path.resolve(here, '../..');
  const rounds = Number(process.env.PLAN_COMPARE_ROUNDS ?? 3);
  const weeksList = (process.env.PLAN_PROFILE_WEEKS ?? '8,26').split(',').map(Number);
  const flags = (name: string) => (process.env[name] ?? '').split(' ').filter(Boolean);
  const baselineFlags = flags('PLAN_COMPARE_BASELINE_NODE_FLAGS');
  const currentFlags = flags('PLAN_COMPARE_NODE_FLAGS');
  console.log(
    `${cpus().length} cores; load average at the start ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; node flags: baseline [${baselineFlags.join(' ')}], this build [${currentFlags.join(' ')}]`,
  );
  for (const weeks of weeksList) {
    const before: Figures[] = [];
    const after: Figures[] = [];
    const loads: string[] = [];
    for (let round = 0; round < rounds; round++) {
      loads.push(loadavg()[0].toFixed(1));
      before.push(await profile(baseline, weeks, baselineFlags));
      loads.push(loadavg()[0].toFixed(1));
      after.push(await profile(current, weeks, currentFlags));
    }
    const same = new Set([...before, ...after].map((f) => f.sha1)).size === 1;
    const sameAnswer = new Set([...before, ...after].map((f) => f.answerSha1)).size === 1;
    const row = (name: string, pick: (f: Figures) => number) => {
      const b = before.map(pick);
      const a = after.map(pick);
      console.log(
        `| ${weeks} | ${name} | ${b.join(', ')} | ${a.join(', ')} | ${median(b)} / ${median(a)} = ${(median(b) / median(a)).toFixed(1)}× |`,
      );
    };
    console.log(
      `weeks ${weeks}: same plan in every run: ${same} (sha1 ${after[0].sha1}); same answer: ${sameAnswer} ` +
        `(sha1 ${after[0].answerSha1}); 1-min load before each run: ${loads.join(', ')}`,
    );
    console.log('| weeks | figure (ms) | baseline per round | this build per round | median baseline / this build |');
    row('plan CPU', (f) => f.cpu);
    row('plan wall', (f) => f.wall);
    row('keep (JSON, ETag, gzip) wall', (f) => f.kept);
    row('plan + keep wall', (f) => f.wall + f.kept);
    if (!same || !sameAnswer) process.exitCode = 1;
  }
  console.log(
    `load average at the end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
}

await main();
