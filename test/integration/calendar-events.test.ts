import type { INestApplication } from '@nestjs/common';
import ICAL from 'ical.js';
import { pino } from 'pino';
import supertest from 'supertest';
import type { DataSource, EntityManager } from 'typeorm';
import { validateIcs } from '../../src/calendar/ics/index.js';
import { loadConfig } from '../../src/common/config/app-config.js';
import { createHttpApp } from '../../src/http-app.js';
import { CalendarFactories, type TestOffice, wallTime } from '../support/calendar-factories.js';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app.js';
import { readTestEnvironment } from '../support/test-environment.js';

const central = { role: 'central-coordinator' as const, subjectId: '00000000-0000-4000-8000-0000000000e1' };

interface FeedEvent {
  uid: string;
  sequence: number;
  start: string;
  summary: string;
  status: string | null;
  url: string | null;
}

function parseFeed(text: string): FeedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtimezone);
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      sequence: event.sequence,
      start: event.startDate.toJSDate().toISOString(),
      summary: event.summary,
      status: (component.getFirstPropertyValue('status') as string | null) ?? null,
      url: (component.getFirstPropertyValue('url') as string | null) ?? null,
    };
  });
}

/**
 * Writes a row as a manual fix or older data might have left it: past every CHECK constraint and
 * trigger the schema has (now or later), which are put back afterwards (the checks NOT VALID, so the row
 * stays). The row-level guards are another test's business; this is about what the feeds do with it.
 */
async function writeBadRow(
  db: DataSource,
  table: string,
  work: (manager: EntityManager) => Promise<void>,
): Promise<void> {
  await db.transaction(async (manager) => {
    const checks: { name: string; definition: string }[] = await manager.query(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'c'`,
      [table],
    );
    for (const check of checks) await manager.query(`ALTER TABLE ${table} DROP CONSTRAINT ${check.name}`);
    await manager.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    await work(manager);
    await manager.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
    for (const check of checks)
      await manager.query(`ALTER TABLE ${table} ADD CONSTRAINT ${check.name} ${check.definition} NOT VALID`);
  });
}

describe('calendar events', () => {
  let t: TestApp;
  let f: CalendarFactories;
  let office: TestOffice;
  let adviserA: string;
  let adviserB: string;

  const feedPath = async (kind: string, subjectId: string) => {
    const response = await t.http.post('/api/calendar/feeds').set(t.auth(central)).send({ kind, subjectId });
    expect(response.status).toBe(201);
    return new URL(response.body.url).pathname;
  };
  const feed = async (path: string) => {
    const response = await t.http.get(path);
    expect(response.status).toBe(200);
    expect(validateIcs(response.text)).toEqual([]);
    return { etag: response.headers.etag as string, events: parseFeed(response.text) };
  };
  const ofBooking = (events: FeedEvent[], bookingId: string) =>
    events.filter((event) => event.url?.endsWith(`/app/bookings/${bookingId}`));

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_BASE_URL: 'https://akasse.example' });
    f = new CalendarFactories(t.db);
    ({ office, adviserId: adviserA } = await f.officeWithAdviser(5));
    [{ id: adviserB }] = await t.db.query(
      `SELECT id FROM staff WHERE office_id = $1 AND role = 'adviser' AND id <> $2 ORDER BY employee_number LIMIT 1`,
      [office.id, adviserA],
    );
  });
  afterAll(() => t.close());

  describe('cancelled events', () => {
    it('carry "Aflyst:" before their title in member, staff, session and office feeds', async () => {
      const memberId = await f.member({ officeId: office.id });
      const slotId = await f.slot({
        staffId: adviserA,
        officeId: office.id,
        start: wallTime('2027-05-10', '09:00'),
        channel: 'phone',
      });
      const booking = await f.bookSlot(memberId, slotId, 'phone');
      const sessionId = await f.session({
        officeId: office.id,
        roomId: office.roomIds[0],
        start: wallTime('2027-05-11', '13:00'),
        leaderIds: [adviserA],
      });
      await f.bookSession(memberId, sessionId);
      const [{ uid: sessionUid }] = await t.db.query(`SELECT ical_uid AS uid FROM session WHERE id = $1`, [sessionId]);
      const paths = {
        member: await feedPath('member', memberId),
        staff: await feedPath('staff', adviserA),
        session: await feedPath('session', sessionId),
      };

      expect(ofBooking((await feed(paths.member)).events, booking.id)[0].summary).toBe('CV-samtale (telefon)');
      await t.db.query(`UPDATE booking SET status = 'cancelled', cancel_reason = 'member' WHERE id = $1`, [booking.id]);
      await t.db.query(`UPDATE session SET status = 'cancelled' WHERE id = $1`, [sessionId]);

      const member = (await feed(paths.member)).events;
      expect(ofBooking(member, booking.id).map((e) => [e.summary, e.status])).toEqual([
        ['Aflyst: CV-samtale (telefon)', 'CANCELLED'],
      ]);
      const staff = (await feed(paths.staff)).events;
      expect(ofBooking(staff, booking.id).map((e) => [e.summary, e.status])).toEqual([
        ['Aflyst: CV-samtale (telefon)', 'CANCELLED'],
      ]);
      const led = staff.find((event) => event.uid === sessionUid);
      expect([led?.summary, led?.status]).toEqual(['Aflyst: Netcafé – Kom godt i gang med IT', 'CANCELLED']);
      const session = (await feed(paths.session)).events;
      expect(session.map((e) => [e.summary, e.status])).toEqual([
        ['Aflyst: Netcafé – Kom godt i gang med IT', 'CANCELLED'],
      ]);
      const officeFeed = (await feed(`/calendar/offices/${office.id}.ics`)).events.find(
        (event) => event.uid === sessionUid,
      );
      expect([officeFeed?.summary, officeFeed?.status]).toEqual([
        'Aflyst: Netcafé – Kom godt i gang med IT',
        'CANCELLED',
      ]);
    });
  });

  describe('a booking moved to another adviser', () => {
    it('stays in the old adviser’s feed as cancelled for 30 days, under a UID of its own per adviser', async () => {
      const memberId = await f.member({ officeId: office.id });
      const first = await f.slot({ staffId: adviserA, officeId: office.id, start: wallTime('2027-05-17', '09:00') });
      const second = await f.slot({ staffId: adviserB, officeId: office.id, start: wallTime('2027-05-18', '10:00') });
      const third = await f.slot({ staffId: adviserA, officeId: office.id, start: wallTime('2027-05-19', '11:00') });
      const booking = await f.bookSlot(memberId, first);
      const staffA = await feedPath('staff', adviserA);
      const staffB = await feedPath('staff', adviserB);
      const member = { role: 'member' as const, subjectId: memberId };

      const beforeA = await feed(staffA);
      const [had] = ofBooking(beforeA.events, booking.id);
      expect(had).toMatchObject({ status: 'CONFIRMED', start: wallTime('2027-05-17', '09:00').toISOString() });

      const moved = await t.http
        .post(`/api/bookings/${booking.id}/reschedule`)
        .set(t.auth(member))
        .send({ slotId: second });
      expect(moved.status).toBe(200);
      const afterA = await feed(staffA);
      expect(afterA.etag).not.toBe(beforeA.etag);
      // The old adviser's app gets the event it had, now cancelled, with a higher SEQUENCE.
      const left = ofBooking(afterA.events, booking.id);
      expect(left).toHaveLength(1);
      expect(left[0]).toMatchObject({
        uid: had.uid,
        status: 'CANCELLED',
        summary: 'Aflyst: CV-samtale',
        start: had.start,
      });
      expect(left[0].sequence).toBeGreaterThan(had.sequence);
      const [atB] = ofBooking((await feed(staffB)).events, booking.id);
      expect(atB).toMatchObject({ status: 'CONFIRMED', start: wallTime('2027-05-18', '10:00').toISOString() });
      expect(atB.uid).not.toBe(had.uid);

      // Back to the first adviser: one live event there (no duplicate UID), cancelled at the second.
      expect(
        (await t.http.post(`/api/bookings/${booking.id}/reschedule`).set(t.auth(member)).send({ slotId: third }))
          .status,
      ).toBe(200);
      const backA = ofBooking((await feed(staffA)).events, booking.id);
      expect(backA).toHaveLength(1);
      expect(backA[0]).toMatchObject({
        uid: had.uid,
        status: 'CONFIRMED',
        start: wallTime('2027-05-19', '11:00').toISOString(),
      });
      expect(backA[0].sequence).toBeGreaterThan(left[0].sequence);
      const leftB = ofBooking((await feed(staffB)).events, booking.id);
      expect(leftB.map((e) => [e.uid, e.status])).toEqual([[atB.uid, 'CANCELLED']]);

      await t.db.query(
        `UPDATE calendar_staff_departure SET departed_at = now() - interval '31 days' WHERE booking_id = $1`,
        [booking.id],
      );
      expect(ofBooking((await feed(staffB)).events, booking.id)).toEqual([]);
    });

    it('also when the slot itself is handed to another adviser', async () => {
      const memberId = await f.member({ officeId: office.id });
      const slotId = await f.slot({ staffId: adviserA, officeId: office.id, start: wallTime('2027-05-24', '09:00') });
      const booking = await f.bookSlot(memberId, slotId);
      const staffA = await feedPath('staff', adviserA);
      const [had] = ofBooking((await feed(staffA)).events, booking.id);
      await t.db.query(`UPDATE slot SET staff_id = $2 WHERE id = $1`, [slotId, adviserB]);
      const [left] = ofBooking((await feed(staffA)).events, booking.id);
      expect(left).toMatchObject({ uid: had.uid, status: 'CANCELLED', start: had.start });
      expect(left.sequence).toBeGreaterThan(had.sequence);
      expect(ofBooking((await feed(await feedPath('staff', adviserB))).events, booking.id)[0].status).toBe('CONFIRMED');
    });
  });
  describe('a bad row', () => {
    let logged: INestApplication;
    const lines: string[] = [];

    beforeAll(async () => {
      const environment = readTestEnvironment();
      const config = loadConfig({
        NODE_ENV: 'test',
        JWT_SECRET: TEST_JWT_SECRET,
        REDIS_KEY_PREFIX: environment.redisPrefix,
        DEMO_DATA: 'false',
        RUN_WORKERS: 'false',
        LOG_LEVEL: 'info',
      });
      logged = await createHttpApp(
        { config, databaseUrl: environment.databaseUrl, redisUrl: environment.redisUrl, jwtSecret: TEST_JWT_SECRET },
        pino({ level: 'info' }, { write: (line: string) => void lines.push(line) }),
      );
    });
    afterAll(() => logged.close());

    it('is left out or repaired and logged without personal data; every other event is served', async () => {
      const { office: other, adviserId: leader } = await f.officeWithAdviser(6);
      const name = 'Birgitte Kalendersen';
      const memberId = await f.member({ officeId: other.id, name });
      const goodSlot = await f.slot({ staffId: leader, officeId: other.id, start: wallTime('2027-06-01', '09:00') });
      const good = await f.bookSlot(memberId, goodSlot);
      const badSlot = await f.slot({ staffId: leader, officeId: other.id, start: wallTime('2027-06-02', '09:00') });
      const bad = await f.bookSlot(memberId, badSlot);
      const goodSession = await f.session({
        officeId: other.id,
        roomId: other.roomIds[0],
        start: wallTime('2027-06-03', '13:00'),
        leaderIds: [leader],
      });
      // A session 800 ms long, and a booking whose UID someone "fixed" by hand with a name in it.
      let blink = '';
      await writeBadRow(t.db, 'session', async (manager) => {
        [{ id: blink }] = await manager.query(
          `INSERT INTO session (office_id, room_id, activity_code, during, capacity, min_participants, cutoff_at)
           VALUES ($1, $2, 'netcafe', tstzrange($3, $4), 4, 1, $3) RETURNING id`,
          [other.id, other.roomIds[0], new Date('2027-06-04T08:00:00.100Z'), new Date('2027-06-04T08:00:00.900Z')],
        );
      });
      await t.db.query(`INSERT INTO session_leader (session_id, staff_id) VALUES ($1, $2)`, [blink, leader]);
      await writeBadRow(t.db, 'booking', (manager) =>
        manager.query(`UPDATE booking SET ical_uid = $2 WHERE id = $1`, [bad.id, `${name}, ring først`]),
      );
      const [{ uid: blinkUid }] = await t.db.query(`SELECT ical_uid AS uid FROM session WHERE id = $1`, [blink]);

      const http = supertest(logged.getHttpServer());
      const paths = {
        member: await feedPath('member', memberId),
        staff: await feedPath('staff', leader),
        session: await feedPath('session', blink),
        office: `/calendar/offices/${other.id}.ics`,
      };
      const served: Record<string, FeedEvent[]> = {};
      for (const [kind, path] of Object.entries(paths)) {
        const response = await http.get(path);
        expect([kind, response.status]).toEqual([kind, 200]);
        expect(validateIcs(response.text)).toEqual([]);
        served[kind] = parseFeed(response.text);
      }
      expect(ofBooking(served.member, good.id)).toHaveLength(1);
      expect(ofBooking(served.member, bad.id)).toEqual([]);
      expect(ofBooking(served.staff, good.id)).toHaveLength(1);
      expect(ofBooking(served.staff, bad.id)).toEqual([]);
      const [{ uid: goodSessionUid }] = await t.db.query(`SELECT ical_uid AS uid FROM session WHERE id = $1`, [
        goodSession,
      ]);
      expect(served.staff.map((event) => event.uid)).toContain(goodSessionUid);
      expect(served.office.map((event) => event.uid)).toContain(goodSessionUid);
      // The sub-second session keeps a (one-second) length rather than breaking three feeds.
      for (const kind of ['staff', 'session', 'office'])
        expect(served[kind].map((event) => event.uid)).toContain(blinkUid);

      const warnings = lines.filter((line) => line.includes('could not render'));
      expect(warnings.some((line) => line.includes(`booking:${bad.id}`))).toBe(true);
      expect(lines.filter((line) => /Kalendersen|ring først|Birgitte/.test(line))).toEqual([]);
    });

    it('in an office with an unknown time zone is written in UTC', async () => {
      const { office: other, adviserId: leader } = await f.officeWithAdviser(7);
      const sessionId = await f.session({
        officeId: other.id,
        roomId: other.roomIds[0],
        start: wallTime('2027-06-08', '13:00'),
        leaderIds: [leader],
      });
      const [{ uid }] = await t.db.query(`SELECT ical_uid AS uid FROM session WHERE id = $1`, [sessionId]);
      const [{ timezone }] = await t.db.query(`SELECT timezone FROM office WHERE id = $1`, [other.id]);
      await writeBadRow(t.db, 'office', (manager) =>
        manager.query(`UPDATE office SET timezone = 'Europe/Atlantis' WHERE id = $1`, [other.id]),
      );
      try {
        const response = await t.http.get(`/calendar/offices/${other.id}.ics`);
        expect(response.status).toBe(200);
        expect(validateIcs(response.text)).toEqual([]);
        expect(parseFeed(response.text).find((event) => event.uid === uid)?.start).toBe(
          wallTime('2027-06-08', '13:00').toISOString(),
        );
        expect(response.text).not.toContain('Atlantis');
      } finally {
        await t.db.query(`UPDATE office SET timezone = $2 WHERE id = $1`, [other.id, timezone]);
      }
    });
  });
});
