import { endOfNthWorkingDay, addWorkingDays } from '../../src/booking/smiley/working-days.js';
import type { AppConfig } from '../../src/common/config/app-config.js';
import { APP_CONFIG } from '../../src/common/config/config.module.js';
import { MessageSchedulerService } from '../../src/messaging/delivery/message-scheduler.service.js';
import { MessagingRepository } from '../../src/messaging/messaging.repository.js';
import { FixedClock } from '../../src/shared/time/clock.js';
import { localDate } from '../../src/shared/time/index.js';
import {
  adviserAt,
  CENTRAL,
  copenhagen,
  createMember,
  dateFromToday,
  freeTime,
  mainOffice,
  nextWeekday,
  type CreatedMember,
  type MainOffice,
  itemOf,
} from '../support/booking-factories.js';
import { clearSummonsSlots } from '../support/kpi-factories.js';
import { waitFor } from '../support/message-servers.js';
import { messagesOf } from '../support/messaging-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Messages caused by the office: a session moved (one transaction with its bookings, their SEQUENCE and the
 * participants' messages), the smiley's summons and service call, and the adviser's morning summary.
 */
describe('office changes and staff messages', () => {
  let t: TestApp;
  let office: MainOffice;
  let adviser: { id: string; departmentId: string };
  const staff = () => ({ role: 'adviser' as const, subjectId: adviser.id, departmentId: office.departmentId });
  /** The n-th active adviser of the fund (by employee number), with their department. */
  const anyAdviser = async (n: number): Promise<{ id: string; departmentId: string }> =>
    (
      await t.db.query(
        `SELECT s.id, o.department_id AS "departmentId" FROM staff s JOIN office o ON o.id = s.office_id WHERE s.role = 'adviser' AND s.active ORDER BY s.employee_number OFFSET $1 LIMIT 1`,
        [n],
      )
    )[0];
  const as = (person: { id: string; departmentId: string }) => ({
    role: 'adviser' as const,
    subjectId: person.id,
    departmentId: person.departmentId,
  });

  beforeAll(async () => {
    t = await createTestApp();
    office = await mainOffice(t, 'Esbjerg');
    adviser = await adviserAt(t, office.id, 0);
  });
  afterAll(() => t.close());

  describe('moving a session', () => {
    const room = () => office.rooms.find((r) => r.name === 'Netcafé') ?? office.rooms[0];

    async function session(date: string, preferred = '13:00') {
      const time = await freeTime(t, office.id, date, 120, { staffIds: [adviser.id], roomId: room().id, preferred });
      const response = await t.http
        .post(`/api/offices/${office.id}/sessions`)
        .set(t.auth(CENTRAL))
        .send({
          activityCode: 'netcafe',
          roomId: room().id,
          leaderIds: [adviser.id],
          start: copenhagen(date, time),
          capacity: 4,
        });
      expect(response.status).toBe(201);
      return response.body as { id: string; start: string; end: string };
    }

    /** A member with an e-mail address whose netcafé item's window runs over [from, to). */
    async function participant(from: string, to: string): Promise<CreatedMember> {
      const member = await createMember(t, office, {
        firstUnemploymentDay: dateFromToday(-30),
        targetGroup: 'it',
        basicItNeeds: true,
      });
      await t.db.query(`UPDATE member SET email = $2 WHERE id = $1`, [
        member.id,
        `p-${member.id.slice(0, 8)}@example.org`,
      ]);
      await t.db.query(`UPDATE programme_item SET window_start = $2::date, window_end = $3::date WHERE id = $1`, [
        itemOf(member, 'netcafe').id,
        from,
        to,
      ]);
      return member;
    }

    const book = (member: CreatedMember, sessionId: string) =>
      t.http
        .post('/api/bookings')
        .set(t.auth(CENTRAL))
        .send({ memberId: member.id, programmeItemId: itemOf(member, 'netcafe').id, sessionId });

    const bookingRow = async (id: string) =>
      (
        await t.db.query(
          `SELECT lower(during) AS start, upper(during) AS "end", ical_sequence AS sequence, status FROM booking WHERE id = $1`,
          [id],
        )
      )[0] as { start: Date; end: Date; sequence: number; status: string };
    const moved = async (memberId: string) =>
      (await messagesOf(t, memberId)).filter((m) => m.event === 'session-moved');

    it('moves the session and its bookings in one transaction, raises their SEQUENCE and tells each participant the old and new time', async () => {
      const from = nextWeekday(2, 21);
      const to = nextWeekday(4, 21);
      const planned = await session(from);
      const members = [
        await participant(dateFromToday(0), dateFromToday(60)),
        await participant(dateFromToday(0), dateFromToday(60)),
      ];
      const bookings = await Promise.all(members.map((m) => book(m, planned.id)));
      expect(bookings.map((b) => b.status)).toEqual([201, 201]);
      const before = await Promise.all(bookings.map((b) => bookingRow(b.body.id)));
      const [{ sequence: sessionSequence }] = await t.db.query(
        `SELECT ical_sequence AS sequence FROM session WHERE id = $1`,
        [planned.id],
      );

      const newTime = await freeTime(t, office.id, to, 120, {
        staffIds: [adviser.id],
        roomId: room().id,
        preferred: '10:00',
      });
      const response = await t.http
        .patch(`/api/sessions/${planned.id}`)
        .set(t.auth(staff()))
        .send({ start: copenhagen(to, newTime) });
      expect(response.status).toBe(200);
      const newStart = new Date(copenhagen(to, newTime));
      expect(new Date(response.body.start)).toEqual(newStart);
      expect(Date.parse(response.body.end) - Date.parse(response.body.start)).toBe(
        Date.parse(planned.end) - Date.parse(planned.start),
      );

      for (const [i, booking] of bookings.entries()) {
        const after = await bookingRow(booking.body.id);
        expect(after.start).toEqual(newStart);
        expect(after.status).toBe('booked');
        expect(after.sequence).toBeGreaterThan(before[i].sequence);
        const messages = await moved(members[i].id);
        expect(messages.map((m) => m.channel).sort()).toEqual(['email', 'inbox']);
        expect(messages[0].payload.bookingId).toBe(booking.body.id);
        expect(new Date(messages[0].payload.previousStart as string)).toEqual(new Date(planned.start));
        expect(new Date(messages[0].payload.start as string)).toEqual(newStart);
      }
      const [{ sequence: newSessionSequence }] = await t.db.query(
        `SELECT ical_sequence AS sequence FROM session WHERE id = $1`,
        [planned.id],
      );
      expect(newSessionSequence).toBeGreaterThan(sessionSequence);

      const inbox = await t.http
        .get(`/api/members/${members[0].id}/inbox`)
        .set(t.auth({ role: 'member', subjectId: members[0].id }));
      const wall = (iso: string) =>
        new Intl.DateTimeFormat('en-GB', {
          timeZone: 'Europe/Copenhagen',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }).format(new Date(iso));
      const message = inbox.body.find((m: { event: string }) => m.event === 'session-moved');
      expect(message.text).toContain(`fra `);
      expect(message.text).toContain(`kl. ${wall(planned.start)} til `);
      expect(message.text).toContain(`kl. ${newTime}`);
      expect(message.text).toContain(`/member?booking=${bookings[0].body.id}`);

      const audit = await t.db.query(`SELECT action FROM audit_event WHERE entity_id = $1 AND action = 'move'`, [
        planned.id,
      ]);
      expect(audit).toHaveLength(1);
    });

    it('refuses a move outside a participant’s programme window (409 SESSION_MOVE_OUTSIDE_WINDOW) and changes nothing', async () => {
      const from = nextWeekday(2, 28);
      const planned = await session(from);
      const inside = await participant(dateFromToday(0), dateFromToday(90));
      // This one's window closes the day after the session: the move two days later leaves it.
      const short = await participant(
        dateFromToday(0),
        new Date(Date.parse(`${from}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10),
      );
      const [a, b] = [await book(inside, planned.id), await book(short, planned.id)];
      expect([a.status, b.status]).toEqual([201, 201]);
      const later = nextWeekday(4, 29);
      const newTime = await freeTime(t, office.id, later, 120, {
        staffIds: [adviser.id],
        roomId: room().id,
        preferred: '10:00',
      });
      const response = await t.http
        .patch(`/api/sessions/${planned.id}`)
        .set(t.auth(staff()))
        .send({ start: copenhagen(later, newTime) });
      expect([response.status, response.body.code]).toEqual([409, 'SESSION_MOVE_OUTSIDE_WINDOW']);
      expect(response.body.details).toEqual({ bookingIds: [b.body.id] });
      expect((await bookingRow(a.body.id)).start).toEqual(new Date(planned.start));
      const [{ start }] = await t.db.query(`SELECT lower(during) AS start FROM session WHERE id = $1`, [planned.id]);
      expect(start).toEqual(new Date(planned.start));
      expect(await moved(inside.id)).toEqual([]);

      // Validation as for a new session: nothing to move, the past, too short, another office's room, members 403.
      const patch = (body: object, principal: Parameters<TestApp['auth']>[0] = staff()) =>
        t.http.patch(`/api/sessions/${planned.id}`).set(t.auth(principal)).send(body);
      expect((await patch({})).body.code).toBe('NOTHING_TO_MOVE');
      expect((await patch({ start: copenhagen(dateFromToday(-3), '10:00') })).body.code).toBe('IN_THE_PAST');
      expect((await patch({ end: new Date(Date.parse(planned.start) + 5 * 60_000).toISOString() })).body.code).toBe(
        'TOO_SHORT',
      );
      const other = await mainOffice(t, 'Aalborg');
      expect((await patch({ roomId: other.rooms[0].id })).body.code).toBe('UNKNOWN_ROOM');
      expect(
        (await patch({ start: copenhagen(later, newTime) }, { role: 'member', subjectId: inside.id })).status,
      ).toBe(403);
    });

    it('rolls back the whole move, messages included, when a later statement of its transaction fails', async () => {
      const from = nextWeekday(2, 35);
      const planned = await session(from);
      const member = await participant(dateFromToday(0), dateFromToday(90));
      const booking = await book(member, planned.id);
      expect(booking.status).toBe(201);
      // The audit entry is the move's last write: make it fail, after the session, bookings and messages were written.
      await t.db.query(`
        CREATE OR REPLACE FUNCTION test_fail_session_move() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.action = 'move' AND NEW.entity_id = '${planned.id}' THEN RAISE EXCEPTION 'audit is down'; END IF;
          RETURN NEW;
        END $$`);
      await t.db.query(
        `CREATE TRIGGER tr_test_fail_session_move BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION test_fail_session_move()`,
      );
      try {
        const later = nextWeekday(4, 35);
        const newTime = await freeTime(t, office.id, later, 120, {
          staffIds: [adviser.id],
          roomId: room().id,
          preferred: '10:00',
        });
        const response = await t.http
          .patch(`/api/sessions/${planned.id}`)
          .set(t.auth(staff()))
          .send({ start: copenhagen(later, newTime) });
        expect(response.status).toBeGreaterThanOrEqual(500);
      } finally {
        await t.db.query(`DROP TRIGGER tr_test_fail_session_move ON audit_event`);
        await t.db.query(`DROP FUNCTION test_fail_session_move()`);
      }
      expect((await bookingRow(booking.body.id)).start).toEqual(new Date(planned.start));
      expect(await moved(member.id)).toEqual([]);
    });

    it('a member booking a seat while the session moves gets the new time, never the one read before the move', async () => {
      const from = nextWeekday(2, 42);
      const to = nextWeekday(4, 42);
      const planned = await session(from);
      const first = await participant(dateFromToday(0), dateFromToday(90));
      const firstBooking = await book(first, planned.id);
      expect(firstBooking.status).toBe(201);
      const racer = await participant(dateFromToday(0), dateFromToday(90));
      const newTime = await freeTime(t, office.id, to, 120, {
        staffIds: [adviser.id],
        roomId: room().id,
        preferred: '10:00',
      });

      // Hold the first booking's row: the move locks the session, then waits for that booking; the racer reads
      // the session (still at the old time) and waits for the session's row to take a seat.
      const holder = t.db.createQueryRunner();
      await holder.connect();
      await holder.startTransaction();
      try {
        await holder.query(`SELECT 1 FROM booking WHERE id = $1 FOR UPDATE`, [firstBooking.body.id]);
        const move = t.http
          .patch(`/api/sessions/${planned.id}`)
          .set(t.auth(staff()))
          .send({ start: copenhagen(to, newTime) })
          .then((r) => r);
        await waitFor(
          async () =>
            (
              await t.db.query(
                `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
              )
            )[0].n >= 1
              ? true
              : undefined,
          20_000,
          'the move waiting',
        );
        const booking = book(racer, planned.id).then((r) => r);
        await waitFor(
          async () =>
            (
              await t.db.query(
                `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
              )
            )[0].n >= 2
              ? true
              : undefined,
          20_000,
          'the booking waiting',
        );
        await holder.commitTransaction();
        const [moveResponse, bookingResponse] = await Promise.all([move, booking]);
        expect(moveResponse.status).toBe(200);
        expect(bookingResponse.status).toBe(201);
        const newStart = new Date(copenhagen(to, newTime));
        expect((await bookingRow(bookingResponse.body.id)).start).toEqual(newStart);
        expect((await bookingRow(firstBooking.body.id)).start).toEqual(newStart);
        const confirmation = (await messagesOf(t, racer.id)).find(
          (m) => m.event === 'booking-confirmed' && m.channel === 'inbox',
        );
        expect(new Date(confirmation!.payload.start as string)).toEqual(newStart);
      } finally {
        if (holder.isTransactionActive) await holder.rollbackTransaction();
        await holder.release();
      }
    });
  });

  describe('smiley', () => {
    it('red: the member gets a summons message with its time; yellow: a service call in the adviser’s task list and no message to the member', async () => {
      const closures = new Set<string>(
        (
          (await t.db.query(`SELECT day::text AS day FROM closure_day WHERE office_id = $1`, [office.id])) as {
            day: string;
          }[]
        ).map((r) => r.day),
      );
      const window = endOfNthWorkingDay(new Date(), 5, closures);
      await clearSummonsSlots(t.db, office.id, window.end);
      const day = addWorkingDays(localDate(new Date()), 1, closures);
      const time = await freeTime(t, office.id, day, 45, { staffIds: [adviser.id], preferred: '09:00' });
      const slot = await t.http
        .post(`/api/offices/${office.id}/slots`)
        .set(t.auth(CENTRAL))
        .send({
          staffId: adviser.id,
          activityCodes: ['follow-up'],
          channel: 'in-person',
          start: copenhagen(day, time),
          end: new Date(Date.parse(copenhagen(day, time)) + 45 * 60_000).toISOString(),
        });
      expect(slot.status).toBe(201);
      const red = await createMember(t, office, { firstUnemploymentDay: dateFromToday(-40) });
      await t.db.query(`UPDATE member SET email = 'red@example.org' WHERE id = $1`, [red.id]);
      const summons = await t.http.put(`/api/members/${red.id}/smiley`).set(t.auth(staff())).send({ smiley: 'red' });
      expect(summons.body.summons.booked).toBe(true);
      const messages = (await messagesOf(t, red.id)).filter((m) => m.event === 'summons');
      expect(messages.map((m) => m.channel).sort()).toEqual(['email', 'inbox']);
      expect(messages[0].payload).toMatchObject({
        bookingId: summons.body.summons.booking.id,
        activityCode: 'summons',
      });
      expect(new Date(messages[0].payload.start as string)).toEqual(new Date(summons.body.summons.booking.start));
      const inbox = await t.http.get(`/api/members/${red.id}/inbox`).set(t.auth({ role: 'member', subjectId: red.id }));
      expect(inbox.body[0].subject).toMatch(new RegExp(`^Indkaldelse: .* kl\\. ${time}$`));
      expect((await messagesOf(t, red.id)).some((m) => m.event === 'booking-confirmed')).toBe(false);

      const yellow = await createMember(t, office, { firstUnemploymentDay: dateFromToday(-40) });
      await t.db.query(`UPDATE member SET email = 'yellow@example.org' WHERE id = $1`, [yellow.id]);
      const call = await t.http.put(`/api/members/${yellow.id}/smiley`).set(t.auth(staff())).send({ smiley: 'yellow' });
      expect(call.status).toBe(200);
      const tasks = await t.http.get('/api/tasks').query({ officeId: office.id, status: 'open' }).set(t.auth(staff()));
      expect(
        tasks.body
          .filter((task: { memberId: string; kind: string }) => task.memberId === yellow.id)
          .map((task: { kind: string }) => task.kind),
      ).toEqual(['service-call']);
      expect(await messagesOf(t, yellow.id)).toEqual([]);
      const yellowInbox = await t.http
        .get(`/api/members/${yellow.id}/inbox`)
        .set(t.auth({ role: 'member', subjectId: yellow.id }));
      expect(yellowInbox.body).toEqual([]);
    });
  });

  describe("the adviser's day", () => {
    let scheduler: (at: string) => MessageSchedulerService;
    // The adviser's day messages only: other suites on the shared database may send the same adviser other messages
    // (slots withdrawn by an optimiser run's apply made this test fail once).
    const staffMessages = async (staffId: string) =>
      (await t.db.query(
        `SELECT id::text, event, event_key AS "eventKey", channel, payload FROM message WHERE staff_id = $1 AND event = 'adviser-day' ORDER BY id`,
        [staffId],
      )) as {
        id: string;
        event: string;
        eventKey: string;
        channel: string;
        payload: { date: string; appointments: { start: string; activityCode: string; room?: string; kind: string }[] };
      }[];

    beforeAll(() => {
      // The scheduler with the injected Clock standing where the test says.
      scheduler = (at) =>
        new MessageSchedulerService(
          t.app.get(MessagingRepository),
          t.app.get<AppConfig>(APP_CONFIG),
          new FixedClock(at),
        );
    });

    /** A session the staff member leads, written straight into the table (offices are closed on Sundays). */
    async function ledSession(staffId: string, start: string, minutes: number) {
      const room = office.rooms[0];
      const [{ id }] = await t.db.query(
        `INSERT INTO session (office_id, room_id, activity_code, during, capacity, min_participants, cutoff_at)
         VALUES ($1, $2, 'netcafe', tstzrange($3::timestamptz, $3::timestamptz + make_interval(mins => $4)), 2, 1, $3::timestamptz - interval '3 days') RETURNING id`,
        [office.id, room.id, start, minutes],
      );
      await t.db.query(`INSERT INTO session_leader (session_id, staff_id) VALUES ($1, $2)`, [id, staffId]);
      return id as string;
    }

    it('is opt-in by the staff member themself only', async () => {
      const other = await anyAdviser(40);
      const mine = await t.http.get(`/api/staff/${adviser.id}/message-preferences`).set(t.auth(staff()));
      expect(mine.body).toEqual({ staffId: adviser.id, adviserDay: false, language: 'da' });
      const saved = await t.http
        .put(`/api/staff/${adviser.id}/message-preferences`)
        .set(t.auth(staff()))
        .send({ adviserDay: true, language: 'en' });
      expect([saved.status, saved.body.adviserDay, saved.body.language]).toEqual([200, true, 'en']);
      expect((await t.http.get(`/api/staff/${other.id}/message-preferences`).set(t.auth(staff()))).status).toBe(404);
      expect(
        (
          await t.http
            .put(`/api/staff/${other.id}/message-preferences`)
            .set(t.auth(CENTRAL))
            .send({ adviserDay: true, language: 'da' })
        ).status,
      ).toBe(404);
      expect(
        (
          await t.http
            .get(`/api/staff/${adviser.id}/message-preferences`)
            .set(t.auth({ role: 'member', subjectId: adviser.id }))
        ).status,
      ).toBe(403);
      expect(
        (
          await t.http
            .put(`/api/staff/${adviser.id}/message-preferences`)
            .set(t.auth(staff()))
            .send({ adviserDay: 'yes', language: 'da' })
        ).status,
      ).toBe(400);
      await t.http
        .put(`/api/staff/${adviser.id}/message-preferences`)
        .set(t.auth(staff()))
        .send({ adviserDay: true, language: 'da' });
    });

    it('goes at 07:00 Copenhagen time on the last Sunday of March (05:00 UTC) with the 23-hour day’s appointments, once', async () => {
      const leader = await anyAdviser(41);
      expect(
        (
          await t.http
            .put(`/api/staff/${leader.id}/message-preferences`)
            .set(t.auth(as(leader)))
            .send({ adviserDay: true, language: 'da' })
        ).status,
      ).toBe(200);
      // 28 March 2027: the clocks go forward at 02:00. 00:30 local is 23:30 UTC the day before; 23:30 local is 21:30 UTC.
      const early = await ledSession(leader.id, '2027-03-27T23:30:00Z', 30);
      const late = await ledSession(leader.id, '2027-03-28T21:30:00Z', 20);
      await ledSession(leader.id, '2027-03-28T22:30:00Z', 20); // 00:30 on Monday: not Sunday's.
      await ledSession(leader.id, '2027-03-27T22:30:00Z', 20); // 23:30 on Saturday.

      await scheduler('2027-03-28T04:59:00Z').scan();
      expect(await staffMessages(leader.id)).toEqual([]);
      await scheduler('2027-03-28T05:00:00Z').scan();
      await scheduler('2027-03-28T05:01:00Z').scan();
      await scheduler('2027-03-28T12:00:00Z').scan();
      const messages = await staffMessages(leader.id);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({ event: 'adviser-day', eventKey: 'adviser-day:2027-03-28', channel: 'email' });
      expect(messages[0].payload.date).toBe('2027-03-28');
      expect(messages[0].payload.appointments.map((a) => [new Date(a.start).toISOString(), a.kind])).toEqual([
        ['2027-03-27T23:30:00.000Z', 'session'],
        ['2027-03-28T21:30:00.000Z', 'session'],
      ]);
      expect(JSON.stringify(messages[0].payload)).not.toMatch(/member|Testmedlem/i);
      await t.db.query(`UPDATE session SET status = 'cancelled' WHERE id = ANY($1::uuid[])`, [[early, late]]);
    });

    it('goes at 07:00 Copenhagen time on the last Sunday of October (06:00 UTC), lists booked slots, and sends nothing on a day without appointments', async () => {
      const leader = await anyAdviser(42);
      const idle = await anyAdviser(43);
      for (const person of [leader, idle]) {
        expect(
          (
            await t.http
              .put(`/api/staff/${person.id}/message-preferences`)
              .set(t.auth(as(person)))
              .send({ adviserDay: true, language: 'en' })
          ).status,
        ).toBe(200);
      }
      // 31 October 2027: the clocks go back at 03:00; 02:30 happens twice. 00:30 UTC is 02:30 CEST, 23:30 CET is 22:30 UTC.
      await ledSession(leader.id, '2027-10-31T00:30:00Z', 30);
      await ledSession(leader.id, '2027-10-31T22:30:00Z', 20);
      await ledSession(leader.id, '2027-10-31T23:10:00Z', 20); // 00:10 on Monday.
      // A booked slot of the leader's on that Sunday, written in SQL too (no opening hours on a Sunday).
      const member = await createMember(t, office, { firstUnemploymentDay: dateFromToday(-30) });
      await t.db.query(
        `WITH s AS (
           INSERT INTO slot (office_id, staff_id, activity_codes, channel, during)
           VALUES ($1, $2, '{follow-up}', 'phone', tstzrange('2027-10-31T09:00:00Z', '2027-10-31T09:30:00Z')) RETURNING id, office_id, during
         )
         INSERT INTO booking (member_id, programme_item_id, slot_id, office_id, activity_code, channel, during, status, booked_by_role)
         SELECT $3, $4, s.id, s.office_id, 'follow-up', 'phone', s.during, 'booked', 'adviser' FROM s`,
        [office.id, leader.id, member.id, itemOf(member, 'follow-up').id],
      );

      await scheduler('2027-10-31T05:59:00Z').scan();
      expect(await staffMessages(leader.id)).toEqual([]);
      await scheduler('2027-10-31T06:00:00Z').scan();
      await scheduler('2027-10-31T06:00:30Z').scan();
      const messages = await staffMessages(leader.id);
      expect(messages).toHaveLength(1);
      expect(
        messages[0].payload.appointments.map((a) => [new Date(a.start).toISOString(), a.kind, a.activityCode]),
      ).toEqual([
        ['2027-10-31T00:30:00.000Z', 'session', 'netcafe'],
        ['2027-10-31T09:00:00.000Z', 'slot', 'follow-up'],
        ['2027-10-31T22:30:00.000Z', 'session', 'netcafe'],
      ]);
      expect(await staffMessages(idle.id)).toEqual([]);
    });
  });
});
