import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../../common/auth/access.service.js';
import { IdentityRepository } from '../../common/auth/identity.repository.js';
import type { Principal } from '../../common/auth/principal.js';
import type { Queryable } from '../../common/database/queryable.js';
import { conflict, unprocessable } from '../../common/errors/domain-error.js';
import type { Island } from '../../shared/geo.js';
import { LocationsService } from '../../locations/locations.service.js';
import { BookingsRepository } from '../bookings/bookings.repository.js';
import { BookingsService } from '../bookings/bookings.service.js';
import { STATUTORY_RULES } from '../catalogue/programme-templates.js';
import type { CreateMemberBody, ListMembersQuery, UpdateMemberBody } from '../dto/members.dto.js';
import { generateProgrammeItems, planRegeneration } from '../programme/programme-generator.js';
import { MembersRepository, type MemberRow } from './members.repository.js';
import { Clock } from '../../shared/time/clock.js';

const PROGRAMME_FIELDS = ['targetGroup', 'firstUnemploymentDay', 'basicItNeeds'] as const;

@Injectable()
export class MembersService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MembersRepository) private readonly members: MembersRepository,
    @Inject(BookingsRepository) private readonly bookings: BookingsRepository,
    @Inject(BookingsService) private readonly bookingsService: BookingsService,
    @Inject(LocationsService) private readonly locations: LocationsService,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(IdentityRepository) private readonly identities: IdentityRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async create(principal: Principal, body: CreateMemberBody): Promise<MemberRow> {
    this.access.assertAllowed(principal, 'member', 'register');
    const homeOffice = await this.resolveHomeOffice(body.municipalityCode, body.homeOfficeId);
    this.access.assertMayHouseMemberIn(principal, homeOffice.departmentId);
    const id = await this.inTransaction(async (tx) => {
      const templateId = await this.members.latestTemplateId(body.targetGroup, tx);
      const memberId = await this.members.insertMember(
        {
          memberNumber: body.memberNumber,
          name: body.name,
          email: body.email ?? null,
          phone: body.phone ?? null,
          municipalityCode: body.municipalityCode,
          homeOfficeId: homeOffice.id,
          homeOfficeOverridden: Boolean(body.homeOfficeId),
          firstUnemploymentDay: body.firstUnemploymentDay,
          targetGroup: body.targetGroup,
          basicItNeeds: body.basicItNeeds ?? false,
          programmeTemplateId: templateId!,
        },
        tx,
      );
      await this.regenerate(
        memberId,
        templateId!,
        { firstUnemploymentDay: body.firstUnemploymentDay, basicItNeeds: body.basicItNeeds ?? false },
        tx,
      );
      await this.audit(
        principal,
        memberId,
        homeOffice.id,
        'create',
        null,
        { targetGroup: body.targetGroup, firstUnemploymentDay: body.firstUnemploymentDay },
        tx,
      );
      return memberId;
    });
    return (await this.members.findMember(id))!;
  }

  async update(principal: Principal, memberId: string, body: UpdateMemberBody): Promise<MemberRow> {
    this.access.assertAllowed(principal, 'member', 'update');
    const existing = await this.memberInScope(principal, memberId);
    if (existing.status === 'erased') throw unprocessable('MEMBER_ERASED', 'This member has been erased.');
    let homeOfficeId: string | undefined;
    let homeOfficeOverridden: boolean | undefined;
    if (body.homeOfficeId || body.municipalityCode) {
      const requested =
        body.homeOfficeId !== undefined && body.homeOfficeId !== existing.homeOfficeId ? body.homeOfficeId : undefined;
      const kept = body.homeOfficeId ?? (existing.homeOfficeOverridden ? existing.homeOfficeId : undefined);
      const office = await this.resolveHomeOffice(
        body.municipalityCode ?? existing.municipalityCode ?? '',
        kept,
        requested !== undefined,
      );
      if (office.id !== existing.homeOfficeId) this.access.assertMayHouseMemberIn(principal, office.departmentId);
      homeOfficeId = office.id;
      homeOfficeOverridden = Boolean(body.homeOfficeId) || existing.homeOfficeOverridden;
    }
    const programmeChanged = PROGRAMME_FIELDS.some(
      (field) => body[field] !== undefined && body[field] !== existing[field],
    );
    await this.inTransaction(async (tx) => {
      await this.members.lockMember(memberId, tx);
      const templateId = programmeChanged
        ? await this.members.latestTemplateId(body.targetGroup ?? existing.targetGroup, tx)
        : undefined;
      await this.members.updateMember(
        memberId,
        { ...body, homeOfficeId, homeOfficeOverridden, programmeTemplateId: templateId },
        tx,
      );
      if (programmeChanged && existing.status === 'active') {
        await this.regenerate(
          memberId,
          templateId!,
          {
            firstUnemploymentDay: body.firstUnemploymentDay ?? existing.firstUnemploymentDay,
            basicItNeeds: body.basicItNeeds ?? existing.basicItNeeds,
          },
          tx,
        );
      }
      await this.audit(
        principal,
        memberId,
        homeOfficeId ?? existing.homeOfficeId,
        'update',
        pick(existing, Object.keys(body)),
        withoutIdentity(body),
        tx,
      );
    });
    return (await this.members.findMember(memberId))!;
  }

  get(principal: Principal, memberId: string): Promise<MemberRow> {
    return this.memberInScope(principal, memberId);
  }

  /** The member if within the caller's scope (themself; their department's; all for central roles), else 404. */
  memberInScope(
    principal: Principal,
    memberId: string,
    db?: Queryable,
    what = 'member',
    id = memberId,
  ): Promise<MemberRow> {
    return this.access.find(principal, what, id, (scope) => this.members.findMember(memberId, scope, db));
  }

  list(principal: Principal, query: ListMembersQuery): Promise<MemberRow[]> {
    this.access.assertAllowed(principal, 'member', 'list');
    return this.members.listMembers({ ...query, scopeDepartmentId: this.access.departmentFilter(principal) });
  }

  /** The timeline: every item with its window and booking, and the next thing to book. */
  async programme(principal: Principal, memberId: string, now = this.clock.now()) {
    const member = await this.memberInScope(principal, memberId);
    const [items, bookings, waitlist] = await Promise.all([
      this.members.listItems(memberId),
      this.bookings.listMemberBookings(memberId),
      this.bookings.memberWaitlist(memberId),
    ]);
    const liveBooking = new Map(bookings.filter((b) => b.status !== 'cancelled').map((b) => [b.programmeItemId, b]));
    const promoted = new Set(waitlist.filter((w) => w.status === 'promoted').map((w) => w.bookingId));
    const timeline = items.map((item) => {
      const booking = liveBooking.get(item.id);
      return {
        ...item,
        windowPassed: item.windowEnd <= now,
        booking: booking
          ? {
              id: booking.id,
              start: booking.start,
              end: booking.end,
              officeId: booking.officeId,
              channel: booking.channel,
              status: booking.status,
              sessionId: booking.sessionId,
              fromWaitlist: promoted.has(booking.id),
            }
          : null,
        waitlist: waitlist
          .filter((w) => w.status === 'waiting' && w.programmeItemId === item.id)
          .map((w) => ({ sessionId: w.sessionId, position: w.position })),
      };
    });
    const next = timeline
      .filter((item) => item.status === 'open' && !item.windowPassed)
      .sort((a, b) => Number(b.required) - Number(a.required) || a.windowEnd.getTime() - b.windowEnd.getTime())[0];
    return {
      memberId,
      status: member.status,
      targetGroup: member.targetGroup,
      firstUnemploymentDay: member.firstUnemploymentDay,
      items: timeline,
      next: next
        ? {
            programmeItemId: next.id,
            activityCode: next.activityCode,
            activityName: next.activityName,
            bookBy: next.windowEnd,
          }
        : null,
    };
  }

  /** Referral to the jobcentre closes the programme: open items are waived, open adviser tasks and future bookings cancelled. */
  async refer(principal: Principal, memberId: string, reason?: string) {
    this.access.assertAllowed(principal, 'member', 'refer');
    const member = await this.memberInScope(principal, memberId);
    if (member.status !== 'active') throw unprocessable('MEMBER_NOT_ACTIVE', `The member is already ${member.status}.`);
    await this.inTransaction(async (tx) => {
      await this.members.lockMember(memberId, tx);
      const cancelled = await this.bookingsService.cancelFutureBookingsOfMember(
        memberId,
        'referred-to-jobcentre',
        principal,
        tx,
      );
      await this.members.waiveOpenItems(memberId, tx);
      await this.members.cancelOpenTasks(memberId, tx);
      await this.members.setStatus(memberId, 'referred', tx);
      await this.audit(
        principal,
        memberId,
        member.homeOfficeId,
        'refer',
        { status: 'active' },
        { status: 'referred', reason: reason ?? null, cancelledBookings: cancelled },
        tx,
      );
    });
    return this.members.findMember(memberId);
  }

  /** Erasure on request: identity gone (their sign-in identities and unused link codes too), the rows that statistics count stay. */
  async erase(principal: Principal, memberId: string) {
    this.access.assertAllowed(principal, 'member', 'erase');
    const member = await this.memberInScope(principal, memberId);
    if (member.status === 'erased') return { memberId, status: 'erased' };
    await this.inTransaction(async (tx) => {
      await this.members.lockMember(memberId, tx);
      await this.bookingsService.cancelFutureBookingsOfMember(memberId, 'member-erased', principal, tx);
      await this.members.waiveOpenItems(memberId, tx);
      await this.members.cancelOpenTasks(memberId, tx);
      await this.members.anonymise(memberId, tx);
      await this.identities.forgetMember(memberId, tx);
      await this.audit(principal, memberId, member.homeOfficeId, 'erase', null, null, tx);
    });
    return { memberId, status: 'erased' };
  }

  private async regenerate(
    memberId: string,
    templateId: string,
    member: { firstUnemploymentDay: string; basicItNeeds: boolean },
    tx: EntityManager,
  ): Promise<void> {
    const templateItems = await this.members.templateItems(templateId, tx);
    const generated = generateProgrammeItems(member, templateItems, STATUTORY_RULES);
    const existing = (await this.members.listItems(memberId, tx)).filter((item) => item.origin === 'programme');
    const plan = planRegeneration(existing, generated);
    await this.members.deleteItems(plan.deleteIds, tx);
    await this.members.insertItems(memberId, plan.create, 'programme', tx);
  }

  /**
   * A newly chosen home office must be active (members would be sent where no times are published); an override
   * the member already has is kept when the office is later deactivated, so their record stays editable.
   */
  private async resolveHomeOffice(municipalityCode: string, overrideOfficeId?: string, newlyChosen = true) {
    if (overrideOfficeId) {
      const office = await this.locations.findOffice(overrideOfficeId);
      if (!office) throw unprocessable('UNKNOWN_OFFICE', `No office with id ${overrideOfficeId} exists.`);
      if (newlyChosen && !(await this.locations.isOfficeActive(office.id))) {
        throw conflict('OFFICE_INACTIVE', 'The office is inactive: it cannot become a member’s home office.');
      }
      return office;
    }
    const municipality = await this.locations.findMunicipality(municipalityCode);
    if (!municipality) throw unprocessable('UNKNOWN_MUNICIPALITY', `No municipality has the code ${municipalityCode}.`);
    const office = await this.locations.nearestOffice({
      lat: municipality.lat,
      lon: municipality.lon,
      island: municipality.island as Island | null,
    });
    if (!office) throw unprocessable('NO_OFFICE', 'The fund has no offices.');
    return office;
  }

  private audit(
    principal: Principal,
    memberId: string,
    officeId: string,
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
        entityId: memberId,
        action,
        officeId,
        before,
        after,
      },
      tx,
    );
  }

  private inTransaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}

const IDENTITY_FIELDS = ['name', 'email', 'phone'];

/** The audit log records what changed in the case, never who the person is. */
function pick(row: MemberRow, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(
    keys.filter((key) => key in row && !IDENTITY_FIELDS.includes(key)).map((key) => [key, row[key as keyof MemberRow]]),
  );
}

function withoutIdentity(body: UpdateMemberBody): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([key]) => !IDENTITY_FIELDS.includes(key)));
}
