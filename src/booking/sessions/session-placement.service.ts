import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BookingsRepository } from '../bookings/bookings.repository.js';
import { BookingsService } from '../bookings/bookings.service.js';
import { SlotsService, type SessionActor } from '../slots/slots.service.js';
import { Clock } from '../../shared/time/clock.js';

export type PlacementActor = SessionActor;

export interface NewGroupSession {
  officeId: string;
  roomId: string;
  activityCode: string;
  start: Date;
  end: Date;
  leaderIds: string[];
}

const BOOKED_BY = 'optimiser';

/**
 * Writes planned group sessions and seats inside a caller's transaction (the optimiser's apply step),
 * re-checking each against current data. Every failure is a DomainError with a stable code, so the
 * caller can roll back to its savepoint and report why; PostgreSQL's constraints remain the final guard.
 */
@Injectable()
export class SessionPlacementService {
  constructor(
    @Inject(SlotsService) private readonly slotsService: SlotsService,
    @Inject(BookingsRepository) private readonly bookings: BookingsRepository,
    @Inject(BookingsService) private readonly bookingsService: BookingsService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** Creates a scheduled session (origin 'optimiser') led by `leaderIds`, with every check an office's own session gets; returns its id. */
  createSessionInTx(
    tx: EntityManager,
    session: NewGroupSession,
    actor: PlacementActor,
    now = this.clock.now(),
  ): Promise<string> {
    return this.slotsService.createSessionInTx(tx, session.officeId, session, 'optimiser', actor, now);
  }

  /** Withdraws an unbooked slot of a leader so a session can take its time (409 SLOT_TAKEN / SLOT_STARTED otherwise); false if already cancelled. */
  withdrawSlotInTx(tx: EntityManager, slotId: string, actor: PlacementActor, now = this.clock.now()): Promise<boolean> {
    return this.slotsService.withdrawSlotInTx(tx, slotId, actor, 'optimiser-session', now);
  }

  /** Books the member's open programme item into a seat of the session, with every check of a booking; returns the booking id. */
  async bookSeatInTx(
    tx: EntityManager,
    seat: { memberId: string; itemId: string; sessionId: string },
    actor: PlacementActor,
    now = this.clock.now(),
  ): Promise<string> {
    const { bookingId, target } = await this.bookingsService.placeInTx(
      tx,
      { memberId: seat.memberId, programmeItemId: seat.itemId, sessionId: seat.sessionId },
      BOOKED_BY,
      now,
    );
    await this.bookings.audit(
      {
        ...actor,
        entity: 'booking',
        entityId: bookingId,
        action: 'book-planned',
        officeId: target.officeId,
        before: null,
        after: target,
      },
      tx,
    );
    return bookingId;
  }
}
