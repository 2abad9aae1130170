import { localDate } from '../../src/shared/time/index.js';
import { addWorkingDays, endOfNthWorkingDay } from '../../src/booking/smiley/working-days.js';
import {
  adviserAt,
  CENTRAL,
  copenhagen,
  createMember,
  dateFromToday,
  freeTime,
  mainOffice,
  type MainOffice,
} from '../support/booking-factories.js';
import { clearSummonsSlots, KpiFactories, parseCsv, wallTime } from '../support/kpi-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('job-search smiley and monthly KPIs', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function closures(officeId: string): Promise<Set<string>> {
    const rows: { day: string }[] = await t.db.query(`SELECT day::text AS day FROM closure_day WHERE office_id = $1`, [
      officeId,
    ]);
    return new Set(rows.map((r) => r.day));
  }

  describe('smiley', () => {
    let office: MainOffice;
    let adviser: { id: string; departmentId: string };
    const staff = () => ({ role: 'adviser' as const, subjectId: adviser.id, departmentId: office.departmentId });

    beforeAll(async () => {
      office = await mainOffice(t, 'Odense');
      adviser = await adviserAt(t, office.id, 0);
    });

    async function withCvMeeting(memberId: string, staffId: string) {
      const [{ id: itemId }] = await t.db.query(
        `SELECT id FROM programme_item WHERE member_id = $1 AND activity_code = 'cv-meeting'`,
        [memberId],
      );
      // At night, 20 days ago: the demo schedule keeps the adviser's office hours busy.
      await t.db.query(
        `WITH t AS (SELECT date_trunc('day', now() - interval '20 days') + interval '1 hour' AS t0),
         s AS (
           INSERT INTO slot (office_id, staff_id, activity_codes, channel, during)
           SELECT $1::uuid, $2::uuid, '{cv-meeting}'::text[], 'in-person', tstzrange(t0, t0 + interval '1 hour') FROM t RETURNING id, office_id, during
         )
         INSERT INTO booking (member_id, programme_item_id, slot_id, office_id, activity_code, channel, during, status, booked_by_role)
         SELECT $3, $4, s.id, s.office_id, 'cv-meeting', 'in-person', s.during, 'attended', 'adviser' FROM s`,
        [office.id, staffId, memberId, itemId],
      );
    }

    it('yellow opens one service call for the CV meeting’s adviser, due in 2 working days, even when set twice', async () => {
      const member = await createMember(t, office, { firstUnemploymentDay: dateFromToday(-30) });
      const cvAdviser = await adviserAt(t, office.id, 1);
      await withCvMeeting(member.id, cvAdviser.id);

      const first = await t.http
        .put(`/api/members/${member.id}/smiley`)
        .set(t.auth(staff()))
        .send({ smiley: 'yellow' });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        memberId: member.id,
        smiley: 'yellow',
        previousSmiley: 'green',
        summons: null,
      });
      expect(first.body.serviceCallTask).toMatchObject({
        created: true,
        kind: 'service-call',
        status: 'open',
        staffId: cvAdviser.id,
        officeId: office.id,
        dueDate: addWorkingDays(localDate(new Date()), 2, await closures(office.id)),
      });

      const second = await t.http
        .put(`/api/members/${member.id}/smiley`)
        .set(t.auth(staff()))
        .send({ smiley: 'yellow' });
      expect(second.status).toBe(200);
      expect(second.body.serviceCallTask).toMatchObject({ id: first.body.serviceCallTask.id, created: false });
      const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM adviser_task WHERE member_id = $1`, [
        member.id,
      ]);
      expect(count).toBe(1);

      const tasks = await t.http.get('/api/tasks').query({ officeId: office.id, status: 'open' }).set(t.auth(staff()));
      expect(tasks.status).toBe(200);
      expect(tasks.body.filter((task: { memberId: string }) => task.memberId === member.id)).toHaveLength(1);

      const audit = await t.db.query(
        `SELECT action, before, after FROM audit_event WHERE entity = 'member' AND entity_id = $1 AND action = 'smiley' ORDER BY id`,
        [member.id],
      );
      expect(audit).toHaveLength(2);
      expect(audit[0]).toMatchObject({
        before: { smiley: 'green' },
        after: { smiley: 'yellow', serviceCallTaskId: first.body.serviceCallTask.id },
      });
      // Yellow is the adviser's task, not a message: the outbox holds nothing for the member, the first time or the second.
      expect(await t.db.query(`SELECT event FROM message WHERE member_id = $1`, [member.id])).toEqual([]);
    });

    it('yellow without a CV meeting leaves the adviser open; green closes the service call', async () => {
      const member = await createMember(t, office, { firstUnemploymentDay: dateFromToday(-5) });
      const yellow = await t.http
        .put(`/api/members/${member.id}/smiley`)
        .set(t.auth(CENTRAL))
        .send({ smiley: 'yellow' });
      expect(yellow.body.serviceCallTask.staffId).toBeNull();

      const green = await t.http.put(`/api/members/${member.id}/smiley`).set(t.auth(staff())).send({ smiley: 'green' });
      expect(green.status).toBe(200);
      expect(green.body).toMatchObject({
        smiley: 'green',
        previousSmiley: 'yellow',
        closedTaskIds: [yellow.body.serviceCallTask.id],
        serviceCallTask: null,
      });
      const [{ status }] = await t.db.query(`SELECT status FROM adviser_task WHERE id = $1`, [
        yellow.body.serviceCallTask.id,
      ]);
      expect(status).toBe('done');
      const open = await t.http.get('/api/tasks').query({ officeId: office.id, status: 'open' }).set(t.auth(staff()));
      expect(open.body.some((task: { id: string }) => task.id === yellow.body.serviceCallTask.id)).toBe(false);
      const done = await t.http.get('/api/tasks').query({ status: 'done' }).set(t.auth(staff()));
      expect(done.body.some((task: { id: string }) => task.id === yellow.body.serviceCallTask.id)).toBe(true);
    });

    it('referral and erasure cancel the member’s open service call (no task left for a member who has left)', async () => {
      for (const end of ['referral', 'erasure'] as const) {
        const member = await createMember(t, office, { firstUnemploymentDay: dateFromToday(-5) });
        const yellow = await t.http
          .put(`/api/members/${member.id}/smiley`)
          .set(t.auth(CENTRAL))
          .send({ smiley: 'yellow' });
        expect(yellow.status).toBe(200);
        expect(
          (await t.http.post(`/api/members/${member.id}/${end}`).set(t.auth(CENTRAL)).send({})).status,
        ).toBeLessThan(300);
        const [{ status }] = await t.db.query(`SELECT status FROM adviser_task WHERE id = $1`, [
          yellow.body.serviceCallTask.id,
        ]);
        expect(status).toBe('cancelled');
        const open = await t.http.get('/api/tasks').query({ officeId: office.id, status: 'open' }).set(t.auth(staff()));
        expect(open.body.some((task: { memberId: string }) => task.memberId === member.id)).toBe(false);
      }
    });

    it('red books the earliest free in-person follow-up time at the home office within 5 working days', async () => {
      const member = await createMember(t, office, { firstUnemploymentDay: dateFromToday(-40) });
      const window = endOfNthWorkingDay(new Date(), 5, await closures(office.id));
      await clearSummonsSlots(t.db, office.id, window.end);
      const day = addWorkingDays(localDate(new Date()), 1, await closures(office.id));
      const publish = async (channel: string, after?: string) => {
        const time = await freeTime(t, office.id, day, 45, { staffIds: [adviser.id], preferred: after ?? '09:00' });
        return t.http
          .post(`/api/offices/${office.id}/slots`)
          .set(t.auth(CENTRAL))
          .send({
            staffId: adviser.id,
            activityCodes: ['follow-up'],
            channel,
            start: copenhagen(day, time),
            end: new Date(Date.parse(copenhagen(day, time)) + 45 * 60_000).toISOString(),
          });
      };
      const byPhone = await publish('phone');
      const phoneStart = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Copenhagen',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(byPhone.body.start));
      const inPerson = await publish('in-person', phoneStart);
      expect([byPhone.status, inPerson.status]).toEqual([201, 201]);

      const red = await t.http.put(`/api/members/${member.id}/smiley`).set(t.auth(staff())).send({ smiley: 'red' });
      expect(red.status).toBe(200);
      expect(red.body.summons).toMatchObject({ booked: true, windowEnd: window.end.toISOString() });
      expect(red.body.summons.booking).toMatchObject({
        slotId: inPerson.body.id,
        activityCode: 'summons',
        channel: 'in-person',
        officeId: office.id,
        status: 'booked',
      });
      expect(Date.parse(red.body.summons.booking.end)).toBeLessThanOrEqual(window.end.getTime());

      const programme = await t.http.get(`/api/members/${member.id}/programme`).set(t.auth(staff()));
      const summons = programme.body.items.filter((i: { activityCode: string }) => i.activityCode === 'summons');
      expect(summons).toEqual([
        expect.objectContaining({ origin: 'smiley', status: 'booked', windowEnd: window.end.toISOString() }),
      ]);

      const again = await t.http.put(`/api/members/${member.id}/smiley`).set(t.auth(staff())).send({ smiley: 'red' });
      expect(again.body.summons).toMatchObject({
        booked: true,
        programmeItemId: red.body.summons.programmeItemId,
        booking: { id: red.body.summons.booking.id },
      });

      // The summons is told once (one decision: one event key, one row per channel, the inbox among them), the second red adds nothing.
      const told: {
        event: string;
        eventKey: string;
        channel: string;
        payload: { bookingId: string; activityCode: string };
      }[] = await t.db.query(
        `SELECT event, event_key AS "eventKey", channel, payload FROM message WHERE member_id = $1 ORDER BY id`,
        [member.id],
      );
      expect(told.map((m) => m.event)).toEqual(told.map(() => 'summons'));
      expect(told.filter((m) => m.channel === 'inbox')).toHaveLength(1);
      expect(new Set(told.map((m) => m.eventKey)).size).toBe(1);
      expect(told[0].payload).toMatchObject({ bookingId: red.body.summons.booking.id, activityCode: 'summons' });
      expect(JSON.stringify(told[0].payload)).not.toMatch(/Testmedlem|name/);
    });

    it('red without a free time answers booked: false with the reason and leaves the summons open', async () => {
      const other = await mainOffice(t, 'Svendborg');
      const member = await createMember(t, other, { firstUnemploymentDay: dateFromToday(-40) });
      const window = endOfNthWorkingDay(new Date(), 5, await closures(other.id));
      await clearSummonsSlots(t.db, other.id, window.end);
      const red = await t.http.put(`/api/members/${member.id}/smiley`).set(t.auth(CENTRAL)).send({ smiley: 'red' });
      expect(red.status).toBe(200);
      expect(red.body.summons).toEqual({
        booked: false,
        reason: 'NO_FREE_SLOT_WITHIN_5_WORKING_DAYS',
        windowEnd: window.end.toISOString(),
        programmeItemId: expect.any(String),
      });
      const [item] = await t.db.query(
        `SELECT status, origin, activity_code AS "activityCode" FROM programme_item WHERE id = $1`,
        [red.body.summons.programmeItemId],
      );
      expect(item).toEqual({ status: 'open', origin: 'smiley', activityCode: 'summons' });
      const audit = await t.db.query(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY id`, [member.id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['create', 'smiley', 'summons-unbooked']);
    });

    it('refuses members (403), hides other departments (404), refuses a referred member (422) and names a bad smiley (400)', async () => {
      const member = await createMember(t, office, { firstUnemploymentDay: dateFromToday(-5) });
      const asMember = await t.http
        .put(`/api/members/${member.id}/smiley`)
        .set(t.auth({ role: 'member', subjectId: member.id }))
        .send({ smiley: 'green' });
      expect(asMember.status).toBe(403);
      const elsewhere = await mainOffice(t, 'Aalborg');
      const outsider = { role: 'adviser' as const, subjectId: adviser.id, departmentId: elsewhere.departmentId };
      expect(
        (await t.http.put(`/api/members/${member.id}/smiley`).set(t.auth(outsider)).send({ smiley: 'red' })).status,
      ).toBe(404);
      expect((await t.http.get('/api/tasks').query({ officeId: office.id }).set(t.auth(outsider))).status).toBe(404);
      expect((await t.http.get('/api/tasks').set(t.auth({ role: 'member', subjectId: member.id }))).status).toBe(403);
      await t.http.post(`/api/members/${member.id}/referral`).set(t.auth(CENTRAL)).send({});
      const referred = await t.http
        .put(`/api/members/${member.id}/smiley`)
        .set(t.auth(CENTRAL))
        .send({ smiley: 'red' });
      expect([referred.status, referred.body.code]).toEqual([422, 'MEMBER_NOT_ACTIVE']);
      const bad = await t.http.put(`/api/members/${member.id}/smiley`).set(t.auth(CENTRAL)).send({ smiley: 'blue' });
      expect(bad.status).toBe(400);
      expect(bad.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['smiley']);
    });
  });

  describe('KPIs for a hand-built month (March 2024, Rønne)', () => {
    let office: MainOffice;
    let bornholmCoordinator: { role: 'office-coordinator'; subjectId: string; departmentId: string };

    // March 2024 in Copenhagen: from 2024-02-29T23:00Z (CET) to 2024-03-31T22:00Z (CEST, after the DST change on the 31st).
    const local = (date: string, time: string) => wallTime(date, time);
    const midnight = (date: string) => wallTime(date, '00:00');

    beforeAll(async () => {
      office = await mainOffice(t, 'Rønne');
      bornholmCoordinator = {
        role: 'office-coordinator',
        subjectId: '00000000-0000-4000-8000-0000000000b1',
        departmentId: office.departmentId,
      };
      const adviser = await adviserAt(t, office.id, 0);
      const f = new KpiFactories(t.db);
      const slot = (
        date: string,
        time: string,
        minutes: number,
        activityCode: string,
        status: 'open' | 'cancelled' = 'open',
      ) =>
        f.slot({ officeId: office.id, staffId: adviser.id, start: local(date, time), minutes, activityCode, status });
      const later = { from: midnight('2024-03-01'), to: midnight('2024-06-01') };

      // Active in March: m1, m2, m3, m4, m6. m5 was referred in February; m7 starts in April.
      const m1 = await f.member({ officeId: office.id, firstDay: '2024-02-20' }); // first-meeting deadline 4 March
      const m2 = await f.member({ officeId: office.id, firstDay: '2024-03-10' }); // deadline 23 March
      const m3 = await f.member({ officeId: office.id, firstDay: '2024-03-18' }); // deadline 31 March
      const m4 = await f.member({ officeId: office.id, firstDay: '2024-03-19' }); // deadline 1 April: not this month
      const m5 = await f.member({
        officeId: office.id,
        firstDay: '2023-11-01',
        status: 'referred',
        referredAt: new Date('2024-02-15T10:00:00Z'),
      });
      const m6 = await f.member({ officeId: office.id, firstDay: '2024-01-10' });
      await f.member({ officeId: office.id, firstDay: '2024-04-02' });

      // Items whose window ended in March (required, not waived): i1 held, i2 held late, i3 never booked, i5 held, i8 no-show → 2 of 5.
      const i1 = await f.item(m1, 'cv-meeting', {
        from: midnight('2024-02-20'),
        to: midnight('2024-03-05'),
        status: 'done',
      });
      const i2 = await f.item(m2, 'cv-meeting', {
        from: midnight('2024-03-10'),
        to: midnight('2024-03-24'),
        status: 'done',
      });
      await f.item(m3, 'cv-meeting', { from: midnight('2024-03-18'), to: midnight('2024-04-01') }); // ends exactly at the month's end
      const i4 = await f.item(m4, 'cv-meeting', {
        from: midnight('2024-03-19'),
        to: midnight('2024-04-02'),
        status: 'done',
      }); // ends in April
      const i5 = await f.item(m6, 'availability-meeting', {
        from: midnight('2024-03-06'),
        to: midnight('2024-03-20'),
        status: 'done',
      });
      const i8 = await f.item(m6, 'follow-up', { from: midnight('2024-02-07'), to: midnight('2024-03-27') });
      await f.item(m6, 'workshop-linkedin', {
        from: midnight('2024-03-13'),
        to: midnight('2024-03-20'),
        required: false,
      });
      await f.item(m5, 'follow-up', { from: midnight('2024-02-01'), to: midnight('2024-03-10'), status: 'waived' });
      const m4FollowUp = await f.item(m4, 'follow-up', later);
      const m3FollowUp = await f.item(m3, 'follow-up', later);

      // Slots held in March: 60 + 60 + 45 + 30 + 30 + 30 = 255 minutes published, 225 booked (s7's booking was cancelled).
      const s1 = await slot('2024-03-01', '00:30', 60, 'cv-meeting'); // 2024-02-29T23:30Z: March in Copenhagen
      const s2 = await slot('2024-03-25', '10:00', 60, 'cv-meeting');
      const s3 = await slot('2024-03-12', '10:00', 45, 'availability-meeting');
      const s4 = await slot('2024-03-26', '10:00', 30, 'follow-up');
      const s5 = await slot('2024-03-31', '23:30', 30, 'follow-up'); // 21:30Z, CEST
      const s6 = await slot('2024-04-01', '00:30', 30, 'cv-meeting'); // 2024-03-31T22:30Z: April in Copenhagen
      const s7 = await slot('2024-03-20', '10:00', 30, 'follow-up');
      await slot('2024-03-21', '10:00', 30, 'follow-up', 'cancelled');

      await f.slotBooking({ memberId: m1, itemId: i1, slotId: s1, status: 'attended' }); // first meeting on time
      await f.slotBooking({ memberId: m2, itemId: i2, slotId: s2, status: 'attended' }); // after the deadline and the window
      await f.slotBooking({ memberId: m6, itemId: i5, slotId: s3, status: 'attended' });
      await f.slotBooking({ memberId: m6, itemId: i8, slotId: s4, status: 'no-show' });
      await f.slotBooking({ memberId: m4, itemId: m4FollowUp, slotId: s5, status: 'booked' });
      await f.slotBooking({ memberId: m4, itemId: i4, slotId: s6, status: 'attended' });
      await f.slotBooking({ memberId: m3, itemId: m3FollowUp, slotId: s7, status: 'cancelled' });

      // A netcafé on 14 March (4 seats, 2 taken: one attended, one no-show, one cancelled) and one on 3 April with a waiting list.
      const room = office.rooms[0];
      const march = await f.session({
        officeId: office.id,
        roomId: room.id,
        start: local('2024-03-14', '09:00'),
        minutes: 120,
        capacity: 4,
      });
      const april = await f.session({
        officeId: office.id,
        roomId: room.id,
        start: local('2024-04-03', '09:00'),
        minutes: 120,
        capacity: 4,
      });
      const netcafe = async (memberId: string) => f.item(memberId, 'netcafe', later);
      await f.sessionBooking({ memberId: m1, itemId: await netcafe(m1), sessionId: march, status: 'attended' });
      await f.sessionBooking({ memberId: m2, itemId: await netcafe(m2), sessionId: march, status: 'no-show' });
      await f.sessionBooking({ memberId: m3, itemId: await netcafe(m3), sessionId: march, status: 'cancelled' });
      // Waiting at the month's end: m1 (still waiting) and m2 (promoted only on 2 April); not m3 (withdrew in March),
      // not m6 (joined in April), not m4 (waits for the March session, which is over).
      await f.waitlistEntry({
        sessionId: april,
        memberId: m1,
        itemId: await netcafe(m1),
        status: 'waiting',
        createdAt: local('2024-03-20', '12:00'),
      });
      await f.waitlistEntry({
        sessionId: april,
        memberId: m2,
        itemId: await netcafe(m2),
        status: 'promoted',
        createdAt: local('2024-03-21', '12:00'),
        updatedAt: local('2024-04-02', '08:00'),
      });
      await f.waitlistEntry({
        sessionId: april,
        memberId: m3,
        itemId: await netcafe(m3),
        status: 'withdrawn',
        createdAt: local('2024-03-22', '12:00'),
        updatedAt: local('2024-03-25', '08:00'),
      });
      await f.waitlistEntry({
        sessionId: april,
        memberId: m6,
        itemId: await netcafe(m6),
        status: 'waiting',
        createdAt: local('2024-04-01', '12:00'),
      });
      await f.waitlistEntry({
        sessionId: march,
        memberId: m4,
        itemId: await netcafe(m4),
        status: 'waiting',
        createdAt: local('2024-03-10', '12:00'),
      });
    });

    const expected = {
      itemsDue: 5,
      itemsHeldInWindow: 2,
      itemsHeldInWindowShare: 0.4,
      firstMeetingsDue: 3,
      firstMeetingsOnTime: 1,
      firstMeetingsOnTimeShare: 0.3333,
      activeMembers: 5,
      jobMeetings: 3, // two CV meetings and one availability meeting attended; the netcafé does not count
      jobMeetingsPerMember: 0.6,
      jobMeetingsTarget: 2,
      bookings: 7,
      attended: 4,
      noShows: 2,
      noShowRate: 0.3333,
      waitlistLength: 2,
      publishedSlotMinutes: 255,
      bookedSlotMinutes: 225,
      slotMinutesUsedShare: 0.8824,
      sessionSeats: 4,
      sessionSeatsBooked: 2,
      sessionSeatsUsedShare: 0.5,
    };
    const expectedByActivity = { 'cv-meeting': 2, 'availability-meeting': 1, 'follow-up': 2, netcafe: 2, summons: 0 };

    it('counts each KPI exactly for the office; a one-office department gets no total repeating it', async () => {
      const response = await t.http
        .get('/api/kpis')
        .query({ month: '2024-03', departmentId: office.departmentId })
        .set(t.auth(CENTRAL));
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        month: '2024-03',
        timezone: 'Europe/Copenhagen',
        from: '2024-02-29T23:00:00.000Z',
        to: '2024-03-31T22:00:00.000Z',
      });
      const rows = response.body.rows;
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        scope: 'office',
        officeId: office.id,
        officeName: 'Metal Rønne',
        departmentId: office.departmentId,
        departmentName: expect.any(String),
        ...expected,
      });
      expect(rows[0].bookingsByActivity).toMatchObject(expectedByActivity);
    });

    it('gives an office coordinator one row per office: "Metal Aalborg" once, and a total only over several offices', async () => {
      const aalborg = await mainOffice(t, 'Aalborg');
      const aalborgCoordinator = {
        role: 'office-coordinator' as const,
        subjectId: '00000000-0000-4000-8000-0000000000b2',
        departmentId: aalborg.departmentId,
      };
      const own = await t.http.get('/api/kpis').query({ month: '2024-03' }).set(t.auth(aalborgCoordinator));
      expect(own.status).toBe(200);
      const labels = own.body.rows.map(
        (r: { officeName: string | null; departmentName: string | null }) => r.officeName ?? r.departmentName,
      );
      expect(labels).toEqual(['Metal Aalborg']);
      expect(own.body.rows[0]).toMatchObject({ scope: 'office', officeId: aalborg.id });

      const [{ departmentId, offices }] = await t.db.query(
        `SELECT o.department_id AS "departmentId", count(*)::int AS offices FROM office o GROUP BY 1 HAVING count(*) > 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
      );
      const several = await t.http
        .get('/api/kpis')
        .query({ month: '2024-03' })
        .set(t.auth({ role: 'office-coordinator', subjectId: aalborgCoordinator.subjectId, departmentId }));
      const officeRows = several.body.rows.filter((r: { scope: string }) => r.scope === 'office');
      expect(officeRows).toHaveLength(offices);
      expect(new Set(officeRows.map((r: { officeId: string }) => r.officeId)).size).toBe(offices);
      expect(several.body.rows.at(-1)).toMatchObject({ scope: 'department', officeId: null, departmentId });
      expect(several.body.rows).toHaveLength(offices + 1);
    });

    it('gives a fund total that sums every office', async () => {
      const response = await t.http.get('/api/kpis').query({ month: '2024-03' }).set(t.auth(CENTRAL));
      expect(response.status).toBe(200);
      const offices = response.body.rows.filter((r: { scope: string }) => r.scope === 'office');
      const total = response.body.rows.at(-1);
      expect(total.scope).toBe('fund');
      expect(offices.length).toBeGreaterThanOrEqual(55);
      for (const key of [
        'itemsDue',
        'itemsHeldInWindow',
        'activeMembers',
        'jobMeetings',
        'bookings',
        'noShows',
        'waitlistLength',
        'publishedSlotMinutes',
        'sessionSeats',
      ]) {
        expect(total[key]).toBe(offices.reduce((sum: number, r: Record<string, number>) => sum + r[key], 0));
      }
      expect(offices.find((r: { officeId: string }) => r.officeId === office.id)).toMatchObject(expected);
    });

    it('answers CSV that parses back to the same numbers', async () => {
      const response = await t.http
        .get('/api/kpis')
        .query({ month: '2024-03', departmentId: office.departmentId })
        .set(t.auth(CENTRAL))
        .set('Accept', 'text/csv');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe('attachment; filename="kpis-2024-03.csv"');
      const [header, ...rows] = parseCsv(response.text);
      expect(rows).toHaveLength(1);
      const record = Object.fromEntries(header.map((name, i) => [name, rows[0][i]]));
      expect(record).toMatchObject({
        month: '2024-03',
        scope: 'office',
        office_id: office.id,
        office_name: 'Metal Rønne',
        department_id: office.departmentId,
      });
      const columns: Record<string, keyof typeof expected> = {
        items_due: 'itemsDue',
        items_held_in_window: 'itemsHeldInWindow',
        items_held_in_window_share: 'itemsHeldInWindowShare',
        first_meetings_due: 'firstMeetingsDue',
        first_meetings_on_time: 'firstMeetingsOnTime',
        first_meetings_on_time_share: 'firstMeetingsOnTimeShare',
        active_members: 'activeMembers',
        job_meetings: 'jobMeetings',
        job_meetings_per_member: 'jobMeetingsPerMember',
        job_meetings_target: 'jobMeetingsTarget',
        bookings: 'bookings',
        attended: 'attended',
        no_shows: 'noShows',
        no_show_rate: 'noShowRate',
        waitlist_length: 'waitlistLength',
        published_slot_minutes: 'publishedSlotMinutes',
        booked_slot_minutes: 'bookedSlotMinutes',
        slot_minutes_used_share: 'slotMinutesUsedShare',
        session_seats: 'sessionSeats',
        session_seats_booked: 'sessionSeatsBooked',
        session_seats_used_share: 'sessionSeatsUsedShare',
      };
      for (const [column, key] of Object.entries(columns))
        expect([column, Number(record[column])]).toEqual([column, expected[key]]);
      for (const [code, count] of Object.entries(expectedByActivity))
        expect(Number(record[`bookings_${code}`])).toBe(count);
    });

    it('answers the Danish Excel dialect (BOM, semicolons, decimal commas) with dialect=excel-da, and RFC 4180 without', async () => {
      const query = { month: '2024-03', departmentId: office.departmentId };
      const excel = await t.http
        .get('/api/kpis')
        .query({ ...query, dialect: 'excel-da' })
        .set(t.auth(CENTRAL))
        .set('Accept', 'text/csv')
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(excel.status).toBe(200);
      expect(excel.headers['content-type']).toBe('text/csv; charset=utf-8');
      const bytes = excel.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8').slice(1);
      const [headerLine, firstLine] = text.split('\r\n');
      const header = headerLine.split(';');
      const record = Object.fromEntries(header.map((name, i) => [name, firstLine.split(';')[i]]));
      expect(record).toMatchObject({
        scope: 'office',
        office_name: 'Metal Rønne',
        no_show_rate: '0,3333',
        items_held_in_window_share: '0,4',
        items_due: '5',
      });
      const plain = await t.http.get('/api/kpis').query(query).set(t.auth(CENTRAL)).set('Accept', 'text/csv');
      expect(plain.text.charCodeAt(0)).not.toBe(0xfeff);
      expect(plain.text.split('\r\n')[0]).toContain('month,scope,office_id');
      expect(
        (
          await t.http
            .get('/api/kpis')
            .query({ ...query, dialect: 'excel' })
            .set(t.auth(CENTRAL))
            .set('Accept', 'text/csv')
        ).status,
      ).toBe(400);
    });

    it('keeps office coordinators to their own department', async () => {
      const own = await t.http.get('/api/kpis').query({ month: '2024-03' }).set(t.auth(bornholmCoordinator));
      expect(own.status).toBe(200);
      expect(own.body.rows.map((r: { scope: string }) => r.scope)).toEqual(['office']);
      const other = await mainOffice(t, 'Aalborg');
      expect(
        (
          await t.http
            .get('/api/kpis')
            .query({ month: '2024-03', departmentId: other.departmentId })
            .set(t.auth(bornholmCoordinator))
        ).status,
      ).toBe(404);
      expect(
        (
          await t.http
            .get('/api/kpis')
            .query({ month: '2024-03' })
            .set(t.auth({ role: 'adviser', subjectId: CENTRAL.subjectId, departmentId: office.departmentId }))
        ).status,
      ).toBe(403);
    });

    it('answers a bad month with 400 naming month', async () => {
      for (const month of ['2024-13', '2024-3', 'march', '1899-01']) {
        const response = await t.http.get('/api/kpis').query({ month }).set(t.auth(CENTRAL));
        expect([month, response.status]).toEqual([month, 400]);
        expect(response.body.code).toBe('VALIDATION_FAILED');
        expect(response.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['month']);
      }
      const missing = await t.http.get('/api/kpis').set(t.auth(CENTRAL));
      expect(missing.status).toBe(400);
      expect(missing.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['month']);
    });
  });
});
