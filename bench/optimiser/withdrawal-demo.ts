import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { startBenchApp } from '../booking/bench-app.js';
import { optimiseAndPolish } from '../../src/optimiser/core/polish.js';
import { checkProposal } from '../../src/optimiser/core/check-proposal.js';
import type { OptimiserInstance, Proposal } from '../../src/optimiser/core/types.js';
import { optimiseWithWithdrawals } from '../../src/optimiser/core/withdrawal.js';
import { OptimiserInputService } from '../../src/optimiser/optimiser-input.service.js';
import { addDays, localDate } from '../../src/shared/time/index.js';

interface Row {
  withdrawSlots: boolean;
  round: number;
  seconds: number;
  items: number;
  placed: number;
  sessions: number;
  themeDaySessions: number;
  slotsWithdrawn: number;
  hoursWithdrawn: number;
  offeredSlots: number;
  offeredHours: number;
  violations: number;
  load: string;
  /** Per activity: items, placed, sessions opened, and the explanation when there is one. */
  activities: string[];
}

function row(
  withdrawSlots: boolean,
  round: number,
  instance: OptimiserInstance,
  proposal: Proposal,
  seconds: number,
  load: string,
): Row {
  const themeDays = new Set(instance.activities.filter((a) => a.kind === 'themeDay').map((a) => a.id));
  return {
    withdrawSlots,
    round,
    seconds: Math.round(seconds * 10) / 10,
    items: instance.items.length,
    placed: proposal.summary.placed,
    sessions: proposal.summary.sessionsOpened,
    themeDaySessions: proposal.newSessions.filter((s) => themeDays.has(s.activityId)).length,
    slotsWithdrawn: proposal.summary.withdrawal?.slots ?? 0,
    hoursWithdrawn: proposal.summary.withdrawal?.hours ?? 0,
    offeredSlots: proposal.summary.withdrawal?.offeredSlots ?? 0,
    offeredHours: proposal.summary.withdrawal?.offeredHours ?? 0,
    violations: checkProposal(instance, proposal).length,
    load,
    activities: (proposal.activities ?? []).map(
      (a) =>
        `${a.activityId} ${a.placed}/${a.items} in ${a.sessionsOpened}${a.explanation ? `: ${a.explanation}` : ''}`,
    ),
  };
}

/**
 * The demo's next 8 weeks (DEMO data, scale 1, seed 1) solved as a run solves it, with `withdrawSlots`
 * false and true, alternating, `--rounds N` times (default 1). Prints one JSON line per solve.
 * `--save <file>` also writes the loaded `withdrawSlots: true` instance as JSON, so the second pass
 * can be timed without a database (`withdrawal-pass.ts`).
 */
export async function main(args: string[] = process.argv.slice(2)): Promise<void> {
  const rounds = Number(args[args.indexOf('--rounds') + 1] ?? 1) || 1;
  const save = args.includes('--save') ? args[args.indexOf('--save') + 1] : undefined;
  const adminUrl = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const today = new Date();
  const bench = await startBenchApp(adminUrl, redisUrl, { seed: 1, scale: 1, today });
  try {
    const from = addDays(localDate(today), 1);
    const params = {
      from,
      to: addDays(from, 55),
      activityTypes: null,
      departmentIds: null,
      maxTravelKm: 60,
      timeLimitSeconds: null,
    };
    const inputs = bench.app.get(OptimiserInputService);
    for (let round = 1; round <= rounds; round++) {
      for (const withdrawSlots of [false, true]) {
        const { instance } = await inputs.load({ ...params, withdrawSlots }, today.getTime());
        if (save !== undefined && withdrawSlots && round === 1) writeFileSync(save, JSON.stringify(instance));
        const load = loadavg()[0].toFixed(1);
        const started = Date.now();
        const proposal = await optimiseWithWithdrawals(instance, (pass) => optimiseAndPolish(pass));
        const seconds = (Date.now() - started) / 1000;
        console.log(
          JSON.stringify(row(withdrawSlots, round, instance, proposal, seconds, `${load}–${loadavg()[0].toFixed(1)}`)),
        );
      }
    }
  } finally {
    await bench.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
