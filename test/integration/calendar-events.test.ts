import ICAL from 'ical.js';
import { validateIcs } from '../../src/calendar/ics/index.js';
import { CalendarFactories, type TestOffice, wallTime } from '../support/calendar-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

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
  const ofBooking = (events: FeedEvent[], bookingId: string) => events.filter((event) => event.url?.endsWith(`/app/bookings/${bookingId}`));

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
      const slotId = await f.slot({ staffId: adviserA, officeId: office.id, start: wallTime('2027-05-10', '09:00'), channel: 'phone' });
      const booking = await f.bookSlot(memberId, slotId, 'phone');
      const sessionId = await f.session({ officeId: office.id, roomId: office.roomIds[0], start: wallTime('2027-05-11', '13:00'), leaderIds: [adviserA] });
      await f.bookSession(memberId, sessionId);
      const [{ uid: sessionUid }] = await t.db.query(`SELECT ical_uid AS uid FROM session WHERE id = $1`, [sessionId]);
      const paths = { member: await feedPath('member', memberId), staff: await feedPath('staff', adviserA), session: await feedPath('session', sessionId) };

      expect(ofBooking((await feed(paths.member)).events, booking.id)[0].summary).toBe('CV-samtale (telefon)');
      await t.db.query(`UPDATE booking SET status = 'cancelled', cancel_reason = 'member' WHERE id = $1`, [booking.id]);
      await t.db.query(`UPDATE session SET status = 'cancelled' WHERE id = $1`, [sessionId]);

      const member = (await feed(paths.member)).events;
      expect(ofBooking(member, booking.id).map((e) => [e.summary, e.status])).toEqual([['Aflyst: CV-samtale (telefon)', 'CANCELLED']]);
      const staff = (await feed(paths.staff)).events;
      expect(ofBooking(staff, booking.id).map((e) => [e.summary, e.status])).toEqual([['Aflyst: CV-samtale (telefon)', 'CANCELLED']]);
      const led = staff.find((event) => event.uid === sessionUid);
      expect([led?.summary, led?.status]).toEqual(['Aflyst: Netcafé – Kom godt i gang med IT', 'CANCELLED']);
      const session = (await feed(paths.session)).events;
      expect(session.map((e) => [e.summary, e.status])).toEqual([['Aflyst: Netcafé – Kom godt i gang med IT', 'CANCELLED']]);
      const officeFeed = (await feed(`/calendar/offices/${office.id}.ics`)).events.find((event) => event.uid === sessionUid);
      expect([officeFeed?.summary, officeFeed?.status]).toEqual(['Aflyst: Netcafé – Kom godt i gang med IT', 'CANCELLED']);
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

      const moved = await t.http.post(`/api/bookings/${booking.id}/reschedule`).set(t.auth(member)).send({ slotId: second });
      expect(moved.status).toBe(200);
      const afterA = await feed(staffA);
      expect(afterA.etag).not.toBe(beforeA.etag);
      // The old adviser's app gets the event it had, now cancelled, with a higher SEQUENCE.
      const left = ofBooking(afterA.events, booking.id);
      expect(left).toHaveLength(1);
      expect(left[0]).toMatchObject({ uid: had.uid, status: 'CANCELLED', summary: 'Aflyst: CV-samtale', start: had.start });
      expect(left[0].sequence).toBeGreaterThan(had.sequence);
      const [atB] = ofBooking((await feed(staffB)).events, booking.id);
      expect(atB).toMatchObject({ status: 'CONFIRMED', start: wallTime('2027-05-18', '10:00').toISOString() });
      expect(atB.uid).not.toBe(had.uid);

      // Back to the first adviser: one live event there (no duplicate UID), cancelled at the second.
      expect((await t.http.post(`/api/bookings/${booking.id}/reschedule`).set(t.auth(member)).send({ slotId: third })).status).toBe(200);
      const backA = ofBooking((await feed(staffA)).events, booking.id);
      expect(backA).toHaveLength(1);
      expect(backA[0]).toMatchObject({ uid: had.uid, status: 'CONFIRMED', start: wallTime('2027-05-19', '11:00').toISOString() });
      expect(backA[0].sequence).toBeGreaterThan(left[0].sequence);
      const leftB = ofBooking((await feed(staffB)).events, booking.id);
      expect(leftB.map((e) => [e.uid, e.status])).toEqual([[atB.uid, 'CANCELLED']]);

      await t.db.query(`UPDATE calendar_staff_departure SET departed_at = now() - interval '31 days' WHERE booking_id = $1`, [booking.id]);
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
});
