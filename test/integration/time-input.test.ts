import {
  CENTRAL,
  copenhagen,
  dateFromToday,
  freeTime,
  isDayOff,
  mainOffice,
  nextWeekday,
  type MainOffice,
} from '../support/booking-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const MINUTE = 60_000;

/** The last Sunday of a month (3 = March, 10 = October): the days Europe/Copenhagen changes its clocks. */
function lastSunday(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0));
  last.setUTCDate(last.getUTCDate() - last.getUTCDay());
  return last.toISOString().slice(0, 10);
}

/** The next clock change of this kind at least a week ahead that is not a public holiday (Easter Sunday can be one). */
function nextClockChange(kind: 'spring' | 'autumn'): string {
  for (let year = new Date().getUTCFullYear(); ; year++) {
    const date = lastSunday(year, kind === 'spring' ? 3 : 10);
    if (date >= dateFromToday(7) && !isDayOff(date)) return date;
  }
}

/** Wall-clock HH:MM of an instant in Copenhagen. */
function wallClock(instant: Date | string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Copenhagen',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

describe('time input', () => {
  let t: TestApp;
  let office: MainOffice;
  let advisers: string[];

  beforeAll(async () => {
    t = await createTestApp();
    office = await mainOffice(t, 'Odense');
    // Demo advisers (creating staff would change the fund's staff counts other tests check). Each test that
    // publishes on a clock-change night, when the demo schedule has nothing, takes an adviser of its own.
    const staff = await t.http.get('/api/staff').query({ role: 'adviser' }).set(t.auth(CENTRAL));
    advisers = (staff.body as { id: string }[]).map((s) => s.id).slice(-6);
  }, 120_000);
  afterAll(() => t.close());

  /** The staff member's slots in the night of a clock change (midnight to noon, Copenhagen time). */
  async function nightSlots(staffId: string, date: string): Promise<{ start: Date; end: Date }[]> {
    return t.db.query(
      `SELECT lower(during) AS start, upper(during) AS "end" FROM slot WHERE staff_id = $1 AND lower(during) >= $2 AND lower(during) < $3 ORDER BY lower(during)`,
      [staffId, `${date}T00:00:00+01:00`, `${date}T12:00:00+02:00`],
    );
  }

  /** Publishes follow-up phone slots on one Sunday (a clock-change day) with one pattern entry. */
  function publishSunday(staffId: string, date: string, entry: { start: string; end: string; slotMinutes: number }) {
    return t.http
      .post(`/api/offices/${office.id}/slots/bulk`)
      .set(t.auth(CENTRAL))
      .send({
        staffId,
        activityCodes: ['follow-up'],
        channel: 'phone',
        from: date,
        to: date,
        pattern: [{ weekday: 7, ...entry }],
      });
  }

  /**
   * A netcafé leader, room and weekday time. The times these tests send are refused before anyone's calendar is
   * looked at, so a free time is only preferred (the demo schedule can fill a day).
   */
  async function netcafeSetup() {
    const leaders = await t.http
      .get('/api/staff')
      .query({ officeId: office.id, role: 'adviser', skill: 'netcafe' })
      .set(t.auth(CENTRAL));
    const leaderId = leaders.body[0].id as string;
    const room = office.rooms.find((r) => r.name === 'Netcafé') ?? office.rooms[0];
    const date = nextWeekday(3, 10);
    const time = await freeTime(t, office.id, date, 30, {
      staffIds: [leaderId],
      roomId: room.id,
      preferred: '10:00',
    }).catch(() => '10:00');
    return { leaderId, room, date, time };
  }

  describe('timestamps without an offset are Copenhagen wall-clock time', () => {
    it('reads "…T10:00:00" as 10:00 in Copenhagen, and keeps offsets and Z as they are', async () => {
      const staffId = advisers[0];
      const date = nextWeekday(2, 9);
      const time = await freeTime(t, office.id, date, 60, { staffIds: [staffId], preferred: '10:00' });
      const half = `${String(Math.floor((minutesOf(time) + 30) / 60)).padStart(2, '0')}:${String((minutesOf(time) + 30) % 60).padStart(2, '0')}`;
      const local = await t.http
        .post(`/api/offices/${office.id}/slots`)
        .set(t.auth(CENTRAL))
        .send({
          staffId,
          activityCodes: ['follow-up'],
          channel: 'in-person',
          start: `${date}T${time}:00`,
          end: `${date}T${half}`,
        });
      expect(local.status).toBe(201);
      expect(new Date(local.body.start).toISOString()).toBe(new Date(copenhagen(date, time)).toISOString());
      expect(new Date(local.body.end).toISOString()).toBe(new Date(copenhagen(date, half)).toISOString());

      const zulu = new Date(copenhagen(date, half)).toISOString();
      const withZ = await t.http
        .post(`/api/offices/${office.id}/slots`)
        .set(t.auth(CENTRAL))
        .send({
          staffId,
          activityCodes: ['follow-up'],
          channel: 'in-person',
          start: zulu,
          end: new Date(Date.parse(zulu) + 30 * MINUTE).toISOString(),
        });
      expect(withZ.status).toBe(201);
      expect(new Date(withZ.body.start).toISOString()).toBe(zulu);
    });

    it('refuses a local time that does not exist (the spring gap) with 422 NONEXISTENT_LOCAL_TIME naming the field', async () => {
      const staffId = advisers[1];
      const spring = nextClockChange('spring');
      const response = await t.http
        .post(`/api/offices/${office.id}/slots`)
        .set(t.auth(CENTRAL))
        .send({
          staffId,
          activityCodes: ['follow-up'],
          channel: 'phone',
          start: `${spring}T02:30:00`,
          end: `${spring}T03:30:00`,
        });
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('NONEXISTENT_LOCAL_TIME');
      expect(response.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['start']);
      expect(response.body.requestId).toEqual(expect.any(String));
    });

    it('takes the first (summer-time) occurrence of a repeated autumn hour', async () => {
      const staffId = advisers[1];
      const autumn = nextClockChange('autumn');
      const response = await t.http
        .post(`/api/offices/${office.id}/slots`)
        .set(t.auth(CENTRAL))
        .send({
          staffId,
          activityCodes: ['follow-up'],
          channel: 'phone',
          start: `${autumn}T02:00`,
          end: `${autumn}T02:30`,
        });
      expect(response.status).toBe(201);
      // 02:00 summer time (UTC+2) is midnight UTC; the second 02:00 (UTC+1) would be 01:00 UTC.
      expect(new Date(response.body.start).toISOString()).toBe(`${autumn}T00:00:00.000Z`);
      expect(new Date(response.body.end).getTime() - new Date(response.body.start).getTime()).toBe(30 * MINUTE);
    });
  });

  describe('weekly patterns across a clock change', () => {
    it('spring: every slot lasts its 30 wall-clock minutes; times in the missing hour are skipped as NONEXISTENT_LOCAL_TIME', async () => {
      const staffId = advisers[2];
      const spring = nextClockChange('spring');
      const response = await publishSunday(staffId, spring, { start: '01:00', end: '04:00', slotMinutes: 30 });
      expect(response.status).toBe(201);
      const slots = await nightSlots(staffId, spring);
      expect(slots.map((s) => wallClock(s.start))).toEqual(['01:00', '03:00', '03:30']);
      for (const slot of slots) {
        expect(slot.end.getTime() - slot.start.getTime()).toBe(30 * MINUTE);
        expect(minutesOf(wallClock(slot.end)) - minutesOf(wallClock(slot.start))).toBe(30);
      }
      const skipped = response.body.skipped.filter((s: { date: string }) => s.date === spring);
      expect(skipped).toEqual([
        { date: spring, start: '01:30', reason: 'NONEXISTENT_LOCAL_TIME' },
        { date: spring, start: '02:00', reason: 'NONEXISTENT_LOCAL_TIME' },
        { date: spring, start: '02:30', reason: 'NONEXISTENT_LOCAL_TIME' },
      ]);
      expect(response.body.created).toBe(3);
    });

    it('spring: a pattern entry starting inside the gap is skipped, not a 500 or CHECK_VIOLATION', async () => {
      const staffId = advisers[3];
      const spring = nextClockChange('spring');
      const response = await publishSunday(staffId, spring, { start: '02:30', end: '03:30', slotMinutes: 60 });
      expect(response.status).toBe(201);
      expect(response.body.created).toBe(0);
      expect(response.body.skipped).toEqual([{ date: spring, start: '02:30', reason: 'NONEXISTENT_LOCAL_TIME' }]);
    });

    it('autumn: both occurrences of 02:00–02:30 are published, every slot lasts 30 minutes, none 90', async () => {
      const staffId = advisers[4];
      const autumn = nextClockChange('autumn');
      const response = await publishSunday(staffId, autumn, { start: '01:00', end: '04:00', slotMinutes: 30 });
      expect(response.status).toBe(201);
      const slots = await nightSlots(staffId, autumn);
      for (const slot of slots) expect(slot.end.getTime() - slot.start.getTime()).toBe(30 * MINUTE);
      expect(slots.map((s) => wallClock(s.start))).toEqual([
        '01:00',
        '01:30',
        '02:00',
        '02:00',
        '02:30',
        '03:00',
        '03:30',
      ]);
      expect(slots.filter((s) => wallClock(s.start) === '02:00').map((s) => s.start.toISOString())).toEqual([
        `${autumn}T00:00:00.000Z`,
        `${autumn}T01:00:00.000Z`,
      ]);
      // The first 02:30 would end at 03:00 ninety minutes later (the clock goes back in between).
      expect(response.body.skipped).toEqual([{ date: autumn, start: '02:30', reason: 'SPANS_CLOCK_CHANGE' }]);
      expect(response.body.created).toBe(7);
    });
  });

  describe('appointment times are whole minutes and last at least 10 minutes', () => {
    it('refuses a session from 10:00:00.100 to 10:00:00.900 with 400 naming start and end', async () => {
      const { leaderId, room, date, time } = await netcafeSetup();
      const start = copenhagen(date, time).replace(':00+', ':00.100+');
      const end = copenhagen(date, time).replace(':00+', ':00.900+');
      const response = await t.http
        .post(`/api/offices/${office.id}/sessions`)
        .set(t.auth(CENTRAL))
        .send({ activityCode: 'netcafe', roomId: room.id, leaderIds: [leaderId], start, end });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['end', 'start']);
    });

    it('refuses seconds in a slot time', async () => {
      const staffId = advisers[0];
      const date = nextWeekday(2, 9);
      const response = await t.http
        .post(`/api/offices/${office.id}/slots`)
        .set(t.auth(CENTRAL))
        .send({
          staffId,
          activityCodes: ['follow-up'],
          channel: 'in-person',
          start: `${date}T10:00:30`,
          end: `${date}T10:30:00`,
        });
      expect(response.status).toBe(400);
      expect(response.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['start']);
    });

    it('refuses a 5-minute session and a 5-minute slot with 422 TOO_SHORT', async () => {
      const { leaderId, room, date, time } = await netcafeSetup();
      const start = copenhagen(date, time);
      const end = new Date(Date.parse(start) + 5 * MINUTE).toISOString();
      const session = await t.http
        .post(`/api/offices/${office.id}/sessions`)
        .set(t.auth(CENTRAL))
        .send({ activityCode: 'netcafe', roomId: room.id, leaderIds: [leaderId], start, end });
      expect(session.status).toBe(422);
      expect(session.body.code).toBe('TOO_SHORT');
      const slot = await t.http
        .post(`/api/offices/${office.id}/slots`)
        .set(t.auth(CENTRAL))
        .send({ staffId: leaderId, activityCodes: ['follow-up'], channel: 'in-person', start, end });
      expect(slot.status).toBe(422);
      expect(slot.body.code).toBe('TOO_SHORT');
    });

    it('lets PostgreSQL itself refuse a slot or session that is not whole minutes or shorter than 10 minutes', async () => {
      const staffId = advisers[5];
      const date = nextWeekday(4, 30);
      const start = copenhagen(date, '10:00');
      const insertSlot = (from: string, minutes: number) =>
        t.db.query(
          `INSERT INTO slot (office_id, staff_id, activity_codes, channel, during) VALUES ($1, $2, ARRAY['follow-up'], 'phone', tstzrange($3::timestamptz, $3::timestamptz + make_interval(secs => $4)))`,
          [office.id, staffId, from, minutes * 60],
        );
      await expect(insertSlot(start.replace(':00+', ':00.100+'), 30)).rejects.toMatchObject({
        constraint: 'ck_slot_appointment_times',
      });
      await expect(insertSlot(start, 0.5)).rejects.toMatchObject({ constraint: 'ck_slot_appointment_times' });
      await expect(insertSlot(start, 5)).rejects.toMatchObject({ constraint: 'ck_slot_appointment_times' });
      const room = office.rooms[0];
      await expect(
        t.db.query(
          `INSERT INTO session (office_id, room_id, activity_code, during, capacity, min_participants, cutoff_at)
           VALUES ($1, $2, 'netcafe', tstzrange($3::timestamptz, $3::timestamptz + interval '800 milliseconds'), 2, 2, $3::timestamptz)`,
          [office.id, room.id, new Date(Date.parse(start) + 365 * 86_400_000).toISOString()],
        ),
      ).rejects.toMatchObject({ constraint: 'ck_session_appointment_times' });
    });
  });
});
