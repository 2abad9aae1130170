import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { pino } from 'pino';
import supertest from 'supertest';
import { staffAppointmentUid } from '../../src/calendar/feed-events.js';
import { validateIcs } from '../../src/calendar/ics/index.js';
import { loadConfig } from '../../src/common/config/app-config.js';
import { createHttpApp } from '../../src/http-app.js';
import { CalendarFactories, type TestOffice, wallTime } from '../support/calendar-factories.js';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app.js';
import { readTestEnvironment } from '../support/test-environment.js';

const BASE_URL = 'https://akasse.example';
const MEMBER_NAME = 'Birgitte Kalendersen';
const MEMBER_EMAIL = 'birgitte.kalendersen@example.dk';
const central = { role: 'central-coordinator' as const, subjectId: '00000000-0000-4000-8000-0000000000c1' };

interface ParsedEvent {
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  status: string | null;
  location: string | null;
  url: string | null;
  startTzid: string | null;
}

/** Parses a feed the way a client does: the VTIMEZONEs come from the feed itself. */
function parseFeed(text: string): Map<string, ParsedEvent> {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtimezone);
  const events = new Map<string, ParsedEvent>();
  for (const component of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component);
    events.set(event.uid, {
      uid: event.uid,
      sequence: event.sequence,
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      summary: event.summary,
      status: (component.getFirstPropertyValue('status') as string | null) ?? null,
      location: event.location ?? null,
      url: (component.getFirstPropertyValue('url') as string | null) ?? null,
      startTzid: component.getFirstProperty('dtstart')?.getParameter('tzid') as string | null,
    });
  }
  return events;
}

const forbidden = [
  new RegExp(MEMBER_NAME.split(' ')[0], 'i'),
  new RegExp(MEMBER_NAME.split(' ')[1], 'i'),
  /kalendersen/i,
];

describe('calendar feeds', () => {
  let t: TestApp;
  let f: CalendarFactories;
  let office: TestOffice;
  let adviserId: string;
  let otherDepartmentId: string;
  let memberId: string;
  let member: { role: 'member'; subjectId: string };
  let adviser: { role: 'adviser'; subjectId: string; departmentId: string };
  let coordinator: { role: 'office-coordinator'; subjectId: string; departmentId: string };
  let outsideCoordinator: { role: 'office-coordinator'; subjectId: string; departmentId: string };

  const path = (url: string) => new URL(url).pathname;
  const createLink = async (principal: object, kind: string, subjectId: string) =>
    t.http
      .post('/api/calendar/feeds')
      .set(t.auth(principal as never))
      .send({ kind, subjectId });
  const newMemberFeed = async (id = memberId) => {
    const response = await createLink({ role: 'member', subjectId: id }, 'member', id);
    expect(response.status).toBe(201);
    return path(response.body.url);
  };

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_BASE_URL: BASE_URL });
    f = new CalendarFactories(t.db);
    ({ office, adviserId } = await f.officeWithAdviser());
    const [other] = await t.db.query(`SELECT id FROM department WHERE id <> $1 ORDER BY code LIMIT 1`, [
      office.departmentId,
    ]);
    otherDepartmentId = other.id;
    memberId = await f.member({ officeId: office.id, name: MEMBER_NAME, email: MEMBER_EMAIL });
    member = { role: 'member', subjectId: memberId };
    adviser = { role: 'adviser', subjectId: adviserId, departmentId: office.departmentId };
    coordinator = {
      role: 'office-coordinator',
      subjectId: '00000000-0000-4000-8000-0000000000c2',
      departmentId: office.departmentId,
    };
    outsideCoordinator = {
      role: 'office-coordinator',
      subjectId: '00000000-0000-4000-8000-0000000000c3',
      departmentId: otherDepartmentId,
    };
  });
  afterAll(() => t.close());

  describe('feed links', () => {
    it('hands the owner an https and a webcal:// URL with a 256-bit token that is stored only as a SHA-256 hash', async () => {
      const response = await createLink(member, 'member', memberId);
      expect(response.status).toBe(201);
      const { url, webcalUrl, id } = response.body;
      const token = /^https:\/\/akasse\.example\/calendar\/([A-Za-z0-9_-]{43})\.ics$/.exec(url)?.[1];
      expect(token).toBeDefined();
      expect(Buffer.from(token as string, 'base64url')).toHaveLength(32);
      expect(webcalUrl).toBe(url.replace('https://', 'webcal://'));
      const [row] = await t.db.query(
        `SELECT token_hash, to_jsonb(f)::text AS everything FROM calendar_feed f WHERE id = $1`,
        [id],
      );
      expect(
        row.token_hash.equals(
          createHash('sha256')
            .update(token as string)
            .digest(),
        ),
      ).toBe(true);
      expect(row.everything).not.toContain(token);
    });

    it('lets only the owner or a coordinator in scope create links', async () => {
      const otherMember = await f.member({ officeId: office.id });
      expect((await createLink({ role: 'member', subjectId: otherMember }, 'member', memberId)).status).toBe(404);
      expect((await createLink(member, 'staff', adviserId)).status).toBe(404);
      expect((await createLink(adviser, 'member', memberId)).status).toBe(403);
      expect((await createLink(outsideCoordinator, 'member', memberId)).status).toBe(404);
      expect((await createLink(coordinator, 'member', memberId)).status).toBe(201);
      expect((await createLink(central, 'member', memberId)).status).toBe(201);
      expect((await createLink(adviser, 'staff', adviserId)).status).toBe(201);
      expect((await createLink({ role: 'adviser', subjectId: adviserId }, 'member', adviserId)).status).toBe(404);
      expect((await createLink(central, 'member', '6f0c4a8e-0000-4000-8000-000000000000')).status).toBe(404);
      const officeKind = await createLink(central, 'office', office.id);
      expect(officeKind.status).toBe(400);
      expect(officeKind.body.details.fields[0].field).toBe('kind');
    });

    it('lets a session’s leaders and participants link the session feed, nobody else', async () => {
      const sessionId = await f.session({
        officeId: office.id,
        roomId: office.roomIds[0],
        start: wallTime('2027-02-03', '09:00'),
        leaderIds: [adviserId],
      });
      const participant = await f.member({ officeId: office.id });
      await f.bookSession(participant, sessionId);
      const stranger = await f.member({ officeId: office.id });
      expect((await createLink(adviser, 'session', sessionId)).status).toBe(201);
      expect((await createLink({ role: 'member', subjectId: participant }, 'session', sessionId)).status).toBe(201);
      expect((await createLink({ role: 'member', subjectId: stranger }, 'session', sessionId)).status).toBe(404);
    });

    it('lists the caller’s links and a subject’s links without ever showing a token', async () => {
      const created = await createLink(member, 'member', memberId);
      const mine = await t.http.get('/api/calendar/feeds').set(t.auth(member));
      expect(mine.status).toBe(200);
      expect(mine.body.map((link: { id: string }) => link.id)).toContain(created.body.id);
      const token = path(created.body.url).slice('/calendar/'.length, -'.ics'.length);
      expect(JSON.stringify(mine.body)).not.toContain(token);
      expect(JSON.stringify(mine.body)).not.toMatch(/token|url/i);
      const subject = await t.http
        .get('/api/calendar/feeds')
        .query({ kind: 'member', subjectId: memberId })
        .set(t.auth(coordinator));
      expect(subject.body.length).toBeGreaterThanOrEqual(3);
      expect(
        subject.body.every(
          (link: { subjectId: string; kind: string }) => link.subjectId === memberId && link.kind === 'member',
        ),
      ).toBe(true);
      const hidden = await t.http
        .get('/api/calendar/feeds')
        .query({ kind: 'member', subjectId: memberId })
        .set(t.auth(outsideCoordinator));
      expect(hidden.status).toBe(404);
    });

    it('rotates: the old URL serves an empty calendar at once, the new one serves the feed', async () => {
      const created = await createLink(member, 'member', memberId);
      const before = await t.http.get(path(created.body.url));
      expect(before.status).toBe(200);
      const rotated = await t.http.post(`/api/calendar/feeds/${created.body.id}/rotate`).set(t.auth(member));
      expect(rotated.status).toBe(200);
      expect(rotated.body.rotatedAt).toEqual(expect.any(String));
      expect(rotated.body.url).not.toBe(created.body.url);
      const old = await t.http.get(path(created.body.url));
      expect(old.status).toBe(200);
      expect(old.text).not.toContain('BEGIN:VEVENT');
      const after = await t.http.get(path(rotated.body.url));
      expect(after.status).toBe(200);
      expect(after.text).toBe(before.text);
      expect((await t.http.post(`/api/calendar/feeds/${created.body.id}/rotate`).set(t.auth(adviser))).status).toBe(
        403,
      );
    });

    it('revokes: an empty calendar for 30 days, then 404; a revoked link cannot be rotated', async () => {
      const item = await f.slot({ staffId: adviserId, officeId: office.id, start: wallTime('2027-02-01', '08:00') });
      await f.bookSlot(memberId, item);
      const created = await createLink(member, 'member', memberId);
      const feedPath = path(created.body.url);
      expect(parseFeed((await t.http.get(feedPath)).text).size).toBeGreaterThan(0);
      const revoked = await t.http.delete(`/api/calendar/feeds/${created.body.id}`).set(t.auth(member));
      expect(revoked.status).toBe(200);
      expect(revoked.body.status).toBe('revoked');
      const empty = await t.http.get(feedPath);
      expect(empty.status).toBe(200);
      expect(validateIcs(empty.text)).toEqual([]);
      expect(empty.text).not.toContain('BEGIN:VEVENT');
      expect((await t.http.get(feedPath).set('If-None-Match', empty.headers.etag)).status).toBe(304);
      expect((await t.http.post(`/api/calendar/feeds/${created.body.id}/rotate`).set(t.auth(member))).body.code).toBe(
        'FEED_REVOKED',
      );
      await t.db.query(`UPDATE calendar_feed SET revoked_at = now() - interval '31 days' WHERE id = $1`, [
        created.body.id,
      ]);
      expect((await t.http.get(feedPath)).status).toBe(404);
    });

    it('answers 404 for an unknown or malformed token', async () => {
      expect((await t.http.get(`/calendar/${'A'.repeat(43)}.ics`)).status).toBe(404);
      expect((await t.http.get('/calendar/short.ics')).status).toBe(404);
      expect((await t.http.head(`/calendar/${'A'.repeat(43)}.ics`)).status).toBe(404);
    });
  });

  describe('member feed', () => {
    let feedPath: string;
    let dstMember: string;
    const bookings: { id: string; uid: string }[] = [];

    beforeAll(async () => {
      dstMember = await f.member({ officeId: office.id, name: MEMBER_NAME, email: MEMBER_EMAIL });
      // "Today" is 2026-11-23 and the window runs 30 days back to 365 ahead, so the DST days of the test
      // are those of 2027: spring forward on 2027-03-28, fall back on 2027-10-31.
      const starts = [
        wallTime('2027-02-09', '10:00'), // ordinary winter day (CET), after the demo data's eight weeks of slots
        wallTime('2027-03-28', '01:30'), // just before 02:00 CET becomes 03:00 CEST
        wallTime('2027-03-28', '10:00'), // after the jump (CEST)
        new Date('2027-10-31T00:30:00Z'), // 02:30 CEST, the first pass through the repeated hour
        new Date('2027-10-31T01:30:00Z'), // 02:30 CET, the second pass
        wallTime('2027-10-31', '10:00'), // after the fall back (CET)
        wallTime('2027-06-15', '13:15'), // ordinary summer day (CEST)
      ];
      for (const [i, start] of starts.entries()) {
        const slot = await f.slot({
          staffId: adviserId,
          officeId: office.id,
          start,
          minutes: 45,
          channel: i === 6 ? 'phone' : 'in-person',
        });
        bookings.push(await f.bookSlot(dstMember, slot, i === 6 ? 'phone' : 'in-person'));
      }
      feedPath = await newMemberFeed(dstMember);
    });

    it('serves valid iCalendar with the right headers and no names or e-mails', async () => {
      const response = await t.http.get(feedPath);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(response.headers['cache-control']).toBe('private, no-cache');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['x-robots-tag']).toBe('noindex');
      // Weak: supertest asks for gzip, and the gzip representation's tag is weak (calendar-http.test.ts).
      expect(response.headers.etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
      expect(new Date(response.headers['last-modified']).getTime()).not.toBeNaN();
      expect(validateIcs(response.text, { forbidden })).toEqual([]);
      expect(response.text).not.toContain(MEMBER_EMAIL);
      expect(response.text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Copenhagen');
      expect(response.text).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H');
      expect(response.text).toContain('X-PUBLISHED-TTL:PT1H');
      expect(response.text).toContain('X-WR-CALNAME:Mine aftaler – a-kassen');
      expect(response.text).not.toMatch(/^METHOD:/m);
      const events = parseFeed(response.text);
      expect(events.size).toBe(bookings.length);
      const first = events.get(bookings[0].uid) as ParsedEvent;
      expect(first.summary).toBe('CV-samtale');
      expect(first.location).toBe(`${office.name}, ${office.street}, ${office.postcode} ${office.city}`);
      expect(first.url).toBe(`${BASE_URL}/app/bookings/${bookings[0].id}`);
      expect(first.status).toBe('CONFIRMED');
      expect(first.startTzid).toBe('Europe/Copenhagen');
      const phone = events.get(bookings[6].uid) as ParsedEvent;
      expect(phone.summary).toBe('CV-samtale (telefon)');
      expect(phone.location).toBeNull();
    });

    it('round-trips every instant through ical.js, DST days included', async () => {
      const events = parseFeed((await t.http.get(feedPath)).text);
      for (const booking of bookings) {
        const row = await f.bookingRow(booking.id);
        const event = events.get(row.uid) as ParsedEvent;
        expect({ uid: row.uid, start: event.start.toISOString(), end: event.end.toISOString() }).toEqual({
          uid: row.uid,
          start: row.start.toISOString(),
          end: row.end.toISOString(),
        });
        expect(event.sequence).toBe(row.sequence);
      }
      // Two different instants that share the wall time 02:30 on 2027-10-31 stay apart.
      expect(events.get(bookings[3].uid)?.start.toISOString()).toBe('2027-10-31T00:30:00.000Z');
      expect(events.get(bookings[4].uid)?.start.toISOString()).toBe('2027-10-31T01:30:00.000Z');
      expect(events.get(bookings[2].uid)?.start.toISOString()).toBe('2027-03-28T08:00:00.000Z');
      expect(events.get(bookings[5].uid)?.start.toISOString()).toBe('2027-10-31T09:00:00.000Z');
    });

    it('keeps the UID and raises SEQUENCE when a booking moves (trigger, not code)', async () => {
      const before = await f.bookingRow(bookings[0].id);
      const first = await t.http.get(feedPath);
      const newSlot = await f.slot({
        staffId: adviserId,
        officeId: office.id,
        start: wallTime('2027-02-10', '11:00'),
        minutes: 45,
      });
      await f.moveBookingToSlot(bookings[0].id, newSlot);
      const after = await f.bookingRow(bookings[0].id);
      expect(after.uid).toBe(before.uid);
      expect(after.sequence).toBe(before.sequence + 1);
      expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
      const second = await t.http.get(feedPath);
      expect(second.headers.etag).not.toBe(first.headers.etag);
      const event = parseFeed(second.text).get(before.uid) as ParsedEvent;
      expect(event.sequence).toBe(before.sequence + 1);
      expect(event.start.toISOString()).toBe(wallTime('2027-02-10', '11:00').toISOString());
      expect(validateIcs(second.text, { forbidden })).toEqual([]);
    });

    it('shows a cancelled booking as STATUS:CANCELLED for 30 days, then drops it', async () => {
      const target = bookings[6];
      await t.db.query(`UPDATE booking SET status = 'cancelled', cancel_reason = 'member' WHERE id = $1`, [target.id]);
      const cancelled = parseFeed((await t.http.get(feedPath)).text).get(target.uid) as ParsedEvent;
      expect(cancelled.status).toBe('CANCELLED');
      expect(cancelled.sequence).toBe((await f.bookingRow(target.id)).sequence);
      expect(cancelled.sequence).toBeGreaterThan(0);
      await t.db.query(`UPDATE booking SET updated_at = now() - interval '31 days' WHERE id = $1`, [target.id]);
      expect(parseFeed((await t.http.get(feedPath)).text).has(target.uid)).toBe(false);
    });

    it('changes the ETag exactly when the content changes', async () => {
      const a = await t.http.get(feedPath);
      const b = await t.http.get(feedPath);
      expect(b.headers.etag).toBe(a.headers.etag);
      expect(b.text).toBe(a.text);
      // Someone else's booking, and a column no feed shows, leave this feed alone.
      const otherMember = await f.member({ officeId: office.id });
      const slot = await f.slot({ staffId: adviserId, officeId: office.id, start: wallTime('2027-01-20', '09:00') });
      const other = await f.bookSlot(otherMember, slot);
      await t.db.query(`UPDATE booking SET booked_by_role = 'adviser' WHERE id = $1`, [bookings[1].id]);
      await t.db.query(`UPDATE booking SET status = 'cancelled' WHERE id = $1`, [other.id]);
      const c = await t.http.get(feedPath);
      expect(c.headers.etag).toBe(a.headers.etag);
      expect(c.text).toBe(a.text);
      await t.db.query(`UPDATE booking SET channel = 'video' WHERE id = $1`, [bookings[1].id]);
      const d = await t.http.get(feedPath);
      expect(d.headers.etag).not.toBe(a.headers.etag);
      expect(d.text).not.toBe(a.text);
    });

    it('answers 304 to If-None-Match and If-Modified-Since, and HEAD without a body', async () => {
      // A Last-Modified only settles a few seconds after a change (calendar-http.test.ts).
      await t.db.query(
        `UPDATE calendar_feed_change SET changed_at = changed_at - interval '1 minute' WHERE kind = 'member' AND subject_id = $1`,
        [dstMember],
      );
      const full = await t.http.get(feedPath);
      const byEtag = await t.http.get(feedPath).set('If-None-Match', full.headers.etag);
      expect(byEtag.status).toBe(304);
      expect(byEtag.text ?? '').toBe('');
      expect(byEtag.headers.etag).toBe(full.headers.etag);
      expect(byEtag.headers['cache-control']).toBe('private, no-cache');
      const byList = await t.http
        .get(feedPath)
        .set('If-None-Match', `"stale", ${full.headers.etag.replace(/^W\//, '')}`);
      expect(byList.status).toBe(304);
      const byDate = await t.http.get(feedPath).set('If-Modified-Since', full.headers['last-modified']);
      expect(byDate.status).toBe(304);
      const stale = await t.http
        .get(feedPath)
        .set('If-None-Match', '"stale"')
        .set('If-Modified-Since', full.headers['last-modified']);
      expect(stale.status).toBe(200);
      expect(stale.text).toBe(full.text);
      const head = await t.http.head(feedPath).set('Accept-Encoding', 'gzip, deflate');
      expect(head.status).toBe(200);
      expect(head.headers.etag).toBe(full.headers.etag);
      expect(head.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(head.text ?? '').toBe('');
      expect((await t.http.head(feedPath).set('If-None-Match', full.headers.etag)).status).toBe(304);
    });
  });

  describe('staff, session and office feeds', () => {
    let sessionId: string;
    let sessionUid: string;
    let appointment: { id: string; uid: string };
    let staffFeed: string;
    let sessionFeed: string;

    beforeAll(async () => {
      const participant = await f.member({ officeId: office.id, name: MEMBER_NAME, email: MEMBER_EMAIL });
      const slot = await f.slot({
        staffId: adviserId,
        officeId: office.id,
        start: wallTime('2027-03-28', '11:00'),
        channel: 'video',
      });
      appointment = await f.bookSlot(participant, slot, 'video');
      sessionId = await f.session({
        officeId: office.id,
        roomId: office.roomIds[0],
        start: wallTime('2027-10-31', '13:00'),
        capacity: 4,
        leaderIds: [adviserId],
      });
      [{ uid: sessionUid }] = await t.db.query(`SELECT ical_uid AS uid FROM session WHERE id = $1`, [sessionId]);
      await f.bookSession(participant, sessionId);
      staffFeed = path((await createLink(adviser, 'staff', adviserId)).body.url);
      sessionFeed = path((await createLink(adviser, 'session', sessionId)).body.url);
    });

    it('shows an adviser their appointments and the sessions they lead, with participants but no names', async () => {
      const response = await t.http.get(staffFeed);
      expect(response.status).toBe(200);
      expect(validateIcs(response.text, { forbidden })).toEqual([]);
      const events = parseFeed(response.text);
      // The adviser's copy of a booking has a UID of its own (see calendar-events.test.ts).
      expect(events.get(staffAppointmentUid(appointment.uid, adviserId))?.summary).toBe('CV-samtale (video)');
      const led = events.get(sessionUid) as ParsedEvent;
      expect(led.summary).toBe('Netcafé – Kom godt i gang med IT – 1 deltager');
      expect(response.text).toMatch(/DESCRIPTION:Lokale: .+\\nTilmeldte: 1 af 4/);
      const [row] = await t.db.query(
        `SELECT lower(during) AS start, upper(during) AS "end" FROM session WHERE id = $1`,
        [sessionId],
      );
      expect([led.start.toISOString(), led.end.toISOString()]).toEqual([
        row.start.toISOString(),
        row.end.toISOString(),
      ]);
    });

    it('serves one session to its leaders and participants', async () => {
      const response = await t.http.get(sessionFeed);
      expect(validateIcs(response.text, { forbidden })).toEqual([]);
      const events = parseFeed(response.text);
      expect([...events.keys()]).toEqual([sessionUid]);
    });

    it('publishes an office’s group sessions with seats left, without a token, cacheable for 5 minutes', async () => {
      const response = await t.http.get(`/calendar/offices/${office.id}.ics`);
      expect(response.status).toBe(200);
      expect(response.headers['cache-control']).toBe('public, max-age=300');
      expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(validateIcs(response.text, { forbidden })).toEqual([]);
      const event = parseFeed(response.text).get(sessionUid) as ParsedEvent;
      expect(event.summary).toBe('Netcafé – Kom godt i gang med IT – 3 af 4 pladser ledige');
      expect(event.location).toContain(office.street);
      expect(event.url).toBe(`${BASE_URL}/app/sessions/${sessionId}`);
      expect(response.text).toContain(`X-WR-CALNAME:Gruppeforløb – ${office.name}`);
      expect((await t.http.get('/calendar/offices/6f0c4a8e-0000-4000-8000-000000000000.ics')).status).toBe(404);
      expect((await t.http.get('/calendar/offices/not-an-office.ics')).status).toBe(404);
    });

    it('moves every affected feed’s ETag when a seat is taken, in the same transaction', async () => {
      const officePath = `/calendar/offices/${office.id}.ics`;
      const before = await Promise.all([t.http.get(officePath), t.http.get(staffFeed), t.http.get(sessionFeed)]);
      const unrelated = await t.http.get(`/calendar/offices/${(await f.officeWithAdviser(1)).office.id}.ics`);
      await f.bookSession(await f.member({ officeId: office.id }), sessionId);
      const after = await Promise.all([t.http.get(officePath), t.http.get(staffFeed), t.http.get(sessionFeed)]);
      after.forEach((response, i) => expect(response.headers.etag).not.toBe(before[i].headers.etag));
      expect(parseFeed(after[0].text).get(sessionUid)?.summary).toBe(
        'Netcafé – Kom godt i gang med IT – 2 af 4 pladser ledige',
      );
      const unrelatedAfter = await t.http.get(`/calendar/offices/${(await f.officeWithAdviser(1)).office.id}.ics`);
      expect(unrelatedAfter.headers.etag).toBe(unrelated.headers.etag);
    });

    it('raises SEQUENCE and shows STATUS:CANCELLED when a session is cancelled', async () => {
      const [before] = await t.db.query(`SELECT ical_sequence AS sequence FROM session WHERE id = $1`, [sessionId]);
      await t.db.query(`UPDATE session SET status = 'cancelled' WHERE id = $1`, [sessionId]);
      const officeEvent = parseFeed((await t.http.get(`/calendar/offices/${office.id}.ics`)).text).get(
        sessionUid,
      ) as ParsedEvent;
      expect(officeEvent.status).toBe('CANCELLED');
      expect(officeEvent.summary).toBe('Aflyst: Netcafé – Kom godt i gang med IT');
      expect(officeEvent.sequence).toBe(before.sequence + 1);
      expect(parseFeed((await t.http.get(staffFeed)).text).get(sessionUid)?.status).toBe('CANCELLED');
    });

    it('bumps revisions in PostgreSQL for every feed a row appears in, whoever writes', async () => {
      const revisions = async () =>
        new Map<string, number>(
          (
            await t.db.query(
              `SELECT kind || ':' || subject_id AS key, revision::int AS revision FROM calendar_feed_revision`,
            )
          ).map((row: { key: string; revision: number }) => [row.key, row.revision]),
        );
      const sessionTwo = await f.session({
        officeId: office.id,
        roomId: office.roomIds[0],
        start: wallTime('2027-05-05', '09:00'),
      });
      const before = await revisions();
      await t.db.query(`INSERT INTO session_leader (session_id, staff_id) VALUES ($1, $2)`, [sessionTwo, adviserId]);
      await t.db.query(`UPDATE session SET during = tstzrange($2, $3) WHERE id = $1`, [
        sessionTwo,
        wallTime('2027-05-05', '10:00'),
        wallTime('2027-05-05', '12:00'),
      ]);
      const after = await revisions();
      expect(after.get(`staff:${adviserId}`)).toBe((before.get(`staff:${adviserId}`) ?? 0) + 2);
      expect(after.get(`office:${office.id}`)).toBe((before.get(`office:${office.id}`) ?? 0) + 1);
      expect(after.get(`session:${sessionTwo}`)).toBe((before.get(`session:${sessionTwo}`) ?? 0) + 1);
      const [row] = await t.db.query(`SELECT ical_sequence AS sequence FROM session WHERE id = $1`, [sessionTwo]);
      expect(row.sequence).toBe(1);
    });
  });

  it('keeps feed tokens out of the request log', async () => {
    const lines: string[] = [];
    const environment = readTestEnvironment();
    const config = loadConfig({
      NODE_ENV: 'test',
      JWT_SECRET: TEST_JWT_SECRET,
      REDIS_KEY_PREFIX: environment.redisPrefix,
      DEMO_DATA: 'false',
      RUN_WORKERS: 'false',
      LOG_LEVEL: 'info',
    });
    const app = await createHttpApp(
      { config, databaseUrl: environment.databaseUrl, redisUrl: environment.redisUrl, jwtSecret: TEST_JWT_SECRET },
      pino({ level: 'info' }, { write: (line: string) => void lines.push(line) }),
    );
    try {
      const created = await createLink(member, 'member', memberId);
      const token = path(created.body.url).slice('/calendar/'.length, -'.ics'.length);
      const http = supertest(app.getHttpServer());
      expect((await http.get(`/calendar/${token}.ics`)).status).toBe(200);
      expect((await http.get(`/calendar/${token.slice(1)}A.ics`)).status).toBe(404);
      const log = lines.join('\n');
      expect(log).toContain('/calendar/[redacted].ics');
      expect(log).not.toContain(token);
      expect(log).not.toContain(token.slice(1));
    } finally {
      await app.close();
    }
  });
});
