import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/auth/access.service.js';
import type { Principal } from '../../common/auth/principal.js';
import { DomainError, notFound, unprocessable } from '../../common/errors/domain-error.js';
import { LocationsService } from '../../locations/locations.service.js';
import { BookingsRepository, type BookingRow } from '../bookings/bookings.repository.js';
import { BookingsService } from '../bookings/bookings.service.js';
import {
  ACTIVITY_BY_CODE,
  SERVICE_CALL_DUE_WORKING_DAYS,
  SUMMONS_WITHIN_WORKING_DAYS,
} from '../catalogue/activity-catalogue.js';
import { slotActivitiesFor } from '../catalogue/slot-stand-ins.js';
import type { TaskQuery } from '../dto/smiley.dto.js';
import { MembersRepository, type MemberRow } from '../members/members.repository.js';
import { addDays, localDate } from '../../shared/time/index.js';
import { SlotsRepository } from '../slots/slots.repository.js';
import { SmileyRepository, type AdviserTaskRow, type Smiley, type SummonsItemRow } from './smiley.repository.js';
import { addWorkingDays, endOfNthWorkingDay } from './working-days.js';
import { Clock } from '../../shared/time/clock.js';

export const NO_FREE_SLOT = 'NO_FREE_SLOT_WITHIN_5_WORKING_DAYS';
/** Closure days are read this far ahead; five working days never span more, even over Christmas and Easter. */
const CLOSURE_HORIZON_DAYS = 60;
const SLOT_CANDIDATES = 20;
/** Someone else took the slot, or the member became busy then, between the search and the booking: try the next one. */
const TRY_NEXT_SLOT = new Set(['SLOT_TAKEN', 'MEMBER_BUSY', 'SLOT_CANCELLED', 'IN_THE_PAST']);

export type SummonsOutcome =
  | { booked: true; programmeItemId: string; windowEnd: Date; booking: BookingRow }
  | { booked: false; programmeItemId: string; windowEnd: Date; reason: typeof NO_FREE_SLOT };

export interface SmileyResult {
  memberId: string;
  smiley: Smiley;
  previousSmiley: Smiley;
  serviceCallTask: (AdviserTaskRow & { created: boolean }) | null;
  closedTaskIds: string[];
  summons: SummonsOutcome | null;
}

interface Changes {
  previous: Smiley;
  task: (AdviserTaskRow & { created: boolean }) | null;
  closedTaskIds: string[];
  summonsItem: (SummonsItemRow & { created: boolean }) | null;
}

@Injectable()
export class SmileyService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(SmileyRepository) private readonly smileys: SmileyRepository,
    @Inject(MembersRepository) private readonly members: MembersRepository,
    @Inject(BookingsRepository) private readonly bookings: BookingsRepository,
    @Inject(BookingsService) private readonly bookingsService: BookingsService,
    @Inject(SlotsRepository) private readonly slots: SlotsRepository,
    @Inject(LocationsService) private readonly locations: LocationsService,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /**
   * Yellow: one open service call for the CV meeting's adviser, due in 2 working days. Red: a summons
   * item at the home office within 5 working days, booked into the earliest free in-person time if
   * there is one. Green: open service calls are done. The smiley, task and item change together; the
   * summons booking follows in its own transaction (BookingsService.book), so without a free time the
   * item simply stays open for the office to book.
   */
  async setSmiley(
    principal: Principal,
    memberId: string,
    smiley: Smiley,
    now = this.clock.now(),
  ): Promise<SmileyResult> {
    this.access.assertAllowed(principal, 'job-search smiley', 'set');
    const member = await this.access.find(principal, 'member', memberId, (scope) =>
      this.members.findMember(memberId, scope),
    );
    const today = localDate(now);
    const closures = new Set(
      (await this.slots.listClosureDays(member.homeOfficeId, today, addDays(today, CLOSURE_HORIZON_DAYS))).map(
        (c) => c.day,
      ),
    );
    const changes = await this.dataSource.transaction(async (tx) => {
      const locked = await this.smileys.lockMember(memberId, tx);
      if (!locked) throw notFound('member', memberId);
      if (locked.status !== 'active')
        throw unprocessable(
          'MEMBER_NOT_ACTIVE',
          `The member is ${locked.status}; the smiley applies to active members only.`,
        );
      await this.members.setSmiley(memberId, smiley, tx);
      const result: Changes = { previous: locked.smiley, task: null, closedTaskIds: [], summonsItem: null };
      if (smiley === 'yellow')
        result.task = await this.ensureServiceCall(
          member,
          addWorkingDays(today, SERVICE_CALL_DUE_WORKING_DAYS, closures),
          tx,
        );
      if (smiley === 'green') result.closedTaskIds = await this.smileys.closeOpenServiceCalls(memberId, tx);
      if (smiley === 'red')
        result.summonsItem = await this.ensureSummonsItem(
          memberId,
          now,
          endOfNthWorkingDay(now, SUMMONS_WITHIN_WORKING_DAYS, closures).end,
          tx,
        );
      await this.audit(
        principal,
        member,
        'smiley',
        { smiley: locked.smiley },
        {
          smiley,
          serviceCallTaskId: result.task?.created ? result.task.id : undefined,
          closedTaskIds: result.closedTaskIds.length > 0 ? result.closedTaskIds : undefined,
          summonsItemId: result.summonsItem?.created ? result.summonsItem.id : undefined,
        },
        tx,
      );
      return result;
    });
    const summons = changes.summonsItem
      ? await this.bookSummons(principal, member, changes.summonsItem, changes.previous !== smiley)
      : null;
    return {
      memberId,
      smiley,
      previousSmiley: changes.previous,
      serviceCallTask: changes.task,
      closedTaskIds: changes.closedTaskIds,
      summons,
    };
  }

  async listTasks(principal: Principal, query: TaskQuery): Promise<AdviserTaskRow[]> {
    this.access.assertAllowed(principal, 'adviser task', 'list');
    if (query.officeId)
      this.access.assertInScope(principal, await this.locations.findOffice(query.officeId), 'office', query.officeId);
    return this.smileys.listTasks({
      officeId: query.officeId,
      status: query.status,
      scopeDepartmentId: this.access.departmentFilter(principal),
    });
  }

  private async ensureServiceCall(
    member: MemberRow,
    dueDate: string,
    tx: EntityManager,
  ): Promise<AdviserTaskRow & { created: boolean }> {
    const staffId = await this.smileys.cvMeetingAdviser(member.id, tx);
    const createdId = await this.smileys.insertServiceCall(
      { memberId: member.id, staffId, officeId: member.homeOfficeId, dueDate },
      tx,
    );
    const task = createdId
      ? await this.smileys.findTask(createdId, tx)
      : await this.smileys.findOpenServiceCall(member.id, tx);
    return { ...task!, created: Boolean(createdId) };
  }

  private async ensureSummonsItem(
    memberId: string,
    now: Date,
    windowEnd: Date,
    tx: EntityManager,
  ): Promise<SummonsItemRow & { created: boolean }> {
    const live = await this.smileys.liveSummonsItem(memberId, now, tx);
    if (live) return { ...live, created: false };
    const [id] = await this.members.insertItems(
      memberId,
      [
        {
          activityCode: 'summons',
          required: true,
          windowStart: now,
          windowEnd,
          channels: [...ACTIVITY_BY_CODE.get('summons')!.channels],
        },
      ],
      'smiley',
      tx,
    );
    return { id, status: 'open', windowStart: now, windowEnd, created: true };
  }

  private async bookSummons(
    principal: Principal,
    member: MemberRow,
    item: SummonsItemRow & { created: boolean },
    smileyChanged: boolean,
  ): Promise<SummonsOutcome> {
    const existing = item.status === 'booked' ? await this.liveBooking(item.id) : undefined;
    if (existing) return { booked: true, programmeItemId: item.id, windowEnd: item.windowEnd, booking: existing };
    const candidates = await this.smileys.freeInPersonSlots({
      officeId: member.homeOfficeId,
      memberId: member.id,
      activityCodes: slotActivitiesFor('summons'),
      from: this.clock.now(),
      to: item.windowEnd,
      limit: SLOT_CANDIDATES,
    });
    let outcome: SummonsOutcome = {
      booked: false,
      programmeItemId: item.id,
      windowEnd: item.windowEnd,
      reason: NO_FREE_SLOT,
    };
    for (const slot of candidates) {
      try {
        const booking = await this.bookingsService.book(principal, {
          memberId: member.id,
          programmeItemId: item.id,
          slotId: slot.id,
        });
        outcome = { booked: true, programmeItemId: item.id, windowEnd: item.windowEnd, booking };
        break;
      } catch (error) {
        if (error instanceof DomainError && error.code === 'ALREADY_BOOKED') {
          // A concurrent red for the same member booked the item first: theirs is the answer.
          const booking = await this.liveBooking(item.id);
          if (booking) return { booked: true, programmeItemId: item.id, windowEnd: item.windowEnd, booking };
        }
        if (!(error instanceof DomainError && TRY_NEXT_SLOT.has(error.code))) throw error;
      }
    }
    // A booked summons told the member through the outbox in the booking's own transaction (event `summons`).
    if (!outcome.booked && (smileyChanged || item.created)) await this.auditUnbookedSummons(principal, member, outcome);
    return outcome;
  }

  private async auditUnbookedSummons(
    principal: Principal,
    member: MemberRow,
    outcome: SummonsOutcome & { booked: false },
  ): Promise<void> {
    await this.dataSource.transaction((tx) =>
      this.audit(
        principal,
        member,
        'summons-unbooked',
        null,
        { programmeItemId: outcome.programmeItemId, reason: outcome.reason, windowEnd: outcome.windowEnd },
        tx,
      ),
    );
  }

  private async liveBooking(itemId: string): Promise<BookingRow | undefined> {
    const id = await this.smileys.liveBookingIdOfItem(itemId);
    return id ? this.bookings.findBooking(id) : undefined;
  }

  private audit(
    principal: Principal,
    member: MemberRow,
    action: string,
    before: unknown,
    after: unknown,
    tx: EntityManager,
  ) {
    return this.bookings.audit(
      {
        actorRole: principal.role,
        actorId: principal.subjectId ?? null,
        entity: 'member',
        entityId: member.id,
        action,
        officeId: member.homeOfficeId,
        before,
        after,
      },
      tx,
    );
  }
}
