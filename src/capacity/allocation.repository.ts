import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type AllocationRunStatus = 'queued' | 'running' | 'done' | 'failed';

export interface AllocationParams {
  /** Monday of the first week. */
  from: string;
  weeks: number;
  scenario: string | null;
}

export interface AllocationRow {
  id: string;
  params: AllocationParams;
  status: AllocationRunStatus;
  jobId: string;
  result: unknown;
  error: string | null;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  acceptedAt: string | null;
  supersededAt: string | null;
}

export interface AssignmentRow {
  staffId: string;
  officeId: string;
  weekStart: string;
  activity: string;
  hours: number;
}

const COLUMNS = `id, params, status, job_id AS "jobId", result, error, attempts, created_at AS "createdAt", started_at AS "startedAt",
  finished_at AS "finishedAt", accepted_at AS "acceptedAt", superseded_at AS "supersededAt"`;

@Injectable()
export class AllocationRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async findById(id: string): Promise<AllocationRow | undefined> {
    const rows: AllocationRow[] = await this.db.query(`SELECT ${COLUMNS} FROM capacity_allocation WHERE id = $1`, [id]);
    return rows[0];
  }

  async findInFlight(paramsKey: string): Promise<AllocationRow | undefined> {
    const rows: AllocationRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM capacity_allocation WHERE params_key = $1 AND status IN ('queued', 'running')`,
      [paramsKey],
    );
    return rows[0];
  }

  /** Allocations PostgreSQL holds as queued or running, created more than `olderThanMs` ago (for the reconciler). */
  listUnfinished(olderThanMs: number): Promise<AllocationRow[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM capacity_allocation WHERE status IN ('queued', 'running') AND created_at < now() - make_interval(secs => $1) ORDER BY created_at`,
      [olderThanMs / 1000],
    );
  }

  /** Fails with uq_capacity_allocation_in_flight when the same parameters are already queued or running. */
  async insert(params: AllocationParams, paramsKey: string, periodEnd: string, jobId: string, requestedBy: string | null): Promise<AllocationRow> {
    const [row] = await this.db.query(
      `INSERT INTO capacity_allocation (params, params_key, period, job_id, requested_by)
       VALUES ($1::jsonb, $2, daterange($3, $4), $5, $6) RETURNING ${COLUMNS}`,
      [JSON.stringify(params), paramsKey, params.from, periodEnd, jobId, requestedBy],
    );
    return row;
  }

  /** Claims a queued (or re-delivered running) allocation; undefined when it is already finished. */
  async markRunning(id: string): Promise<AllocationRow | undefined> {
    const [rows] = await this.db.query(
      `UPDATE capacity_allocation SET status = 'running', started_at = now(), attempts = attempts + 1
       WHERE id = $1 AND status IN ('queued', 'running') RETURNING ${COLUMNS}`,
      [id],
    );
    return (rows as AllocationRow[])[0];
  }

  /** Stores the result and the assignments in one transaction; a second delivery of the same job changes nothing. */
  async complete(id: string, status: 'done' | 'failed', result: unknown, assignments: readonly AssignmentRow[], error: string | null): Promise<void> {
    await this.db.transaction(async (manager) => {
      const [rows] = await manager.query(
        `UPDATE capacity_allocation SET status = $2, result = $3::jsonb, error = $4, finished_at = now()
         WHERE id = $1 AND status = 'running' RETURNING id`,
        [id, status, JSON.stringify(result), error],
      );
      if ((rows as unknown[]).length === 0) return;
      for (let i = 0; i < assignments.length; i += 5000) {
        await manager.query(
          `INSERT INTO capacity_allocation_assignment (allocation_id, staff_id, office_id, week_start, activity_code, hours)
           SELECT $1, r.staff_id, r.office_id, r.week_start, r.activity, r.hours
           FROM jsonb_to_recordset($2::jsonb) AS r(staff_id uuid, office_id uuid, week_start date, activity text, hours numeric)`,
          [
            id,
            JSON.stringify(
              assignments.slice(i, i + 5000).map((a) => ({ staff_id: a.staffId, office_id: a.officeId, week_start: a.weekStart, activity: a.activity, hours: a.hours })),
            ),
          ],
        );
      }
    });
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.db.query(
      `UPDATE capacity_allocation SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status IN ('queued', 'running')`,
      [id, error],
    );
  }

  /**
   * Makes the allocation the plan of record: earlier accepted allocations overlapping its period are superseded in the
   * same transaction. Two concurrent accepts of overlapping periods cannot both win: ex_capacity_allocation_one_accepted.
   */
  async accept(id: string, acceptedBy: string | null): Promise<void> {
    await this.db.transaction(async (manager) => {
      const [self] = await manager.query(`SELECT period FROM capacity_allocation WHERE id = $1 FOR UPDATE`, [id]);
      await manager.query(
        `UPDATE capacity_allocation SET superseded_at = now()
         WHERE id <> $1 AND accepted_at IS NOT NULL AND superseded_at IS NULL AND period && $2::daterange`,
        [id, self.period],
      );
      await manager.query(`UPDATE capacity_allocation SET accepted_at = now(), accepted_by = $2 WHERE id = $1 AND accepted_at IS NULL`, [id, acceptedBy]);
    });
  }

  listAssignments(id: string): Promise<AssignmentRow[]> {
    return this.db.query(
      `SELECT staff_id AS "staffId", office_id AS "officeId", week_start::text AS "weekStart", activity_code AS activity, hours::float8 AS hours
       FROM capacity_allocation_assignment WHERE allocation_id = $1 ORDER BY week_start, office_id, staff_id, activity_code`,
      [id],
    );
  }

  /** Hours per person at one office from the accepted (plan-of-record) allocations, weeks [from, to). */
  listExpectedHours(officeId: string, from: string, to: string): Promise<(AssignmentRow & { allocationId: string; staffName: string; role: string })[]> {
    return this.db.query(
      `SELECT a.allocation_id AS "allocationId", a.staff_id AS "staffId", s.name AS "staffName", s.role, a.office_id AS "officeId",
              a.week_start::text AS "weekStart", a.activity_code AS activity, a.hours::float8 AS hours
       FROM capacity_allocation_assignment a
       JOIN capacity_allocation c ON c.id = a.allocation_id AND c.accepted_at IS NOT NULL AND c.superseded_at IS NULL
       JOIN staff s ON s.id = a.staff_id
       WHERE a.office_id = $1 AND a.week_start >= $2 AND a.week_start < $3
       ORDER BY s.name, a.week_start, a.activity_code`,
      [officeId, from, to],
    );
  }
}
