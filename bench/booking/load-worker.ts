import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';

/**
 * The load generator runs in a thread of its own, so the clients' JSON and sockets do not share the
 * server's event loop (PostgreSQL and both threads still share the machine's cores).
 */

export interface BookingRequest {
  memberId: string;
  itemId: string;
  slotId: string | null;
  sessionId: string | null;
  token: string;
}

export type LoadJob =
  | { kind: 'http-book'; baseUrl: string; concurrency: number; requests: BookingRequest[] }
  | { kind: 'sql-book'; databaseUrl: string; concurrency: number; requests: BookingRequest[] }
  | { kind: 'http-get'; baseUrl: string; concurrency: number; requests: { path: string; token: string }[] };

export interface LoadResult {
  elapsedMs: number;
  latenciesMs: number[];
  statuses: Record<string, number>;
}

async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<string>,
): Promise<LoadResult> {
  const latenciesMs: number[] = new Array(items.length);
  const statuses: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < items.length; i = next++) {
        const t0 = performance.now();
        const status = await work(items[i]);
        latenciesMs[i] = performance.now() - t0;
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  return { elapsedMs: performance.now() - started, latenciesMs, statuses };
}

function send(
  agent: http.Agent,
  baseUrl: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const request = http.request(
      `${baseUrl}${path}`,
      {
        method,
        agent,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } : {}),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

async function httpBook(job: Extract<LoadJob, { kind: 'http-book' }>): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  try {
    return await runPool(job.requests, job.concurrency, async (r) =>
      String(
        await send(agent, job.baseUrl, 'POST', '/api/bookings', r.token, {
          memberId: r.memberId,
          programmeItemId: r.itemId,
          ...(r.slotId ? { slotId: r.slotId } : { sessionId: r.sessionId }),
        }),
      ),
    );
  } finally {
    agent.destroy();
  }
}

/** The database's share of a booking: the seat-taking conditional UPDATE (sessions) or the guarded INSERT (slots), in one transaction. */
async function sqlBook(job: Extract<LoadJob, { kind: 'sql-book' }>): Promise<LoadResult> {
  const pool = new pg.Pool({ connectionString: job.databaseUrl, max: job.concurrency });
  await Promise.all(Array.from({ length: job.concurrency }, async () => (await pool.connect()).release()));
  try {
    return await runPool(job.requests, job.concurrency, async (r) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        let target;
        if (r.sessionId) {
          target = await client.query(
            `UPDATE session SET booked = booked + 1, updated_at = now() WHERE id = $1 AND status = 'scheduled' AND booked < capacity
             RETURNING office_id, during, activity_code`,
            [r.sessionId],
          );
        } else {
          target = await client.query(
            `SELECT office_id, during, 'follow-up' AS activity_code FROM slot WHERE id = $1 AND status = 'open'`,
            [r.slotId],
          );
        }
        if (target.rowCount !== 1) {
          await client.query('ROLLBACK');
          return '409';
        }
        const row = target.rows[0];
        try {
          await client.query(
            `INSERT INTO booking (member_id, programme_item_id, slot_id, session_id, office_id, activity_code, channel, during, booked_by_role)
             VALUES ($1, $2, $3, $4, $5, $6, 'in-person', $7, 'member')`,
            [r.memberId, r.itemId, r.slotId, r.sessionId, row.office_id, row.activity_code, row.during],
          );
        } catch (error) {
          await client.query('ROLLBACK');
          if ((error as { code?: string }).code === '23505' || (error as { code?: string }).code === '23P01')
            return '409';
          throw error;
        }
        await client.query(`UPDATE programme_item SET status = 'booked', updated_at = now() WHERE id = $1`, [r.itemId]);
        await client.query('COMMIT');
        return '201';
      } finally {
        client.release();
      }
    });
  } finally {
    await pool.end();
  }
}

async function httpGet(job: Extract<LoadJob, { kind: 'http-get' }>): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  try {
    return await runPool(job.requests, job.concurrency, async (r) =>
      String(await send(agent, job.baseUrl, 'GET', r.path, r.token)),
    );
  } finally {
    agent.destroy();
  }
}

const job = workerData as LoadJob;
const run = job.kind === 'http-book' ? httpBook(job) : job.kind === 'sql-book' ? sqlBook(job) : httpGet(job);
run.then(
  (result) => parentPort!.postMessage({ ok: true, result }),
  (error: unknown) => parentPort!.postMessage({ ok: false, error: String((error as Error)?.stack ?? error) }),
);
