import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { unprocessable } from '../../common/errors/domain-error.js';
import { withDomainErrors } from '../../common/errors/postgres-errors.js';
import { publicHolidaysBetween } from '../../locations/calendar-rules.js';
import { BookingsRepository } from '../bookings/bookings.repository.js';
import { BookingsService } from '../bookings/bookings.service.js';
import { isoWeekday, localDate, localTime } from '../programme/local-time.js';
import { SlotsRepository } from '../slots/slots.repository.js';

export interface PlacementActor {
  actorRole: string;
  actorId: string | null;
}

export interface NewGroupSession {
  officeId: string;
  roomId: string;
  activityCode: string;
  start: Date;
  end: Date;
  leaderIds: string[];
}

const DAY_MS = 86_400_000;
const BOOKED_BY = 'optimiser';

/**
 * Writes planned group sessions and seats inside a caller's transaction (the optimiser's apply step),
 * re-checking each against current data. Every failure is a DomainError with a stable code, so the
 * caller can roll back to its savepoint and report why; PostgreSQL's constraints remain the final guard.
 */
@Injectable()
export class SessionPlacementService {
  constructor(
    @Inject(SlotsRepository) private readonly slots: SlotsRepository,
    @Inject(BookingsRepository) private readonly bookings: BookingsRepository,
    @Inject(BookingsService) private readonly bookingsService: BookingsService,
  ) {}

  /** Creates a scheduled session (origin 'optimiser') led by `leaderIds`; returns its id. */
  async createSessionInTx(tx: EntityManager, session: NewGroupSession, actor: PlacementActor, now = new Date()): Promise<string> {
    if (session.start <= now) throw unprocessable('IN_THE_PAST', 'The session would already have started.');
    const [activity] = (await tx.query(
      `SELECT kind, min_group_size AS "minGroupSize", max_group_size AS "maxGroupSize", leader_roles AS "leaderRoles", leader_skill AS "leaderSkill"
       FROM activity_type WHERE code = $1`,
      [session.activityCode],
    )) as { kind: string; minGroupSize: number | null; maxGroupSize: number | null; leaderRoles: string[]; leaderSkill: string | null }[];
    if (!activity || activity.kind !== 'group') throw unprocessable('NOT_A_GROUP_ACTIVITY', `${session.activityCode} is not a group activity.`);
    const room = await this.slots.findRoom(session.roomId);
    if (!room || room.officeId !== session.officeId) throw unprocessable('UNKNOWN_ROOM', 'The room does not belong to this office.');
    const day = localDate(session.start);
    const holiday = publicHolidaysBetween(day, day)[0];
    if (holiday) throw unprocessable('PUBLIC_HOLIDAY', `${day} is a public holiday (${holiday.name}).`);
    const [dayState] = (await tx.query(
      `SELECT EXISTS (SELECT 1 FROM closure_day WHERE office_id = $1 AND day = $2::date) AS closed,
              (SELECT to_char(opens, 'HH24:MI') || '-' || to_char(closes, 'HH24:MI') FROM office_opening_hours WHERE office_id = $1 AND weekday = $3) AS hours`,
      [session.officeId, day, isoWeekday(day)],
    )) as { closed: boolean; hours: string | null }[];
    if (dayState.closed) throw unprocessable('OFFICE_CLOSED', `The office is closed on ${day}.`);
    const [opens, closes] = (dayState.hours ?? '').split('-');
    if (!dayState.hours || localTime(session.start) < opens || localTime(session.end) > closes) {
      throw unprocessable('OUTSIDE_OPENING_HOURS', 'The session lies outside the office opening hours.');
    }
    const leaders = (await tx.query(
      `SELECT s.id, s.role, s.skills, s.active, EXISTS (SELECT 1 FROM staff_absence a WHERE a.staff_id = s.id AND a.period @> $2::date) AS absent
       FROM staff s WHERE s.id = ANY($1::uuid[])`,
      [session.leaderIds, day],
    )) as { id: string; role: string; skills: string[]; active: boolean; absent: boolean }[];
    for (const leaderId of session.leaderIds) {
      const leader = leaders.find((l) => l.id === leaderId);
      if (!leader || !leader.active) throw unprocessable('STAFF_INACTIVE', 'A leader of the session is no longer active.');
      if (!activity.leaderRoles.includes(leader.role) || (activity.leaderSkill && !leader.skills.includes(activity.leaderSkill))) {
        throw unprocessable('STAFF_CANNOT_LEAD', 'A leader can no longer lead this activity.');
      }
      if (leader.absent) throw unprocessable('STAFF_ABSENT', `A leader is absent on ${day}.`);
    }
    const capacity = Math.min(activity.maxGroupSize ?? room.seats, room.seats);
    const minParticipants = activity.minGroupSize ?? 1;
    if (capacity < minParticipants) throw unprocessable('ROOM_TOO_SMALL', `The room has ${room.seats} seats.`);
    const cutoffAt = new Date(session.start.getTime() - 3 * DAY_MS);
    const sessionId = await withDomainErrors(() =>
      this.slots.insertSession(
        { officeId: session.officeId, roomId: session.roomId, activityCode: session.activityCode, start: session.start, end: session.end, capacity, minParticipants, cutoffAt, origin: 'optimiser' },
        session.leaderIds,
        tx,
      ),
    );
    await this.bookings.audit({ ...actor, entity: 'session', entityId: sessionId, action: 'create', officeId: session.officeId, before: null, after: session }, tx);
    return sessionId;
  }

  /** Books the member's open programme item into a seat of the session, with every check of a booking; returns the booking id. */
  async bookSeatInTx(tx: EntityManager, seat: { memberId: string; itemId: string; sessionId: string }, actor: PlacementActor, now = new Date()): Promise<string> {
    const { bookingId, target } = await this.bookingsService.placeInTx(tx, { memberId: seat.memberId, programmeItemId: seat.itemId, sessionId: seat.sessionId }, BOOKED_BY, now);
    await this.bookings.notify(seat.memberId, 'booking-planned', { bookingId, activityCode: target.activityCode, start: target.start }, tx);
    await this.bookings.audit({ ...actor, entity: 'booking', entityId: bookingId, action: 'book-planned', officeId: target.officeId, before: null, after: target }, tx);
    return bookingId;
  }
}
