import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryOne, type Queryable } from '../../common/database/queryable.js';
import type { GeneratedItem } from '../programme/programme-generator.js';

export interface MemberRow {
  id: string;
  memberNumber: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  municipalityCode: string | null;
  homeOfficeId: string;
  homeOfficeOverridden: boolean;
  departmentId: string;
  firstUnemploymentDay: string;
  risk: 'low' | 'high';
  targetGroup: string;
  basicItNeeds: boolean;
  status: 'active' | 'referred' | 'closed' | 'erased';
  smiley: 'green' | 'yellow' | 'red';
  programmeTemplateId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ProgrammeItemRow {
  id: string;
  memberId: string;
  activityCode: string;
  activityName: string;
  activityKind: 'individual' | 'group';
  required: boolean;
  windowStart: Date;
  windowEnd: Date;
  channels: string[];
  status: 'open' | 'booked' | 'done' | 'missed' | 'waived';
  origin: string;
}

const MEMBER_COLUMNS = `
  m.id, m.member_number AS "memberNumber", m.name, m.email, m.phone, m.municipality_code AS "municipalityCode",
  m.home_office_id AS "homeOfficeId", m.home_office_overridden AS "homeOfficeOverridden", o.department_id AS "departmentId",
  m.first_unemployment_day::text AS "firstUnemploymentDay", m.risk, m.target_group AS "targetGroup",
  m.basic_it_needs AS "basicItNeeds", m.status, m.smiley, m.programme_template_id AS "programmeTemplateId",
  m.created_at AS "createdAt", m.updated_at AS "updatedAt"`;

const ITEM_COLUMNS = `
  i.id, i.member_id AS "memberId", i.activity_code AS "activityCode", a.name_da AS "activityName", a.kind AS "activityKind",
  i.required, i.window_start AS "windowStart", i.window_end AS "windowEnd", i.channels, i.status, i.origin`;

export interface MemberInsert {
  memberNumber: string;
  name: string;
  email: string | null;
  phone: string | null;
  municipalityCode: string;
  homeOfficeId: string;
  homeOfficeOverridden: boolean;
  firstUnemploymentDay: string;
  targetGroup: string;
  basicItNeeds: boolean;
  programmeTemplateId: string;
}

@Injectable()
export class MembersRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  findMember(id: string, scopeDepartmentId?: string, db: Queryable = this.dataSource): Promise<MemberRow | undefined> {
    return queryOne(
      db,
      `SELECT ${MEMBER_COLUMNS} FROM member m JOIN office o ON o.id = m.home_office_id
       WHERE m.id = $1 AND ($2::uuid IS NULL OR o.department_id = $2)`,
      [id, scopeDepartmentId ?? null],
    );
  }

  lockMember(id: string, db: Queryable): Promise<{ id: string } | undefined> {
    return queryOne(db, `SELECT id FROM member WHERE id = $1 FOR UPDATE`, [id]);
  }

  listMembers(filter: { officeId?: string; status?: string; memberNumber?: string; scopeDepartmentId?: string }, limit = 500): Promise<MemberRow[]> {
    return this.dataSource.query(
      `SELECT ${MEMBER_COLUMNS} FROM member m JOIN office o ON o.id = m.home_office_id
       WHERE ($1::uuid IS NULL OR m.home_office_id = $1) AND ($2::text IS NULL OR m.status = $2)
         AND ($3::text IS NULL OR m.member_number = $3) AND ($4::uuid IS NULL OR o.department_id = $4)
       ORDER BY m.first_unemployment_day DESC, m.member_number LIMIT $5`,
      [filter.officeId ?? null, filter.status ?? null, filter.memberNumber ?? null, filter.scopeDepartmentId ?? null, limit],
    );
  }

  async insertMember(member: MemberInsert, db: Queryable): Promise<string> {
    const row = await queryOne<{ id: string }>(
      db,
      `INSERT INTO member (member_number, name, email, phone, municipality_code, home_office_id, home_office_overridden,
         first_unemployment_day, risk, target_group, basic_it_needs, programme_template_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $9 = 'low-risk' THEN 'low' ELSE 'high' END, $9, $10, $11) RETURNING id`,
      [member.memberNumber, member.name, member.email, member.phone, member.municipalityCode, member.homeOfficeId, member.homeOfficeOverridden,
        member.firstUnemploymentDay, member.targetGroup, member.basicItNeeds, member.programmeTemplateId],
    );
    return row!.id;
  }

  async updateMember(id: string, changes: Partial<Omit<MemberInsert, 'memberNumber'>>, db: Queryable): Promise<void> {
    const columns: Record<string, unknown> = {
      name: changes.name,
      email: changes.email,
      phone: changes.phone,
      municipality_code: changes.municipalityCode,
      home_office_id: changes.homeOfficeId,
      home_office_overridden: changes.homeOfficeOverridden,
      first_unemployment_day: changes.firstUnemploymentDay,
      target_group: changes.targetGroup,
      basic_it_needs: changes.basicItNeeds,
      programme_template_id: changes.programmeTemplateId,
    };
    const entries = Object.entries(columns).filter(([, value]) => value !== undefined);
    if (changes.targetGroup) entries.push(['risk', changes.targetGroup === 'low-risk' ? 'low' : 'high']);
    if (entries.length === 0) return;
    const assignments = entries.map(([column], index) => `${column} = $${index + 2}`).join(', ');
    await db.query(`UPDATE member SET ${assignments}, updated_at = now() WHERE id = $1`, [id, ...entries.map(([, value]) => value)]);
  }

  setStatus(id: string, status: 'referred' | 'closed', db: Queryable): Promise<unknown> {
    return db.query(`UPDATE member SET status = $2, referred_at = CASE WHEN $2 = 'referred' THEN now() ELSE referred_at END, updated_at = now() WHERE id = $1`, [id, status]);
  }

  /** Erasure keeps the row (and so every count in the statistics) but drops everything that identifies the person. */
  anonymise(id: string, db: Queryable): Promise<unknown> {
    return db.query(
      `UPDATE member SET name = NULL, email = NULL, phone = NULL, member_number = 'erased-' || id::text,
         status = 'erased', erased_at = now(), updated_at = now() WHERE id = $1`,
      [id],
    );
  }

  setSmiley(id: string, smiley: string, db: Queryable): Promise<unknown> {
    return db.query(`UPDATE member SET smiley = $2, updated_at = now() WHERE id = $1`, [id, smiley]);
  }

  async latestTemplateId(targetGroup: string, db: Queryable = this.dataSource): Promise<string | undefined> {
    return (await queryOne<{ id: string }>(db, `SELECT id FROM programme_template WHERE target_group = $1 ORDER BY version DESC LIMIT 1`, [targetGroup]))?.id;
  }

  templateItems(templateId: string, db: Queryable = this.dataSource): Promise<{ activityCode: string; required: boolean; fromWeek: number; toWeek: number; condition: 'basic-it-needs' | null }[]> {
    return db.query(
      `SELECT activity_code AS "activityCode", required, from_week AS "fromWeek", to_week AS "toWeek", condition
       FROM programme_template_item WHERE template_id = $1 ORDER BY position`,
      [templateId],
    );
  }

  listItems(memberId: string, db: Queryable = this.dataSource): Promise<ProgrammeItemRow[]> {
    return db.query(
      `SELECT ${ITEM_COLUMNS} FROM programme_item i JOIN activity_type a ON a.code = i.activity_code
       WHERE i.member_id = $1 ORDER BY i.window_start, i.window_end, a.code`,
      [memberId],
    );
  }

  findItem(itemId: string, db: Queryable = this.dataSource): Promise<ProgrammeItemRow | undefined> {
    return queryOne(db, `SELECT ${ITEM_COLUMNS} FROM programme_item i JOIN activity_type a ON a.code = i.activity_code WHERE i.id = $1`, [itemId]);
  }

  lockItem(itemId: string, memberId: string, db: Queryable): Promise<ProgrammeItemRow | undefined> {
    return queryOne(
      db,
      `SELECT ${ITEM_COLUMNS} FROM programme_item i JOIN activity_type a ON a.code = i.activity_code
       WHERE i.id = $1 AND i.member_id = $2 FOR UPDATE OF i`,
      [itemId, memberId],
    );
  }

  /** As lockItem, but fails with 55P03 at once when someone else holds the item. */
  lockItemNoWait(itemId: string, memberId: string, db: Queryable): Promise<ProgrammeItemRow | undefined> {
    return queryOne(
      db,
      `SELECT ${ITEM_COLUMNS} FROM programme_item i JOIN activity_type a ON a.code = i.activity_code
       WHERE i.id = $1 AND i.member_id = $2 FOR UPDATE OF i NOWAIT`,
      [itemId, memberId],
    );
  }

  setItemStatus(itemId: string, status: ProgrammeItemRow['status'], db: Queryable): Promise<unknown> {
    return db.query(`UPDATE programme_item SET status = $2, updated_at = now() WHERE id = $1`, [itemId, status]);
  }

  deleteItems(ids: string[], db: Queryable): Promise<unknown> {
    return ids.length === 0 ? Promise.resolve() : db.query(`DELETE FROM programme_item WHERE id = ANY($1::uuid[]) AND status = 'open'`, [ids]);
  }

  async insertItems(memberId: string, items: readonly GeneratedItem[], origin: 'programme' | 'smiley' | 'manual', db: Queryable): Promise<string[]> {
    if (items.length === 0) return [];
    const rows: { id: string }[] = await db.query(
      `INSERT INTO programme_item (member_id, activity_code, required, window_start, window_end, channels, origin)
       SELECT $1, r.activity_code, r.required, r.window_start, r.window_end, r.channels, $3
       FROM jsonb_to_recordset($2::jsonb) AS r(activity_code text, required boolean, window_start timestamptz, window_end timestamptz, channels text[])
       RETURNING id`,
      [memberId, JSON.stringify(items.map((i) => ({ activity_code: i.activityCode, required: i.required, window_start: i.windowStart, window_end: i.windowEnd, channels: i.channels }))), origin],
    );
    return rows.map((row) => row.id);
  }

  /** Open items are waived when the programme closes (referral, erasure). */
  waiveOpenItems(memberId: string, db: Queryable): Promise<unknown> {
    return db.query(`UPDATE programme_item SET status = 'waived', updated_at = now() WHERE member_id = $1 AND status = 'open'`, [memberId]);
  }
}
