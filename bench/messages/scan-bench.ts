import { availableParallelism, loadavg } from 'node:os';
import { MessageSchedulerService } from '../../src/messaging/delivery/message-scheduler.service.js';
import { MessagingRepository } from '../../src/messaging/messaging.repository.js';
import { startBenchApp } from '../booking/bench-app.js';

const SCALE = Number(process.env.BENCH_SCAN_SCALE ?? 9);
const ROUNDS = Number(process.env.BENCH_SCAN_ROUNDS ?? 5);
/** The indexes the scan leans on (migration 1765300000000): live bookings by start, open items by window. */
const SCAN_INDEXES = [
  'ix_booking_live_start',
  'ix_programme_item_open_window_start',
  'ix_programme_item_open_window_end',
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * The scheduler's scan (reminders, book-now, adviser's day) on nationwide-size demo data. Every scan runs in a
 * transaction that is rolled back, so each round does the whole work of a first scan (finding and inserting every
 * due message); a "repeat" scan runs a second time in the same transaction (everything already decided: the
 * steady state every minute). The baseline is the same first scan with the scan's indexes dropped inside its
 * transaction (and restored by the rollback), alternating with the real one in the same run; the repeat scan is
 * also measured with the previous query (no skipping of what is decided, ON CONFLICT alone).
 */
export async function runScanBench(adminUrl: string, redisUrl: string): Promise<string> {
  const bench = await startBenchApp(adminUrl, redisUrl, { seed: 20261123, scale: SCALE, today: new Date() });
  try {
    const db = bench.db;
    // Every member reachable by e-mail (the demo has no contact data), every adviser opted in to the adviser's day.
    await db.query(`UPDATE member SET email = 'm-' || member_number || '@bench.example' WHERE status = 'active'`);
    await db.query(
      `INSERT INTO staff_message_preference (staff_id, adviser_day) SELECT id, true FROM staff WHERE role = 'adviser'`,
    );
    await db.query('ANALYZE');
    const [counts] = await db.query(
      `SELECT (SELECT count(*) FROM office)::int AS offices, (SELECT count(*) FROM member WHERE status = 'active')::int AS members,
              (SELECT count(*) FROM booking WHERE status = 'booked')::int AS "liveBookings", (SELECT count(*) FROM programme_item WHERE status = 'open')::int AS "openItems"`,
    );
    const scheduler = bench.app.get(MessageSchedulerService);
    // A weekday morning after the adviser's day time, so every part of the scan has work.
    const at = new Date();
    at.setUTCHours(7, 30, 0, 0);
    while ([0, 6].includes(at.getUTCDay())) at.setUTCDate(at.getUTCDate() + 1);

    const repository = bench.app.get(MessagingRepository);
    const scanOnce = async (withoutIndexes: boolean, repeat: boolean, skipDecided = true) => {
      repository.scanSkipsDecided = skipDecided;
      const runner = db.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      try {
        if (withoutIndexes) await runner.query(`DROP INDEX ${SCAN_INDEXES.join(', ')}`);
        if (repeat) await scheduler.scan(at, runner.manager);
        const started = performance.now();
        const result = await scheduler.scan(at, runner.manager);
        return { ms: performance.now() - started, inserted: result.reminders + result.bookNow + result.adviserDays };
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    };

    const first: number[] = [];
    const repeat: number[] = [];
    const repeatPrevious: number[] = [];
    const baseline: number[] = [];
    let inserted = 0;
    await scanOnce(false, false); // warm the caches once
    for (let round = 0; round < ROUNDS; round++) {
      const plain = await scanOnce(false, false);
      const noIndex = await scanOnce(true, false);
      const again = await scanOnce(false, true);
      const againPrevious = await scanOnce(false, true, false);
      repeatPrevious.push(againPrevious.ms);
      first.push(plain.ms);
      baseline.push(noIndex.ms);
      repeat.push(again.ms);
      inserted = plain.inserted;
      console.log(
        `scan round ${round + 1}: first ${plain.ms.toFixed(0)} ms (${plain.inserted} rows), without indexes ${noIndex.ms.toFixed(0)} ms, repeat ${again.ms.toFixed(0)} ms (previous query ${againPrevious.ms.toFixed(0)} ms)`,
      );
    }
    const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
    return [
      `### Scheduler scan at nationwide size`,
      '',
      `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:messages -- --scan\` (load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores; ${ROUNDS} alternating rounds, medians). Demo data at scale ${SCALE}: ${counts.offices} offices, ${counts.members} active members (all given an e-mail address), ${counts.liveBookings} live bookings, ${counts.openItems} open programme items, every adviser opted in to the adviser's day. One scan = reminders + book-now + adviser's day (\`MessageSchedulerService.scan\`), each in a transaction rolled back afterwards. Aim: < 2 s per run.`,
      '',
      '| Scan | rows decided | time (median) | vs baseline |',
      '|---|---:|---:|---:|',
      `| first scan without the scan's indexes (baseline) | ${inserted} | ${fmt(median(baseline))} | 1.00 |`,
      `| first scan (every due message inserted) | ${inserted} | ${fmt(median(first))} | ${(median(baseline) / median(first)).toFixed(1)}× faster |`,
      `| repeat scan, previous query (every due candidate built again and refused by ON CONFLICT) | 0 | ${fmt(median(repeatPrevious))} | ${(median(baseline) / median(repeatPrevious)).toFixed(1)}× faster |`,
      `| repeat scan (candidates already decided skipped first: the every-minute steady state) | 0 | ${fmt(median(repeat))} | ${(median(baseline) / median(repeat)).toFixed(1)}× faster; ${(median(repeatPrevious) / median(repeat)).toFixed(1)}× the previous query |`,
    ].join('\n');
  } finally {
    await bench.close();
  }
}
