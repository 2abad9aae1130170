import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sql } from 'kysely';
import { type Database, kysely } from '../../common/database/kysely.js';
import type { Queryable } from '../../common/database/queryable.js';
import { isoDate, json, tstzrange } from '../../common/database/sql-fragments.js';
import { conflict } from '../../common/errors/domain-error.js';
import { assertTransition, SESSION_TRANSITIONS } from '../../shared/vocabulary/transitions.js';

export interface SlotRow {
  id: string;
  officeId: string;
  departmentId: string;
  staffId: string;
  activityCodes: string[];
  channel: 'in-person' | 'phone' | 'video';
  start: Date;
  end: Date;
  status: 'open' | 'cancelled';
}

export interface SessionRow {
  id: string;
  officeId: string;
  departmentId: string;
  roomId: string;
  roomName: string;
  activityCode: string;
  activityName: string;
  start: Date;
  end: Date;
  capacity: number;
  minParticipants: number;
  booked: number;
  cutoffAt: Date;
  status: 'scheduled' | 'cancelled';
  origin: string;
  leaderIds: string[];
}

/** Slot rows with their office's department. */
function selectSlots(db: Database) {
  return db
    .selectFrom('slot as s')
    .innerJoin('office as o', 'o.id', 's.officeId')
    .select((eb) => [
      's.id',
      's.officeId',
      'o.departmentId',
      's.staffId',
      's.activityCodes',
      's.channel',
      eb.fn<Date>('lower', ['s.during']).as('start'),
      eb.fn<Date>('upper', ['s.during']).as('end'),
      's.status',
    ]);
}

/** Session rows with their room, activity name and leaders. */
function selectSessions(db: Database) {
  return db
    .selectFrom('session as s')
    .innerJoin('office as o', 'o.id', 's.officeId')
    .innerJoin('room as r', 'r.id', 's.roomId')
    .innerJoin('activityType as a', 'a.code', 's.activityCode')
    .select((eb) => [
      's.id',
      's.officeId',
      'o.departmentId',
      's.roomId',
      'r.name as roomName',
      's.activityCode',
      'a.nameDa as activityName',
      eb.fn<Date>('lower', ['s.during']).as('start'),
      eb.fn<Date>('upper', ['s.during']).as('end'),
      's.capacity',
      's.minParticipants',
      's.booked',
      's.cutoffAt',
      's.status',
      's.origin',
      eb.fn
        .coalesce(
          eb
            .selectFrom('sessionLeader as l')
            .whereRef('l.sessionId', '=', 's.id')
            .select((leader) => leader.fn.agg<string[]>('array_agg', ['l.staffId']).orderBy('l.staffId').as('ids')),
          sql<string[]>`'{}'`,
        )
        .$castTo<string[]>()
        .as('leaderIds'),
    ]);
}

/** Rows whose `during` overlaps [from, to). */
const overlaps = (from: Date, to: Date) => sql<boolean>`s.during && ${tstzrange(from, to)}`;

export interface StaffBusyInterval {
  start: Date;
  end: Date;
  /** The office of the slot behind the commitment; null for a group session. */
  slotOfficeId: string | null;
}

export interface OfficeSlotBooking {
  bookingId: string | null;
  memberId: string | null;
  bookingStatus: string | null;
  memberNumber: string | null;
  memberName: string | null;
}

@Injectable()
export class SlotsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  findSlot(id: string, db: Queryable = this.dataSource): Promise<SlotRow | undefined> {
    return selectSlots(kysely(db)).where('s.id', '=', id).executeTakeFirst();
  }

  lockSlot(id: string, db: Queryable): Promise<SlotRow | undefined> {
    return selectSlots(kysely(db)).where('s.id', '=', id).forUpdate('s').executeTakeFirst();
  }

  findSession(id: string, db: Queryable = this.dataSource): Promise<SessionRow | undefined> {
    return selectSessions(kysely(db)).where('s.id', '=', id).executeTakeFirst();
  }

  lockSession(id: string, db: Queryable): Promise<SessionRow | undefined> {
    return selectSessions(kysely(db)).where('s.id', '=', id).forUpdate('s').executeTakeFirst();
  }

  /** Takes the rows of these sessions in id order, as a cancel does before it locks their bookings. */
  async lockSessionRows(ids: (string | null | undefined)[], db: Queryable): Promise<void> {
    const sessionIds = [...new Set(ids.filter((id): id is string => Boolean(id)))].sort();
    if (sessionIds.length === 0) return;
    await kysely(db)
      .selectFrom('session')
      .select('id')
      .where('id', 'in', sessionIds)
      .orderBy('id')
      .forNoKeyUpdate()
      .execute();
  }

  async insertSlots(
    slots: { officeId: string; staffId: string; activityCodes: string[]; channel: string; start: Date; end: Date }[],
    db: Queryable,
  ): Promise<string[]> {
    if (slots.length === 0) return [];
    // One JSON parameter however many slots a weekly pattern publishes (a VALUES list would take six per slot).
    const rows = await kysely(db)
      .insertInto('slot')
      .columns(['officeId', 'staffId', 'activityCodes', 'channel', 'during'])
      .expression(
        sql`SELECT r.office_id, r.staff_id, r.activity_codes, r.channel, tstzrange(r.start_at, r.end_at, '[)')
            FROM jsonb_to_recordset(${json(slots.map((s) => ({ office_id: s.officeId, staff_id: s.staffId, activity_codes: s.activityCodes, channel: s.channel, start_at: s.start, end_at: s.end })))}::jsonb)
              AS r(office_id uuid, staff_id uuid, activity_codes text[], channel text, start_at timestamptz, end_at timestamptz)`,
      )
      .returning('id')
      .execute();
    return rows.map((row) => row.id);
  }

  /** Whether the slot has a booking that is not cancelled (booked, attended or no-show). */
  async hasBooking(slotId: string, db: Queryable): Promise<boolean> {
    const row = await kysely(db)
      .selectFrom('booking')
      .select('id')
      .where('slotId', '=', slotId)
      .where('status', '<>', 'cancelled')
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  cancelSlot(id: string, db: Queryable): Promise<unknown> {
    return kysely(db)
      .updateTable('slot')
      .set({ status: 'cancelled', updatedAt: sql`now()` })
      .where('id', '=', id)
      .execute();
  }

  async insertSession(
    session: {
      officeId: string;
      roomId: string;
      activityCode: string;
      start: Date;
      end: Date;
      capacity: number;
      minParticipants: number;
      cutoffAt: Date;
      origin: 'manual' | 'optimiser';
    },
    leaderIds: string[],
    db: Queryable,
  ): Promise<string> {
    const { id } = await kysely(db)
      .insertInto('session')
      .values({
        officeId: session.officeId,
        roomId: session.roomId,
        activityCode: session.activityCode,
        during: tstzrange(session.start, session.end),
        capacity: session.capacity,
        minParticipants: session.minParticipants,
        cutoffAt: session.cutoffAt,
        origin: session.origin,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (leaderIds.length > 0)
      await kysely(db)
        .insertInto('sessionLeader')
        .values(leaderIds.map((staffId) => ({ sessionId: id, staffId })))
        .execute();
    return id;
  }

  /** Cancels a session its caller read as `from` (locked): SESSION_TRANSITIONS decides, tr_session_status_transition backs it. */
  cancelSession(id: string, from: SessionRow['status'], db: Queryable): Promise<unknown> {
    assertTransition(SESSION_TRANSITIONS, from, 'cancelled', (was, to) =>
      conflict('SESSION_TRANSITION_REFUSED', `The session cannot go from ${was} to ${to}.`),
    );
    return kysely(db)
      .updateTable('session')
      .set({ status: 'cancelled', updatedAt: sql`now()` })
      .where('id', '=', id)
      .execute();
  }

  /** A session's new time and room (the caller has locked it and checked the move); triggers raise its SEQUENCE. */
  moveSession(
    id: string,
    move: { roomId: string; start: Date; end: Date; capacity: number; cutoffAt: Date },
    db: Queryable,
  ): Promise<unknown> {
    return kysely(db)
      .updateTable('session')
      .set({
        roomId: move.roomId,
        during: tstzrange(move.start, move.end),
        capacity: move.capacity,
        cutoffAt: move.cutoffAt,
        updatedAt: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
  }

  /** A cancelled session holds no seats (its bookings were cancelled with it). */
  emptySession(id: string, db: Queryable): Promise<unknown> {
    return kysely(db).updateTable('session').set({ booked: 0 }).where('id', '=', id).execute();
  }

  /** Takes a seat only if one is free: the row lock serialises concurrent bookers of one session. */
  async reserveSeat(sessionId: string, db: Queryable): Promise<boolean> {
    const taken = await kysely(db)
      .updateTable('session')
      .set((eb) => ({ booked: eb('booked', '+', 1), updatedAt: sql`now()` }))
      .where('id', '=', sessionId)
      .where('status', '=', 'scheduled')
      .whereRef('booked', '<', 'capacity')
      .executeTakeFirst();
    return taken.numUpdatedRows === 1n;
  }

  releaseSeat(sessionId: string, db: Queryable): Promise<unknown> {
    return kysely(db)
      .updateTable('session')
      .set((eb) => ({ booked: eb('booked', '-', 1), updatedAt: sql`now()` }))
      .where('id', '=', sessionId)
      .where('booked', '>', 0)
      .execute();
  }

  /** The office's slots with their live booking; the booked member's number and name, for the office's staff. */
  listOfficeSlots(
    officeId: string,
    from: Date,
    to: Date,
  ): Promise<(SlotRow & OfficeSlotBooking & { staffName: string })[]> {
    return selectSlots(kysely(this.dataSource))
      .innerJoin('staff as st', 'st.id', 's.staffId')
      .leftJoin('booking as b', (join) => join.onRef('b.slotId', '=', 's.id').on('b.status', '<>', 'cancelled'))
      .leftJoin('member as m', 'm.id', 'b.memberId')
      .select([
        'st.name as staffName',
        'b.id as bookingId',
        'b.memberId',
        'b.status as bookingStatus',
        'm.memberNumber',
        'm.name as memberName',
      ])
      .where('s.officeId', '=', officeId)
      .where(overlaps(from, to))
      .orderBy((eb) => eb.fn('lower', ['s.during']))
      .orderBy('st.name')
      .execute();
  }

  listOfficeSessions(officeId: string, from: Date, to: Date): Promise<SessionRow[]> {
    return selectSessions(kysely(this.dataSource))
      .where('s.officeId', '=', officeId)
      .where(overlaps(from, to))
      .orderBy((eb) => eb.fn('lower', ['s.during']))
      .execute();
  }

  listSessionParticipants(
    sessionId: string,
    db: Queryable = this.dataSource,
  ): Promise<{ bookingId: string; memberId: string; memberNumber: string; name: string | null; status: string }[]> {
    return kysely(db)
      .selectFrom('booking as b')
      .innerJoin('member as m', 'm.id', 'b.memberId')
      .select(['b.id as bookingId', 'b.memberId', 'm.memberNumber', 'm.name', 'b.status'])
      .where('b.sessionId', '=', sessionId)
      .where('b.status', '<>', 'cancelled')
      .orderBy('b.createdAt')
      .execute();
  }

  /** The session's waiting list in line order, with each member's number and name (for the session's staff). */
  listSessionWaitlist(sessionId: string): Promise<{ memberId: string; memberNumber: string; name: string | null }[]> {
    return kysely(this.dataSource)
      .selectFrom('waitlistEntry as w')
      .innerJoin('member as m', 'm.id', 'w.memberId')
      .select(['w.memberId', 'm.memberNumber', 'm.name'])
      .where('w.sessionId', '=', sessionId)
      .where('w.status', '=', 'waiting')
      .orderBy('w.createdAt')
      .orderBy('w.id')
      .execute();
  }

  /** Every live commitment of a staff member that overlaps [from, to): slots and sessions alike. */
  listStaffCommitments(staffId: string, from: Date, to: Date): Promise<StaffBusyInterval[]> {
    return kysely(this.dataSource)
      .selectFrom('staffCommitment as s')
      .leftJoin('slot as sl', 'sl.id', 's.slotId')
      .select((eb) => [
        eb.fn<Date>('lower', ['s.during']).as('start'),
        eb.fn<Date>('upper', ['s.during']).as('end'),
        'sl.officeId as slotOfficeId',
      ])
      .where('s.staffId', '=', staffId)
      .where(overlaps(from, to))
      .execute();
  }

  async listStaffAbsenceDays(staffId: string, fromDate: string, toDate: string): Promise<{ day: string }[]> {
    const { rows } = await sql<{ day: string }>`
      SELECT d::date::text AS day FROM staff_absence a, generate_series(${fromDate}::date, ${toDate}::date, interval '1 day') AS d
      WHERE a.staff_id = ${staffId} AND a.period @> d::date`.execute(kysely(this.dataSource));
    return rows;
  }

  listClosureDays(officeId: string, fromDate: string, toDate: string): Promise<{ day: string }[]> {
    return kysely(this.dataSource)
      .selectFrom('closureDay')
      .select((eb) => eb.cast<string>('day', 'text').as('day'))
      .where('officeId', '=', officeId)
      .where((eb) => eb.between('day', isoDate(fromDate), isoDate(toDate)))
      .execute();
  }

  listOpeningHours(officeId: string): Promise<{ weekday: number; opens: string; closes: string }[]> {
    return kysely(this.dataSource)
      .selectFrom('officeOpeningHours')
      .select((eb) => [
        'weekday',
        eb.fn<string>('to_char', ['opens', sql.lit('HH24:MI')]).as('opens'),
        eb.fn<string>('to_char', ['closes', sql.lit('HH24:MI')]).as('closes'),
      ])
      .where('officeId', '=', officeId)
      .execute();
  }

  findRoom(roomId: string): Promise<{ id: string; officeId: string; seats: number } | undefined> {
    return kysely(this.dataSource)
      .selectFrom('room')
      .select(['id', 'officeId', 'seats'])
      .where('id', '=', roomId)
      .executeTakeFirst();
  }

  listActivities(): Promise<
    {
      code: string;
      nameDa: string;
      kind: string;
      defaultDurationMinutes: number;
      minGroupSize: number | null;
      maxGroupSize: number | null;
      leaderRoles: string[];
      leaderSkill: string | null;
      channels: string[];
    }[]
  > {
    return kysely(this.dataSource)
      .selectFrom('activityType')
      .select([
        'code',
        'nameDa',
        'kind',
        'defaultDurationMinutes',
        'minGroupSize',
        'maxGroupSize',
        'leaderRoles',
        'leaderSkill',
        'channels',
      ])
      .orderBy('code')
      .execute();
  }
}
