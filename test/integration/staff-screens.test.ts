import {
  adviserAt,
  CENTRAL,
  copenhagen,
  createMembers,
  dateFromToday,
  freeTime,
  itemOf,
  mainOffice,
  nextWeekday,
  netcafeMembers,
  scheduleNetcafe,
  type MainOffice,
} from '../support/booking-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

// What the advisers' and local offices' screens need from the API: a dry run of a publishing pattern, the booked
// member on the office's slots, and a session's participants in one request.

describe('staff screens API', () => {
  let t: TestApp;
  let office: MainOffice;
  let elsewhere: MainOffice;
  let adviser: { id: string; departmentId: string };
  let asAdviser: { Authorization: string };

  beforeAll(async () => {
    t = await createTestApp();
    office = await mainOffice(t, 'Svendborg');
    elsewhere = await mainOffice(t, 'Aalborg');
    expect(elsewhere.departmentId).not.toBe(office.departmentId);
    // The office's last adviser: the other tests of this file lead sessions with the first.
    const advisers = (
      await t.http.get('/api/staff').query({ officeId: office.id, role: 'adviser' }).set(t.auth(CENTRAL))
    ).body as { id: string; departmentId: string }[];
    expect(advisers.length).toBeGreaterThan(1);
    adviser = advisers[advisers.length - 1];
    asAdviser = t.auth({ role: 'adviser', subjectId: adviser.id, departmentId: office.departmentId });
  });
  afterAll(() => t.close());

  /** Monday and Wednesday mornings of a week beyond the demo schedule's eight weeks. */
  function pattern() {
    const monday = nextWeekday(1, 70);
    return {
      staffId: adviser.id,
      activityCodes: ['follow-up'],
      channel: 'in-person',
      from: monday,
      to: new Date(Date.parse(`${monday}T12:00:00Z`) + 4 * 86_400_000).toISOString().slice(0, 10),
      pattern: [1, 3].map((weekday) => ({ weekday, start: '09:00', end: '11:00', slotMinutes: 30 })),
    };
  }
  const slotCount = async () =>
    Number((await t.db.query(`SELECT count(*)::int AS n FROM slot WHERE staff_id = $1`, [adviser.id]))[0].n);

  it('previews a pattern per day and writes nothing; publishing then creates exactly those slots', async () => {
    const body = pattern();
    const before = await slotCount();
    const preview = await t.http.post(`/api/offices/${office.id}/slots/bulk/preview`).set(asAdviser).send(body);
    expect(preview.status).toBe(200);
    expect(await slotCount()).toBe(before);
    const days = preview.body.days as { date: string; slots: number }[];
    expect(days.length).toBeGreaterThan(0);
    expect(days.every((d) => d.slots === 4)).toBe(true);
    expect(preview.body.created).toBe(days.reduce((sum, d) => sum + d.slots, 0));
    expect(preview.body.slots).toHaveLength(preview.body.created);
    expect(preview.body).not.toHaveProperty('slotIds');

    const published = await t.http.post(`/api/offices/${office.id}/slots/bulk`).set(asAdviser).send(body);
    expect(published.status).toBe(201);
    expect(published.body.created).toBe(preview.body.created);
    const starts = (
      await t.db.query(`SELECT lower(during) AS start FROM slot WHERE id = ANY($1::uuid[]) ORDER BY 1`, [
        published.body.slotIds,
      ])
    ).map((r: { start: Date }) => r.start.toISOString());
    expect(starts).toEqual((preview.body.slots as { start: string }[]).map((s) => s.start).sort());
  });

  it('reports times published before as ALREADY_PUBLISHED, and a clash with a session as STAFF_BUSY', async () => {
    const body = pattern();
    const again = await t.http.post(`/api/offices/${office.id}/slots/bulk/preview`).set(asAdviser).send(body);
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(0);
    const reasons = new Set((again.body.skipped as { reason: string }[]).map((s) => s.reason));
    expect(reasons).toEqual(new Set(['ALREADY_PUBLISHED']));
    const republished = await t.http.post(`/api/offices/${office.id}/slots/bulk`).set(asAdviser).send(body);
    expect(republished.body.skipped.map((s: { reason: string }) => s.reason)).toEqual(
      again.body.skipped.map((s: { reason: string }) => s.reason),
    );

    // The same adviser leads a session on the Tuesday after; a pattern over it clashes.
    const tuesday = new Date(Date.parse(`${body.from}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const room = office.rooms.find((r) => r.seats >= 4)!;
    const time = await freeTime(t, office.id, tuesday, 120, {
      staffIds: [adviser.id],
      roomId: room.id,
      preferred: '09:00',
    });
    const session = await t.http
      .post(`/api/offices/${office.id}/sessions`)
      .set(t.auth(CENTRAL))
      .send({ activityCode: 'netcafe', roomId: room.id, leaderIds: [adviser.id], start: copenhagen(tuesday, time) });
    if (session.status !== 201) throw new Error(JSON.stringify(session.body));
    const end = `${String(Number(time.slice(0, 2)) + 2).padStart(2, '0')}${time.slice(2)}`;
    const clash = await t.http
      .post(`/api/offices/${office.id}/slots/bulk/preview`)
      .set(asAdviser)
      .send({ ...body, pattern: [{ weekday: 2, start: time, end, slotMinutes: 60 }] });
    expect(clash.status).toBe(200);
    expect(
      (clash.body.skipped as { date: string; reason: string }[]).filter((s) => s.date === tuesday).map((s) => s.reason),
    ).toEqual(['STAFF_BUSY', 'STAFF_BUSY']);
  });

  it('checks a preview as it checks publishing: the same 422 codes, 404 outside the department, 403 for a member', async () => {
    const body = pattern();
    const backwards = await t.http
      .post(`/api/offices/${office.id}/slots/bulk/preview`)
      .set(asAdviser)
      .send({ ...body, from: body.to, to: body.from });
    expect(backwards.status).toBe(422);
    expect(backwards.body.code).toBe('INVALID_PERIOD');
    // JobStarter meetings are held by pre-unemployment staff, not advisers: the preview refuses as publishing does.
    for (const path of ['bulk/preview', 'bulk']) {
      const badActivity = await t.http
        .post(`/api/offices/${office.id}/slots/${path}`)
        .set(asAdviser)
        .send({ ...body, activityCodes: ['jobstarter'] });
      expect([path, badActivity.status, badActivity.body.code]).toEqual([path, 422, 'STAFF_CANNOT_LEAD']);
    }
    const other = await t.http.post(`/api/offices/${elsewhere.id}/slots/bulk/preview`).set(asAdviser).send(body);
    expect(other.status).toBe(404);
    const member = await t.http
      .post(`/api/offices/${office.id}/slots/bulk/preview`)
      .set(t.auth({ role: 'member', subjectId: adviser.id }))
      .send(body);
    expect(member.status).toBe(403);
  });

  it('names the booked member (number and name) on the office’s slots', async () => {
    const [member] = await createMembers(t, office, 1, { firstUnemploymentDay: dateFromToday(-30) });
    const date = nextWeekday(2, 3);
    const time = await freeTime(t, office.id, date, 30, { staffIds: [adviser.id], preferred: '08:00' });
    const slot = await t.http
      .post(`/api/offices/${office.id}/slots`)
      .set(asAdviser)
      .send({
        staffId: adviser.id,
        activityCodes: ['follow-up'],
        channel: 'in-person',
        start: copenhagen(date, time),
        end: new Date(Date.parse(copenhagen(date, time)) + 30 * 60_000).toISOString(),
      });
    expect(slot.status).toBe(201);
    const booked = await t.http
      .post('/api/bookings')
      .set(asAdviser)
      .send({ memberId: member.id, programmeItemId: itemOf(member, 'follow-up').id, slotId: slot.body.id });
    expect(booked.status).toBe(201);
    const list = await t.http.get(`/api/offices/${office.id}/slots`).query({ from: date, to: date }).set(asAdviser);
    const [row] = await t.db.query(`SELECT member_number, name FROM member WHERE id = $1`, [member.id]);
    expect((list.body as { id: string }[]).find((s) => s.id === slot.body.id)).toMatchObject({
      memberId: member.id,
      memberNumber: row.member_number,
      memberName: row.name,
      bookingStatus: 'booked',
    });
  });

  it('lists a session’s participants and waiting list in one answer, named one way, to the session’s department whatever the members’ department', async () => {
    const sessionDate = nextWeekday(3, 23);
    const [a, b, waiting] = await netcafeMembers(t, office, 3, sessionDate);
    const leader = await adviserAt(t, office.id, 0);
    const session = await scheduleNetcafe(t, office, leader.id, sessionDate, '12:00', {
      capacity: 2,
      minParticipants: 2,
    });
    if (session.status !== 201) throw new Error(JSON.stringify(session.body));
    for (const m of [a, b]) {
      const booked = await t.http
        .post('/api/bookings')
        .set(t.auth(CENTRAL))
        .send({ memberId: m.id, programmeItemId: itemOf(m, 'netcafe').id, sessionId: session.body.id });
      expect(booked.status).toBe(201);
    }
    const joined = await t.http
      .post(`/api/sessions/${session.body.id}/waitlist`)
      .set(t.auth(CENTRAL))
      .send({ memberId: waiting.id, programmeItemId: itemOf(waiting, 'netcafe').id });
    expect(joined.status).toBe(201);
    // Member b has since moved to another department's office, and a's name was erased from the record.
    await t.db.query(`UPDATE member SET home_office_id = $2 WHERE id = $1`, [b.id, elsewhere.id]);
    await t.db.query(`UPDATE member SET name = NULL WHERE id = $1`, [a.id]);
    type Row = { id: string; member_number: string; name: string | null };
    const rows: Row[] = await t.db.query(`SELECT id, member_number, name FROM member WHERE id = ANY($1::uuid[])`, [
      [a.id, b.id, waiting.id],
    ]);
    const numbers = new Map(rows.map((r) => [r.id, r]));

    const answer = await t.http.get(`/api/sessions/${session.body.id}/participants`).set(asAdviser);
    expect(answer.status).toBe(200);
    expect(answer.body.participants).toEqual([
      expect.objectContaining({
        memberId: a.id,
        label: numbers.get(a.id)!.member_number,
        name: null,
        status: 'booked',
      }),
      expect.objectContaining({
        memberId: b.id,
        label: `${numbers.get(b.id)!.name} (${numbers.get(b.id)!.member_number})`,
        status: 'booked',
      }),
    ]);
    expect(answer.body.waitlist).toEqual([
      {
        memberId: waiting.id,
        memberNumber: numbers.get(waiting.id)!.member_number,
        name: numbers.get(waiting.id)!.name,
        position: 1,
        label: `${numbers.get(waiting.id)!.name} (${numbers.get(waiting.id)!.member_number})`,
      },
    ]);
    // The member record itself is out of the adviser's reach now: one request per person was the 404 the page showed.
    expect((await t.http.get(`/api/members/${b.id}`).set(asAdviser)).status).toBe(404);

    const otherAdviser = await adviserAt(t, elsewhere.id, 0);
    expect(
      (
        await t.http
          .get(`/api/sessions/${session.body.id}/participants`)
          .set(t.auth({ role: 'adviser', subjectId: otherAdviser.id, departmentId: elsewhere.departmentId }))
      ).status,
    ).toBe(404);
    expect(
      (
        await t.http
          .get(`/api/sessions/${session.body.id}/participants`)
          .set(t.auth({ role: 'member', subjectId: b.id }))
      ).status,
    ).toBe(403);
    expect(
      (await t.http.get(`/api/sessions/00000000-0000-4000-8000-000000000000/participants`).set(asAdviser)).status,
    ).toBe(404);
    expect((await t.http.get(`/api/sessions/${session.body.id}/participants`).set(t.auth(CENTRAL))).status).toBe(200);
  });
});
