import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryOne } from '../common/database/queryable.js';

export interface DemoPerson {
  subjectId: string;
  name: string;
  /** Member number or employee number. */
  reference: string;
  departmentId: string | null;
  departmentName: string | null;
  officeName: string | null;
}

/** The few people the demo sign-in page offers, and the department a staff member's token should carry. */
@Injectable()
export class DemoPeopleRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async staffDepartment(staffId: string): Promise<string | undefined> {
    const row = await queryOne<{ departmentId: string | null }>(
      this.db,
      `SELECT COALESCE(s.department_id, o.department_id) AS "departmentId" FROM staff s LEFT JOIN office o ON o.id = s.office_id WHERE s.id = $1`,
      [staffId],
    );
    return row?.departmentId ?? undefined;
  }

  listMembers(limit: number): Promise<DemoPerson[]> {
    return this.db.query(
      `SELECT m.id AS "subjectId", m.name, m.member_number AS reference, d.id AS "departmentId", d.name AS "departmentName", o.name AS "officeName"
       FROM member m JOIN office o ON o.id = m.home_office_id JOIN department d ON d.id = o.department_id
       WHERE m.status = 'active' AND m.name IS NOT NULL
       ORDER BY m.created_at DESC, m.member_number LIMIT $1`,
      [limit],
    );
  }

  listStaff(role: string, limit: number): Promise<DemoPerson[]> {
    return this.db.query(
      `SELECT s.id AS "subjectId", s.name, s.employee_number AS reference, d.id AS "departmentId", d.name AS "departmentName", o.name AS "officeName"
       FROM staff s LEFT JOIN office o ON o.id = s.office_id LEFT JOIN department d ON d.id = COALESCE(s.department_id, o.department_id)
       WHERE s.role = $1 AND s.active
       ORDER BY (o.kind = 'main') DESC NULLS LAST, d.name NULLS LAST, s.name LIMIT $2`,
      [role, limit],
    );
  }
}
