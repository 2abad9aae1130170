import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/auth/access.service.js';
import type { Principal } from '../../common/auth/principal.js';
import { conflict, DomainError, notFound, unprocessable } from '../../common/errors/domain-error.js';
import { domainErrorFromPostgres, isLockNotAvailable } from '../../common/errors/postgres-errors.js';
import type { Queryable } from '../../common/database/queryable.js';
import { savepoint } from '../../common/database/savepoint.js';
import { recordBookingMessage } from '../../messaging/outbox.js';
import { activityOffered, channelAllowed, insideWindow, notInThePast } from '../rules/booking-rules.js';
import { MembersRepository, type MemberRow, type ProgrammeItemRow } from '../members/members.repository.js';
import { SlotsRepository } from '../slots/slots.repository.js';
import { BookingsRepository, type BookingRow, type BookingTarget } from './bookings.repository.js';
import { Clock } from '../../shared/time/clock.js';
import { BOOKING_TRANSITIONS, canTransition } from '../../shared/vocabulary/transitions.js';

export interface BookingRequest {
  memberId: string;
  programmeItemId: string;
  slotId?: string;
  sessionId?: string;
}

function actor(principal: Principal) {
  return { actorRole: principal.role, actorId: principal.subjectId ?? null };
}

function windowText(item: ProgrammeItemRow): string {
  return `${item.windowStart.toISOString()} – ${item.windowEnd.toISOString()}`;
}

@Injectable()
export class BookingsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(BookingsRepository) private readonly bookings: BookingsRepository,
    @Inject(MembersRepository) private readonly members: MembersRepository,
    @Inject(SlotsRepository) private readonly slots: SlotsRepository,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async getBooking(principal: Principal, id: string): Promise<BookingRow> {
    const booking = await this.bookings.findBooking(id);
    if (!booking) throw notFound('booking', id);
    await this.memberInScope(principal, booking.memberId, this.dataSource, 'booking', id);
    return booking;
  }

  /** The member if within the caller's scope (themself; their department's; all for central roles), else 404 for `what`. */
  private memberInScope(
    principal: Principal,
    memberId: string,
    db: Queryable,
    what = 'member',
    id = memberId,
  ): Promise<MemberRow> {
    return this.access.find(principal, what, id, (scope) => this.members.findMember(memberId, scope, db));
  }

  /**
   * The booking page: what, when, where, with whom (first name and role, never other members), and what the
   * member may still do. A booking is cancelled and moved on the same terms: until it starts; cancelling
   * reopens the item (to be booked again inside its window) and a session seat goes to the waiting list.
   */
  async details(principal: Principal, id: string, now = this.clock.now()) {
    const row = await this.bookings.findBookingDetails(id);
    if (!row) throw notFound('booking', id);
    await this.memberInScope(principal, row.memberId, this.dataSource, 'booking', id);
    const { slotCancelled, sessionCancelled, ...booking } = row;
    const live = booking.status === 'booked' && !slotCancelled && !sessionCancelled;
    const changeable = live && booking.start > now;
    return {
      ...booking,
      status: booking.status === 'booked' && (slotCancelled || sessionCancelled) ? 'cancelled' : booking.status,
      mapUrl: `https://www.openstreetmap.org/?mlat=${booking.office.lat}&mlon=${booking.office.lon}#map=17/${booking.office.lat}/${booking.office.lon}`,
      rules: {
        canCancel: changeable,
        canReschedule: changeable,
        changeUntil: booking.start,
        itemReopensUntil: booking.windowEnd,
        seatGoesToWaitlist: booking.sessionId !== null,
      },
    };
  }

  book(principal: Principal, request: BookingRequest, now = this.clock.now()): Promise<BookingRow> {
    return this.dataSource.transaction((tx) => this.bookInTx(tx, principal, request, now));
  }

  /** A booking inside the caller's transaction (the idempotency record commits with it). */
  async bookInTx(
    tx: EntityManager,
    principal: Principal,
    request: BookingRequest,
    now = this.clock.now(),
  ): Promise<BookingRow> {
    const member = await this.memberInScope(principal, request.memberId, tx);
    const { bookingId, target } = await this.placeChecked(member, request, principal.role, now, tx);
    await this.bookings.audit(
      {
        ...actor(principal),
        entity: 'booking',
        entityId: bookingId,
        action: 'book',
        officeId: target.officeId,
        before: null,
        after: target,
      },
      tx,
    );
    return (await this.bookings.findBooking(bookingId, tx))!;
  }

  /**
   * A booking's checks and writes inside the caller's transaction, for a caller that has already decided
   * who may book (the optimiser's apply). The caller writes its own audit entry.
   */
  async placeInTx(
    tx: EntityManager,
    request: BookingRequest,
    bookedByRole: string,
    now = this.clock.now(),
  ): Promise<{ bookingId: string; target: BookingTarget }> {
    const member = await this.members.findMember(request.memberId, {}, tx);
    if (!member) throw notFound('member', request.memberId);
    return this.placeChecked(member, request, bookedByRole, now, tx);
  }

  cancel(principal: Principal, bookingId: string, reason: string | null): Promise<BookingRow> {
    return this.dataSource.transaction(async (tx) => {
      const booking = await this.lockLiveBookingAfterSessions(principal, bookingId, [], tx);
      await this.cancelLocked(booking, reason ?? 'cancelled', principal, tx);
      return (await this.bookings.findBooking(bookingId, tx))!;
    });
  }

  /** Moves a booking to another slot or session atomically: the new time or, on any failure, the old one untouched. */
  reschedule(
    principal: Principal,
    bookingId: string,
    to: { slotId?: string; sessionId?: string },
    now = this.clock.now(),
  ): Promise<BookingRow> {
    return this.dataSource.transaction(async (tx) => {
      const booking = await this.lockLiveBookingAfterSessions(principal, bookingId, [to.sessionId], tx);
      if ((to.slotId && to.slotId === booking.slotId) || (to.sessionId && to.sessionId === booking.sessionId)) {
        throw unprocessable('SAME_TARGET', 'The booking is already at that time.');
      }
      const item = await this.members.findItem(booking.programmeItemId, tx);
      const target = await this.reserveSeatIn(
        await this.resolveTarget(
          { memberId: booking.memberId, programmeItemId: booking.programmeItemId, ...to },
          item!,
          now,
          tx,
        ),
        item!,
        now,
        tx,
      );
      await this.bookings.moveBooking(booking.id, target, tx);
      await recordBookingMessage(tx, 'booking-rescheduled', booking.id);
      if (booking.sessionId) {
        await this.slots.releaseSeat(booking.sessionId, tx);
        await this.promoteWaitlist(booking.sessionId, principal, tx, now);
      }
      await this.bookings.audit(
        {
          ...actor(principal),
          entity: 'booking',
          entityId: booking.id,
          action: 'reschedule',
          officeId: target.officeId,
          before: booking,
          after: target,
        },
        tx,
      );
      return (await this.bookings.findBooking(booking.id, tx))!;
    });
  }

  /**
   * Attended closes the item; a no-show reopens it so the member books again. Marking what is already marked
   * changes nothing (a second click is not an error); marking the other way corrects it (audited), unless the
   * member has meanwhile booked the reopened item again.
   */
  markAttendance(
    principal: Principal,
    bookingId: string,
    attended: boolean,
    now = this.clock.now(),
  ): Promise<BookingRow> {
    return this.dataSource.transaction(async (tx) => {
      const booking = await this.bookings.lockBooking(bookingId, tx);
      if (!booking) throw notFound('booking', bookingId);
      this.access.assertAllowed(principal, 'booking', 'record attendance');
      this.access.assertInScope(principal, { departmentId: booking.departmentId }, 'booking', bookingId);
      const status = attended ? 'attended' : 'no-show';
      if (booking.status === status) return booking;
      if (!canTransition(BOOKING_TRANSITIONS, booking.status, status))
        throw conflict('BOOKING_NOT_ACTIVE', `The booking is ${booking.status}; only an active booking can be marked.`);
      if (booking.start > now)
        throw unprocessable('NOT_STARTED', 'Attendance can be marked once the appointment has started.');
      const correction = booking.status !== 'booked';
      if (correction && attended) {
        const item = await this.members.lockItem(booking.programmeItemId, booking.memberId, tx);
        if (item && item.status !== 'open')
          throw conflict(
            'ITEM_REBOOKED',
            'The member has booked this programme item again since the no-show; correct that booking instead.',
          );
      }
      await this.bookings.setStatus(bookingId, status, null, tx);
      // The item moves with the booking: booked serves it, attended closed it, a no-show reopened it.
      const itemWas = booking.status === 'booked' ? 'booked' : booking.status === 'attended' ? 'done' : 'open';
      await this.members.setItemStatus(booking.programmeItemId, itemWas, attended ? 'done' : 'open', tx);
      const action = correction ? 'attendance-corrected' : status;
      await this.bookings.audit(
        {
          ...actor(principal),
          entity: 'booking',
          entityId: bookingId,
          action,
          officeId: booking.officeId,
          before: { status: booking.status },
          after: { status },
        },
        tx,
      );
      return (await this.bookings.findBooking(bookingId, tx))!;
    });
  }

  async joinWaitlist(
    principal: Principal,
    sessionId: string,
    memberId: string,
    itemId: string,
    now = this.clock.now(),
  ) {
    return this.dataSource.transaction(async (tx) => {
      await this.memberInScope(principal, memberId, tx);
      const item = await this.lockOpenItem(memberId, itemId, tx);
      const session = await this.slots.lockSession(sessionId, tx);
      if (!session) throw notFound('session', sessionId);
      this.assertFits(item, session.activityCode, session.start, session.end, now);
      if (session.status !== 'scheduled') throw conflict('SESSION_CANCELLED', 'The session has been cancelled.');
      if (session.booked < session.capacity)
        throw conflict('SEATS_AVAILABLE', 'The session has free seats: book one instead of waiting.');
      const entry = await this.bookings.insertWaitlistEntry(sessionId, memberId, itemId, tx);
      await this.bookings.audit(
        {
          ...actor(principal),
          entity: 'session',
          entityId: sessionId,
          action: 'waitlist-join',
          officeId: session.officeId,
          before: null,
          after: { memberId, itemId },
        },
        tx,
      );
      return { sessionId, memberId, programmeItemId: itemId, position: entry!.position };
    });
  }

  /**
   * Cancels every live booking on a slot or in a session (the slot or session itself is being
   * cancelled): the items reopen and each member is told through the messaging outbox.
   */
  async cancelAllOn(
    target: { slotId?: string; sessionId?: string },
    reason: string,
    principal: Principal,
    tx: EntityManager,
  ): Promise<string[]> {
    const live = await this.bookings.lockLiveBookingsOf(target, tx);
    for (const booking of live) {
      await this.bookings.setStatus(booking.id, 'cancelled', reason, tx);
      await this.members.setItemStatus(booking.programmeItemId, 'booked', 'open', tx);
      await recordBookingMessage(tx, 'booking-cancelled-by-office', booking.id, { reason });
      await this.bookings.audit(
        {
          ...actor(principal),
          entity: 'booking',
          entityId: booking.id,
          action: 'cancel',
          officeId: booking.officeId,
          before: { status: 'booked' },
          after: { status: 'cancelled', reason },
        },
        tx,
      );
    }
    return live.map((booking) => booking.memberId);
  }

  /** Cancels a member's future bookings (referral to the jobcentre, erasure); past ones stay for the statistics. */
  async cancelFutureBookingsOfMember(
    memberId: string,
    reason: string,
    principal: Principal,
    tx: EntityManager,
    now = this.clock.now(),
  ): Promise<number> {
    const bookings = await this.bookings.listMemberBookings(memberId, tx);
    await this.slots.lockSessionRows(
      bookings.filter((b) => b.status === 'booked' && b.start > now).map((b) => b.sessionId),
      tx,
    );
    const future = await this.bookings.lockFutureBookingsOfMember(memberId, now, tx);
    for (const booking of future) await this.cancelLocked(booking, reason, principal, tx, now);
    return future.length;
  }

  private async cancelLocked(
    booking: BookingRow,
    reason: string,
    principal: Principal,
    tx: EntityManager,
    now = this.clock.now(),
  ): Promise<void> {
    await this.bookings.setStatus(booking.id, 'cancelled', reason, tx);
    await recordBookingMessage(tx, 'booking-cancelled', booking.id);
    await this.members.setItemStatus(booking.programmeItemId, 'booked', 'open', tx);
    if (booking.sessionId) {
      await this.slots.releaseSeat(booking.sessionId, tx);
      await this.promoteWaitlist(booking.sessionId, principal, tx, now);
    }
    await this.bookings.audit(
      {
        ...actor(principal),
        entity: 'booking',
        entityId: booking.id,
        action: 'cancel',
        officeId: booking.officeId,
        before: { status: booking.status },
        after: { status: 'cancelled', reason },
      },
      tx,
    );
  }

  /**
   * Gives freed seats to the first in line. Each attempt runs in a savepoint: someone who meanwhile
   * booked something at the same time (or whose item closed) is skipped, and the next one is tried.
   */
  private async promoteWaitlist(sessionId: string, principal: Principal, tx: EntityManager, now: Date): Promise<void> {
    const busy: string[] = [];
    for (;;) {
      const session = await this.slots.findSession(sessionId, tx);
      if (!session || session.status !== 'scheduled' || session.booked >= session.capacity || session.start <= now)
        return;
      const next = await this.bookings.nextWaiting(sessionId, busy, tx);
      if (!next) return;
      const attempt = await savepoint(tx, 'waitlist_promotion');
      try {
        // NOWAIT: a member busy with a booking of their own may be waiting for this session's row, which we hold.
        const item = await this.members.lockItemNoWait(next.programmeItemId, next.memberId, tx);
        if (!item || item.status !== 'open')
          throw unprocessable('ITEM_CLOSED', 'The programme item is no longer open.');
        const target: BookingTarget = {
          slotId: null,
          sessionId,
          officeId: session.officeId,
          activityCode: session.activityCode,
          channel: 'in-person',
          start: session.start,
          end: session.end,
        };
        const bookingId = await this.placeBooking(next.memberId, item, target, 'waitlist', now, tx);
        await this.bookings.markWaitlist(next.id, 'promoted', bookingId, null, tx);
        await recordBookingMessage(tx, 'waitlist-promoted', bookingId);
        await this.bookings.audit(
          {
            ...actor(principal),
            entity: 'booking',
            entityId: bookingId,
            action: 'waitlist-promote',
            officeId: session.officeId,
            before: null,
            after: target,
          },
          tx,
        );
        await attempt.release();
      } catch (error) {
        await attempt.rollback();
        if (isLockNotAvailable(error)) {
          busy.push(next.id);
          continue;
        }
        const code = error instanceof DomainError ? error.code : (domainErrorFromPostgres(error)?.code ?? 'ERROR');
        await this.bookings.markWaitlist(next.id, 'skipped', null, code, tx);
      }
    }
  }

  private async placeChecked(
    member: MemberRow,
    request: BookingRequest,
    bookedByRole: string,
    now: Date,
    tx: Queryable,
  ) {
    if (member.status !== 'active')
      throw unprocessable('MEMBER_NOT_ACTIVE', `The member's programme is ${member.status}; nothing can be booked.`);
    const item = await this.lockOpenItem(request.memberId, request.programmeItemId, tx);
    const target = await this.resolveTarget(request, item, now, tx);
    const bookingId = await this.placeBooking(request.memberId, item, target, bookedByRole, now, tx);
    // A summons booked for the member (a red smiley) says so; one the member books is a plain confirmation.
    await recordBookingMessage(
      tx,
      item.activityCode === 'summons' && bookedByRole !== 'member' ? 'summons' : 'booking-confirmed',
      bookingId,
    );
    return { bookingId, target };
  }

  private async placeBooking(
    memberId: string,
    item: ProgrammeItemRow,
    target: BookingTarget,
    bookedByRole: string,
    now: Date,
    tx: Queryable,
  ): Promise<string> {
    const placed = await this.reserveSeatIn(target, item, now, tx);
    const bookingId = await this.bookings.insertBooking(memberId, item.id, placed, bookedByRole, tx);
    await this.members.setItemStatus(item.id, item.status, 'booked', tx);
    return bookingId;
  }

  /**
   * Takes a seat when the target is a session. The seat's UPDATE waits for the session's row lock, which an
   * office moving the session holds until it commits; so the session is read again once the seat is ours, and
   * the booking gets the time the session has now (checked against the item's window again), never the time
   * read before the move.
   */
  private async reserveSeatIn(
    target: BookingTarget,
    item: ProgrammeItemRow,
    now: Date,
    tx: Queryable,
  ): Promise<BookingTarget> {
    if (!target.sessionId) return target;
    if (!(await this.slots.reserveSeat(target.sessionId, tx)))
      throw await this.sessionUnavailable(target.sessionId, tx);
    const session = await this.slots.findSession(target.sessionId, tx);
    if (
      !session ||
      (session.start.getTime() === target.start.getTime() && session.end.getTime() === target.end.getTime())
    )
      return target;
    this.assertFits(item, session.activityCode, session.start, session.end, now);
    return { ...target, start: session.start, end: session.end };
  }

  private async lockOpenItem(memberId: string, itemId: string, tx: Queryable): Promise<ProgrammeItemRow> {
    const item = await this.members.lockItem(itemId, memberId, tx);
    if (!item) throw notFound('programme item', itemId);
    if (item.status === 'booked') throw conflict('ALREADY_BOOKED', 'This programme item is already booked.');
    if (item.status !== 'open')
      throw unprocessable('ITEM_CLOSED', `This programme item is ${item.status} and cannot be booked.`);
    return item;
  }

  /**
   * Locks a booking after the rows of its session and of `otherSessions`: the office's cancel of a session
   * takes the session row before its bookings, so a member's cancel or move taking them the other way round
   * could deadlock with it. A booking moved between the look and the lock is looked at again.
   */
  private async lockLiveBookingAfterSessions(
    principal: Principal,
    bookingId: string,
    otherSessions: (string | undefined)[],
    tx: EntityManager,
  ): Promise<BookingRow> {
    for (let attempt = 0; ; attempt++) {
      const seen = await this.bookings.findBooking(bookingId, tx);
      if (!seen) throw notFound('booking', bookingId);
      await this.slots.lockSessionRows([seen.sessionId, ...otherSessions], tx);
      const booking = await this.lockLiveBooking(principal, bookingId, tx);
      if (booking.sessionId === seen.sessionId || attempt === 2) return booking;
    }
  }

  private async lockLiveBooking(principal: Principal, bookingId: string, tx: EntityManager): Promise<BookingRow> {
    const booking = await this.bookings.lockBooking(bookingId, tx);
    if (!booking) throw notFound('booking', bookingId);
    await this.memberInScope(principal, booking.memberId, tx, 'booking', bookingId);
    if (!canTransition(BOOKING_TRANSITIONS, booking.status, 'cancelled'))
      throw conflict('BOOKING_NOT_ACTIVE', `The booking is already ${booking.status}.`);
    return booking;
  }

  private async resolveTarget(
    request: BookingRequest,
    item: ProgrammeItemRow,
    now: Date,
    tx: Queryable,
  ): Promise<BookingTarget> {
    if (Boolean(request.slotId) === Boolean(request.sessionId)) {
      throw new DomainError('VALIDATION_FAILED', 'Give exactly one of slotId and sessionId.');
    }
    if (request.slotId) {
      const slot = await this.slots.findSlot(request.slotId, tx);
      if (!slot) throw notFound('slot', request.slotId);
      if (slot.status !== 'open') throw conflict('SLOT_CANCELLED', 'This time has been cancelled by the office.');
      if (!activityOffered(slot.activityCodes, item.activityCode)) {
        throw unprocessable(
          'ACTIVITY_NOT_OFFERED',
          `This time is for ${slot.activityCodes.join(', ')}, not ${item.activityCode}.`,
        );
      }
      if (!channelAllowed(item.channels, slot.channel)) {
        throw unprocessable(
          'CHANNEL_NOT_ALLOWED',
          `${item.activityName} must be held ${item.channels.join(' or ')}, and this time is ${slot.channel}.`,
        );
      }
      this.assertFits(item, item.activityCode, slot.start, slot.end, now);
      return {
        slotId: slot.id,
        sessionId: null,
        officeId: slot.officeId,
        activityCode: item.activityCode,
        channel: slot.channel,
        start: slot.start,
        end: slot.end,
      };
    }
    const session = await this.slots.findSession(request.sessionId!, tx);
    if (!session) throw notFound('session', request.sessionId);
    if (session.status !== 'scheduled') throw conflict('SESSION_CANCELLED', 'This session has been cancelled.');
    this.assertFits(item, session.activityCode, session.start, session.end, now);
    return {
      slotId: null,
      sessionId: session.id,
      officeId: session.officeId,
      activityCode: session.activityCode,
      channel: 'in-person',
      start: session.start,
      end: session.end,
    };
  }

  private assertFits(item: ProgrammeItemRow, activityCode: string, start: Date, end: Date, now: Date): void {
    if (activityCode !== item.activityCode) {
      throw unprocessable(
        'ACTIVITY_MISMATCH',
        `The programme item is ${item.activityCode}, but this is ${activityCode}.`,
      );
    }
    if (!notInThePast(start, now)) throw unprocessable('IN_THE_PAST', 'This time has already started or passed.');
    if (!insideWindow({ start: item.windowStart, end: item.windowEnd }, { start, end })) {
      throw unprocessable('OUTSIDE_WINDOW', `${item.activityName} must take place between ${windowText(item)}.`, {
        windowStart: item.windowStart,
        windowEnd: item.windowEnd,
      });
    }
  }

  private async sessionUnavailable(sessionId: string, tx: Queryable): Promise<DomainError> {
    const session = await this.slots.findSession(sessionId, tx);
    return session?.status === 'cancelled'
      ? conflict('SESSION_CANCELLED', 'This session has been cancelled.')
      : conflict('SESSION_FULL', 'The session is full. You can join the waiting list.');
  }
}
