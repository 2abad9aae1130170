import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sql } from 'kysely';
import type { ScopeFilter } from '../../common/auth/access.service.js';
import type { Member } from '../../common/database/db.types.js';
import { type Database, kysely } from '../../common/database/kysely.js';
import type { Queryable } from '../../common/database/queryable.js';
import { given, json } from '../../common/database/sql-fragments.js';
import { conflict } from '../../common/errors/domain-error.js';
import { assertTransition, PROGRAMME_ITEM_TRANSITIONS } from '../../shared/vocabulary/transitions.js';
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

/** Member rows with their home office's department. */
function selectMembers(db: Database) {
  return db
    .selectFrom('member as m')
    .innerJoin('office as o', 'o.id', 'm.homeOfficeId')
    .select((eb) => [
      'm.id',
      'm.memberNumber',
      'm.name',
      'm.email',
      'm.phone',
      'm.municipalityCode',
      'm.homeOfficeId',
      'm.homeOfficeOverridden',
      'o.departmentId',
      eb.cast<string>('m.firstUnemploymentDay', 'text').as('firstUnemploymentDay'),
      'm.risk',
      'm.targetGroup',
      'm.basicItNeeds',
      'm.status',
      'm.smiley',
      'm.programmeTemplateId',
      'm.createdAt',
      'm.updatedAt',
    ]);
}

/** Programme items with their activity's name and kind. */
function selectItems(db: Database) {
  return db
    .selectFrom('programmeItem as i')
    .innerJoin('activityType as a', 'a.code', 'i.activityCode')
    .select([
      'i.id',
      'i.memberId',
      'i.activityCode',
      'a.nameDa as activityName',
      'a.kind as activityKind',
      'i.required',
      'i.windowStart',
      'i.windowEnd',
      'i.channels',
      'i.status',
      'i.origin',
    ]);
}

type TargetGroup = Member['targetGroup'];

const riskOf = (targetGroup: string): Member['risk'] => (targetGroup === 'low-risk' ? 'low' : 'high');

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

  /** The member, if within `scope` (AccessService.filter: a member themself, a department's members, or all). */
  findMember(id: string, scope: ScopeFilter = {}, db: Queryable = this.dataSource): Promise<MemberRow | undefined> {
    return selectMembers(kysely(db))
      .where('m.id', '=', id)
      .$if(given(scope.memberId), (qb) => qb.where('m.id', '=', scope.memberId!))
      .$if(given(scope.departmentId), (qb) => qb.where('o.departmentId', '=', scope.departmentId!))
      .executeTakeFirst();
  }

  lockMember(id: string, db: Queryable): Promise<{ id: string } | undefined> {
    return kysely(db).selectFrom('member').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  }

  listMembers(
    filter: { officeId?: string; status?: string; memberNumber?: string; scopeDepartmentId?: string },
    limit = 500,
  ): Promise<MemberRow[]> {
    return selectMembers(kysely(this.dataSource))
      .$if(given(filter.officeId), (qb) => qb.where('m.homeOfficeId', '=', filter.officeId!))
      .$if(given(filter.status), (qb) => qb.where('m.status', '=', filter.status as MemberRow['status']))
      .$if(given(filter.memberNumber), (qb) => qb.where('m.memberNumber', '=', filter.memberNumber!))
      .$if(given(filter.scopeDepartmentId), (qb) => qb.where('o.departmentId', '=', filter.scopeDepartmentId!))
      .orderBy('m.firstUnemploymentDay', 'desc')
      .orderBy('m.memberNumber')
      .limit(limit)
      .execute();
  }

  async insertMember(member: MemberInsert, db: Queryable): Promise<string> {
    const { id } = await kysely(db)
      .insertInto('member')
      .values({
        memberNumber: member.memberNumber,
        name: member.name,
        email: member.email,
        phone: member.phone,
        municipalityCode: member.municipalityCode,
        homeOfficeId: member.homeOfficeId,
        homeOfficeOverridden: member.homeOfficeOverridden,
        firstUnemploymentDay: member.firstUnemploymentDay,
        risk: riskOf(member.targetGroup),
        targetGroup: member.targetGroup as TargetGroup,
        basicItNeeds: member.basicItNeeds,
        programmeTemplateId: member.programmeTemplateId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async updateMember(id: string, changes: Partial<Omit<MemberInsert, 'memberNumber'>>, db: Queryable): Promise<void> {
    // Kysely leaves undefined properties out of the SET list: only what changed is written.
    const columns = {
      name: changes.name,
      email: changes.email,
      phone: changes.phone,
      municipalityCode: changes.municipalityCode,
      homeOfficeId: changes.homeOfficeId,
      homeOfficeOverridden: changes.homeOfficeOverridden,
      firstUnemploymentDay: changes.firstUnemploymentDay,
      targetGroup: changes.targetGroup as TargetGroup | undefined,
      basicItNeeds: changes.basicItNeeds,
      programmeTemplateId: changes.programmeTemplateId,
      risk: changes.targetGroup ? riskOf(changes.targetGroup) : undefined,
    };
    if (Object.values(columns).every((value) => value === undefined)) return;
    await kysely(db)
      .updateTable('member')
      .set({ ...columns, updatedAt: sql`now()` })
      .where('id', '=', id)
      .execute();
  }

  setStatus(id: string, status: 'referred' | 'closed', db: Queryable): Promise<unknown> {
    return kysely(db)
      .updateTable('member')
      .set({ status, ...(status === 'referred' ? { referredAt: sql`now()` } : {}), updatedAt: sql`now()` })
      .where('id', '=', id)
      .execute();
  }

  /** Erasure keeps the row (and so every count in the statistics) but drops everything that identifies the person. */
  anonymise(id: string, db: Queryable): Promise<unknown> {
    return kysely(db)
      .updateTable('member')
      .set((eb) => ({
        name: null,
        email: null,
        phone: null,
        memberNumber: sql<string>`'erased-' || ${eb.cast('id', 'text')}`,
        status: 'erased',
        erasedAt: sql`now()`,
        updatedAt: sql`now()`,
      }))
      .where('id', '=', id)
      .execute();
  }

  setSmiley(id: string, smiley: string, db: Queryable): Promise<unknown> {
    return kysely(db)
      .updateTable('member')
      .set({ smiley: smiley as MemberRow['smiley'], updatedAt: sql`now()` })
      .where('id', '=', id)
      .execute();
  }

  async latestTemplateId(targetGroup: string, db: Queryable = this.dataSource): Promise<string | undefined> {
    const row = await kysely(db)
      .selectFrom('programmeTemplate')
      .select('id')
      .where('targetGroup', '=', targetGroup as TargetGroup)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.id;
  }

  templateItems(
    templateId: string,
    db: Queryable = this.dataSource,
  ): Promise<
    { activityCode: string; required: boolean; fromWeek: number; toWeek: number; condition: 'basic-it-needs' | null }[]
  > {
    return kysely(db)
      .selectFrom('programmeTemplateItem')
      .select([
        'activityCode',
        'required',
        'fromWeek',
        'toWeek',
        (eb) => eb.ref('condition').$castTo<'basic-it-needs' | null>().as('condition'),
      ])
      .where('templateId', '=', templateId)
      .orderBy('position')
      .execute();
  }

  listItems(memberId: string, db: Queryable = this.dataSource): Promise<ProgrammeItemRow[]> {
    return selectItems(kysely(db))
      .where('i.memberId', '=', memberId)
      .orderBy('i.windowStart')
      .orderBy('i.windowEnd')
      .orderBy('a.code')
      .execute();
  }

  findItem(itemId: string, db: Queryable = this.dataSource): Promise<ProgrammeItemRow | undefined> {
    return selectItems(kysely(db)).where('i.id', '=', itemId).executeTakeFirst();
  }

  lockItem(itemId: string, memberId: string, db: Queryable): Promise<ProgrammeItemRow | undefined> {
    return selectItems(kysely(db))
      .where('i.id', '=', itemId)
      .where('i.memberId', '=', memberId)
      .forUpdate('i')
      .executeTakeFirst();
  }

  /** As lockItem, but fails with 55P03 at once when someone else holds the item. */
  lockItemNoWait(itemId: string, memberId: string, db: Queryable): Promise<ProgrammeItemRow | undefined> {
    return selectItems(kysely(db))
      .where('i.id', '=', itemId)
      .where('i.memberId', '=', memberId)
      .forUpdate('i')
      .noWait()
      .executeTakeFirst();
  }

  /**
   * Moves an item from the status its caller knows (`from`) to `status`, as PROGRAMME_ITEM_TRANSITIONS allows: any
   * other move is 409 PROGRAMME_ITEM_TRANSITION_REFUSED here, and tr_programme_item_status_transition refuses the
   * same when the row's real status is not the one the caller thought.
   */
  setItemStatus(
    itemId: string,
    from: ProgrammeItemRow['status'],
    status: ProgrammeItemRow['status'],
    db: Queryable,
  ): Promise<unknown> {
    assertTransition(PROGRAMME_ITEM_TRANSITIONS, from, status, (was, to) =>
      conflict('PROGRAMME_ITEM_TRANSITION_REFUSED', `The programme item cannot go from ${was} to ${to}.`),
    );
    return kysely(db)
      .updateTable('programmeItem')
      .set({ status, updatedAt: sql`now()` })
      .where('id', '=', itemId)
      .execute();
  }

  deleteItems(ids: string[], db: Queryable): Promise<unknown> {
    return ids.length === 0
      ? Promise.resolve()
      : kysely(db).deleteFrom('programmeItem').where('id', 'in', ids).where('status', '=', 'open').execute();
  }

  async insertItems(
    memberId: string,
    items: readonly GeneratedItem[],
    origin: 'programme' | 'smiley' | 'manual',
    db: Queryable,
  ): Promise<string[]> {
    if (items.length === 0) return [];
    // One JSON parameter however many items a programme has.
    const rows = await kysely(db)
      .insertInto('programmeItem')
      .columns(['memberId', 'activityCode', 'required', 'windowStart', 'windowEnd', 'channels', 'origin'])
      .expression(
        sql`SELECT ${memberId}::uuid, r.activity_code, r.required, r.window_start, r.window_end, r.channels, ${origin}
            FROM jsonb_to_recordset(${json(items.map((i) => ({ activity_code: i.activityCode, required: i.required, window_start: i.windowStart, window_end: i.windowEnd, channels: i.channels })))}::jsonb)
              AS r(activity_code text, required boolean, window_start timestamptz, window_end timestamptz, channels text[])`,
      )
      .returning('id')
      .execute();
    return rows.map((row) => row.id);
  }

  /** Open items are waived when the programme closes (referral, erasure). */
  waiveOpenItems(memberId: string, db: Queryable): Promise<unknown> {
    return kysely(db)
      .updateTable('programmeItem')
      .set({ status: 'waived', updatedAt: sql`now()` })
      .where('memberId', '=', memberId)
      .where('status', '=', 'open')
      .execute();
  }

  /** A member who has left needs no service call: their advisers' open tasks are cancelled, not left to expire. */
  cancelOpenTasks(memberId: string, db: Queryable): Promise<unknown> {
    return kysely(db)
      .updateTable('adviserTask')
      .set({ status: 'cancelled' })
      .where('memberId', '=', memberId)
      .where('status', '=', 'open')
      .execute();
  }
}
