import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { AvailabilityRepository } from '../../booking/availability/availability.repository.js';
import { BookingsRepository } from '../../booking/bookings/bookings.repository.js';
import { MembersRepository } from '../../booking/members/members.repository.js';
import { SlotsRepository } from '../../booking/slots/slots.repository.js';
import { SmileyRepository } from '../../booking/smiley/smiley.repository.js';
import { CalendarRepository } from '../../calendar/calendar.repository.js';
import { IdempotencyRepository } from '../../booking/idempotency/idempotency.repository.js';
import { LocationsRepository } from '../../locations/locations.repository.js';
import { OrganisationRepository } from '../../locations/organisation/organisation.repository.js';
import type { OrganisationDocument } from '../../locations/organisation/organisation-format.js';
import { KpiRepository } from '../../booking/kpis/kpi.repository.js';
import { IdentityRepository } from '../auth/identity.repository.js';
import { AllocationRepository } from '../../capacity/allocation/allocation.repository.js';
import { ProgrammeShareRepository } from '../../capacity/plan/programme-share.repository.js';
import { OptimiserHistoryRepository } from '../../optimiser/optimiser-history.repository.js';
import { OptimiserInputRepository } from '../../optimiser/optimiser-input.repository.js';
import { OptimiserRunsRepository } from '../../optimiser/optimiser-runs.repository.js';
import { CapacityRepository } from '../../capacity/capacity.repository.js';
import { PlanInputsVersion } from '../../capacity/plan/cache/plan-inputs-version.js';
import { AskedPlansRepository } from '../../capacity/plan/cache/asked-plans.repository.js';
import { DemoPeopleRepository } from '../../demo/demo-people.repository.js';
import { DemoDataService } from '../../demo/demo-data.service.js';
import type { AppConfig } from '../config/app-config.js';
import { FixedClock } from '../../shared/time/clock.js';
import type { Queryable } from './queryable.js';
// Messaging (#11, typed messaging SQL)
import { MessagingRepository } from '../../messaging/messaging.repository.js';
import { PushRepository } from '../../messaging/push/push.repository.js';
import { recordBookingMessage, recordSlotsWithdrawnMessages } from '../../messaging/outbox.js';
import { UnsubscribeTokens } from '../../messaging/unsubscribe-token.js';

// The SQL each typed repository method sends, checked in under test/sql/ (as immich does): a change to a query
// shows up in review as a change to its SQL. `UPDATE_SQL_SNAPSHOTS=1 npm run test:unit -- repository-sql` rewrites them.

interface Captured {
  sql: string;
  parameters: unknown[];
}

/**
 * A transaction's EntityManager as far as kysely.ts looks at one: its query runner records and answers one row. A
 * repository that opens its own transaction gets the same recorder as the transaction's manager.
 */
function recorder(): { db: Queryable; captured: Captured[] } {
  const captured: Captured[] = [];
  const row = { id: '00000000-0000-4000-8000-000000000001', position: 1 };
  const queryRunner = {
    isReleased: false,
    query: async (sql: string, parameters: unknown[]) => {
      captured.push({ sql, parameters });
      return { records: [row], affected: 1 };
    },
  };
  const db = { queryRunner, transaction: (work: (manager: unknown) => Promise<unknown>) => work(db) };
  return { db: db as unknown as Queryable, captured };
}

const ID = '00000000-0000-4000-8000-000000000001';
const AT = new Date('2027-03-01T09:00:00.000Z');
const UNTIL = new Date('2027-03-01T10:00:00.000Z');
const TARGET = {
  slotId: ID,
  sessionId: null,
  officeId: ID,
  activityCode: 'cv-meeting',
  channel: 'in-person' as const,
  start: AT,
  end: UNTIL,
};

type Calls = Record<string, (db: Queryable) => Promise<unknown>>;

function repositories(db: Queryable): Record<string, Calls> {
  const pool = db as unknown as DataSource;
  const bookings = new BookingsRepository(pool);
  const slots = new SlotsRepository(pool);
  const members = new MembersRepository(pool);
  const availability = new AvailabilityRepository(pool);
  const smiley = new SmileyRepository(pool);
  const calendar = new CalendarRepository(pool);
  const idempotency = new IdempotencyRepository();
  const locations = new LocationsRepository(pool);
  const organisation = new OrganisationRepository(pool);
  const kpis = new KpiRepository(pool);
  const identity = new IdentityRepository(pool);
  const allocations = new AllocationRepository(pool);
  const programmeShares = new ProgrammeShareRepository(pool);
  const capacity = new CapacityRepository(pool);
  const planInputsVersion = new PlanInputsVersion(pool);
  const askedPlans = new AskedPlansRepository(pool);
  const demoPeople = new DemoPeopleRepository(pool);
  const demoData = new DemoDataService(pool, { demoSeed: 1, demoScale: 1 } as AppConfig, new FixedClock(AT));
  const KPI = {
    start: AT,
    end: UNTIL,
    firstDay: '2027-03-01',
    lastDay: '2027-03-31',
    waitlistAt: UNTIL,
    departmentId: ID,
    firstMeeting: { activityCode: 'cv-meeting', withinDays: 21, channel: 'in-person' },
  };
  const DOCUMENT: OrganisationDocument = {
    departments: [{ code: 'D1', name: 'N' }],
    offices: [
      {
        code: 'O1',
        name: 'N',
        kind: 'main',
        departmentCode: 'D1',
        town: 'T',
        municipalityCode: '0101',
        lat: 55.7,
        lon: 12.5,
        island: null,
        street: 'S',
        postcode: '1000',
        city: 'C',
        isHeadOffice: false,
        isContactCentre: false,
      },
    ],
    rooms: [{ officeCode: 'O1', name: 'A', seats: 4 }],
    openingHours: [{ officeCode: 'O1', weekday: 1, opens: '08:00', closes: '15:00' }],
    staff: [
      {
        employeeNumber: 'E1',
        name: 'N',
        email: 'n@a.dk',
        role: 'adviser',
        officeCode: 'O1',
        departmentCode: 'D1',
        teamCode: null,
        skills: ['it'],
        weeklyHours: 37,
      },
    ],
  } as OrganisationDocument;
  const OFFICE = {
    code: 'O1',
    name: 'N',
    kind: 'main',
    departmentId: ID,
    town: 'T',
    municipalityCode: '0101',
    lat: 55.7,
    lon: 12.5,
    island: null,
    street: 'S',
    postcode: '1000',
    city: 'C',
    isHeadOffice: false,
    isContactCentre: false,
    active: true,
  };
  const WINDOW = { day: '2027-03-01', dayStart: AT, from: AT, to: UNTIL, cancelledSince: AT };
  const TOKEN = Buffer.from('token');
  // Messaging (#11, typed messaging SQL)
  const messaging = new MessagingRepository(pool);
  const push = new PushRepository(pool);
  const SENT = { id: '1', attempts: 1, status: 'sent' as const, state: 'sent' as const, detail: 'ok' };
  const RETRY = { ...SENT, id: '2', status: 'retrying' as const, state: 'failed' as const, retryInMs: 60_000 };
  /** The same recorder, its row extended with the columns a method reads after its query (channels, endpoint, key). */
  const answering = (columns: Record<string, unknown>): DataSource => {
    type Records = { records: object[]; affected: number };
    const runner = (
      db as unknown as { queryRunner: { query: (sql: string, parameters: unknown[]) => Promise<Records> } }
    ).queryRunner;
    const queryRunner = {
      isReleased: false,
      query: async (sql: string, parameters: unknown[]) => {
        const result = await runner.query(sql, parameters);
        return { ...result, records: result.records.map((row) => ({ ...row, ...columns })) };
      },
    };
    const wrapped = { queryRunner, transaction: (work: (manager: unknown) => Promise<unknown>) => work(wrapped) };
    return wrapped as unknown as DataSource;
  };
  const messagingCalls: Record<string, Calls> = {
    messaging: {
      claimDue: () => messaging.claimDue(AT, 100, { email: 50, sms: 50, push: 50 }),
      listInFlight: () => messaging.listInFlight(60_000, 10),
      claimBatch: () => messaging.claimBatch('42', 60_000),
      finishMany: () => messaging.finishMany([SENT, RETRY]),
      defer: () => messaging.defer('1', UNTIL),
      listInbox: () => messaging.listInbox(ID, 50),
      markRead: () => messaging.markRead(ID, '1'),
      listMemberMessages: () => messaging.listMemberMessages(ID, 50),
      preferences: (q) => messaging.preferences(ID, q),
      savePreferences: (q) =>
        messaging.savePreferences(ID, { channels: ['email'], reminderHours: [24], language: 'da' }, q),
      unsubscribe: () =>
        new MessagingRepository(
          answering({ channels: ['email', 'sms'], reminderHours: [24], language: 'da' }),
        ).unsubscribe(ID, 'email'),
      memberDepartment: () => messaging.memberDepartment(ID),
      memberContact: () => messaging.memberContact(ID),
      listDead: () => messaging.listDead(undefined, 50),
      listDeadOfDepartment: () => messaging.listDead(ID, 50),
      findMessageOffice: () => messaging.findMessageOffice('1'),
      retryDead: () => messaging.retryDead('1'),
      insertDueReminders: (q) => messaging.insertDueReminders(AT, q),
      insertBookNow: (q) => messaging.insertBookNow(AT, UNTIL, q),
      staffPreferences: () => messaging.staffPreferences(ID),
      saveStaffPreferences: () => messaging.saveStaffPreferences(ID, { adviserDay: true, language: 'en' }),
      findStaff: () => messaging.findStaff(ID),
      insertAdviserDays: (q) => messaging.insertAdviserDays('2027-03-01', AT, UNTIL, q),
      names: () => messaging.names(['cv-meeting'], [ID], 'en', [ID]),
      officeDepartment: () => messaging.officeDepartment(ID),
      messagesPerDay: () => messaging.messagesPerDay(ID, AT, UNTIL),
      noShowsByReminder: () => messaging.noShowsByReminder(ID, AT, UNTIL),
      deliveryLog: () => messaging.deliveryLog('1'),
      recordBookingMessage: (q) => recordBookingMessage(q, 'booking-confirmed', ID),
      recordBookingMessageMoved: (q) =>
        recordBookingMessage(q, 'session-moved', ID, { reason: 'r', previous: { start: AT, end: UNTIL } }),
      recordSlotsWithdrawnMessages: (q) => recordSlotsWithdrawnMessages(q, ID, [{ slotId: ID, sessionId: ID }]),
      unsubscribeTokenKey: () => new UnsubscribeTokens(answering({ key: 'k' })).sign(ID, 'email'),
    },
    push: {
      save: () => push.save(ID, 'https://push.example/1', 'key', 'secret'),
      remove: () => push.remove(ID, 'https://push.example/1'),
      removeById: () => push.removeById('1'),
      listForMember: () => push.listForMember(ID),
      describeForMember: () =>
        new PushRepository(answering({ endpoint: 'https://push.example/1' })).describeForMember(ID),
      devKey: () => push.devKey(() => ({ publicKey: 'p', privateKey: 'k' })),
    },
  };
  return {
    ...messagingCalls,
    bookings: {
      findBooking: (q) => bookings.findBooking(ID, q),
      findBookingDetails: () => bookings.findBookingDetails(ID),
      memberInSession: () => bookings.memberInSession(ID, ID),
      memberWaitlist: () => bookings.memberWaitlist(ID),
      findLiveBookingOfItem: (q) => bookings.findLiveBookingOfItem(ID, q),
      lockBooking: (q) => bookings.lockBooking(ID, q),
      listMemberBookings: (q) => bookings.listMemberBookings(ID, q),
      lockLiveBookingsOf: (q) => bookings.lockLiveBookingsOf({ sessionId: ID }, q),
      lockFutureBookingsOfMember: (q) => bookings.lockFutureBookingsOfMember(ID, AT, q),
      insertBooking: (q) => bookings.insertBooking(ID, ID, TARGET, 'member', q),
      moveBooking: (q) => bookings.moveBooking(ID, TARGET, q),
      setStatus: (q) => bookings.setStatus(ID, 'cancelled', 'reason', q),
      audit: (q) =>
        bookings.audit(
          {
            actorRole: 'admin',
            actorId: null,
            entity: 'booking',
            entityId: ID,
            action: 'book',
            officeId: ID,
            before: null,
            after: { a: 1 },
          },
          q,
        ),
      insertWaitlistEntry: (q) => bookings.insertWaitlistEntry(ID, ID, ID, q),
      nextWaiting: (q) => bookings.nextWaiting(ID, [ID], q),
      markWaitlist: (q) => bookings.markWaitlist(ID, 'skipped', null, 'CODE', q),
      withdrawWaitlist: (q) => bookings.withdrawWaitlist(ID, q),
      listWaitlist: () => bookings.listWaitlist(ID),
      listAudit: () => bookings.listAudit({ entity: 'booking', entityId: ID, officeIds: [ID] }, 50),
    },
    slots: {
      findSlot: (q) => slots.findSlot(ID, q),
      lockSlot: (q) => slots.lockSlot(ID, q),
      findSession: (q) => slots.findSession(ID, q),
      lockSession: (q) => slots.lockSession(ID, q),
      lockSessionRows: (q) => slots.lockSessionRows([ID], q),
      insertSlots: (q) =>
        slots.insertSlots(
          [{ officeId: ID, staffId: ID, activityCodes: ['cv-meeting'], channel: 'in-person', start: AT, end: UNTIL }],
          q,
        ),
      hasBooking: (q) => slots.hasBooking(ID, q),
      cancelSlot: (q) => slots.cancelSlot(ID, q),
      insertSession: (q) =>
        slots.insertSession(
          {
            officeId: ID,
            roomId: ID,
            activityCode: 'netcafe',
            start: AT,
            end: UNTIL,
            capacity: 4,
            minParticipants: 1,
            cutoffAt: AT,
            origin: 'manual',
          },
          [ID],
          q,
        ),
      cancelSession: (q) => slots.cancelSession(ID, 'scheduled', q),
      emptySession: (q) => slots.emptySession(ID, q),
      reserveSeat: (q) => slots.reserveSeat(ID, q),
      releaseSeat: (q) => slots.releaseSeat(ID, q),
      listOfficeSlots: () => slots.listOfficeSlots(ID, AT, UNTIL),
      listOfficeSessions: () => slots.listOfficeSessions(ID, AT, UNTIL),
      listSessionParticipants: (q) => slots.listSessionParticipants(ID, q),
      listSessionWaitlist: () => slots.listSessionWaitlist(ID),
      listStaffCommitments: () => slots.listStaffCommitments(ID, AT, UNTIL),
      listStaffAbsenceDays: () => slots.listStaffAbsenceDays(ID, '2027-03-01', '2027-03-31'),
      listClosureDays: () => slots.listClosureDays(ID, '2027-03-01', '2027-03-31'),
      listOpeningHours: () => slots.listOpeningHours(ID),
      findRoom: () => slots.findRoom(ID),
      listActivities: () => slots.listActivities(),
    },
    members: {
      findMember: (q) => members.findMember(ID, { departmentId: ID }, q),
      lockMember: (q) => members.lockMember(ID, q),
      listMembers: () => members.listMembers({ officeId: ID, status: 'active' }, 10),
      insertMember: (q) =>
        members.insertMember(
          {
            memberNumber: 'A1',
            name: 'N',
            email: null,
            phone: null,
            municipalityCode: '0101',
            homeOfficeId: ID,
            homeOfficeOverridden: false,
            firstUnemploymentDay: '2027-01-04',
            targetGroup: 'low-risk',
            basicItNeeds: false,
            programmeTemplateId: ID,
          },
          q,
        ),
      updateMember: (q) => members.updateMember(ID, { email: 'a@b.dk', targetGroup: 'it' }, q),
      setStatus: (q) => members.setStatus(ID, 'referred', q),
      anonymise: (q) => members.anonymise(ID, q),
      setSmiley: (q) => members.setSmiley(ID, 'red', q),
      latestTemplateId: (q) => members.latestTemplateId('it', q),
      templateItems: (q) => members.templateItems(ID, q),
      listItems: (q) => members.listItems(ID, q),
      findItem: (q) => members.findItem(ID, q),
      lockItem: (q) => members.lockItem(ID, ID, q),
      lockItemNoWait: (q) => members.lockItemNoWait(ID, ID, q),
      setItemStatus: (q) => members.setItemStatus(ID, 'open', 'booked', q),
      deleteItems: (q) => members.deleteItems([ID], q),
      insertItems: (q) =>
        members.insertItems(
          ID,
          [{ activityCode: 'cv-meeting', required: true, windowStart: AT, windowEnd: UNTIL, channels: ['in-person'] }],
          'programme',
          q,
        ),
      waiveOpenItems: (q) => members.waiveOpenItems(ID, q),
    },
    availability: {
      findOptions: () =>
        availability.findOptions({
          memberId: ID,
          activityCode: 'cv-meeting',
          slotActivityCodes: ['cv-meeting'],
          from: AT,
          to: UNTIL,
          channels: ['in-person'],
          inPersonOfficeIds: [ID],
          remoteOfficeIds: [ID],
          limit: 10,
        }),
      findOptionsForMove: () =>
        availability.findOptions({
          memberId: ID,
          activityCode: 'cv-meeting',
          slotActivityCodes: ['cv-meeting'],
          from: AT,
          to: UNTIL,
          channels: ['in-person'],
          inPersonOfficeIds: [ID],
          remoteOfficeIds: [ID],
          limit: 10,
          movingBookingId: ID,
        }),
      findFullSessions: () =>
        availability.findFullSessions({
          memberId: ID,
          activityCode: 'cv-meeting',
          from: AT,
          to: UNTIL,
          inPersonOfficeIds: [ID],
          limit: 10,
        }),
      continuityStaff: () => availability.continuityStaff(ID, ['cv-meeting']),
    },
    smiley: {
      lockMember: (q) => smiley.lockMember(ID, q),
      cvMeetingAdviser: (q) => smiley.cvMeetingAdviser(ID, q),
      insertServiceCall: (q) =>
        smiley.insertServiceCall({ memberId: ID, staffId: null, officeId: ID, dueDate: '2027-03-03' }, q),
      findOpenServiceCall: (q) => smiley.findOpenServiceCall(ID, q),
      findTask: (q) => smiley.findTask(ID, q),
      closeOpenServiceCalls: (q) => smiley.closeOpenServiceCalls(ID, q),
      listTasks: () => smiley.listTasks({ officeId: ID, status: 'open' }, 10),
      liveSummonsItem: (q) => smiley.liveSummonsItem(ID, AT, q),
      liveBookingIdOfItem: (q) => smiley.liveBookingIdOfItem(ID, q),
      freeInPersonSlots: () =>
        smiley.freeInPersonSlots({
          officeId: ID,
          memberId: ID,
          activityCodes: ['summons'],
          from: AT,
          to: UNTIL,
          limit: 5,
        }),
    },
    'optimiser-runs': (() => {
      const runs = new OptimiserRunsRepository(pool);
      const RUN_PARAMS = {
        from: '2027-03-01',
        to: '2027-03-31',
        activityTypes: null,
        departmentIds: null,
        maxTravelKm: 40,
        timeLimitSeconds: null,
      };
      const OUTCOME = { status: 'done' as const, summary: {}, instance: {} as never, proposal: {} as never };
      return {
        findById: (q) => runs.findById(ID, q),
        findInFlight: () => runs.findInFlight('hash'),
        insertOrFindInFlight: () =>
          runs.insertOrFindInFlight({
            id: ID,
            params: RUN_PARAMS,
            paramsHash: 'hash',
            horizon: { start: AT, end: UNTIL },
            origin: 'api',
            jobId: 'job',
            requestedBy: ID,
          }),
        claim: () => runs.claim(ID),
        setProgress: () => runs.setProgress(ID, 0.5),
        finish: () => runs.finish(ID, OUTCOME),
        markFailed: () => runs.markFailed(ID, 'error'),
        requestCancel: () => runs.requestCancel(ID),
        markCancelled: () => runs.markCancelled(ID),
        isCancelRequested: () => runs.isCancelRequested(ID),
        listUnfinished: () => runs.listUnfinished(10_000),
        loadResult: (q) => runs.loadResult(ID, q),
        lockForApply: (q) => runs.lockForApply(ID, q, 2_000),
        markApplied: (q) => runs.markApplied(ID, ID, { sessionsCreated: [] }, q),
        describe: () => runs.describe({ offices: [ID], rooms: [ID], staff: [ID], members: [ID] }),
      } satisfies Calls;
    })(),
    'optimiser-history': (() => {
      const history = new OptimiserHistoryRepository(pool);
      return {
        list: () => history.list({ limit: 20, offset: 0 }),
        listByOrigin: () => history.list({ limit: 20, offset: 0, origin: 'nightly' }),
        runState: () => history.runState(ID),
        unplaced: () => history.unplaced(ID, { limit: 50, offset: 0 }),
      } satisfies Calls;
    })(),
    'optimiser-input': (() => {
      // The recorder's row also answers "the allocation tables exist", so listAcceptedAllocation sends all three statements.
      const recorded = (
        db as unknown as { queryRunner: { query(sql: string, p: unknown[]): Promise<{ records: object[] }> } }
      ).queryRunner;
      const answering = {
        queryRunner: {
          isReleased: false,
          query: async (sql: string, parameters: unknown[]) => {
            const result = await recorded.query(sql, parameters);
            return { ...result, records: result.records.map((row) => ({ ...row, present: true })) };
          },
        },
      };
      const input = new OptimiserInputRepository(answering as unknown as DataSource);
      return {
        listGroupActivities: () => input.listGroupActivities(['netcafe']),
        listUnknownActivityCodes: () => input.listUnknownActivityCodes(['netcafe']),
        listUnknownDepartments: () => input.listUnknownDepartments([ID]),
        listOffices: () => input.listOffices([ID]),
        listOpeningHours: () => input.listOpeningHours(),
        listClosureDays: () => input.listClosureDays('2027-03-01', '2027-03-31'),
        listRooms: () => input.listRooms([ID]),
        listScheduledSessions: () => input.listScheduledSessions([ID], AT, UNTIL),
        listOpenItems: () => input.listOpenItems(['netcafe'], null, AT, UNTIL),
        listMemberHomes: () => input.listMemberHomes([ID]),
        listMemberBookings: () => input.listMemberBookings([ID], AT, UNTIL),
        listLeaders: () => input.listLeaders(),
        listStaffCommitments: () => input.listStaffCommitments([ID], AT, UNTIL),
        listWithdrawableSlots: () => input.listWithdrawableSlots([ID], AT, UNTIL),
        listAbsences: () => input.listAbsences([ID], '2027-03-01', '2027-03-31'),
        listAcceptedAllocation: () => input.listAcceptedAllocation('2027-03-01', '2027-03-31'),
      } satisfies Calls;
    })(),
    locations: {
      listDepartments: () => locations.listDepartments(),
      departmentExists: () => locations.departmentExists(ID),
      listOffices: () => locations.listOffices({ departmentId: ID, kind: 'main' }),
      findOffice: () => locations.findOffice(ID),
      listStaff: () =>
        locations.listStaff({ officeId: ID, departmentId: ID, role: 'adviser', skill: 'cv', scopeDepartmentId: ID }),
      findStaff: () => locations.findStaff(ID, ID),
      findTeamIdByCode: () => locations.findTeamIdByCode('job-team'),
      insertStaff: () =>
        locations.insertStaff({
          employeeNumber: 'E1',
          name: 'N',
          email: 'n@a.dk',
          role: 'adviser',
          officeId: ID,
          departmentId: ID,
          teamId: null,
          skills: ['cv'],
          weeklyHours: 37,
        }),
      updateStaff: () => locations.updateStaff(ID, { email: 'm@a.dk', weeklyHours: 30, active: false }),
      listAbsences: () => locations.listAbsences(ID),
      insertAbsence: () => locations.insertAbsence(ID, '2027-03-01', '2027-03-05', 'vacation'),
      listClosureDays: () => locations.listClosureDays(ID, 2027),
      listMunicipalities: () => locations.listMunicipalities({ regionCode: '1081', inTrial: true }),
    },
    organisation: {
      addDefaultClosureDays: (q) => organisation.addDefaultClosureDays([ID], AT, q),
      audit: (q) =>
        organisation.audit(
          {
            actorRole: 'admin',
            actorId: null,
            entity: 'office',
            entityId: ID,
            action: 'create',
            officeId: ID,
            after: { a: 1 },
          },
          q,
        ),
      findDepartment: (q) => organisation.findDepartment(ID, q),
      findDepartmentForUpdate: (q) => organisation.findDepartmentForUpdate(ID, q),
      insertDepartment: (q) => organisation.insertDepartment('D1', 'N', q),
      updateDepartment: (q) => organisation.updateDepartment(ID, { name: 'M', active: false }, q),
      findOffice: (q) => organisation.findOffice(ID, q, true),
      updateOffice: (q) => organisation.updateOffice(ID, OFFICE, q),
      roomsInUse: (q) => organisation.roomsInUse(ID, ['A'], q),
      replaceRooms: (q) => organisation.replaceRooms(ID, [{ name: 'A', seats: 4 }], q),
      replaceOpeningHours: (q) =>
        organisation.replaceOpeningHours(ID, [{ weekday: 1, opens: '08:00', closes: '15:00' }], q),
      listOpeningHours: (q) => organisation.listOpeningHours(ID, q),
      listRooms: (q) => organisation.listRooms(ID, q),
      lockImport: (q) => organisation.lockImport(q),
      findOfficeIdByCode: (q) => organisation.findOfficeIdByCode('O1', q),
      upsert: (q) => organisation.upsert(DOCUMENT, AT, q),
    },
    kpi: {
      counts: () => kpis.counts(KPI),
      bookingsByActivity: () => kpis.bookingsByActivity(KPI),
      bookingsByActivityAllDepartments: () => kpis.bookingsByActivity({ ...KPI, departmentId: null }),
      activityCodes: () => kpis.activityCodes(),
    },
    identity: {
      staffByIdentity: () => identity.staffByIdentity('iss', 'sub'),
      staffById: () => identity.staffById(ID),
      staffByEmail: () => identity.staffByEmail('n@a.dk'),
      linkStaff: () => identity.linkStaff('iss', 'sub', ID, 'manual'),
      memberByIdentity: () => identity.memberByIdentity('iss', 'sub'),
      memberByNumber: () => identity.memberByNumber('A1'),
      linkMember: (q) => identity.linkMember('iss', 'sub', ID, 'member-number', q),
      forgetMember: (q) => identity.forgetMember(ID, q),
      memberExists: () => identity.memberExists(ID),
      insertLinkCode: () => identity.insertLinkCode(TOKEN, ID, 'adviser', ID, AT),
      redeemLinkCode: () => identity.redeemLinkCode(TOKEN, 'iss', 'sub'),
      serviceAccount: () => identity.serviceAccount('iss', 'client'),
      insertLoginAttempt: () => identity.insertLoginAttempt(TOKEN, 'verifier', 'nonce', '/', AT),
      takeLoginAttempt: () => identity.takeLoginAttempt(TOKEN),
      insertSession: () =>
        identity.insertSession(TOKEN, {
          issuer: 'iss',
          subject: 'sub',
          role: 'member',
          subjectId: ID,
          departmentId: null,
          csrfToken: 'c',
          expiresAt: AT,
        }),
      session: () => identity.session(TOKEN),
      touchSession: () => identity.touchSession(TOKEN, 1_800_000),
      setSessionPrincipal: () => identity.setSessionPrincipal(TOKEN, 'adviser', ID, ID),
      endSession: () => identity.endSession(TOKEN),
    },
    allocation: {
      findById: () => allocations.findById(ID),
      findInFlight: () => allocations.findInFlight('key'),
      listUnfinished: () => allocations.listUnfinished(60_000),
      insert: () =>
        allocations.insert({ from: '2027-03-01', weeks: 4, scenario: null }, 'key', '2027-03-29', 'job', ID),
      markRunning: () => allocations.markRunning(ID),
      complete: () =>
        allocations.complete(
          ID,
          'done',
          { ok: true },
          [{ staffId: ID, officeId: ID, weekStart: '2027-03-01', activity: 'cv-meeting', hours: 3 }],
          null,
        ),
      markFailed: () => allocations.markFailed(ID, 'error'),
      accept: () => allocations.accept(ID, ID),
      listAssignments: () => allocations.listAssignments(ID),
      listExpectedHours: () => allocations.listExpectedHours(ID, '2027-03-01', '2027-03-29'),
    },
    'programme-share': {
      listAll: (q) => programmeShares.listAll(q),
      listForStaff: (q) => programmeShares.listForStaff(ID, q),
      listForRole: (q) => programmeShares.listForRole('adviser', q),
      listLeaders: (q) => programmeShares.listLeaders(ID, q),
      findStaff: (q) => programmeShares.findStaff(ID, q),
      upsertForStaff: (q) =>
        programmeShares.upsert(
          { staffId: ID, role: null, share: 0.5, validFrom: '2027-03-01', note: null, createdBy: ID },
          q,
        ),
      upsertForRole: (q) =>
        programmeShares.upsert(
          { staffId: null, role: 'adviser', share: 0.5, validFrom: '2027-03-01', note: null, createdBy: ID },
          q,
        ),
    },
    idempotency: {
      tryClaim: (q) => idempotency.tryClaim('42', q),
      find: (q) => idempotency.find('member:1', 'key', '2 minutes', q),
      deleteInFlight: (q) => idempotency.deleteInFlight('member:1', 'key', q),
      insertDone: (q) =>
        idempotency.insertDone(
          { principal: 'member:1', key: 'key', requestHash: 'h', responseStatus: 201, responseBody: { id: ID } },
          q,
        ),
    },
    calendar: {
      findTokenFeed: () => calendar.findTokenFeed(TOKEN),
      findRetiredToken: () => calendar.findRetiredToken(TOKEN),
      findOfficeFeed: () => calendar.findOfficeFeed(ID),
      bookingEvent: () => calendar.bookingEvent(ID),
      memberBookingEvents: (q) => calendar.memberBookingEvents(q, ID, WINDOW),
      staffAppointmentEvents: (q) => calendar.staffAppointmentEvents(q, ID, WINDOW),
      staffDepartureEvents: (q) => calendar.staffDepartureEvents(q, ID, WINDOW),
      ledSessionEvents: (q) => calendar.ledSessionEvents(q, ID, WINDOW),
      officeSessionEvents: (q) => calendar.officeSessionEvents(q, ID, WINDOW),
      sessionFeedEvents: (q) => calendar.sessionFeedEvents(q, ID, WINDOW),
      sessionTitle: (q) => calendar.sessionTitle(q, ID),
      memberScope: () => calendar.subjectScope('member', ID),
      staffScope: () => calendar.subjectScope('staff', ID),
      sessionScope: () => calendar.subjectScope('session', ID),
      insertFeedLink: () =>
        calendar.insertFeedLink({
          kind: 'member',
          subjectId: ID,
          tokenHash: TOKEN,
          createdByRole: 'member',
          createdBy: ID,
        }),
      findFeedLink: () => calendar.findFeedLink(ID),
      rotateFeedLink: () => calendar.rotateFeedLink(ID, TOKEN),
      revokeFeedLink: () => calendar.revokeFeedLink(ID),
      listFeedLinks: () => calendar.listFeedLinks({ kind: 'member', subjectId: ID, createdByOrSubject: ID }),
    },
    // Capacity planning inputs and the demo sign-in (#11).
    capacity: {
      listOffices: () => capacity.listOffices(),
      historyBounds: () => capacity.historyBounds(),
      historyFingerprint: () => capacity.historyFingerprint(),
      inflowTotals: () => capacity.inflowTotals(),
      inflowByGroupSince: () => capacity.inflowByGroupSince('2027-03-01'),
      listHistory: () => capacity.listHistory({ from: '2027-01-04', to: '2027-03-29' }),
      listHistoryOfOffices: () => capacity.listHistory({ officeIds: [ID], from: '2027-01-04', to: '2027-03-29' }),
      upsertHistory: () =>
        capacity.upsertHistory([{ officeCode: 'O1', weekStart: '2027-03-01', targetGroup: 'it', newMembers: 3 }]),
      listScenarios: () => capacity.listScenarios(),
      findScenarioByName: () => capacity.findScenarioByName('N'),
      insertScenario: () =>
        capacity.insertScenario({ name: 'N', description: null, adjustments: [{ factor: 1.1 }], createdBy: ID }),
      deleteScenario: () => capacity.deleteScenario(ID),
      activeMembersByProgrammeWeek: () => capacity.activeMembersByProgrammeWeek('2027-03-01'),
      closedItemsByProgrammeWeek: () => capacity.closedItemsByProgrammeWeek('2027-03-01', '2027-03-03'),
      summonsesByOffice: () => capacity.summonsesByOffice(AT, UNTIL),
      bookedMeetings: () => capacity.bookedMeetings(['cv-meeting'], AT, UNTIL),
      listActivities: () => capacity.listActivities(),
      listTemplateItems: () => capacity.listTemplateItems('2027-03-01'),
      listPlanningStaff: () => capacity.listPlanningStaff(),
      listAbsences: () => capacity.listAbsences('2027-03-01', '2027-03-29'),
      planActuals: () => capacity.planActuals('2027-03-01', '2027-03-29'),
      groupConvertibleSlotHours: () => capacity.groupConvertibleSlotHours('2027-03-01', '2027-03-29'),
      listClosureDays: () => capacity.listClosureDays('2027-03-01', '2027-03-29'),
    },
    'plan-inputs-version': {
      // The recorder's row has no version to parse: only the SQL matters here.
      current: () => planInputsVersion.current().catch(() => 0n),
      compact: () => planInputsVersion.compact(),
      registeredTables: () => planInputsVersion.registeredTables(),
    },
    'asked-plans': {
      record: () =>
        askedPlans.record({
          askedKey: 'K',
          role: 'office-coordinator',
          departmentId: ID,
          query: { weeks: 8 },
          askedAt: AT,
        }),
      askedSince: () => askedPlans.askedSince(AT),
      forgetBefore: () => askedPlans.forgetBefore(AT),
    },
    'demo-people': {
      staffDepartment: () => demoPeople.staffDepartment(ID),
      listMembers: () => demoPeople.listMembers(10, AT),
      listStaff: () => demoPeople.listStaff('adviser', 10),
    },
    'demo-data': {
      isEmpty: () => demoData.isEmpty(),
      // Every statement of a load; the recorder's rows stand in for the organisation read back.
      load: () => demoData.load({ seed: 1, scale: 1, today: AT, activeMembers: 400 }),
    },
  };
}

const SNAPSHOTS = path.resolve('test/sql');

describe('repository SQL', () => {
  const { db, captured } = recorder();
  for (const [repository, calls] of Object.entries(repositories(db))) {
    it(`${repository}: every query matches test/sql/${repository}.repository.sql`, async () => {
      const parts: string[] = [];
      for (const [method, call] of Object.entries(calls)) {
        captured.length = 0;
        await call(db);
        for (const query of captured)
          parts.push(`-- ${repository}.${method}\n${query.sql.replace(/\n\s*\n/g, '\n').trim()}\n`);
      }
      const text = parts.join('\n');
      const file = path.join(SNAPSHOTS, `${repository}.repository.sql`);
      if (process.env.UPDATE_SQL_SNAPSHOTS) writeFileSync(file, text);
      expect(text).toBe(readFileSync(file, 'utf8'));
    });
  }
});
