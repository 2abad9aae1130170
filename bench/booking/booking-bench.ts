import { Worker } from 'node:worker_threads';
import type { BenchApp } from './bench-app.js';
import type { BookingRequest, LoadJob, LoadResult } from './load-worker.js';

const DAY_MS = 86_400_000;

export function runLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.js', import.meta.url), { workerData: job });
    worker.once('message', (message: { ok: boolean; result?: LoadResult; error?: string }) => {
      void worker.terminate();
      if (message.ok) resolve(message.result!);
      else reject(new Error(message.error));
    });
    worker.once('error', reject);
  });
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

let fixtureCounter = 0;

/**
 * Members with one open item each, and the slots or sessions they will try to book, far beyond the
 * demo's eight weeks so they never meet the demo's calendar. Spread: one slot per request. Hot: each
 * target (a slot, or a session of four seats, alternately) is wanted by `contenders` requests in a row,
 * so 64 clients pulling requests in order fight over a handful of targets at any moment.
 */
export async function bookingFixture(
  bench: BenchApp,
  mode: 'spread' | 'hot',
  requests: number,
  contenders = 16,
): Promise<BookingRequest[]> {
  const fixture = ++fixtureCounter;
  const db = bench.db;
  const base = new Date(Date.now() + (120 + fixture * 3) * DAY_MS);
  base.setUTCHours(6, 0, 0, 0);
  const targets = mode === 'spread' ? requests : Math.ceil(requests / contenders);
  const kinds = Array.from({ length: targets }, (_, i) => (mode === 'hot' && i % 2 === 1 ? 'session' : 'slot'));
  const slotCount = kinds.filter((k) => k === 'slot').length;
  const sessionCount = targets - slotCount;
  const slotIds: string[] = (
    await db.query(
      `WITH advisers AS (SELECT id, office_id, row_number() OVER (ORDER BY employee_number) - 1 AS n, count(*) OVER () AS total FROM staff WHERE role = 'adviser')
       INSERT INTO slot (office_id, staff_id, activity_codes, channel, during)
       SELECT a.office_id, a.id, '{follow-up}', 'in-person',
              tstzrange($2::timestamptz + (g / a.total) * interval '30 minutes', $2::timestamptz + (g / a.total + 1) * interval '30 minutes', '[)')
       FROM generate_series(0, $1::int - 1) AS g JOIN advisers a ON a.n = g % a.total
       ORDER BY g RETURNING id`,
      [slotCount, base.toISOString()],
    )
  ).map((r: { id: string }) => r.id);
  const sessionIds: string[] =
    sessionCount === 0
      ? []
      : (
          await db.query(
            `WITH rooms AS (SELECT id, office_id, row_number() OVER (ORDER BY id) - 1 AS n, count(*) OVER () AS total FROM room WHERE seats >= 4)
             INSERT INTO session (office_id, room_id, activity_code, during, capacity, min_participants, cutoff_at)
             SELECT r.office_id, r.id, 'netcafe',
                    tstzrange($2::timestamptz + (g / r.total) * interval '3 hours', $2::timestamptz + (g / r.total) * interval '3 hours' + interval '2 hours', '[)'),
                    4, 2, $2::timestamptz
             FROM generate_series(0, $1::int - 1) AS g JOIN rooms r ON r.n = g % r.total
             ORDER BY g RETURNING id`,
            [sessionCount, new Date(base.getTime() + DAY_MS).toISOString()],
          )
        ).map((r: { id: string }) => r.id);
  const activities = Array.from({ length: requests }, (_, i) =>
    kinds[mode === 'spread' ? i : Math.floor(i / contenders)] === 'slot' ? 'follow-up' : 'netcafe',
  );
  const members: { memberId: string; itemId: string }[] = await db.query(
    `WITH office AS (SELECT id FROM office WHERE kind = 'main' ORDER BY code LIMIT 1),
          template AS (SELECT id FROM programme_template WHERE target_group = 'it' ORDER BY version DESC LIMIT 1),
          members AS (
            INSERT INTO member (member_number, name, home_office_id, first_unemployment_day, risk, target_group, basic_it_needs, programme_template_id)
            SELECT 'B' || $1 || '-' || g, 'Benchmedlem ' || g, office.id, current_date, 'high', 'it', true, template.id
            FROM generate_series(0, $2::int - 1) AS g, office, template
            RETURNING id, member_number),
          numbered AS (SELECT id, split_part(member_number, '-', 2)::int AS g FROM members),
          items AS (
            INSERT INTO programme_item (member_id, activity_code, required, window_start, window_end, channels)
            SELECT n.id, ($3::text[])[n.g + 1], true, now(), now() + interval '400 days', '{in-person,phone,video}'
            FROM numbered n
            RETURNING id, member_id)
     SELECT n.id AS "memberId", i.id AS "itemId" FROM numbered n JOIN items i ON i.member_id = n.id ORDER BY n.g`,
    [`${fixture}`, requests, activities],
  );
  let slotIndex = 0;
  let sessionIndex = 0;
  const targetIds = kinds.map((kind) => (kind === 'slot' ? slotIds[slotIndex++] : sessionIds[sessionIndex++]));
  return members.map((m, i) => {
    const t = mode === 'spread' ? i : Math.floor(i / contenders);
    return {
      ...m,
      slotId: kinds[t] === 'slot' ? targetIds[t] : null,
      sessionId: kinds[t] === 'session' ? targetIds[t] : null,
      token: bench.token({ role: 'member', subjectId: m.memberId }),
    };
  });
}

/** Overbooking anywhere in the database: sessions over capacity or out of step with their bookings, slots with two live bookings. */
export async function overbookings(bench: BenchApp): Promise<{ sessions: number; slots: number }> {
  const [{ sessions }] = await bench.db.query(
    `SELECT count(*)::int AS sessions FROM session s
     WHERE s.booked > s.capacity OR s.booked <> (SELECT count(*) FROM booking b WHERE b.session_id = s.id AND b.status <> 'cancelled')`,
  );
  const [{ slots }] = await bench.db.query(
    `SELECT count(*)::int AS slots FROM (SELECT slot_id FROM booking WHERE slot_id IS NOT NULL AND status <> 'cancelled' GROUP BY slot_id HAVING count(*) > 1) x`,
  );
  return { sessions, slots };
}

/** Open demo items with a window still ahead, in a fixed pseudo-random order, with their member's token. */
export async function availabilityTargets(bench: BenchApp, count: number): Promise<{ path: string; token: string }[]> {
  const rows: { memberId: string; itemId: string }[] = await bench.db.query(
    `SELECT i.member_id AS "memberId", i.id AS "itemId" FROM programme_item i JOIN member m ON m.id = i.member_id
     WHERE i.status = 'open' AND i.window_end > now() + interval '1 day' AND m.member_number LIKE 'D%'
     ORDER BY md5(i.id::text) LIMIT $1`,
    [count],
  );
  return rows.map((r) => ({
    path: `/api/members/${r.memberId}/availability?item=${r.itemId}`,
    token: bench.token({ role: 'member', subjectId: r.memberId }),
  }));
}
