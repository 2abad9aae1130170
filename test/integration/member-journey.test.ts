import {
  adviserAt,
  CENTRAL,
  copenhagen,
  createMember,
  dateFromToday,
  freeStartBefore,
  freeTime,
  itemOf,
  mainOffice,
  nextWeekday,
  netcafeMembers,
  scheduleNetcafe,
  type MainOffice,
} from '../support/booking-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

// What the member's pages need from the API: moving a booked item, the booking page and its .ics, their place in a session.

describe('member journey API', () => {
  let t: TestApp;
  let office: MainOffice;
  let adviser: { id: string; departmentId: string };

  beforeAll(async () => {
    t = await createTestApp();
    office = await mainOffice(t, 'Odense');
    adviser = await adviserAt(t, office.id, 1);
  });
  afterAll(() => t.close());

  async function publishSlot(date: string, time: string, activityCodes: string[], minutes = 30) {
    const start = copenhagen(
      date,
      await freeTime(t, office.id, date, minutes, { staffIds: [adviser.id], preferred: time }),
    );
    const end = new Date(new Date(start).getTime() + minutes * 60_000).toISOString();
    const response = await t.http
      .post(`/api/offices/${office.id}/slots`)
      .set(t.auth(CENTRAL))
      .send({ staffId: adviser.id, activityCodes, channel: 'in-person', start, end });
    if (response.status !== 201)
      throw new Error(`slot not published: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string; start: string; end: string };
  }

  /** A member with a booked follow-up and a second free follow-up time to move to. */
  async function bookedFollowUp() {
    const member = await createMember(t, office, { firstUnemploymentDay: dateFromToday(-30) });
    const item = itemOf(member, 'follow-up');
    const first = await publishSlot(nextWeekday(2, 2), '08:00', ['follow-up']);
    const second = await publishSlot(nextWeekday(4, 2), '08:00', ['follow-up']);
    const asMember = t.auth({ role: 'member', subjectId: member.id });
    const booked = await t.http
      .post('/api/bookings')
      .set(asMember)
      .send({ memberId: member.id, programmeItemId: item.id, slotId: first.id });
    expect(booked.status).toBe(201);
    return { member, item, first, second, asMember, bookingId: booked.body.id as string };
  }

  it('offers a booked item’s alternative times (not 422 ITEM_CLOSED), and the booking keeps its time until moved', async () => {
    const { member, item, first, second, asMember, bookingId } = await bookedFollowUp();
    const availability = await t.http
      .get(`/api/members/${member.id}/availability`)
      .query({ item: item.id })
      .set(asMember);
    expect(availability.status).toBe(200);
    expect(availability.body.rescheduling).toEqual({ bookingId, start: first.start, end: first.end });
    const ids = (availability.body.options as { id: string }[]).map((o) => o.id);
    expect(ids).toContain(second.id);
    expect(ids).not.toContain(first.id);
    // Only looking: the booking is where it was.
    const still = await t.http.get(`/api/bookings/${bookingId}`).set(asMember);
    expect(still.body).toMatchObject({ slotId: first.id, status: 'booked' });

    const moved = await t.http.post(`/api/bookings/${bookingId}/reschedule`).set(asMember).send({ slotId: second.id });
    expect(moved.status).toBe(200);
    expect(moved.body.slotId).toBe(second.id);
    const after = await t.http.get(`/api/members/${member.id}/availability`).query({ item: item.id }).set(asMember);
    expect((after.body.options as { id: string }[]).map((o) => o.id)).toContain(first.id);
  });

  it('still answers 422 ITEM_CLOSED for an item that is done', async () => {
    const member = await createMember(t, office, { firstUnemploymentDay: dateFromToday(-30) });
    const item = itemOf(member, 'follow-up');
    await t.db.query(`UPDATE programme_item SET status = 'done' WHERE id = $1`, [item.id]);
    const answer = await t.http
      .get(`/api/members/${member.id}/availability`)
      .query({ item: item.id })
      .set(t.auth({ role: 'member', subjectId: member.id }));
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('ITEM_CLOSED');
  });

  it('says from when an item not yet open can be booked (bookableFrom)', async () => {
    const member = await createMember(t, office, { firstUnemploymentDay: dateFromToday(-3) });
    const later = member.items
      .filter((i) => Date.parse(i.windowStart) > Date.now())
      .sort((a, b) => a.windowStart.localeCompare(b.windowStart))[0];
    const answer = await t.http
      .get(`/api/members/${member.id}/availability`)
      .query({ item: later.id })
      .set(t.auth({ role: 'member', subjectId: member.id }));
    expect(answer.status).toBe(200);
    expect(answer.body.bookableFrom).toBe(later.windowStart);
    expect(answer.body.rescheduling).toBeNull();
  });

  it('booking page: what, when, where, the adviser’s first name and role only, and the rules; 404 for another member', async () => {
    const { member, first, asMember, bookingId } = await bookedFollowUp();
    const page = await t.http.get(`/api/bookings/${bookingId}/details`).set(asMember);
    expect(page.status).toBe(200);
    const [staff] = await t.db.query(`SELECT name, role FROM staff WHERE id = $1`, [adviser.id]);
    expect(page.body).toMatchObject({
      id: bookingId,
      status: 'booked',
      memberId: member.id,
      activityCode: 'follow-up',
      activityNameDa: 'Jobopfølgning',
      activityNameEn: 'Job follow-up',
      channel: 'in-person',
      start: first.start,
      end: first.end,
      office: { id: office.id, city: expect.any(String), street: expect.any(String), postcode: expect.any(String) },
      staff: [{ firstName: staff.name.split(' ')[0], role: staff.role }],
      rules: { canCancel: true, canReschedule: true, changeUntil: first.start, seatGoesToWaitlist: false },
    });
    expect(page.body.mapUrl).toMatch(/^https:\/\/www\.openstreetmap\.org\/\?mlat=/);
    expect(JSON.stringify(page.body)).not.toContain(staff.name.split(' ').slice(1).join(' ') || '\u0000');

    const other = await createMember(t, office, { firstUnemploymentDay: dateFromToday(-30) });
    expect(
      (await t.http.get(`/api/bookings/${bookingId}/details`).set(t.auth({ role: 'member', subjectId: other.id })))
        .status,
    ).toBe(404);
    expect((await t.http.get(`/api/bookings/${bookingId}/details`).set(t.auth(CENTRAL))).status).toBe(200);

    await t.http.post(`/api/bookings/${bookingId}/cancel`).set(asMember).send({});
    const cancelled = await t.http.get(`/api/bookings/${bookingId}/details`).set(asMember);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', rules: { canCancel: false, canReschedule: false } });
  });

  it('booking .ics: one event with the UID and SEQUENCE of the member’s feed; 404 for another member, 401 without a token', async () => {
    const { member, second, asMember, bookingId } = await bookedFollowUp();
    await t.http.post(`/api/bookings/${bookingId}/reschedule`).set(asMember).send({ slotId: second.id });
    const ics = await t.http
      .get(`/api/bookings/${bookingId}/calendar.ics`)
      .set(asMember)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => done(null, text));
      });
    expect(ics.status).toBe(200);
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
    expect(ics.headers['content-disposition']).toMatch(/attachment; filename="booking-.+\.ics"/);
    const body = ics.body as string;
    expect(body.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    const [row] = await t.db.query(`SELECT ical_uid, ical_sequence FROM booking WHERE id = $1`, [bookingId]);
    expect(body).toContain(`UID:${row.ical_uid}`);
    expect(body).toContain(`SEQUENCE:${row.ical_sequence}`);
    expect(row.ical_sequence).toBeGreaterThan(0);

    const link = await t.http.post('/api/calendar/feeds').set(asMember).send({ kind: 'member', subjectId: member.id });
    expect(link.status).toBe(201);
    const feed = await t.http
      .get(new URL(link.body.url).pathname)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => done(null, text));
      });
    const event = (text: string) =>
      /BEGIN:VEVENT[\s\S]*?END:VEVENT/
        .exec(text)![0]
        .split('\r\n')
        .filter((l) => !l.startsWith('DTSTAMP'))
        .join('\r\n');
    expect(event(body)).toBe(event(feed.body as string));

    const other = await createMember(t, office, { firstUnemploymentDay: dateFromToday(-30) });
    expect(
      (await t.http.get(`/api/bookings/${bookingId}/calendar.ics`).set(t.auth({ role: 'member', subjectId: other.id })))
        .status,
    ).toBe(404);
    expect((await t.http.get(`/api/bookings/${bookingId}/calendar.ics`)).status).toBe(401);
  });

  it('waiting list: a full session is offered to wait for, the member sees their place, and a promotion shows on the timeline', async () => {
    const sessionDate = nextWeekday(3, 23);
    const [a, b, waiting] = await netcafeMembers(t, office, 3, sessionDate);
    const session = await scheduleNetcafe(t, office, adviser.id, sessionDate, '12:00', {
      capacity: 2,
      minParticipants: 2,
    });
    expect(session.status).toBe(201);
    const bookA = await t.http
      .post('/api/bookings')
      .set(t.auth(CENTRAL))
      .send({ memberId: a.id, programmeItemId: itemOf(a, 'netcafe').id, sessionId: session.body.id });
    await t.http
      .post('/api/bookings')
      .set(t.auth(CENTRAL))
      .send({ memberId: b.id, programmeItemId: itemOf(b, 'netcafe').id, sessionId: session.body.id });

    const asWaiting = t.auth({ role: 'member', subjectId: waiting.id });
    const item = itemOf(waiting, 'netcafe');
    const offered = await t.http.get(`/api/members/${waiting.id}/availability`).query({ item: item.id }).set(asWaiting);
    expect(offered.status).toBe(200);
    expect((offered.body.options as { id: string }[]).map((o) => o.id)).not.toContain(session.body.id);
    const full = (
      offered.body.fullSessions as { id: string; waitlistPosition: number | null; officeName: string }[]
    ).find((s) => s.id === session.body.id);
    expect(full).toMatchObject({ waitlistPosition: null, officeName: expect.any(String) });

    const joined = await t.http
      .post(`/api/sessions/${session.body.id}/waitlist`)
      .set(asWaiting)
      .send({ memberId: waiting.id, programmeItemId: item.id });
    expect(joined.status).toBe(201);
    const again = await t.http.get(`/api/members/${waiting.id}/availability`).query({ item: item.id }).set(asWaiting);
    expect(
      (again.body.fullSessions as { id: string; waitlistPosition: number | null }[]).find(
        (s) => s.id === session.body.id,
      )?.waitlistPosition,
    ).toBe(1);
    const mine = await t.http.get(`/api/sessions/${session.body.id}`).set(asWaiting);
    expect(mine.body.mine).toEqual({ bookingId: null, waitlistPosition: 1 });
    expect(mine.body.participants).toBeUndefined();
    let programme = await t.http.get(`/api/members/${waiting.id}/programme`).set(asWaiting);
    expect(programme.body.items.find((i: { id: string }) => i.id === item.id).waitlist).toEqual([
      { sessionId: session.body.id, position: 1 },
    ]);

    await t.http
      .post(`/api/bookings/${bookA.body.id}/cancel`)
      .set(t.auth({ role: 'member', subjectId: a.id }))
      .send({});
    programme = await t.http.get(`/api/members/${waiting.id}/programme`).set(asWaiting);
    const promoted = programme.body.items.find((i: { id: string }) => i.id === item.id);
    expect(promoted).toMatchObject({
      status: 'booked',
      waitlist: [],
      booking: { sessionId: session.body.id, fromWaitlist: true },
    });
    const seat = await t.http.get(`/api/sessions/${session.body.id}`).set(asWaiting);
    expect(seat.body.mine).toEqual({ bookingId: promoted.booking.id, waitlistPosition: null });
  });

  it('attendance on a one-to-one meeting: a second click changes nothing, a correction is audited, a rebooked item is not closed', async () => {
    const member = await createMember(t, office, { firstUnemploymentDay: dateFromToday(-30) });
    const item = itemOf(member, 'follow-up');
    const start = await freeStartBefore(t, [adviser.id], new Date(Date.now() - 2 * 86_400_000), 30);
    const [{ id: bookingId }] = await t.db.query(
      `WITH s AS (INSERT INTO slot (office_id, staff_id, activity_codes, channel, during, status)
                  VALUES ($1, $2, '{follow-up}', 'in-person', tstzrange($5, $5::timestamptz + interval '30 minutes'), 'open') RETURNING id, during, office_id)
       INSERT INTO booking (member_id, programme_item_id, slot_id, office_id, activity_code, channel, during, status, booked_by_role)
       SELECT $3, $4, s.id, s.office_id, 'follow-up', 'in-person', s.during, 'booked', 'adviser' FROM s RETURNING id`,
      [office.id, adviser.id, member.id, item.id, start],
    );
    await t.db.query(`UPDATE programme_item SET status = 'booked' WHERE id = $1`, [item.id]);
    const staff = t.auth({ role: 'adviser', subjectId: adviser.id, departmentId: office.departmentId });
    const mark = (attended: boolean) =>
      t.http.post(`/api/bookings/${bookingId}/attendance`).set(staff).send({ attended });
    const itemStatus = async () =>
      (await t.db.query(`SELECT status FROM programme_item WHERE id = $1`, [item.id]))[0].status;
    const audits = async () =>
      (await t.db.query(`SELECT action, before, after FROM audit_event WHERE entity_id = $1 ORDER BY id`, [
        bookingId,
      ])) as { action: string; before: unknown; after: unknown }[];

    expect((await mark(true)).body.status).toBe('attended');
    const again = await mark(true);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('attended');
    expect((await audits()).map((a) => a.action)).toEqual(['attended']);
    expect(await itemStatus()).toBe('done');

    const corrected = await mark(false);
    expect(corrected.status).toBe(200);
    expect(corrected.body.status).toBe('no-show');
    expect(await itemStatus()).toBe('open');
    expect((await audits()).at(-1)).toEqual({
      action: 'attendance-corrected',
      before: { status: 'attended' },
      after: { status: 'no-show' },
    });

    // The reopened item is booked again: the old meeting can no longer close it.
    const slot = await publishSlot(nextWeekday(5, 2), '08:00', ['follow-up']);
    expect(
      (
        await t.http
          .post('/api/bookings')
          .set(t.auth(CENTRAL))
          .send({ memberId: member.id, programmeItemId: item.id, slotId: slot.id })
      ).status,
    ).toBe(201);
    const refused = await mark(true);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('ITEM_REBOOKED');
    expect(await itemStatus()).toBe('booked');

    // The past meeting's time has begun: the office can no longer cancel it (and with it the member's booking).
    const [{ slotId }] = await t.db.query(`SELECT slot_id AS "slotId" FROM booking WHERE id = $1`, [bookingId]);
    const late = await t.http.delete(`/api/slots/${slotId}`).set(staff).send({});
    expect([late.status, late.body.code]).toEqual([409, 'SLOT_STARTED']);
    const [{ status }] = await t.db.query(`SELECT status FROM booking WHERE id = $1`, [bookingId]);
    expect(status).toBe('no-show');
  });
});
