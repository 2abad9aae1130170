import { Inject, Injectable } from '@nestjs/common';
import { TZDate } from '@date-fns/tz';
import { addMinutes, subDays } from 'date-fns';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/auth/access.service.js';
import type { Principal } from '../../common/auth/principal.js';
import { conflict, notFound, unprocessable } from '../../common/errors/domain-error.js';
import { assertDatePeriod, AT_MOST_A_YEAR_OF_DATES } from '../../common/validation/period.js';
import { instantFromInput } from '../../common/validation/instant.js';
import { publicHolidaysBetween } from '../../locations/calendar-rules.js';
import { LocationsService } from '../../locations/locations.service.js';
import { BookingsRepository } from '../bookings/bookings.repository.js';
import { BookingsService } from '../bookings/bookings.service.js';
import type { BulkSlotsBody, CreateSessionBody, CreateSlotBody, MoveSessionBody } from '../dto/slots.dto.js';
import { recordBookingMessage } from '../../messaging/outbox.js';
import { MembersRepository } from '../members/members.repository.js';
import {
  addDays,
  instantsOfLocalTime,
  isoWeekday,
  localDate,
  localInstant,
  localTime,
  COPENHAGEN,
} from '../../shared/time/index.js';
import { SlotsRepository, type SessionRow } from './slots.repository.js';
import { Clock } from '../../shared/time/clock.js';
import {
  channelAllowed,
  dayClosedReason,
  insideWindow,
  leaderShortfall,
  notInThePast,
  sessionSizeProblem,
} from '../rules/booking-rules.js';
import { SESSION_CUTOFF_DAYS } from '../catalogue/activity-catalogue.js';
import type { CodeWithStatus } from '../../error-codes.js';

const MAX_BULK_DAYS = 120;
/** The shortest slot or session (the weekly pattern's smallest slotMinutes); PostgreSQL holds the same floor. */
export const MIN_APPOINTMENT_MINUTES = 10;

interface StaffForSlots {
  id: string;
  role: string;
  skills: string[];
  active: boolean;
  departmentId: string | null;
  teamCode: string | null;
}

/** A group session to create: from the office's form (ISO strings) or from the optimiser (instants). */
export interface SessionDraft {
  activityCode: string;
  roomId: string;
  leaderIds: string[];
  start: string | Date;
  end?: string | Date;
  capacity?: number;
  minParticipants?: number;
  cutoffAt?: string | Date;
}

export interface SessionActor {
  actorRole: string;
  actorId: string | null;
}

function overlaps(a: { start: Date; end: Date }, b: { start: Date; end: Date }): boolean {
  return a.start < b.end && b.start < a.end;
}

@Injectable()
export class SlotsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(SlotsRepository) private readonly slots: SlotsRepository,
    @Inject(BookingsRepository) private readonly bookings: BookingsRepository,
    @Inject(BookingsService) private readonly bookingsService: BookingsService,
    @Inject(LocationsService) private readonly locations: LocationsService,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(MembersRepository) private readonly members: MembersRepository,
  ) {}

  async publishSlot(principal: Principal, officeId: string, body: CreateSlotBody) {
    const start = body.start;
    const end = body.end;
    if (!(start < end)) throw unprocessable('INVALID_PERIOD', 'The slot must end after it starts.');
    assertLongEnough('slot', start, end);
    if (end.getTime() - start.getTime() > 8 * 3600_000)
      throw unprocessable('SLOT_TOO_LONG', 'A slot can last at most 8 hours.');
    if (!notInThePast(start, this.clock.now()))
      throw unprocessable('IN_THE_PAST', 'Slots can only be published for the future.');
    const office = await this.officeInScope(principal, officeId);
    const staff = await this.staffWhoCanLead(principal, body.staffId, body.activityCodes, body.channel);
    const day = localDate(start);
    const problem = await this.dayProblem(office.id, staff.id, day, body.channel, start, end);
    if (problem) throw unprocessable(problem.code, problem.message);
    const [id] = await this.dataSource.transaction(async (tx) => {
      const ids = await this.slots.insertSlots(
        [{ officeId, staffId: staff.id, activityCodes: body.activityCodes, channel: body.channel, start, end }],
        tx,
      );
      await this.bookings.audit(
        {
          actorRole: principal.role,
          actorId: principal.subjectId ?? null,
          entity: 'slot',
          entityId: ids[0],
          action: 'publish',
          officeId,
          before: null,
          after: body,
        },
        tx,
      );
      return ids;
    });
    return (await this.slots.findSlot(id))!;
  }

  /**
   * Publishes a weekly pattern over a date range, skipping public holidays, the office's closure days,
   * the staff member's absences and times they are already committed. Returns what was created and
   * what was skipped, and why.
   */
  async publishPattern(principal: Principal, officeId: string, body: BulkSlotsBody) {
    const { office, staff, created, skipped } = await this.planPattern(principal, officeId, body);
    const ids = await this.dataSource.transaction(async (tx) => {
      const inserted = await this.slots.insertSlots(
        created.map((c) => ({
          officeId: office.id,
          staffId: staff.id,
          activityCodes: body.activityCodes,
          channel: body.channel,
          start: c.start,
          end: c.end,
        })),
        tx,
      );
      if (inserted.length > 0) {
        await this.bookings.audit(
          {
            actorRole: principal.role,
            actorId: principal.subjectId ?? null,
            entity: 'slot',
            entityId: inserted[0],
            action: 'publish-pattern',
            officeId: office.id,
            before: null,
            after: { ...body, created: inserted.length },
          },
          tx,
        );
      }
      return inserted;
    });
    return { created: ids.length, slotIds: ids, skipped, timezone: COPENHAGEN };
  }

  /**
   * What `publishPattern` would publish now, with the same checks and answers, writing nothing: the slots
   * it would create, how many on each day, and what it would skip and why.
   */
  async previewPattern(principal: Principal, officeId: string, body: BulkSlotsBody) {
    const { created, skipped } = await this.planPattern(principal, officeId, body);
    const perDay = new Map<string, number>();
    for (const c of created) perDay.set(localDate(c.start), (perDay.get(localDate(c.start)) ?? 0) + 1);
    return {
      created: created.length,
      slots: created.map((c) => ({ start: c.start, end: c.end })),
      days: [...perDay].map(([date, slots]) => ({ date, slots })),
      skipped,
      timezone: COPENHAGEN,
    };
  }

  private async planPattern(principal: Principal, officeId: string, body: BulkSlotsBody) {
    const days = assertDatePeriod(body.from, body.to, {
      maxDays: MAX_BULK_DAYS,
      code: 'RANGE_TOO_LONG',
      message: `Publish at most ${MAX_BULK_DAYS} days at a time.`,
    });
    for (const entry of body.pattern) {
      if (entry.start >= entry.end)
        throw unprocessable(
          'INVALID_PATTERN',
          `Pattern for weekday ${entry.weekday}: ${entry.end} is not after ${entry.start}.`,
        );
    }
    const office = await this.officeInScope(principal, officeId);
    const staff = await this.staffWhoCanLead(principal, body.staffId, body.activityCodes, body.channel);
    const holidays = new Map(publicHolidaysBetween(body.from, body.to).map((h) => [h.date, h.name]));
    const closures = new Set((await this.slots.listClosureDays(office.id, body.from, body.to)).map((c) => c.day));
    const absences = new Set((await this.slots.listStaffAbsenceDays(staff.id, body.from, body.to)).map((a) => a.day));
    const hours = new Map((await this.slots.listOpeningHours(office.id)).map((h) => [h.weekday, h]));
    const rangeStart = localInstant(body.from, '00:00');
    const rangeEnd = localInstant(addDays(body.to, 1), '00:00');
    const busy = await this.slots.listStaffCommitments(staff.id, rangeStart, rangeEnd);
    const now = this.clock.now();
    const created: { start: Date; end: Date }[] = [];
    const skipped: { date: string; start?: string; reason: string }[] = [];
    for (let i = 0; i < days; i++) {
      const date = addDays(body.from, i);
      const entries = body.pattern.filter((p) => p.weekday === isoWeekday(date));
      if (entries.length === 0) continue;
      const dayReason = holidays.has(date)
        ? `PUBLIC_HOLIDAY: ${holidays.get(date)}`
        : closures.has(date)
          ? 'OFFICE_CLOSED'
          : absences.has(date)
            ? 'STAFF_ABSENT'
            : body.channel === 'in-person' && !hours.has(isoWeekday(date))
              ? 'OFFICE_NOT_OPEN_THAT_DAY'
              : null;
      if (dayReason) {
        skipped.push({ date, reason: dayReason });
        continue;
      }
      for (const entry of entries) {
        for (
          let minute = toMinutes(entry.start);
          minute + entry.slotMinutes <= toMinutes(entry.end);
          minute += entry.slotMinutes
        ) {
          const label = fromMinutes(minute);
          const { slots, skip } = wallClockSlots(date, minute, entry.slotMinutes);
          if (skip) skipped.push({ date, start: label, reason: skip });
          const opening = hours.get(isoWeekday(date));
          for (const { start, end } of slots) {
            if (start <= now) skipped.push({ date, start: label, reason: 'IN_THE_PAST' });
            else if (
              body.channel === 'in-person' &&
              opening &&
              (fromMinutes(minute) < opening.opens || fromMinutes(minute + entry.slotMinutes) > opening.closes)
            ) {
              skipped.push({ date, start: label, reason: 'OUTSIDE_OPENING_HOURS' });
            } else if (busy.some((b) => b.slotOfficeId === office.id && b.start <= start && end <= b.end)) {
              // The staff member's own slot at this office already covers the time: published before, not a clash.
              skipped.push({ date, start: label, reason: 'ALREADY_PUBLISHED' });
            } else if ([...busy, ...created].some((b) => overlaps(b, { start, end })))
              skipped.push({ date, start: label, reason: 'STAFF_BUSY' });
            else created.push({ start, end });
          }
        }
      }
    }
    return { office, staff, created, skipped };
  }

  async cancelSlot(principal: Principal, slotId: string, reason: string | undefined) {
    return this.dataSource.transaction(async (tx) => {
      const slot = await this.slots.lockSlot(slotId, tx);
      if (!slot) throw notFound('slot', slotId);
      this.access.assertAllowed(principal, 'slot', 'cancel');
      this.access.assertInScope(principal, slot, 'slot', slotId);
      if (slot.status === 'cancelled') return { slotId, status: 'cancelled', affectedMemberIds: [] as string[] };
      // A time that has begun is over for booking: its meeting took place or was missed (attendance says which).
      if (!notInThePast(slot.start, this.clock.now()))
        throw conflict(
          'SLOT_STARTED',
          'This time has already begun; it can no longer be cancelled. Record attendance instead.',
        );
      const affected = await this.bookingsService.cancelAllOn({ slotId }, reason ?? 'slot-cancelled', principal, tx);
      await this.slots.cancelSlot(slotId, tx);
      await this.bookings.audit(
        {
          actorRole: principal.role,
          actorId: principal.subjectId ?? null,
          entity: 'slot',
          entityId: slotId,
          action: 'cancel',
          officeId: slot.officeId,
          before: { status: 'open' },
          after: { status: 'cancelled', reason },
        },
        tx,
      );
      return { slotId, status: 'cancelled', affectedMemberIds: affected };
    });
  }

  /**
   * Withdraws an unbooked open slot inside the caller's transaction (the optimiser's apply gives its time to
   * a session): never a slot with a booking (409 SLOT_TAKEN) or one that has begun (409 SLOT_STARTED). The
   * slot row is locked first, so a booker holding it FOR SHARE has committed and its booking is seen here,
   * and a booker after this one finds the slot cancelled. Unbooked, the cancel owes no member a message.
   * Returns false when the slot was already cancelled (its time is free all the same).
   */
  async withdrawSlotInTx(
    tx: EntityManager,
    slotId: string,
    actor: SessionActor,
    reason: string,
    now = this.clock.now(),
  ): Promise<boolean> {
    const slot = await this.slots.lockSlot(slotId, tx);
    if (!slot) throw notFound('slot', slotId);
    if (slot.status === 'cancelled') return false;
    if (!notInThePast(slot.start, now))
      throw conflict('SLOT_STARTED', 'This time has already begun; it can no longer be withdrawn.');
    if (await this.slots.hasBooking(slotId, tx))
      throw conflict('SLOT_TAKEN', 'Someone has booked this time; it is not withdrawn.');
    await this.slots.cancelSlot(slotId, tx);
    await this.bookings.audit(
      {
        ...actor,
        entity: 'slot',
        entityId: slotId,
        action: 'withdraw',
        officeId: slot.officeId,
        before: { status: 'open' },
        after: { status: 'cancelled', reason },
      },
      tx,
    );
    return true;
  }

  async createSession(principal: Principal, officeId: string, body: CreateSessionBody) {
    const office = await this.officeInScope(principal, officeId);
    for (const leaderId of body.leaderIds) await this.locations.getStaff(principal, leaderId);
    const id = await this.dataSource.transaction((tx) =>
      this.createSessionInTx(tx, office.id, body, 'manual', {
        actorRole: principal.role,
        actorId: principal.subjectId ?? null,
      }),
    );
    return this.describeSession((await this.slots.findSession(id))!);
  }

  /**
   * Checks and writes one group session inside the caller's transaction: the activity, the room, the size
   * limits, the leaders (role, skill, active) and the day (holiday, closure, absence, opening hours).
   * No access rules: the caller applies its own (the office's scope, or the optimiser's central role).
   */
  async createSessionInTx(
    tx: EntityManager,
    officeId: string,
    plan: SessionDraft,
    origin: 'manual' | 'optimiser',
    actor: SessionActor,
    now = this.clock.now(),
  ): Promise<string> {
    const activity = (await this.slots.listActivities()).find((a) => a.code === plan.activityCode);
    if (!activity) throw unprocessable('UNKNOWN_ACTIVITY', `There is no activity "${plan.activityCode}".`);
    if (activity.kind !== 'group')
      throw unprocessable(
        'NOT_A_GROUP_ACTIVITY',
        `${activity.nameDa} is an individual meeting: publish slots for it instead.`,
      );
    const room = await this.slots.findRoom(plan.roomId);
    if (!room || room.officeId !== officeId)
      throw unprocessable('UNKNOWN_ROOM', 'The room does not belong to this office.');
    const start = instantFromInput(plan.start, 'start');
    const end = plan.end ? instantFromInput(plan.end, 'end') : addMinutes(start, activity.defaultDurationMinutes);
    if (!(start < end)) throw unprocessable('INVALID_PERIOD', 'The session must end after it starts.');
    assertLongEnough('session', start, end);
    if (!notInThePast(start, now)) throw unprocessable('IN_THE_PAST', 'Sessions can only be planned for the future.');
    const capacity = plan.capacity ?? Math.min(activity.maxGroupSize ?? room.seats, room.seats);
    const minParticipants = plan.minParticipants ?? activity.minGroupSize ?? 1;
    const sizeProblem = sessionSizeProblem({ capacity, minParticipants }, activity, room.seats);
    if (sizeProblem === 'ROOM_TOO_SMALL')
      throw unprocessable(
        sizeProblem,
        `The room has ${room.seats} seats; the session needs ${minParticipants}–${capacity}.`,
      );
    if (sizeProblem === 'ABOVE_ACTIVITY_MAXIMUM')
      throw unprocessable(sizeProblem, `${activity.nameDa} takes at most ${activity.maxGroupSize} participants.`);
    if (sizeProblem === 'BELOW_ACTIVITY_MINIMUM')
      throw unprocessable(sizeProblem, `${activity.nameDa} needs at least ${activity.minGroupSize} participants.`);
    for (const leaderId of plan.leaderIds)
      await this.staffWhoCanLead(undefined, leaderId, [activity.code], 'in-person');
    const day = localDate(start);
    for (const leaderId of plan.leaderIds) {
      const problem = await this.dayProblem(officeId, leaderId, day, 'in-person', start, end);
      if (problem) throw unprocessable(problem.code, problem.message);
    }
    // Days before on the wall clock: 13:00 stays 13:00 when a clock change falls in between.
    const cutoffAt = plan.cutoffAt
      ? instantFromInput(plan.cutoffAt, 'cutoffAt')
      : new Date(subDays(new TZDate(start, COPENHAGEN), SESSION_CUTOFF_DAYS).getTime());
    const sessionId = await this.slots.insertSession(
      {
        officeId,
        roomId: room.id,
        activityCode: activity.code,
        start,
        end,
        capacity,
        minParticipants,
        cutoffAt,
        origin,
      },
      plan.leaderIds,
      tx,
    );
    await this.bookings.audit(
      {
        ...actor,
        entity: 'session',
        entityId: sessionId,
        action: 'create',
        officeId,
        before: null,
        after: { ...plan, origin },
      },
      tx,
    );
    return sessionId;
  }

  async cancelSession(principal: Principal, sessionId: string, reason: string | undefined) {
    return this.dataSource.transaction(async (tx) => {
      const session = await this.slots.lockSession(sessionId, tx);
      if (!session) throw notFound('session', sessionId);
      this.access.assertAllowed(principal, 'session', 'cancel');
      this.access.assertInScope(principal, session, 'session', sessionId);
      if (session.status === 'cancelled') return { sessionId, status: 'cancelled', affectedMemberIds: [] as string[] };
      if (!notInThePast(session.start, this.clock.now()))
        throw conflict('SESSION_STARTED', 'The session has already started; it can no longer be moved or cancelled.');
      const affected = await this.bookingsService.cancelAllOn(
        { sessionId },
        reason ?? 'session-cancelled',
        principal,
        tx,
      );
      await this.bookings.withdrawWaitlist(sessionId, tx);
      await this.slots.emptySession(sessionId, tx);
      await this.slots.cancelSession(sessionId, session.status, tx);
      await this.bookings.audit(
        {
          actorRole: principal.role,
          actorId: principal.subjectId ?? null,
          entity: 'session',
          entityId: sessionId,
          action: 'cancel',
          officeId: session.officeId,
          before: { status: 'scheduled' },
          after: { status: 'cancelled', reason },
        },
        tx,
      );
      return { sessionId, status: 'cancelled', affectedMemberIds: affected };
    });
  }

  /**
   * Moves a group session to a new time and/or room, checked as a new session would be (leaders qualified and
   * free, room free and big enough for those booked, day open, not in the past, length rules), and refused with
   * 409 SESSION_MOVE_OUTSIDE_WINDOW when a participant's programme window does not hold the new time. One
   * transaction: the session row is locked first (as a cancel and every booker of a seat take it), its live
   * bookings follow it (PostgreSQL raises their SEQUENCE, so feeds and .ics update), and each participant gets a
   * "session moved" message naming the old and the new time. A room change alone sends no message.
   */
  async moveSession(principal: Principal, sessionId: string, body: MoveSessionBody, now = this.clock.now()) {
    if (!body.start && !body.end && !body.roomId)
      throw unprocessable('NOTHING_TO_MOVE', 'Give a new start, end or room.');
    return this.dataSource.transaction(async (tx) => {
      const session = await this.slots.lockSession(sessionId, tx);
      if (!session) throw notFound('session', sessionId);
      this.access.assertAllowed(principal, 'session', 'move');
      this.access.assertInScope(principal, session, 'session', sessionId);
      if (session.status !== 'scheduled') throw conflict('SESSION_CANCELLED', 'The session has been cancelled.');
      if (!notInThePast(session.start, now))
        throw conflict('SESSION_STARTED', 'The session has already started; it can no longer be moved.');
      const start = body.start ?? session.start;
      const end =
        body.end ??
        (body.start ? new Date(start.getTime() + (session.end.getTime() - session.start.getTime())) : session.end);
      if (!(start < end)) throw unprocessable('INVALID_PERIOD', 'The session must end after it starts.');
      assertLongEnough('session', start, end);
      if (!notInThePast(start, now)) throw unprocessable('IN_THE_PAST', 'Sessions can only be moved to the future.');
      const activity = (await this.slots.listActivities()).find((a) => a.code === session.activityCode)!;
      const room = await this.slots.findRoom(body.roomId ?? session.roomId);
      if (!room || room.officeId !== session.officeId)
        throw unprocessable('UNKNOWN_ROOM', 'The room does not belong to this office.');
      // A smaller room takes the session down to its seats, never below those already booked.
      const capacity = Math.min(session.capacity, room.seats);
      if (
        room.seats < session.booked ||
        sessionSizeProblem({ capacity, minParticipants: session.minParticipants }, activity, room.seats)
      ) {
        throw unprocessable(
          'ROOM_TOO_SMALL',
          `The room has ${room.seats} seats; the session has ${session.booked} participants and needs at least ${session.minParticipants}.`,
        );
      }
      const day = localDate(start);
      for (const leaderId of session.leaderIds) {
        await this.staffWhoCanLead(undefined, leaderId, [activity.code], 'in-person');
        const problem = await this.dayProblem(session.officeId, leaderId, day, 'in-person', start, end);
        if (problem) throw unprocessable(problem.code, problem.message);
      }
      const timeChanged = start.getTime() !== session.start.getTime() || end.getTime() !== session.end.getTime();
      const live = await this.bookings.lockLiveBookingsOf({ sessionId }, tx);
      const outside: string[] = [];
      for (const booking of live) {
        const item = await this.members.findItem(booking.programmeItemId, tx);
        if (item && !insideWindow({ start: item.windowStart, end: item.windowEnd }, { start, end }))
          outside.push(booking.id);
      }
      if (outside.length > 0) {
        throw conflict(
          'SESSION_MOVE_OUTSIDE_WINDOW',
          `${outside.length} participant(s) must have this activity within their programme window, which the new time is not.`,
          { bookingIds: outside },
        );
      }
      const cutoffAt = new Date(session.cutoffAt.getTime() + (start.getTime() - session.start.getTime()));
      await this.slots.moveSession(sessionId, { roomId: room.id, start, end, capacity, cutoffAt }, tx);
      if (timeChanged) {
        await this.bookings.moveSessionBookings(sessionId, start, end, tx);
        for (const booking of live)
          await recordBookingMessage(tx, 'session-moved', booking.id, {
            previous: { start: session.start, end: session.end },
          });
      }
      await this.bookings.audit(
        {
          actorRole: principal.role,
          actorId: principal.subjectId ?? null,
          entity: 'session',
          entityId: sessionId,
          action: 'move',
          officeId: session.officeId,
          before: { start: session.start, end: session.end, roomId: session.roomId, capacity: session.capacity },
          after: { start, end, roomId: room.id, capacity, participantsNotified: timeChanged ? live.length : 0 },
        },
        tx,
      );
      return this.describeSession((await this.slots.findSession(sessionId, tx))!, now);
    });
  }

  async getSession(principal: Principal, sessionId: string) {
    const session = await this.slots.findSession(sessionId);
    if (!session) throw notFound('session', sessionId);
    const base = this.describeSession(session);
    // A member sees their own place in it (booking or waiting list), never anyone else's.
    const { memberId } = this.access.filter(principal);
    if (memberId !== undefined) return { ...base, mine: await this.bookings.memberInSession(sessionId, memberId) };
    this.access.assertInScope(principal, session, 'session', sessionId);
    return {
      ...base,
      participants: await this.slots.listSessionParticipants(sessionId),
      waitlist: await this.bookings.listWaitlist(sessionId),
    };
  }

  /**
   * The session's participants and waiting list in one answer, each member named one way ("Name (number)",
   * the number alone once erased). Staff of the session's department see every member on it, whichever
   * department the member belongs to; staff of other departments get 404, members 403.
   */
  async sessionParticipants(principal: Principal, sessionId: string) {
    const session = await this.slots.findSession(sessionId);
    if (!session) throw notFound('session', sessionId);
    this.access.assertAllowed(principal, 'session participants', 'list');
    this.access.assertInScope(principal, session, 'session', sessionId);
    const label = (m: { memberNumber: string; name: string | null }) =>
      m.name ? `${m.name} (${m.memberNumber})` : m.memberNumber;
    const [participants, waitlist] = [
      await this.slots.listSessionParticipants(sessionId),
      await this.slots.listSessionWaitlist(sessionId),
    ];
    return {
      sessionId,
      participants: participants.map((p) => ({ ...p, label: label(p) })),
      waitlist: waitlist.map((w, index) => ({ ...w, position: index + 1, label: label(w) })),
    };
  }

  async officeSlots(principal: Principal, officeId: string, from?: string, to?: string) {
    const office = await this.officeInScope(principal, officeId);
    const { start, end } = this.range(from, to);
    return this.slots.listOfficeSlots(office.id, start, end);
  }

  async officeSessions(officeId: string, from?: string, to?: string, flaggedOnly = false) {
    const office = await this.locations.findOffice(officeId);
    if (!office) throw notFound('office', officeId);
    const { start, end } = this.range(from, to);
    const sessions = (await this.slots.listOfficeSessions(office.id, start, end)).map((s) => this.describeSession(s));
    return flaggedOnly ? sessions.filter((s) => s.belowMinimum) : sessions;
  }

  describeSession(session: SessionRow, now = this.clock.now()) {
    return {
      ...session,
      seatsLeft: session.status === 'scheduled' ? session.capacity - session.booked : 0,
      belowMinimum:
        session.status === 'scheduled' && session.booked < session.minParticipants && now >= session.cutoffAt,
    };
  }

  private range(from?: string, to?: string) {
    const today = localDate(this.clock.now());
    const fromDate = from ?? today;
    const toDate = to ?? addDays(fromDate, 13);
    assertDatePeriod(fromDate, toDate, AT_MOST_A_YEAR_OF_DATES);
    return { start: localInstant(fromDate, '00:00'), end: localInstant(addDays(toDate, 1), '00:00') };
  }

  private async officeInScope(principal: Principal, officeId: string) {
    const office = await this.locations.findOffice(officeId);
    if (!office || !this.access.inScope(principal, office)) throw notFound('office', officeId);
    return office;
  }

  /**
   * The staff member exists, is active, and may lead every one of the activities (role, and skill where one
   * is needed). With a `principal`, the staff member must also be one the caller may see (their department's, or
   * a cross-department team's; another department's staff are 404 as if unknown);
   * without one (the optimiser's apply, a central role), anyone.
   */
  private async staffWhoCanLead(
    principal: Principal | undefined,
    staffId: string,
    activityCodes: string[],
    channel: string,
  ): Promise<StaffForSlots> {
    const staff: StaffForSlots | undefined = principal
      ? await this.locations.getStaff(principal, staffId)
      : await this.locations.findStaff(staffId);
    if (!staff) throw unprocessable('UNKNOWN_STAFF', `No staff member with id ${staffId} exists.`);
    if (!staff.active) throw unprocessable('STAFF_INACTIVE', 'This staff member is no longer active.');
    const activities = new Map((await this.slots.listActivities()).map((a) => [a.code, a]));
    for (const code of activityCodes) {
      const activity = activities.get(code);
      if (!activity) throw unprocessable('UNKNOWN_ACTIVITY', `There is no activity "${code}".`);
      const shortfall = leaderShortfall(activity, staff);
      if (shortfall === 'role')
        throw unprocessable(
          'STAFF_CANNOT_LEAD',
          `${activity.nameDa} is led by ${activity.leaderRoles.join(' or ')}, not ${staff.role}.`,
        );
      if (shortfall === 'skill')
        throw unprocessable('STAFF_LACKS_SKILL', `${activity.nameDa} needs the skill "${activity.leaderSkill}".`);
      if (!channelAllowed(activity.channels, channel))
        throw unprocessable('CHANNEL_NOT_ALLOWED', `${activity.nameDa} cannot be held ${channel}.`);
    }
    return staff;
  }

  private async dayProblem(
    officeId: string,
    staffId: string,
    day: string,
    channel: string,
    start: Date,
    end: Date,
  ): Promise<{ code: CodeWithStatus<422>; message: string } | undefined> {
    const holiday = publicHolidaysBetween(day, day)[0];
    const closed = dayClosedReason({
      holiday: holiday?.name,
      officeClosed: !holiday && (await this.slots.listClosureDays(officeId, day, day)).length > 0,
      leaderAbsent: !holiday && (await this.slots.listStaffAbsenceDays(staffId, day, day)).length > 0,
    });
    if (closed === 'PUBLIC_HOLIDAY') return { code: closed, message: `${day} is a public holiday (${holiday!.name}).` };
    if (closed === 'OFFICE_CLOSED') return { code: closed, message: `The office is closed on ${day}.` };
    if (closed === 'STAFF_ABSENT') return { code: closed, message: `The staff member is absent on ${day}.` };
    if (channel === 'in-person') {
      const opening = (await this.slots.listOpeningHours(officeId)).find((h) => h.weekday === isoWeekday(day));
      const from = localTime(start);
      const to = localDate(end) === day ? localTime(end) : '24:00';
      if (!opening || from < opening.opens || to > opening.closes) {
        return {
          code: 'OUTSIDE_OPENING_HOURS',
          message: opening
            ? `The office is open ${opening.opens}–${opening.closes} that day.`
            : 'The office is not open that day.',
        };
      }
    }
    return undefined;
  }
}

function assertLongEnough(what: 'slot' | 'session', start: Date, end: Date): void {
  if (end.getTime() - start.getTime() < MIN_APPOINTMENT_MINUTES * 60_000) {
    throw unprocessable('TOO_SHORT', `A ${what} must last at least ${MIN_APPOINTMENT_MINUTES} minutes.`);
  }
}

/**
 * The slots a weekly-pattern entry gives on one date: from wall-clock `minute` to `minute + length`, for each
 * instant that wall-clock time denotes, when the wall clock then reads the end time exactly `length` minutes
 * later. So a slot always lasts its length on the wall clock and in real time. In the spring gap the start or
 * end does not exist (NONEXISTENT_LOCAL_TIME). In the repeated autumn hour both occurrences of, say,
 * 02:00–02:30 are published, while the first 02:30–03:00 would last 90 minutes and is skipped
 * (SPANS_CLOCK_CHANGE).
 */
function wallClockSlots(
  date: string,
  minute: number,
  length: number,
): { slots: { start: Date; end: Date }[]; skip?: string } {
  const starts = instantsOfLocalTime(date, fromMinutes(minute));
  const ends = instantsOfLocalTime(date, fromMinutes(minute + length));
  if (starts.length === 0 || ends.length === 0) return { slots: [], skip: 'NONEXISTENT_LOCAL_TIME' };
  const slots = starts.flatMap((start) =>
    ends.filter((end) => end.getTime() - start.getTime() === length * 60_000).map((end) => ({ start, end })),
  );
  return { slots, ...(slots.length < starts.length ? { skip: 'SPANS_CLOCK_CHANGE' } : {}) };
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

function fromMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
